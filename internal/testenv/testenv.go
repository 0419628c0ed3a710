// Package testenv is where the tests that need data outside the
// repository find it, and what they do when it is absent: the book's
// weight files, the MNIST files, and the full-length runs.
//
// On a fresh clone without the data such a test skips, and its message
// says how to enable it. Where the data must be there (CI), setting
// DLFS_REQUIRE_DATA=1 turns every such skip into a failure, so that a
// test that silently stopped running cannot pass as "ok".
//
// The switches, all read from the environment:
//
//   - DLFS_BOOK_WEIGHTS: the folder that holds the book's weight files
//     (ch03_sample_weight.pkl, ...); by default ../shared/book-weights
//     beside the module root, which is where CI keeps them.
//   - MNIST_DIR: the MNIST files, else the Go module proxy (data/mnist.Find).
//   - DLFS_FULL=1: run the full-length checks (whole training runs of the
//     book's scripts, gradient checks over every parameter), which take
//     minutes and are skipped otherwise.
//   - DLFS_REQUIRE_DATA=1: fail, instead of skipping, a test whose data is
//     missing.
package testenv

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/dlfs-go/dlfs/data/mnist"
)

// The environment variables this package reads.
const (
	EnvBookWeights = "DLFS_BOOK_WEIGHTS"
	EnvRequire     = "DLFS_REQUIRE_DATA"
	EnvFull        = "DLFS_FULL"
)

// SkipMarker ends every skip message of this package; CI searches the
// output of go test -v for it to be sure that no data test skipped.
const SkipMarker = "(set " + EnvRequire + "=1 to fail instead of skipping)"

// TB is the part of testing.TB this package uses.
type TB interface {
	Helper()
	Log(args ...any)
	Skip(args ...any)
	Fatal(args ...any)
}

var _ TB = testing.TB(nil)

// Required reports whether DLFS_REQUIRE_DATA asks for missing data to be a
// failure.
func Required() bool { return isSet(os.Getenv(EnvRequire)) }

// isSet reports whether a switch's value turns it on: anything but "", "0"
// and "false".
func isSet(v string) bool { return v != "" && v != "0" && v != "false" }

// Unavailable ends the test because what it needs is unavailable: a skip
// whose message is why and how to enable the test, or, under
// DLFS_REQUIRE_DATA, a failure with the same message.
func Unavailable(t TB, why, enable string) {
	t.Helper()
	if Required() {
		t.Fatal(why + "; " + enable + " (" + EnvRequire + " is set, so this is a failure)")
	}
	t.Skip(why + "; " + enable + " " + SkipMarker)
}

// ModuleRoot returns the folder of the go.mod that encloses the working
// directory (a test runs in its package's folder).
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("testenv: no go.mod above the working directory")
		}
		dir = parent
	}
}

// BookWeightsDir returns where the book's weight files are looked for:
// $DLFS_BOOK_WEIGHTS, else ../shared/book-weights beside the module root.
func BookWeightsDir() (string, error) {
	if dir := os.Getenv(EnvBookWeights); dir != "" {
		return dir, nil
	}
	root, err := ModuleRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(root), "shared", "book-weights"), nil
}

// BookWeights returns the path of the book's weight file name (say
// "ch03_sample_weight.pkl") in BookWeightsDir, and skips the test (fails
// it under DLFS_REQUIRE_DATA) when it is not there.
func BookWeights(t TB, name string) string {
	t.Helper()
	dir, err := BookWeightsDir()
	if err != nil {
		Unavailable(t, "the book's weight files: "+err.Error(), "set "+EnvBookWeights+" to the folder that holds them")
		return ""
	}
	path := filepath.Join(dir, name)
	if _, err := os.Stat(path); err != nil {
		Unavailable(t, fmt.Sprintf("the book's weight file %s is not available: %v", name, err),
			"set "+EnvBookWeights+" to the folder that holds the book's weight files, or put them in ../shared/book-weights beside the clone")
		return ""
	}
	return path
}

// MNIST returns the folder of the MNIST files as the programs find them
// (data/mnist.Find: $MNIST_DIR, else the Go module proxy), and skips the
// test (fails it under DLFS_REQUIRE_DATA) when they cannot be found.
func MNIST(t TB) string {
	t.Helper()
	dir, err := mnist.Find("", io.Discard)
	if err != nil {
		// Find's error ends with a paragraph on how to supply the files;
		// its first line says what is wrong.
		Unavailable(t, "MNIST is not available: "+firstLine(err.Error()),
			"set "+mnist.EnvVar+" to a folder holding the four IDX files, or allow the go command to reach the Go module proxy")
		return ""
	}
	return dir
}

// Full skips a full-length check (a test that takes minutes) unless
// DLFS_FULL is set; what names the check. DLFS_FULL wins over -short: a
// full-length check that was asked for runs, and logs FullMarker.
func Full(t TB, what string) {
	t.Helper()
	if !isSet(os.Getenv(EnvFull)) {
		t.Skip(what + " is a full-length check; set " + EnvFull + "=1 to run it")
	}
	t.Log(FullMarker + what)
}

// FullMarker starts the line a full-length check logs when it runs; CI
// lists these lines from the output of go test -v.
const FullMarker = "full-length check running: "

func firstLine(s string) string {
	for i := range len(s) {
		if s[i] == '\n' {
			return s[:i]
		}
	}
	return s
}

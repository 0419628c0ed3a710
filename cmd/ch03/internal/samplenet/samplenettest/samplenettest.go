// Package samplenettest holds the checks the two ch03 inference twins
// share.
package samplenettest

import (
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
	"github.com/dlfs-go/dlfs/internal/testenv"
)

// RunFunc is a twin's run function.
type RunFunc = func(args []string, stdout, stderr io.Writer) error

// BookWeights returns the path of the book's sample_weight.pkl (see
// testenv.BookWeights: $DLFS_BOOK_WEIGHTS, or ../shared/book-weights
// beside the repository; the file is never committed). It skips the test,
// or fails it under DLFS_REQUIRE_DATA, when the file or MNIST is
// unavailable.
func BookWeights(t *testing.T) string {
	t.Helper()
	path := testenv.BookWeights(t, "ch03_sample_weight.pkl")
	testenv.MNIST(t)
	return path
}

// CheckAccuracy runs the twin with the book's weights and returns its
// output lines, failing unless the last one is Accuracy:0.9352, which
// NumPy prints with the same file.
func CheckAccuracy(t *testing.T, run RunFunc) []string {
	t.Helper()
	out := clitest.Run(t, run, "-weights", BookWeights(t))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if last := lines[len(lines)-1]; last != "Accuracy:0.9352" {
		t.Errorf("last line %q, want Accuracy:0.9352", last)
	}
	return lines
}

// CheckMissingWeights checks that a missing weights file gives an error
// saying where the book keeps it.
func CheckMissingWeights(t *testing.T, run RunFunc) {
	t.Helper()
	testenv.MNIST(t)
	err := run([]string{"-weights", filepath.Join(t.TempDir(), "sample_weight.pkl")}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "ch03/sample_weight.pkl") {
		t.Errorf("error %v, want one saying where the book keeps the file", err)
	}
}

// Package samplenettest holds the checks the two ch03 inference twins
// share.
package samplenettest

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// RunFunc is a twin's run function.
type RunFunc = func(args []string, stdout, stderr io.Writer) error

// BookWeights returns the path of the book's sample_weight.pkl: from
// $DLFS_BOOK_WEIGHTS, or the shared folder next to the repository (the
// file is never committed). It skips the test when the file or MNIST is
// unavailable.
func BookWeights(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("DLFS_BOOK_WEIGHTS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "..", "shared", "book-weights")
	}
	path := filepath.Join(dir, "ch03_sample_weight.pkl")
	if _, err := os.Stat(path); err != nil {
		t.Skip("the book's weights are not available:", err)
	}
	if _, err := mnist.Find("", io.Discard); err != nil {
		t.Skip("MNIST not available:", err)
	}
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
	if _, err := mnist.Find("", io.Discard); err != nil {
		t.Skip("MNIST not available:", err)
	}
	err := run([]string{"-weights", filepath.Join(t.TempDir(), "sample_weight.pkl")}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "ch03/sample_weight.pkl") {
		t.Errorf("error %v, want one saying where the book keeps the file", err)
	}
}

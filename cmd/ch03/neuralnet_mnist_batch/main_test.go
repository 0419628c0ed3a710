package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// bookWeights returns the path of the book's sample_weight.pkl: from
// $DLFS_BOOK_WEIGHTS, or the shared folder next to the repository. The
// file is never committed.
func bookWeights(t *testing.T) string {
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

// TestAccuracy: NumPy prints Accuracy:0.9352 with the same file.
func TestAccuracy(t *testing.T) {
	out := clitest.Run(t, run, "-weights", bookWeights(t))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if last := lines[len(lines)-1]; last != "Accuracy:0.9352" {
		t.Errorf("last line %q, want Accuracy:0.9352", last)
	}
	if len(lines) != 101 || lines[0] != "(100,)" || lines[99] != "(100,)" {
		t.Errorf("want 100 lines (100,) before the accuracy, got %d lines", len(lines))
	}
}

func TestMissingWeights(t *testing.T) {
	err := run([]string{"-weights", filepath.Join(t.TempDir(), "sample_weight.pkl")}, io.Discard, io.Discard)
	if _, ferr := mnist.Find("", io.Discard); ferr != nil {
		t.Skip("MNIST not available:", ferr)
	}
	if err == nil || !strings.Contains(err.Error(), "ch03/sample_weight.pkl") {
		t.Errorf("error %v, want one saying where the book keeps the file", err)
	}
}

package main

import (
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/cmd/ch03/internal/samplenet/samplenettest"
)

// TestAccuracy: the script prints one line, Accuracy:0.9352, as NumPy
// does with the same file (shared/tools/run_book.py BOOK 0
// ch03/neuralnet_mnist_batch.py).
func TestAccuracy(t *testing.T) {
	if lines := samplenettest.CheckAccuracy(t, run); len(lines) != 1 {
		t.Errorf("%d lines, want the accuracy's alone:\n%s", len(lines), strings.Join(lines, "\n"))
	}
}

func TestMissingWeights(t *testing.T) { samplenettest.CheckMissingWeights(t, run) }

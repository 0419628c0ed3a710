package main

import (
	"testing"

	"github.com/dlfs-go/dlfs/cmd/ch03/internal/samplenet/samplenettest"
)

// TestAccuracy: the script prints (100,) for each of the 100 batches, then
// Accuracy:0.9352, as NumPy does with the same file.
func TestAccuracy(t *testing.T) {
	lines := samplenettest.CheckAccuracy(t, run)
	if len(lines) != 101 || lines[0] != "(100,)" || lines[99] != "(100,)" {
		t.Errorf("want 100 lines (100,) before the accuracy, got %d lines", len(lines))
	}
}

func TestMissingWeights(t *testing.T) { samplenettest.CheckMissingWeights(t, run) }

package main

import (
	"testing"

	"github.com/dlfs-go/dlfs/cmd/internal/mnisttrain/traintest"
)

// TestTwin checks that seeded runs print the accuracy lines of the book's
// ch04 script run with NumPy, character for character: short runs recorded
// in testdata/numpy_short_runs.txt (seeds 0 and 3; skipped with -short),
// and the full run with np.random.seed(0) prepended
// (testdata/ch04_train_neuralnet_seed0.txt; run with DLFS_FULL=1).
func TestTwin(t *testing.T) {
	traintest.CheckTwin(t, run, "ch04_train_neuralnet_seed0.txt")
}

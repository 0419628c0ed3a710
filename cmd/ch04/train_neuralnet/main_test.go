package main

import (
	"testing"

	"github.com/dlfs-go/dlfs/cmd/internal/mnisttrain/traintest"
)

// TestTwin compares seeded runs with the book's ch04 script run with NumPy:
// short runs recorded in testdata/numpy_short_runs.txt, and the full run
// with np.random.seed(0) prepended (testdata/ch04_train_neuralnet_seed0.txt).
func TestTwin(t *testing.T) {
	traintest.CheckTwin(t, run, "ch04_train_neuralnet_seed0.txt")
}

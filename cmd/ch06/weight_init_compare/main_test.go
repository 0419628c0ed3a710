package main

import (
	"testing"

	"github.com/dlfs-go/dlfs/cmd/ch06/internal/mnistcompare/comparetest"
)

// TestTwin: seeded runs against NumPy's (201 iterations, and the whole
// run as a full-length check), and bad inputs; see comparetest.CheckTwin.
func TestTwin(t *testing.T) {
	comparetest.CheckTwin(t, run, "ch06_weight_init_compare_seed0.txt", "2000 iterations of three nets")
}

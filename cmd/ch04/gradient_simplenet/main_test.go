package main

import (
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestTwin checks that the program prints what the book's script prints
// with np.random.seed(0) and np.random.seed(3) prepended (NumPy 1.24.2,
// shared/tools/run_book.py BOOK S ch04/gradient_simplenet.py).
func TestTwin(t *testing.T) {
	clitest.TextTwin(t, run, "[[ 0.44452826  0.14014461 -0.58467287]\n [ 0.66679239  0.21021692 -0.87700931]]\n")
	want3 := "[[ 0.14082852  0.26080313 -0.40163165]\n [ 0.21124278  0.3912047  -0.60244748]]\n"
	if got := clitest.Run(t, run, "-seed", "3"); got != want3 {
		t.Errorf("-seed 3: output\n%s\nwant (NumPy)\n%s", got, want3)
	}
}

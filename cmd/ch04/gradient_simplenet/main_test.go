package main

import (
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestTwin checks that the program prints what the book's script prints with np.random.seed(0) prepended.
func TestTwin(t *testing.T) {
	clitest.TextTwin(t, run, "[[ 0.18825356  0.1571256  -0.34537917]\n [ 0.24532368  0.2047591  -0.45008278]]\n")
}

package main

import (
	"path/filepath"
	"testing"

	"github.com/dlfs-go/dlfs/cmd/ch08/internal/deepweights/deeptest"
	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestTwin: NumPy prints the accuracy 0.9797 and these twenty pairs with
// the book's weights; the figure is an SVG file.
func TestTwin(t *testing.T) {
	fig := filepath.Join(t.TempDir(), "misclassified_mnist.svg")
	deeptest.CheckTwin(t, run, "misclassified_mnist", "-o", fig)
	clitest.CheckSVG(t, fig)
}

func TestBadInputs(t *testing.T) { deeptest.CheckBadWeights(t, run) }

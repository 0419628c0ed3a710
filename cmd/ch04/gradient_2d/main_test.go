package main

import (
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestTwin checks the output (the script prints nothing) and the SVG figure.
func TestTwin(t *testing.T) {
	clitest.FigureTwin(t, run, "gradient_2d.svg", "figure: DIR/gradient_2d.svg\n")
}

// TestFigureData compares the arrays the figure draws with those the
// book's script hands to matplotlib, run with NumPy (testdata/numpy_figure.txt).
func TestFigureData(t *testing.T) {
	X, Y, u, v := arrows()
	clitest.CheckFigureData(t,
		clitest.Series{Key: "quiver0.0", Got: X},
		clitest.Series{Key: "quiver0.1", Got: Y},
		clitest.Series{Key: "quiver0.2", Got: u},
		clitest.Series{Key: "quiver0.3", Got: v},
	)
}

package main

import (
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestTwin checks the output (the script prints nothing) and the SVG figure.
func TestTwin(t *testing.T) {
	clitest.FigureTwin(t, run, "sigmoid.svg", "figure: DIR/sigmoid.svg\n")
}

// TestFigureData compares the arrays the figure draws with those the
// book's script hands to matplotlib, run with NumPy (testdata/numpy_figure.txt).
func TestFigureData(t *testing.T) {
	x, y := curve()
	clitest.CheckFigureData(t,
		clitest.Series{Key: "plot0.0", Got: x},
		clitest.Series{Key: "plot0.1", Got: y, Approx: true}, // exp rounds differently from glibc
	)
}

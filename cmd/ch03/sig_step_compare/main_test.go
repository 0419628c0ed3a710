package main

import (
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestTwin checks the output (the script prints nothing) and the SVG figure.
func TestTwin(t *testing.T) {
	clitest.FigureTwin(t, run, "sig_step_compare.svg", "figure: DIR/sig_step_compare.svg\n")
}

// TestFigureData compares the arrays the figure draws with those the
// book's script hands to matplotlib, run with NumPy (testdata/numpy_figure.txt).
func TestFigureData(t *testing.T) {
	x, y1, y2 := curves()
	clitest.CheckFigureData(t,
		clitest.Series{Key: "plot0.0", Got: x},
		clitest.Series{Key: "plot0.1", Got: y1, Approx: true}, // exp rounds differently from glibc
		clitest.Series{Key: "plot1.0", Got: x},
		clitest.Series{Key: "plot1.1", Got: y2},
	)
}

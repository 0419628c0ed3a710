package main

import (
	"io"
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestTwin checks the output (the derivative at 5, as the script prints it) and the SVG figure.
func TestTwin(t *testing.T) {
	clitest.FigureTwin(t, run, "gradient_1d.svg", "0.1999999999990898\nfigure: DIR/gradient_1d.svg\n")
}

// TestFigureData compares the arrays the figure draws with those the
// book's script hands to matplotlib, run with NumPy (testdata/numpy_figure.txt).
func TestFigureData(t *testing.T) {
	x, y, y2 := curves(io.Discard)
	clitest.CheckFigureData(t,
		clitest.Series{Key: "plot0.0", Got: x},
		clitest.Series{Key: "plot0.1", Got: y},
		clitest.Series{Key: "plot1.0", Got: x},
		clitest.Series{Key: "plot1.1", Got: y2},
	)
}

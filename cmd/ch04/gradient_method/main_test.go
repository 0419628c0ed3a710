package main

import (
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestTwin checks the output (the script prints nothing) and the SVG figure.
func TestTwin(t *testing.T) {
	clitest.FigureTwin(t, run, "gradient_method.svg", "figure: DIR/gradient_method.svg\n")
}

// TestFigureData compares the arrays the figure draws with those the
// book's script hands to matplotlib, run with NumPy (testdata/numpy_figure.txt).
func TestFigureData(t *testing.T) {
	h0, h1 := trajectory(0.1, 20)
	clitest.CheckFigureData(t,
		clitest.Series{Key: "plot0.0", Got: axisLines[0][0]},
		clitest.Series{Key: "plot0.1", Got: axisLines[0][1]},
		clitest.Series{Key: "plot1.0", Got: axisLines[1][0]},
		clitest.Series{Key: "plot1.1", Got: axisLines[1][1]},
		clitest.Series{Key: "plot2.0", Got: h0},
		clitest.Series{Key: "plot2.1", Got: h1},
	)
}

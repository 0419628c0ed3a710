package main

import (
	"path/filepath"
	"testing"

	"github.com/dlfs-go/dlfs/cmd/ch01/internal/sine"
	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestTwin checks the output (the script prints nothing) and the SVG figure.
func TestTwin(t *testing.T) {
	clitest.FigureTwin(t, run, "sin_graph.svg", "figure: DIR/sin_graph.svg\n")
}

// TestFigureData compares the arrays the figure draws with those the
// book's script hands to matplotlib, run with NumPy (testdata/numpy_figure.txt).
func TestFigureData(t *testing.T) {
	x, y := sine.Curve()
	clitest.CheckFigureData(t,
		clitest.Series{Key: "plot0.0", Got: x},
		clitest.Series{Key: "plot0.1", Got: y, Approx: true}, // sin may round differently from glibc
	)
}

// TestBadInputs: a bad command line or an -o that cannot be written is
// one error line, found before the figure is drawn.
func TestBadInputs(t *testing.T) {
	tmp := t.TempDir()
	missing := filepath.Join(tmp, "nope", "sin_graph.svg")
	clitest.CheckBadInputs(t, run, clitest.BadInputs{
		{"stray argument", []string{"x"}, `unexpected argument "x"`, true},
		{"unknown flag", []string{"-seed", "1"}, "flag provided but not defined: -seed", true},
		{"-o in a missing folder", []string{"-o", missing}, "-o: cannot write " + missing + ": the folder " + filepath.Dir(missing) + " does not exist", false},
		{"-o is a folder", []string{"-o", tmp}, "-o: cannot write " + tmp + ": it is a folder", false},
	})
}

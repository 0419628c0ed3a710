package main

import (
	"fmt"
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestTwin checks the output (the script prints nothing) and the SVG figure.
func TestTwin(t *testing.T) {
	clitest.FigureTwin(t, run, "optimizer_compare_naive.svg", "figure: DIR/optimizer_compare_naive.svg\n")
}

// TestFigureData compares the arrays the figure draws with those the
// book's script hands to matplotlib, run with NumPy
// (testdata/numpy_figure.txt): the four paths bit for bit (the optimizers
// do NumPy's operations in NumPy's order), the grid and a sample of Z bit
// for bit, and Z's sum within 1e-12, as NumPy sums its two million values
// pairwise and the test in order.
func TestFigureData(t *testing.T) {
	x, y, z := grid()
	var sample []float64
	for j := 0; j < len(y); j += 40 {
		for i := 0; i < len(x); i += 40 {
			sample = append(sample, z[j*len(x)+i])
		}
	}
	sum := 0.0
	for _, v := range z {
		sum += v
	}
	series := []clitest.Series{
		{Key: "contour0.0[0,:]", Got: x},
		{Key: "contour0.1[:,0]", Got: y},
		{Key: "contour0.2[::40,::40]", Got: sample},
	}
	for i, o := range optimizers {
		xs, ys := path(o.opt())
		series = append(series,
			clitest.Series{Key: fmt.Sprintf("plot%d.0", 2*i), Got: xs},
			clitest.Series{Key: fmt.Sprintf("plot%d.1", 2*i), Got: ys},
			clitest.Series{Key: fmt.Sprintf("contour%d.2.sum", i), Got: []float64{sum}, Approx: true},
			clitest.Series{Key: fmt.Sprintf("contour%d.shape", i), Got: []float64{float64(len(y)), float64(len(x))}},
			clitest.Series{Key: fmt.Sprintf("plot%d.0", 2*i+1), Got: []float64{0}},
			clitest.Series{Key: fmt.Sprintf("plot%d.1", 2*i+1), Got: []float64{0}},
		)
	}
	clitest.CheckFigureData(t, series...)
}

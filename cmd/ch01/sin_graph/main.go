// Command sin_graph is the Go twin of the book's ch01/sin_graph.py:
// the sine from 0 to 6 (the same graph as simple_graph.py), x = np.arange(0, 6, 0.1) and y = np.sin(x). It writes the figure
// the script shows as an SVG file and prints its path.
//
// Usage:
//
//	go run ./cmd/ch01/sin_graph [-o sin_graph.svg]
package main

import (
	"io"
	"math"

	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/plot"
	"github.com/dlfs-go/dlfs/tensor"
)

func main() { cli.Main("sin_graph", run) }

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("sin_graph", stderr)
	out := cli.FigureFlag(fs, "sin_graph")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	x, y := curve()
	f := plot.New()
	f.Axes().Line(x, y, plot.Style{})
	return cli.SaveFigure(stdout, f, *out)
}

// curve returns what the script plots: x = np.arange(0, 6, 0.1) and
// y = np.sin(x).
func curve() (x, y []float64) {
	x = tensor.Arange(0, 6, 0.1).Data()
	y = make([]float64, len(x))
	for i, v := range x {
		y[i] = math.Sin(v)
	}
	return x, y
}

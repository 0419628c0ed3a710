// Command sin_cos_graph is the Go twin of the book's ch01/sin_cos_graph.py:
// the sine and the cosine from 0 to 6 on one plot, the cosine dashed, with
// axis labels, a title and a legend. It writes the figure the script shows
// as an SVG file and prints its path.
//
// Usage:
//
//	go run ./cmd/ch01/sin_cos_graph [-o sin_cos_graph.svg]
package main

import (
	"io"
	"math"

	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/plot"
	"github.com/dlfs-go/dlfs/tensor"
)

func main() { cli.Main("sin_cos_graph", run) }

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("sin_cos_graph", stderr)
	out := cli.FigureFlag(fs, "sin_cos_graph")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	x, y1, y2 := curves()
	f := plot.New()
	ax := f.Axes()
	ax.Line(x, y1, plot.Style{Label: "sin"})
	ax.Line(x, y2, plot.Style{LineStyle: "--", Label: "cos"})
	ax.SetXLabel("x")
	ax.SetYLabel("y")
	ax.SetTitle("sin & cos")
	ax.Legend("best")
	return cli.SaveFigure(stdout, f, *out)
}

// curves returns what the script plots: x = np.arange(0, 6, 0.1),
// y1 = np.sin(x) and y2 = np.cos(x).
func curves() (x, y1, y2 []float64) {
	x = tensor.Arange(0, 6, 0.1).Data()
	y1 = make([]float64, len(x))
	y2 = make([]float64, len(x))
	for i, v := range x {
		y1[i], y2[i] = math.Sin(v), math.Cos(v)
	}
	return x, y1, y2
}

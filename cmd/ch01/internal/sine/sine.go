// Package sine is the graph of the book's ch01/simple_graph.py and
// ch01/sin_graph.py, two scripts with the same code: the sine from 0 to 6.
package sine

import (
	"io"
	"math"

	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/plot"
	"github.com/dlfs-go/dlfs/tensor"
)

// Run returns the run function of the twin named name: it writes the
// figure the script shows to the SVG file -o names (name.svg by default)
// and prints its path.
func Run(name string) func(args []string, stdout, stderr io.Writer) error {
	return func(args []string, stdout, stderr io.Writer) error {
		fs := cli.FlagSet(name, stderr)
		out := cli.FigureFlag(fs, name)
		if err := cli.Parse(fs, args); err != nil {
			return err
		}
		x, y := Curve()
		f := plot.New()
		f.Axes().Line(x, y, plot.Style{})
		return cli.SaveFigure(stdout, f, *out)
	}
}

// Curve returns what the scripts plot: x = np.arange(0, 6, 0.1) and
// y = np.sin(x).
func Curve() (x, y []float64) {
	x = tensor.Arange(0, 6, 0.1).Data()
	y = make([]float64, len(x))
	for i, v := range x {
		y[i] = math.Sin(v)
	}
	return x, y
}

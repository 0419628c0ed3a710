// Command sig_step_compare is the Go twin of the book's ch03/sig_step_compare.py: the sigmoid and step functions on one plot. It
// writes the figure the script shows as an SVG file and prints its path.
//
// Usage:
//
//	go run ./cmd/ch03/sig_step_compare [-o sig_step_compare.svg]
package main

import (
	"io"

	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/plot"
	"github.com/dlfs-go/dlfs/tensor"
)

func main() { cli.Main("sig_step_compare", run) }

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("sig_step_compare", stderr)
	out := cli.FigureFlag(fs, "sig_step_compare")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	x, y1, y2 := curves()
	f := plot.New()
	ax := f.Axes()
	ax.Line(x, y1, plot.Style{})
	ax.Line(x, y2, plot.Fmt("k--"))
	ax.SetYLim(-0.1, 1.1)
	return cli.SaveFigure(stdout, f, *out)
}

// curves returns what the script plots: x = np.arange(-5.0, 5.0, 0.1),
// y1 = sigmoid(x) and y2 = step_function(x).
func curves() (x, y1, y2 []float64) {
	xt := tensor.Arange(-5.0, 5.0, 0.1)
	return xt.Data(), ops.Sigmoid(xt).Data(), ops.Step(xt).Data()
}

// Command sigmoid is the Go twin of the book's ch03/sigmoid.py: the sigmoid function, plotted from -5 to 5. It
// writes the figure the script shows as an SVG file and prints its path.
//
// Usage:
//
//	go run ./cmd/ch03/sigmoid [-o sigmoid.svg]
package main

import (
	"io"

	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/plot"
	"github.com/dlfs-go/dlfs/tensor"
)

func main() { cli.Main("sigmoid", run) }

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("sigmoid", stderr)
	out := cli.FigureFlag(fs, "sigmoid")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	x, y := curve()
	f := plot.New()
	ax := f.Axes()
	ax.Line(x, y, plot.Style{})
	ax.SetYLim(-0.1, 1.1)
	return cli.SaveFigure(stdout, f, *out)
}

// curve returns what the script plots: x = np.arange(-5.0, 5.0, 0.1) and
// y = sigmoid(x).
func curve() (x, y []float64) {
	xt := tensor.Arange(-5.0, 5.0, 0.1)
	return xt.Data(), ops.Sigmoid(xt).Data()
}

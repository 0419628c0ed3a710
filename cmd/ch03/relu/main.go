// Command relu is the Go twin of the book's ch03/relu.py: the ReLU function, plotted from -5 to 5. It
// writes the figure the script shows as an SVG file and prints its path.
//
// Usage:
//
//	go run ./cmd/ch03/relu [-o relu.svg]
package main

import (
	"io"

	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/plot"
	"github.com/dlfs-go/dlfs/tensor"
)

func main() { cli.Main("relu", run) }

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("relu", stderr)
	out := cli.FigureFlag(fs, "relu")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	x, y := curve()
	f := plot.New()
	ax := f.Axes()
	ax.Line(x, y, plot.Style{})
	ax.SetYLim(-1.0, 5.5)
	return cli.SaveFigure(stdout, f, *out)
}

// curve returns what the script plots: x = np.arange(-5.0, 5.0, 0.1) and
// y = relu(x).
func curve() (x, y []float64) {
	xt := tensor.Arange(-5.0, 5.0, 0.1)
	return xt.Data(), ops.ReLU(xt).Data()
}

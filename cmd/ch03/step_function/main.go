// Command step_function is the Go twin of the book's ch03/step_function.py: the step function, plotted from -5 to 5. It
// writes the figure the script shows as an SVG file and prints its path.
//
// Usage:
//
//	go run ./cmd/ch03/step_function [-o step_function.svg]
package main

import (
	"io"

	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/plot"
	"github.com/dlfs-go/dlfs/tensor"
)

func main() { cli.Main("step_function", run) }

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("step_function", stderr)
	out := cli.FigureFlag(fs, "step_function")
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
// y = step_function(x).
func curve() (x, y []float64) {
	xt := tensor.Arange(-5.0, 5.0, 0.1)
	return xt.Data(), ops.Step(xt).Data()
}

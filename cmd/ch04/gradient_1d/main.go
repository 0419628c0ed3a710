// Command gradient_1d is the Go twin of the book's ch04/gradient_1d.py: the
// numerical derivative of f(x) = 0.01x² + 0.1x at x = 5, printed, and f
// with its tangent line there, written as an SVG figure.
//
// Usage:
//
//	go run ./cmd/ch04/gradient_1d [-o gradient_1d.svg]
package main

import (
	"io"

	"github.com/dlfs-go/dlfs/gradient"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/plot"
	"github.com/dlfs-go/dlfs/tensor"
)

func main() { cli.Main("gradient_1d", run) }

// function1 is the script's function_1: 0.01*x**2 + 0.1*x.
func function1(x float64) float64 { return 0.01*(x*x) + 0.1*x }

// tangentLine prints the derivative of f at x, as the script does, and
// returns the tangent line there.
func tangentLine(w io.Writer, f func(float64) float64, x float64) func(float64) float64 {
	d := gradient.Diff(f, x)
	io.WriteString(w, tensor.FormatFloat(d)+"\n")
	y := f(x) - d*x
	return func(t float64) float64 { return d*t + y }
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("gradient_1d", stderr)
	out := cli.FigureFlag(fs, "gradient_1d")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	x, y, y2 := curves(stdout)

	f := plot.New()
	ax := f.Axes()
	ax.SetXLabel("x")
	ax.SetYLabel("f(x)")
	ax.Line(x, y, plot.Style{})
	ax.Line(x, y2, plot.Style{})
	return cli.SaveFigure(stdout, f, *out)
}

// curves returns what the script plots: x = np.arange(0.0, 20.0, 0.1),
// y = function_1(x) and y2, the tangent line at 5, whose slope it prints
// to w as the script does.
func curves(w io.Writer) (x, y, y2 []float64) {
	xt := tensor.Arange(0.0, 20.0, 0.1)
	tf := tangentLine(w, function1, 5)
	return xt.Data(), ops.Apply(xt, function1).Data(), ops.Apply(xt, tf).Data()
}

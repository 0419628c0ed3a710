// Command gradient_method is the Go twin of the book's
// ch04/gradient_method.py: gradient descent on f(x0, x1) = x0² + x1² from
// (-3, 4) with learning rate 0.1 for 20 steps, the path written as an SVG
// figure.
//
// Usage:
//
//	go run ./cmd/ch04/gradient_method [-lr 0.1] [-steps 20] [-o gradient_method.svg]
package main

import (
	"io"
	"math"

	"github.com/dlfs-go/dlfs/gradient"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/plot"
	"github.com/dlfs-go/dlfs/tensor"
)

func main() { cli.Main("gradient_method", run) }

// gradientDescent is the script's gradient_descent: it returns the final x
// and the history of x before each step.
func gradientDescent(f func(*tensor.Tensor) float64, initX *tensor.Tensor, lr float64, stepNum int) (*tensor.Tensor, [][]float64) {
	x := initX
	var history [][]float64
	for range stepNum {
		history = append(history, append([]float64{}, x.Data()...))
		grad := gradient.Numerical(f, x)
		ops.SubInto(x, x, ops.MulScalar(grad, lr)) // x -= lr * grad
	}
	return x, history
}

// function2 is the script's function_2: x[0]**2 + x[1]**2.
func function2(x *tensor.Tensor) float64 {
	d := x.Data()
	return d[0]*d[0] + d[1]*d[1]
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("gradient_method", stderr)
	lr := fs.Float64("lr", 0.1, "learning rate")
	steps := fs.Int("steps", 20, "number of steps")
	out := cli.FigureFlag(fs, "gradient_method")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *steps < 0 || math.IsNaN(*lr) || math.IsInf(*lr, 0) {
		return cli.Usagef("-steps must be non-negative and -lr finite")
	}
	h0, h1 := trajectory(*lr, *steps)

	f := plot.New()
	ax := f.Axes()
	for _, l := range axisLines {
		ax.Line(l[0], l[1], plot.Fmt("--b"))
	}
	ax.Line(h0, h1, plot.Fmt("o"))
	ax.SetXLim(-3.5, 3.5)
	ax.SetYLim(-4.5, 4.5)
	ax.SetXLabel("X0")
	ax.SetYLabel("X1")
	return cli.SaveFigure(stdout, f, *out)
}

// axisLines are the x and y of the two dashed lines the script draws
// through the origin: plt.plot([-5, 5], [0,0]) and plt.plot([0,0], [-5, 5]).
var axisLines = [2][2][]float64{{{-5, 5}, {0, 0}}, {{0, 0}, {-5, 5}}}

// trajectory returns what the script plots with 'o': x_history[:,0] and
// x_history[:,1], the points gradient descent visits from (-3, 4) before
// each of steps steps with learning rate lr.
func trajectory(lr float64, steps int) (h0, h1 []float64) {
	_, history := gradientDescent(function2, tensor.Vector(-3.0, 4.0), lr, steps)
	for _, p := range history {
		h0 = append(h0, p[0])
		h1 = append(h1, p[1])
	}
	return h0, h1
}

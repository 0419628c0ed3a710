// Command gradient_2d is the Go twin of the book's ch04/gradient_2d.py: the
// negative gradient of f(x0, x1) = x0² + x1², computed by central
// differences on a grid and drawn as arrows, written as an SVG figure.
//
// Usage:
//
//	go run ./cmd/ch04/gradient_2d [-o gradient_2d.svg]
package main

import (
	"io"

	"github.com/dlfs-go/dlfs/gradient"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/plot"
	"github.com/dlfs-go/dlfs/tensor"
)

func main() { cli.Main("gradient_2d", run) }

// function2 is the script's function_2 for a 1-D x: np.sum(x**2).
func function2(x *tensor.Tensor) float64 { return ops.SumAll(ops.Square(x)) }

// numericalGradient is the script's numerical_gradient: for a 2-D X, the
// gradient of f at each row.
func numericalGradient(f func(*tensor.Tensor) float64, x *tensor.Tensor) *tensor.Tensor {
	if x.Dim() == 1 {
		return gradient.Numerical(f, x)
	}
	grad := tensor.ZerosLike(x)
	n := x.Size(1)
	for i := range x.Size(0) {
		row := tensor.New(x.Data()[i*n:(i+1)*n], n)
		copy(grad.Data()[i*n:(i+1)*n], gradient.Numerical(f, row).Data())
	}
	return grad
}

// meshgrid returns np.meshgrid(x0, x1) flattened: X repeats x0 for each
// x1, Y repeats each x1 len(x0) times.
func meshgrid(x0, x1 []float64) (xs, ys []float64) {
	for _, b := range x1 {
		for _, a := range x0 {
			xs = append(xs, a)
			ys = append(ys, b)
		}
	}
	return xs, ys
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("gradient_2d", stderr)
	out := cli.FigureFlag(fs, "gradient_2d")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	X, Y, u, v := arrows()

	f := plot.New()
	ax := f.Axes()
	ax.Arrows(X, Y, u, v, plot.Style{Color: "#666666"})
	ax.SetXLim(-2, 2)
	ax.SetYLim(-2, 2)
	ax.SetXLabel("x0")
	ax.SetYLabel("x1")
	ax.Grid(true)
	return cli.SaveFigure(stdout, f, *out)
}

// arrows returns what the script hands to plt.quiver: the grid points X,
// Y (np.meshgrid of np.arange(-2, 2.5, 0.25), flattened) and the negative
// gradient -grad[0], -grad[1] at each.
func arrows() (X, Y, u, v []float64) {
	x0 := tensor.Arange(-2, 2.5, 0.25).Data()
	x1 := tensor.Arange(-2, 2.5, 0.25).Data()
	X, Y = meshgrid(x0, x1)
	n := len(X)
	// np.array([X, Y]).T: one row (x0, x1) a point, so that each gradient
	// is the one of x0² + x1² at that point, rounded as NumPy rounds it.
	points := tensor.Zeros(n, 2)
	for i := range n {
		points.Set(X[i], i, 0)
		points.Set(Y[i], i, 1)
	}
	grad := numericalGradient(function2, points) // (n, 2); the script transposes it back
	u, v = make([]float64, n), make([]float64, n)
	for i := range n {
		u[i] = -grad.At(i, 0)
		v[i] = -grad.At(i, 1)
	}
	return X, Y, u, v
}

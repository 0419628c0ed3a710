// Command optimizer_compare_naive is the Go twin of the book's
// ch06/optimizer_compare_naive.py: SGD (lr 0.95), Momentum (lr 0.1),
// AdaGrad (lr 1.5) and Adam (lr 0.3) each take 30 steps from (-7, 2)
// towards the minimum of f(x, y) = x²/20 + y², and their paths are drawn
// over the contour lines of f in a 2×2 grid of subplots, written as an SVG
// figure.
//
// Usage:
//
//	go run ./cmd/ch06/optimizer_compare_naive [-o optimizer_compare_naive.svg]
package main

import (
	"io"

	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/plot"
	"github.com/dlfs-go/dlfs/tensor"
)

func main() { cli.Main("optimizer_compare_naive", run) }

// f is the script's f: x**2 / 20.0 + y**2.
func f(x, y float64) float64 { return float64(x*x)/20.0 + float64(y*y) }

// df is the script's df, the gradient of f: x / 10.0, 2.0*y.
func df(x, y float64) (float64, float64) { return x / 10.0, 2.0 * y }

// optimizers are the script's, in its OrderedDict's order.
var optimizers = []struct {
	name string
	opt  func() optim.Optimizer
}{
	{"SGD", func() optim.Optimizer { return optim.NewSGD(0.95) }},
	{"Momentum", func() optim.Optimizer { return optim.NewMomentum(0.1, optim.DefaultMomentum) }},
	{"AdaGrad", func() optim.Optimizer { return optim.NewAdaGrad(1.5) }},
	{"Adam", func() optim.Optimizer { return optim.NewAdam(0.3, optim.DefaultBeta1, optim.DefaultBeta2) }},
}

// path returns the script's x_history and y_history for one optimizer:
// the 30 positions from (-7, 2) before each update.
func path(opt optim.Optimizer) (xs, ys []float64) {
	x, y := tensor.Scalar(-7.0), tensor.Scalar(2.0)
	dx, dy := tensor.Scalar(0), tensor.Scalar(0)
	params := []layers.Param{{Name: "x", Value: x, Grad: dx}, {Name: "y", Value: y, Grad: dy}}
	for range 30 {
		xs = append(xs, x.Item())
		ys = append(ys, y.Item())
		gx, gy := df(x.Item(), y.Item())
		dx.Data()[0], dy.Data()[0] = gx, gy
		opt.Update(params)
	}
	return xs, ys
}

// grid returns the script's contour data: x = np.arange(-10, 10, 0.01),
// y = np.arange(-5, 5, 0.01) and Z = f(X, Y) over np.meshgrid(x, y)
// (len(y) rows of len(x) values) with Z[Z > 7] = 0, "for simple contour
// line".
func grid() (x, y, z []float64) {
	x = tensor.Arange(-10, 10, 0.01).Data()
	y = tensor.Arange(-5, 5, 0.01).Data()
	z = make([]float64, len(x)*len(y))
	for j, yj := range y {
		row := z[j*len(x) : (j+1)*len(x)]
		for i, xi := range x {
			if v := f(xi, yj); v <= 7 {
				row[i] = v
			}
		}
	}
	return x, y, z
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("optimizer_compare_naive", stderr)
	out := cli.FigureFlag(fs, "optimizer_compare_naive")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	x, y, z := grid()
	fig := plot.NewGrid(2, 2)
	for i, o := range optimizers {
		xs, ys := path(o.opt())
		ax := fig.Subplot(i)
		st := plot.Fmt("o-")
		st.Color = "red"
		ax.Line(xs, ys, st)
		ax.Contour(x, y, z, nil, plot.Style{})
		ax.SetYLim(-10, 10)
		ax.SetXLim(-10, 10)
		ax.Line([]float64{0}, []float64{0}, plot.Fmt("+"))
		ax.SetTitle(o.name)
		ax.SetXLabel("x")
		ax.SetYLabel("y")
	}
	return cli.SaveFigure(stdout, fig, *out)
}

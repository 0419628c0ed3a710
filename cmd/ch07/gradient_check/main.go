// Command gradient_check is the Go twin of the book's
// ch07/gradient_check.py: it builds a small SimpleConvNet (input
// (1, 10, 10), ten 3×3 filters, hidden 10, output 10, weight_init_std
// 0.01), draws one 10×10 input with np.random.rand, and prints for each
// parameter the mean absolute difference between its numerical gradient
// (central differences) and its gradient by back-propagation, as the
// script does ("W1 1.09...e-06").
//
// With -seed 0 (the default) the weights and the input are drawn exactly
// as the script draws them after np.random.seed(0).
//
// Usage:
//
//	go run ./cmd/ch07/gradient_check [-seed 0]
package main

import (
	"fmt"
	"io"
	"math"

	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

func main() { cli.Main("gradient_check", run) }

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("gradient_check", stderr)
	seed := cli.SeedFlag(fs)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	g := random.New(*seed)
	net := nets.NewSimpleConvNet([3]int{1, 10, 10},
		nets.ConvParam{FilterNum: 10, FilterSize: 3, Pad: 0, Stride: 1}, 10, 10, 0.01, g)
	x := g.Rand(1, 1, 10, 10) // np.random.rand(100).reshape((1, 1, 10, 10))
	t := tensor.New([]float64{1}, 1)

	num := net.NumericalGradient(x, t)
	net.Gradient(x, t)
	for _, p := range net.Params() {
		diff := ops.Apply(ops.Sub(num[p.Name], p.Grad), math.Abs)
		fmt.Fprintf(stdout, "%s %s\n", p.Name, tensor.FormatFloat(ops.MeanAll(diff)))
	}
	return nil
}

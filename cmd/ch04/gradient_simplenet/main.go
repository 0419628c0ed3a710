// Command gradient_simplenet is the Go twin of the book's
// ch04/gradient_simplenet.py: the numerical gradient of the loss of a
// one-layer network (x·W, softmax, cross-entropy) with respect to W.
//
// The script sets x = [0.6, 0.9] and t = [0, 0, 1] and draws W =
// randn(2, 3) from NumPy's global generator (so since 2016-11; its first
// version in the book's repository drew x = rand(2) and W = rand(2, 3));
// -seed (default 0) seeds it as np.random.seed would, so the output
// equals the script's with np.random.seed(S) prepended.
//
// Usage:
//
//	go run ./cmd/ch04/gradient_simplenet [-seed 0]
package main

import (
	"fmt"
	"io"

	"github.com/dlfs-go/dlfs/gradient"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/loss"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

func main() { cli.Main("gradient_simplenet", run) }

// simpleNet is the script's one-layer network.
type simpleNet struct {
	W *tensor.Tensor // (2, 3)
}

func (n *simpleNet) predict(x *tensor.Tensor) *tensor.Tensor { return ops.MatMul(x, n.W) }

func (n *simpleNet) loss(x, t *tensor.Tensor) float64 {
	return loss.CrossEntropyError(ops.Softmax(n.predict(x)), t)
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("gradient_simplenet", stderr)
	seed := cli.SeedFlag(fs)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	x := tensor.Vector(0.6, 0.9)
	t := tensor.Vector(0, 0, 1)
	net := &simpleNet{W: random.New(*seed).Randn(2, 3)}

	f := func(*tensor.Tensor) float64 { return net.loss(x, t) }
	dW := gradient.Numerical(f, net.W)
	fmt.Fprintln(stdout, dW)
	return nil
}

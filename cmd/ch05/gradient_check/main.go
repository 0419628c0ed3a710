// Command gradient_check is the Go twin of the book's
// ch05/gradient_check.py: it compares the gradients of a two-layer network
// computed by back-propagation with those computed by central differences,
// on the first three MNIST training images, and prints the mean absolute
// difference for each parameter.
//
// The network's weights are drawn from the NumPy-compatible generator
// seeded with -seed (default 0), as the script does after
// np.random.seed(0). MNIST is read from -data, $MNIST_DIR, or the Go
// module proxy (see package data/mnist).
//
// Usage:
//
//	go run ./cmd/ch05/gradient_check [-seed 0] [-data dir]
package main

import (
	"fmt"
	"io"

	"github.com/dlfs-go/dlfs/data/mnist"
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
	dataDir := cli.DataFlag(fs)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	ds, err := mnist.LoadDefault(*dataDir, stderr)
	if err != nil {
		return err
	}
	if ds.Train.N < len(checkImages) {
		return fmt.Errorf("the MNIST training set holds %d images; the check needs %d", ds.Train.N, len(checkImages))
	}
	diffs := check(ds, random.New(*seed))
	for _, d := range diffs {
		fmt.Fprintf(stdout, "%s:%s\n", d.name, tensor.FormatFloat(d.diff))
	}
	return nil
}

// checkImages are the training images the check uses: x_train[:3].
var checkImages = []int{0, 1, 2}

type paramDiff struct {
	name string
	diff float64
}

// check builds TwoLayerNet(784, 50, 10), takes the first three training
// samples (normalized, one-hot) and returns mean |backprop - numerical|
// per parameter, in the book's order W1, b1, W2, b2.
func check(ds *mnist.Dataset, g *random.Generator) []paramDiff {
	network := nets.NewTwoLayerNet(784, 50, 10, 0.01, g)
	x, t := ds.Train.Batch(checkImages, mnist.Options{Normalize: true, Flatten: true, OneHotLabel: true})

	numerical := network.NumericalGradient(x, t)
	network.Gradient(x, t)
	var out []paramDiff
	for _, p := range network.Params() {
		d := ops.MeanAll(ops.Abs(ops.Sub(p.Grad, numerical[p.Name])))
		out = append(out, paramDiff{p.Name, d})
	}
	return out
}

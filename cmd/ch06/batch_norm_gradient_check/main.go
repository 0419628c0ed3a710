// Command batch_norm_gradient_check is the Go twin of the book's
// ch06/batch_norm_gradient_check.py: it builds a MultiLayerNetExtend
// (784-100-100-10, Batch Normalization after each hidden Affine layer),
// computes its gradients for the first MNIST training image by
// back-propagation and by central differences, and prints the mean
// absolute difference for each parameter ("key:diff", in the book's order
// W1, b1, gamma1, beta1, W2, ...).
//
// With a batch of one image Batch Normalization subtracts the image from
// itself, so most differences are exactly 0.0, as the book's are; beta2
// differs where the ReLU after the second Batch Normalization sits at its
// kink, and b3 by the 1e-7 inside the cross-entropy's log.
//
// The network's weights are drawn from the NumPy-compatible generator
// seeded with -seed (default 0), as the script does after
// np.random.seed(0). MNIST is read from -data, $MNIST_DIR, or the Go
// module proxy (see package data/mnist).
//
// Usage:
//
//	go run ./cmd/ch06/batch_norm_gradient_check [-seed 0] [-data dir]
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

func main() { cli.Main("batch_norm_gradient_check", run) }

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("batch_norm_gradient_check", stderr)
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
	for _, d := range check(ds, random.New(*seed)) {
		fmt.Fprintf(stdout, "%s:%s\n", d.name, tensor.FormatFloat(d.diff))
	}
	return nil
}

// checkImages are the training images the check uses: x_train[:1].
var checkImages = []int{0}

type paramDiff struct {
	name string
	diff float64
}

// check builds MultiLayerNetExtend(784, [100, 100], 10,
// use_batchnorm=True), takes the first training sample (normalized,
// one-hot), computes the gradient by back-propagation and then by central
// differences, as the script does, and returns np.average(np.abs(backprop
// - numerical)) per parameter in the book's order.
func check(ds *mnist.Dataset, g *random.Generator) []paramDiff {
	cfg := nets.DefaultExtendConfig()
	cfg.UseBatchnorm = true
	network := nets.NewMultiLayerNetExtend(784, []int{100, 100}, 10, cfg, g)
	x, t := ds.Train.Batch(checkImages, mnist.Options{Normalize: true, Flatten: true, OneHotLabel: true})

	network.Gradient(x, t)
	backprop := make(map[string]*tensor.Tensor)
	for _, p := range network.Params() {
		backprop[p.Name] = p.Grad.Clone()
	}
	numerical := network.NumericalGradient(x, t)
	var out []paramDiff
	for _, p := range network.Params() {
		d := ops.MeanAll(ops.Abs(ops.Sub(backprop[p.Name], numerical[p.Name])))
		out = append(out, paramDiff{p.Name, d})
	}
	return out
}

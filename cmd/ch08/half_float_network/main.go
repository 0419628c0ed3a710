// Command half_float_network is the Go twin of the book's
// ch08/half_float_network.py: the book's trained DeepConvNet
// (ch08/deep_convnet_params.pkl) classifies MNIST's 10000 test images,
// then again with the images and every weight rounded to half precision
// (astype(np.float16), computed in float64 as NumPy does): the two
// accuracies, 0.9797 and 0.9798, are the script's.
//
// MNIST is read from -data, $MNIST_DIR, or the Go module proxy (see package
// data/mnist); the weights from -weights (the book's file is not shipped
// with this project).
//
// Usage:
//
//	go run ./cmd/ch08/half_float_network [-weights deep_convnet_params.pkl] [-data dir]
package main

import (
	"fmt"
	"io"

	"github.com/dlfs-go/dlfs/cmd/ch08/internal/deepweights"
	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/tensor"
)

func main() { cli.Main("half_float_network", run) }

// sampled is the script's sampled: the test images used.
const sampled = 10000

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("half_float_network", stderr)
	weights := deepweights.Flag(fs)
	dataDir := cli.DataFlag(fs)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	// The weights first: a bad file is reported before MNIST is read.
	net, err := deepweights.Load(*weights)
	if err != nil {
		return err
	}
	ds, err := mnist.LoadDefault(*dataDir, stderr)
	if err != nil {
		return err
	}
	x, t := deepweights.TestImages(ds.Test, min(sampled, ds.Test.N))

	fmt.Fprintln(stdout, "caluculate accuracy (float64) ... ")
	fmt.Fprintln(stdout, tensor.FormatFloat(net.Accuracy(x, t)))

	// x_test.astype(np.float16), and param[...] = param.astype(np.float16)
	// for every parameter: the values are rounded, the arithmetic stays
	// float64.
	x16 := ops.Float16Into(tensor.ZerosLike(x), x)
	for _, p := range net.Params() {
		p.Value.CopyFrom(ops.Float16Into(tensor.ZerosLike(p.Value), p.Value))
	}
	fmt.Fprintln(stdout, "caluculate accuracy (float16) ... ")
	fmt.Fprintln(stdout, tensor.FormatFloat(net.Accuracy(x16, t)))
	return nil
}

// Command train_deepnet is the Go twin of the book's ch08/train_deepnet.py:
// DeepConvNet trained on MNIST by the book's Trainer with Adam (lr
// 0.001), mini-batches of 100, for 20 epochs, the accuracies of each epoch
// measured on 1000 training and 1000 test images. It prints the Trainer's
// lines, saves the parameters as the script's
// network.save_params("deep_convnet_params.pkl") does (a pickle that the
// book's load_params, and this project's misclassified_mnist and
// half_float_network, read) and prints "Saved Network Parameters!".
//
// With -seed 0 (the default) the weights, every mini-batch and every
// Dropout mask are drawn exactly as the script draws them after
// np.random.seed(0). -epochs changes the epochs; -iters N stops after N
// iterations and then finishes as the Trainer does, for short comparisons.
// The -save path is checked before training starts. MNIST is read from
// -data, $MNIST_DIR, or the Go module proxy (see package data/mnist).
//
// A training step takes about 0.11 s on two cores of the development
// machine (the book's classes under NumPy: 2.1-2.5 s); a whole run of
// 12000 steps, evaluations included, took 30 minutes there.
//
// Usage:
//
//	go run ./cmd/ch08/train_deepnet [-seed 0] [-data dir] [-epochs 20] [-iters N] [-save deep_convnet_params.pkl]
package main

import (
	"io"

	"github.com/dlfs-go/dlfs/cmd/internal/convtrain"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/random"
)

func main() { cli.Main("train_deepnet", run) }

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("train_deepnet", stderr)
	opts := convtrain.AddFlags(fs, "deep_convnet_params.pkl")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := opts.Check(); err != nil {
		return err
	}
	_, err := convtrain.Train(opts, stdout, stderr, func(g *random.Generator) convtrain.Net {
		return nets.NewDeepConvNet([3]int{1, 28, 28}, nets.DefaultDeepConvParams(), 50, 10, g)
	})
	return err
}

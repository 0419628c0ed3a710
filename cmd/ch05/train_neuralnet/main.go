// Command train_neuralnet is the Go twin of the book's
// ch05/train_neuralnet.py: a two-layer network (Affine, ReLU, Affine,
// SoftmaxWithLoss) trained on MNIST by back-propagation and SGD, printing
// the training and test accuracy once per epoch as the script does.
//
// With -seed 0 (the default) it draws the initial weights and every
// mini-batch exactly as the script does after np.random.seed(0), and
// prints the same accuracies. It then prints the elapsed time and writes
// the loss and accuracy curves to an SVG file. On a terminal a progress
// line shows the iterations within an epoch; piped output holds only the
// book's lines and the closing ones.
//
// Usage:
//
//	go run ./cmd/ch05/train_neuralnet [-seed 0] [-data dir] [-iters 10000] [-batch 100] [-lr 0.1] [-hidden 50] [-o train_neuralnet.svg]
package main

import (
	"io"

	"github.com/dlfs-go/dlfs/cmd/internal/mnisttrain"
	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

func main() { cli.Main("train_neuralnet", run) }

// net adapts the book's ch05 TwoLayerNet to the training loop.
type net struct{ *nets.TwoLayerNet }

func (n net) Gradient(x, t *tensor.Tensor) { n.TwoLayerNet.Gradient(x, t) }

func run(args []string, stdout, stderr io.Writer) error {
	opts, err := mnisttrain.ParseFlags("train_neuralnet", args, stderr)
	if err != nil {
		return err
	}
	ds, err := mnist.LoadDefault(opts.DataDir, stderr)
	if err != nil {
		return err
	}
	g := random.New(opts.Seed)
	network := nets.NewTwoLayerNet(784, opts.Hidden, 10, 0.01, g)
	cfg := opts.Config(func(trainAcc, testAcc float64) string {
		return tensor.FormatFloat(trainAcc) + " " + tensor.FormatFloat(testAcc) // print(train_acc, test_acc)
	})
	res, err := mnisttrain.Run(cfg, net{network}, g, ds, stdout)
	if err != nil {
		return err
	}
	return mnisttrain.Finish(opts, res, stdout)
}

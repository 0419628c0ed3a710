// Command train_neuralnet is the Go twin of the book's
// ch04/train_neuralnet.py: the two-layer network of chapter 4 (sigmoid
// hidden layer, softmax output, hand-written back-propagation) trained on
// MNIST by SGD, printing "train acc, test acc | ..." once per epoch as the
// script does.
//
// With -seed 0 (the default) it draws the initial weights and every
// mini-batch exactly as the script does after np.random.seed(0), and
// prints the same accuracies. It then prints the elapsed time and writes
// the loss curve and the accuracy curves (the script's figure) to an SVG
// file. On a terminal a progress line shows the iterations within an
// epoch; piped output holds only the book's lines and the closing ones.
//
// Usage:
//
//	go run ./cmd/ch04/train_neuralnet [-seed 0] [-data dir] [-iters 10000] [-batch 100] [-lr 0.1] [-hidden 50] [-o train_neuralnet.svg]
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
	network := nets.NewSigmoidTwoLayerNet(784, opts.Hidden, 10, 0.01, g)
	cfg := opts.Config(func(trainAcc, testAcc float64) string {
		return "train acc, test acc | " + tensor.FormatFloat(trainAcc) + ", " + tensor.FormatFloat(testAcc)
	})
	res, err := mnisttrain.Run(cfg, network, g, ds, stdout)
	if err != nil {
		return err
	}
	return mnisttrain.Finish(opts, res, stdout)
}

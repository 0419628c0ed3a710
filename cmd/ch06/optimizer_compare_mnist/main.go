// Command optimizer_compare_mnist is the Go twin of the book's
// ch06/optimizer_compare_mnist.py: four MultiLayerNets
// (784-100-100-100-100-10, ReLU, He's initial weights) trained on the same
// mini-batches of 128 MNIST images for 2000 iterations, each by one of the
// book's optimizers with its default hyperparameters: SGD (lr 0.01),
// Momentum (lr 0.01, momentum 0.9), AdaGrad (lr 0.01) and Adam (lr 0.001,
// beta1 0.9, beta2 0.999). Every 100 iterations it prints the
// "===========iteration:i===========" line and each net's loss on the
// batch ("SGD:2.38..."), as the script does; at the end it draws the
// smoothed loss curves to an SVG file.
//
// With -seed 0 (the default) the weights and every mini-batch are drawn
// exactly as the script draws them after np.random.seed(0), and the
// printed losses are the script's. -iters shortens the run
// (max_iterations). MNIST is read from -data, $MNIST_DIR, or the Go module
// proxy (see package data/mnist).
//
// Usage:
//
//	go run ./cmd/ch06/optimizer_compare_mnist [-seed 0] [-data dir] [-iters 2000] [-o optimizer_compare_mnist.svg]
package main

import (
	"github.com/dlfs-go/dlfs/cmd/ch06/internal/mnistcompare"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
)

func main() { cli.Main("optimizer_compare_mnist", run) }

// optimizers are the script's, in its dict's order, with the figure's
// markers.
var optimizers = []struct {
	key    string
	opt    func() optim.Optimizer
	marker string
}{
	{"SGD", func() optim.Optimizer { return optim.NewSGD(optim.DefaultLR) }, "o"},
	{"Momentum", func() optim.Optimizer { return optim.NewMomentum(optim.DefaultLR, optim.DefaultMomentum) }, "x"},
	{"AdaGrad", func() optim.Optimizer { return optim.NewAdaGrad(optim.DefaultLR) }, "s"},
	{"Adam", func() optim.Optimizer {
		return optim.NewAdam(optim.DefaultAdamLR, optim.DefaultBeta1, optim.DefaultBeta2)
	}, "D"},
}

// entries builds the script's networks in the dict's order, drawing their
// weights from g, each with its own optimizer.
func entries(g *random.Generator) []mnistcompare.Entry {
	var out []mnistcompare.Entry
	for _, o := range optimizers {
		net := mnistcompare.NewNet(nets.Config{}, g) // the defaults: ReLU, weight_init_std='relu'
		out = append(out, mnistcompare.Entry{Key: o.key, Net: net, Opt: o.opt(), Marker: o.marker})
	}
	return out
}

var run = mnistcompare.Run("optimizer_compare_mnist", 1, entries)

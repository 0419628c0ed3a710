// Command weight_init_compare is the Go twin of the book's
// ch06/weight_init_compare.py: three MultiLayerNets (784-100-100-100-100-10,
// ReLU) whose initial weights have a standard deviation of 0.01
// ("std=0.01"), Xavier's sqrt(1/n) ("Xavier") and He's sqrt(2/n) ("He"),
// each trained by SGD (lr 0.01) on the same mini-batches of 128 MNIST
// images for 2000 iterations. Every 100 iterations it prints the
// "===========iteration:i===========" line and each net's loss on the
// batch ("std=0.01:2.30..."), as the script does; at the end it draws the
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
//	go run ./cmd/ch06/weight_init_compare [-seed 0] [-data dir] [-iters 2000] [-o weight_init_compare.svg]
package main

import (
	"github.com/dlfs-go/dlfs/cmd/ch06/internal/mnistcompare"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
)

func main() { cli.Main("weight_init_compare", run) }

// weightInits are the script's weight_init_types, in the dict's order,
// with the figure's markers.
var weightInits = []struct {
	key    string
	init   nets.WeightInit
	marker string
}{
	{"std=0.01", nets.StdInit(0.01), "o"},
	{"Xavier", nets.XavierInit, "s"},
	{"He", nets.HeInit, "D"},
}

// entries builds the script's networks in the dict's order, drawing their
// weights from g; all share one SGD(lr=0.01), as the script's optimizer.
func entries(g *random.Generator) []mnistcompare.Entry {
	opt := optim.NewSGD(0.01)
	var out []mnistcompare.Entry
	for _, w := range weightInits {
		net := mnistcompare.NewNet(nets.Config{WeightInitStd: w.init}, g)
		out = append(out, mnistcompare.Entry{Key: w.key, Net: net, Opt: opt, Marker: w.marker})
	}
	return out
}

var run = mnistcompare.Run("weight_init_compare", 2.5, entries)

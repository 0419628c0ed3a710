// Command overfit_dropout is the Go twin of the book's
// ch06/overfit_dropout.py: a MultiLayerNetExtend of six hidden layers of
// 100 units (784-100-100-100-100-100-100-10, ReLU) with a Dropout layer
// after each hidden activation that drops 20% of the units
// (dropout_ration 0.2), trained on only the first 300 MNIST training
// images, so that it would over-fit without the Dropout. The book's
// Trainer (package train) runs 301 epochs of mini-batches of 100 with SGD
// (lr 0.01) and prints its lines: the loss after each step
// ("train loss:..."), the accuracy on the 300 training images and the
// 10000 test images at the start of each epoch
// ("=== epoch:N, train acc:X, test acc:Y ===") and the final test
// accuracy. At the end it draws both accuracies against the epoch to an
// SVG file.
//
// With -seed 0 (the default) the weights, every mini-batch and every
// Dropout mask are drawn exactly as the script draws them after
// np.random.seed(0), and the printed numbers are the script's. -dropout
// sets use_dropout (-dropout=false is the script's setting without
// Dropout), -ratio dropout_ratio and -epochs the Trainer's epochs. MNIST is
// read from -data, $MNIST_DIR, or the Go module proxy (see package
// data/mnist).
//
// Usage:
//
//	go run ./cmd/ch06/overfit_dropout [-seed 0] [-data dir] [-dropout=true] [-ratio 0.2] [-epochs 301] [-o overfit_dropout.svg]
package main

import (
	"fmt"
	"io"

	"github.com/dlfs-go/dlfs/cmd/ch06/internal/overfit"
	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/train"
)

func main() { cli.Main("overfit_dropout", run) }

// options are the command-line settings; the defaults are the script's.
type options struct {
	seed       uint32
	dataDir    string
	useDropout bool    // use_dropout
	ratio      float64 // dropout_ratio
	epochs     int     // the Trainer's epochs
	figure     string
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := cli.FlagSet("overfit_dropout", stderr)
	seed := cli.SeedFlag(fs)
	data := cli.DataFlag(fs)
	useDropout := fs.Bool("dropout", true, "put a Dropout layer after each hidden activation (use_dropout)")
	ratio := fs.Float64("ratio", 0.2, "ratio of units each Dropout layer drops (dropout_ratio), 0 to 1")
	epochs := fs.Int("epochs", 301, fmt.Sprintf("epochs of the Trainer, 1 to %d", overfit.MaxEpochs))
	figure := cli.FigureFlag(fs, "overfit_dropout")
	if err := cli.Parse(fs, args); err != nil {
		return options{}, err
	}
	if err := overfit.CheckFloat("ratio", *ratio, 0, 1); err != nil {
		return options{}, err
	}
	if err := overfit.CheckEpochs(*epochs); err != nil {
		return options{}, err
	}
	return options{seed: *seed, dataDir: *data, useDropout: *useDropout, ratio: *ratio, epochs: *epochs, figure: *figure}, nil
}

func run(args []string, stdout, stderr io.Writer) error {
	opts, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	ds, err := mnist.LoadDefault(opts.dataDir, stderr)
	if err != nil {
		return err
	}
	xTrain, tTrain, xTest, tTest, err := overfit.Sources(ds)
	if err != nil {
		return err
	}
	g := random.New(opts.seed)
	cfg := nets.DefaultExtendConfig()
	cfg.UseDropout = opts.useDropout
	cfg.DropoutRation = opts.ratio
	net := nets.NewMultiLayerNetExtend(overfit.InputSize, overfit.HiddenSizes(), overfit.OutputSize, cfg, g)
	tr, err := train.New(net, xTrain, tTrain, xTest, tTest, train.Config{
		Epochs:        opts.epochs,
		MiniBatchSize: overfit.BatchSize,
		OptimizerName: "sgd",
		LR:            overfit.LR,
		Verbose:       true,
		Out:           stdout,
		Rand:          g, // the generator that drew the weights, and draws the Dropout masks
		EvalBatch:     overfit.EvalBatch,
	})
	if err != nil {
		return err
	}
	if _, err := tr.Train(); err != nil {
		return err
	}
	return cli.SaveFigure(stdout, overfit.Figure(tr.TrainAccList, tr.TestAccList), opts.figure)
}

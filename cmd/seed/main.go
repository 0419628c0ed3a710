// Command seed runs the experiment of the blog article this project started
// from: a tiny network, Affine(2,2) → ReLU → Affine(2,2) with a mean squared
// error loss, learns to map (x1, x2) to (x1+x2, x1·x2) by full-batch
// gradient descent.
//
// It is the Go twin of the article's NumPy code (with its two typos fixed)
// and prints what the article prints, formatted as NumPy prints it: the
// prediction for (0.3, 0.5) before training, the final loss, and the
// prediction after training; then the loss at a few epochs. With the
// default flags the numbers equal NumPy 1.24's:
//
//	[[ 3.08084474 -1.18319796]]
//	0.0035290422128433038
//	[[0.79602756 0.14742171]]
//
// Usage:
//
//	go run ./cmd/seed [-seed 0] [-lr 0.2] [-epochs 1500] [-samples 1500]
package main

import (
	"fmt"
	"io"
	"math"

	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/loss"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// config holds the experiment's settings; the defaults are the article's.
type config struct {
	seed    uint32
	lr      float64
	epochs  int
	samples int
}

// result is what a run produces, for printing and for tests.
type result struct {
	w1Init, w2Init *tensor.Tensor // weights as drawn
	x, y           *tensor.Tensor // training data (samples, 2)
	before, after  *tensor.Tensor // predictions for (0.3, 0.5)
	lossBefore     float64        // loss of the untrained network
	losses         []float64      // loss after each epoch's update
	net            *layers.Network
}

func main() { cli.Main("seed", run) }

// run parses the flags, trains and prints the results to out.
func run(args []string, out, errOut io.Writer) error {
	cfg, err := parseFlags(args, errOut)
	if err != nil {
		return err
	}
	res, err := train(cfg)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, res.before)
	fmt.Fprintln(out, tensor.FormatFloat(res.losses[len(res.losses)-1]))
	fmt.Fprintln(out, res.after)
	for _, e := range reportEpochs(cfg.epochs) {
		fmt.Fprintf(out, "loss at epoch %d: %s\n", e, tensor.FormatFloat(res.losses[e-1]))
	}
	return nil
}

// parseFlags reads the command line into a config, rejecting values the
// experiment cannot run with.
func parseFlags(args []string, errOut io.Writer) (config, error) {
	fs := cli.FlagSet("seed", errOut)
	seed := cli.SeedFlag(fs)
	lr := fs.Float64("lr", 0.2, "learning rate of both Affine layers")
	epochs := fs.Int("epochs", 1500, "number of full-batch epochs, 1 to 10000000")
	samples := fs.Int("samples", 1500, "number of training samples, 1 to 1000000")
	if err := cli.Parse(fs, args); err != nil {
		return config{}, err
	}
	if *lr <= 0 || math.IsInf(*lr, 0) || math.IsNaN(*lr) {
		return config{}, cli.Usagef("-lr %v must be a positive number", *lr)
	}
	if err := cli.CheckInt("epochs", *epochs, 1, maxEpochs); err != nil {
		return config{}, err
	}
	if err := cli.CheckInt("samples", *samples, 1, maxSamples); err != nil {
		return config{}, err
	}
	return config{seed: *seed, lr: *lr, epochs: *epochs, samples: *samples}, nil
}

// The largest -epochs and -samples: the loss of every epoch is kept
// (maxEpochs of them are 80 MB), and each of the network's arrays holds
// two values per sample (maxSamples make 16 MB each).
const (
	maxEpochs  = 10_000_000
	maxSamples = 1_000_000
)

// train runs the article's experiment in the article's order: seed, build
// the network (which draws both weight matrices), draw the data, predict,
// then for each epoch compute the loss, back-propagate and update, and
// compute the loss again.
func train(cfg config) (*result, error) {
	g := random.New(cfg.seed)
	aff1 := layers.NewAffine(2, 2, g)
	aff2 := layers.NewAffine(2, 2, g)
	res := &result{w1Init: aff1.W.Clone(), w2Init: aff2.W.Clone()}
	net := layers.NewNetwork(loss.NewMSE(), aff1, layers.NewReLU(), aff2)
	res.net = net

	// for each sample: x1 = rand(), x2 = rand(); y = (x1 + x2, x1 * x2)
	res.x = tensor.Zeros(cfg.samples, 2)
	res.y = tensor.Zeros(cfg.samples, 2)
	x, y := res.x.Data(), res.y.Data()
	for i := range cfg.samples {
		x1, x2 := g.Float64(), g.Float64()
		x[2*i], x[2*i+1] = x1, x2
		y[2*i], y[2*i+1] = x1+x2, x1*x2
	}

	test := tensor.FromRows([][]float64{{0.3, 0.5}})
	res.before = net.Predict(test)

	opt := optim.NewSGD(cfg.lr)
	res.losses = make([]float64, cfg.epochs)
	for i := range cfg.epochs {
		e := net.Loss(res.x, res.y)
		if i == 0 {
			res.lossBefore = e
		}
		net.Backward()
		opt.Update(net.Params())
		e = net.Loss(res.x, res.y)
		if math.IsNaN(e) || math.IsInf(e, 0) {
			return nil, fmt.Errorf("loss became %v at epoch %d (try a smaller -lr)", e, i+1)
		}
		res.losses[i] = e
	}
	res.after = net.Predict(test)
	return res, nil
}

// reportEpochs lists the epochs whose loss is printed: 1, 10, 100, 1000,
// 1500 where they are within the run, and the last epoch.
func reportEpochs(epochs int) []int {
	var out []int
	for _, e := range []int{1, 10, 100, 1000, 1500} {
		if e < epochs {
			out = append(out, e)
		}
	}
	return append(out, epochs)
}

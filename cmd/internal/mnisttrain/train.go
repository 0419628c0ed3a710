// Package mnisttrain is the training loop the book's MNIST scripts share
// (ch04/train_neuralnet.py, ch05/train_neuralnet.py): package train's
// Trainer, counting iterations (iters_num) instead of epochs, with
// mini-batches drawn with np.random.choice, a gradient step, the loss
// recorded, and the accuracy on the whole training and test sets once per
// epoch, printed in the script's own form.
package mnisttrain

import (
	"fmt"
	"io"
	"math"
	"time"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/dlfs-go/dlfs/train"
)

// Net is what the loop needs of a network.
type Net interface {
	// Gradient fills the gradients of Params for the batch (x, t).
	Gradient(x, t *tensor.Tensor)
	Params() []layers.Param
	Loss(x, t *tensor.Tensor) float64
	// Correct counts the rows of x classified as t says.
	Correct(x, t *tensor.Tensor) int
}

// Config is the script's hyperparameters.
type Config struct {
	Iters     int     // iters_num (10000)
	BatchSize int     // batch_size (100)
	LR        float64 // learning_rate (0.1)
	// EvalBatch is how many images are converted at a time to measure the
	// accuracy of a whole set (0 for DefaultEvalBatch): the book converts
	// all 60000 at once (376 MB in float64), which changes nothing but
	// memory.
	EvalBatch int
	// Line formats one per-epoch line from the two accuracies, as the
	// script prints it.
	Line func(trainAcc, testAcc float64) string
}

// Result is what a run records: the script's three lists.
type Result struct {
	TrainLoss []float64 // train_loss_list: the loss after each update
	TrainAcc  []float64 // train_acc_list: one per epoch
	TestAcc   []float64 // test_acc_list
	Elapsed   time.Duration
}

// Run trains net on ds with the script's loop, the Trainer of package
// train, drawing every mini-batch from g, printing each epoch's line to
// stdout and, on a terminal, a progress line. It stops with an error naming
// the iteration if the loss becomes NaN or infinite, and returns an error
// at once if either set is empty (mnist.Load never returns one).
func Run(cfg Config, net Net, g *random.Generator, ds *mnist.Dataset, stdout io.Writer) (*Result, error) {
	start := time.Now()
	if ds.Train.N == 0 || ds.Test.N == 0 {
		return nil, fmt.Errorf("mnisttrain: the training set holds %d images and the test set %d: both need at least one", ds.Train.N, ds.Test.N)
	}
	// The scripts load MNIST with normalize=True, one_hot_label=True.
	opts := mnist.Options{Normalize: true, Flatten: true, OneHotLabel: true}
	xTrain, tTrain := ds.Train.Sources(opts)
	xTest, tTest := ds.Test.Sources(opts)
	tr, err := train.New(gradNet{net}, xTrain, tTrain, xTest, tTest, train.Config{
		MiniBatchSize:   cfg.BatchSize,
		Optimizer:       optim.NewSGD(cfg.LR), // params[key] -= learning_rate * grad[key]
		Out:             stdout,
		Rand:            g,
		MaxIter:         cfg.Iters,
		StopOnNonFinite: true,
		EvalBatch:       cfg.EvalBatch,
		OnEpoch: func(_ int, trainAcc, testAcc float64) {
			fmt.Fprintln(stdout, cfg.Line(trainAcc, testAcc))
		},
	})
	if err != nil {
		return nil, fmt.Errorf("mnisttrain: %w", err)
	}
	err = tr.Steps(cfg.Iters)
	res := &Result{TrainLoss: tr.TrainLossList, TrainAcc: tr.TrainAccList, TestAcc: tr.TestAccList}
	if err != nil {
		return res, err
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// gradNet gives a Net the Gradient method of train.Net, whose value the
// Trainer does not use.
type gradNet struct{ Net }

// Gradient fills the gradients and returns NaN in place of a loss.
func (n gradNet) Gradient(x, t *tensor.Tensor) float64 {
	n.Net.Gradient(x, t)
	return math.NaN()
}

// Snapshot is the network's own (layers.Network.Snapshot), or nil when it
// has none, so that the Trainer measures the accuracies of a network
// built on layers.Network beside the steps (train.Background), and those
// of another in them.
func (n gradNet) Snapshot(reuse *layers.Network) *layers.Network {
	if s, ok := n.Net.(interface {
		Snapshot(*layers.Network) *layers.Network
	}); ok {
		return s.Snapshot(reuse)
	}
	return nil
}

// DefaultEvalBatch is the evaluation batch size, train.DefaultEvalBatch.
const DefaultEvalBatch = train.DefaultEvalBatch

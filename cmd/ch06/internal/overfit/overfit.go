// Package overfit is what the book's ch06/overfit_weight_decay.py and
// ch06/overfit_dropout.py share: the over-fitting set-up (the first 300
// MNIST training images, a MultiLayerNet of six hidden layers of 100
// units, mini-batches of 100, SGD with lr 0.01), the range checks of
// their common flags, and their figure, the training and test accuracy
// of each epoch.
package overfit

import (
	"fmt"
	"math"

	"github.com/dlfs-go/dlfs/cmd/internal/accfigure"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/plot"
	"github.com/dlfs-go/dlfs/train"
)

// The scripts' settings.
const (
	// TrainSize is how many training images the scripts keep,
	// x_train[:300], so that the nets over-fit.
	TrainSize = 300
	// BatchSize is batch_size (mini_batch_size).
	BatchSize = 100
	// LR is SGD's learning rate, lr=0.01.
	LR = 0.01
	// InputSize and OutputSize are the nets' input_size and output_size.
	InputSize, OutputSize = 784, 10
	// MaxEpochs bounds the -epochs flags: each epoch keeps two accuracies
	// for the figure (and the Trainer three losses), 40 MB in all for a
	// million epochs, which take three training steps and an evaluation of
	// 10300 images each, most of a day on two cores.
	MaxEpochs = 1_000_000
	// EvalBatch is how many images the accuracies are measured at a time
	// (train.Config.EvalBatch); it changes only speed and memory. Of 200,
	// 1000 and 2000, measured once each on whole runs of
	// overfit_weight_decay (two busy cores: 18.6 s, 20.7 s, 24.4 s), the
	// Trainer's default of 200 was the fastest.
	EvalBatch = train.DefaultEvalBatch
)

// HiddenSizes is the scripts' hidden_size_list, six layers of 100.
func HiddenSizes() []int { return []int{100, 100, 100, 100, 100, 100} }

// Sources returns the scripts' data: load_mnist(normalize=True), so
// flattened images scaled to 0..1 and labels as class indices, with the
// training set cut to its first TrainSize images (all of them if it holds
// fewer, as x_train[:300] does). Either set being empty is an error
// (mnist.Load never returns one).
func Sources(ds *mnist.Dataset) (xTrain, tTrain, xTest, tTest train.Source, err error) {
	if ds.Train.N == 0 || ds.Test.N == 0 {
		return nil, nil, nil, nil, fmt.Errorf("overfit: the training set holds %d images and the test set %d: both need at least one", ds.Train.N, ds.Test.N)
	}
	opts := mnist.Options{Normalize: true, Flatten: true}
	xTr, tTr := ds.Train.Slice(0, min(TrainSize, ds.Train.N)).Sources(opts)
	xTe, tTe := ds.Test.Sources(opts)
	return xTr, tTr, xTe, tTe, nil
}

// CheckEpochs checks the -epochs flag: 1 to MaxEpochs.
func CheckEpochs(epochs int) error { return cli.CheckInt("epochs", epochs, 1, MaxEpochs) }

// CheckFloat checks a float flag -name: a finite number from lo to hi
// (hi may be +Inf, for no upper bound).
func CheckFloat(name string, v, lo, hi float64) error {
	if !math.IsNaN(v) && !math.IsInf(v, 0) && v >= lo && v <= hi {
		return nil
	}
	if math.IsInf(hi, 1) {
		return cli.Usagef("-%s %v must be a finite number, at least %v", name, v, lo)
	}
	return cli.Usagef("-%s %v must be a number from %v to %v", name, v, lo, hi)
}

// Figure draws the scripts' figure: the training accuracy (marker "o")
// and the test accuracy (marker "s") of each epoch against
// np.arange(len), a marker every 10 points, the y axis from 0 to 1 and the
// legend in the lower right corner.
func Figure(trainAcc, testAcc []float64) *plot.Figure { return accfigure.Figure(trainAcc, testAcc, 10) }

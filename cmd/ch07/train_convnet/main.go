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
// A whole run (20 epochs, 12000 iterations) takes a few minutes on two
// cores; the book's script takes about 35-40 minutes under NumPy on the
// same machine.
//
// Usage:
//
//	go run ./cmd/ch07/train_convnet [-seed 0] [-data dir] [-epochs 20] [-iters N] [-save params.pkl] [-o train_convnet.svg]
package main

import (
	"fmt"
	"io"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/data/pickle"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/plot"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/train"
)

func main() { cli.Main("train_convnet", run) }

// The script's settings.
const (
	maxEpochs     = 20
	batchSize     = 100
	lr            = 0.001
	evalSamples   = 1000
	maxEpochsFlag = 10000 // the most -epochs accepts
)

type options struct {
	seed          uint32
	dataDir       string
	epochs, iters int
	save, figure  string
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := cli.FlagSet("train_convnet", stderr)
	seed := cli.SeedFlag(fs)
	data := cli.DataFlag(fs)
	epochs := fs.Int("epochs", maxEpochs, fmt.Sprintf("epochs of the Trainer (max_epochs), 1 to %d", maxEpochsFlag))
	iters := fs.Int("iters", 0, "stop after this many iterations (0: the epochs' worth), then finish as the Trainer does")
	save := cli.OutputFlag(fs, "save", "params.pkl", "pickle `file` for the trained parameters (network.save_params)")
	figure := cli.FigureFlag(fs, "train_convnet")
	if err := cli.Parse(fs, args); err != nil {
		return options{}, err
	}
	if err := cli.CheckInt("epochs", *epochs, 1, maxEpochsFlag); err != nil {
		return options{}, err
	}
	if err := cli.CheckInt("iters", *iters, 0, maxEpochsFlag*60000/batchSize); err != nil {
		return options{}, err
	}
	return options{seed: *seed, dataDir: *data, epochs: *epochs, iters: *iters, save: *save, figure: *figure}, nil
}

func run(args []string, stdout, stderr io.Writer) error {
	opts, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	// load_mnist(flatten=False): images (N, 1, 28, 28), normalised.
	ds, err := mnist.LoadDefault(opts.dataDir, stderr)
	if err != nil {
		return err
	}
	if ds.Train.N == 0 || ds.Test.N == 0 {
		return fmt.Errorf("the MNIST training set holds %d images and the test set %d: both need at least one", ds.Train.N, ds.Test.N)
	}
	mo := mnist.Options{Normalize: true, Flatten: false}
	xTrain, tTrain := ds.Train.Sources(mo)
	xTest, tTest := ds.Test.Sources(mo)

	g := random.New(opts.seed)
	net := nets.NewSimpleConvNet([3]int{1, 28, 28}, nets.DefaultConvParam(), 100, 10, 0.01, g)
	tr, err := train.New(net, xTrain, tTrain, xTest, tTest, train.Config{
		Epochs:                    opts.epochs,
		MiniBatchSize:             batchSize,
		OptimizerName:             "Adam",
		LR:                        lr,
		EvaluateSampleNumPerEpoch: evalSamples,
		Verbose:                   true,
		Out:                       stdout,
		Rand:                      g,
		MaxIter:                   opts.iters,
		// Evaluate in batches of 100, as the book's accuracy does: a
		// batch of 200 would double the buffers of the convolution
		// (about 45 MB per net for 100 images) for no gain in speed.
		EvalBatch: batchSize,
	})
	if err != nil {
		return err
	}
	if _, err := tr.Train(); err != nil {
		return err
	}
	if err := pickle.SaveParams(opts.save, net); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "Saved Network Parameters!")
	return cli.SaveFigure(stdout, figure(tr.TrainAccList, tr.TestAccList), opts.figure)
}

// figure draws the script's figure: the training accuracy (marker "o")
// and the test accuracy (marker "s") of each epoch against np.arange, a
// marker every 2 points, the y axis from 0 to 1, the legend in the lower
// right corner. (The script plots against np.arange(max_epochs), which
// fails when a shortened run measured fewer epochs; the twin plots the
// epochs measured.)
func figure(trainAcc, testAcc []float64) *plot.Figure {
	f := plot.New()
	ax := f.Axes()
	ax.Line(epochs(len(trainAcc)), trainAcc, plot.Style{Label: "train", Marker: "o", MarkEvery: 2})
	ax.Line(epochs(len(testAcc)), testAcc, plot.Style{Label: "test", Marker: "s", MarkEvery: 2})
	ax.SetXLabel("epochs")
	ax.SetYLabel("accuracy")
	ax.SetYLim(0, 1.0)
	ax.Legend("lower right")
	return f
}

// epochs returns np.arange(n) as float64s.
func epochs(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = float64(i)
	}
	return x
}

// Command overfit_weight_decay is the Go twin of the book's
// ch06/overfit_weight_decay.py: a MultiLayerNet of six hidden layers of
// 100 units (784-100-100-100-100-100-100-10, ReLU) trained on only the
// first 300 MNIST training images, so that it over-fits, with an L2
// weight decay of λ = 0.1 (weight_decay_lambda) to hold it back. Each
// iteration draws a mini-batch of 100 of the 300 images with
// np.random.choice and takes an SGD step (lr 0.01); at the start of each
// epoch (every 3 iterations) it measures the accuracy on the 300 training
// images and on the 10000 test images and prints
// "epoch:N, train acc:X, test acc:Y", as the script does, stopping after
// max_epochs (201) epochs. At the end it draws both accuracies against the
// epoch to an SVG file.
//
// With -seed 0 (the default) the weights and every mini-batch are drawn
// exactly as the script draws them after np.random.seed(0), and the
// printed accuracies are the script's. -lambda sets weight_decay_lambda
// (0 is the script's commented-out setting without weight decay) and
// -epochs max_epochs. MNIST is read from -data, $MNIST_DIR, or the Go
// module proxy (see package data/mnist).
//
// Usage:
//
//	go run ./cmd/ch06/overfit_weight_decay [-seed 0] [-data dir] [-lambda 0.1] [-epochs 201] [-o overfit_weight_decay.svg]
package main

import (
	"fmt"
	"io"
	"math"

	"github.com/dlfs-go/dlfs/cmd/ch06/internal/overfit"
	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/dlfs-go/dlfs/train"
)

func main() { cli.Main("overfit_weight_decay", run) }

// options are the command-line settings; the defaults are the script's.
type options struct {
	seed    uint32
	dataDir string
	lambda  float64 // weight_decay_lambda
	epochs  int     // max_epochs
	figure  string
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := cli.FlagSet("overfit_weight_decay", stderr)
	seed := cli.SeedFlag(fs)
	data := cli.DataFlag(fs)
	lambda := fs.Float64("lambda", 0.1, "weight decay strength (weight_decay_lambda), 0 or more; 0 for none")
	epochs := fs.Int("epochs", 201, fmt.Sprintf("epochs (max_epochs), 1 to %d", overfit.MaxEpochs))
	figure := cli.FigureFlag(fs, "overfit_weight_decay")
	if err := cli.Parse(fs, args); err != nil {
		return options{}, err
	}
	if err := overfit.CheckFloat("lambda", *lambda, 0, math.Inf(1)); err != nil {
		return options{}, err
	}
	if err := overfit.CheckEpochs(*epochs); err != nil {
		return options{}, err
	}
	return options{seed: *seed, dataDir: *data, lambda: *lambda, epochs: *epochs, figure: *figure}, nil
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
	net := nets.NewMultiLayerNet(overfit.InputSize, overfit.HiddenSizes(), overfit.OutputSize,
		nets.Config{WeightDecayLambda: opts.lambda}, g)
	trainAcc, testAcc := trainNet(net, g, xTrain, tTrain, xTest, tTest, opts.epochs, stdout)
	return cli.SaveFigure(stdout, overfit.Figure(trainAcc, testAcc), opts.figure)
}

// trainNet runs the script's loop: each iteration a batch_mask drawn from
// g, a gradient and an SGD update; when i % iter_per_epoch == 0 the
// accuracies on the whole training and test sets, recorded and printed,
// until maxEpochs epochs are done. It returns train_acc_list and
// test_acc_list.
func trainNet(net *nets.MultiLayerNet, g *random.Generator, xTrain, tTrain, xTest, tTest train.Source, maxEpochs int, stdout io.Writer) (trainAccs, testAccs []float64) {
	opt := optim.NewSGD(overfit.LR)
	batches := train.NewBatcher(xTrain, tTrain, overfit.BatchSize, g)
	trainEval := train.NewEvaluator(xTrain, tTrain, overfit.EvalBatch)
	testEval := train.NewEvaluator(xTest, tTest, overfit.EvalBatch)
	// The sets do not change: each batch is gathered once, at epoch 0.
	trainEval.KeepSparse()
	testEval.KeepSparse()
	// iter_per_epoch = max(train_size / batch_size, 1), a float in Python 3.
	iterPerEpoch := max(float64(xTrain.Len())/overfit.BatchSize, 1)
	trainAccs = make([]float64, 0, maxEpochs)
	testAccs = make([]float64, 0, maxEpochs)
	progress := cli.NewProgress(stdout)
	defer progress.Clear()
	// On two cores, each epoch's accuracies are measured on a snapshot of
	// the network while the next steps train it (train.Background).
	bg := train.NewBackground(net, trainEval, testEval)
	defer bg.Close()
	epochDone := func(trainAcc, testAcc float64) {
		trainAccs = append(trainAccs, trainAcc)
		testAccs = append(testAccs, testAcc)
		progress.Clear()
		fmt.Fprintf(stdout, "epoch:%d, train acc:%s, test acc:%s\n",
			len(trainAccs)-1, tensor.FormatFloat(trainAcc), tensor.FormatFloat(testAcc))
	}
	for i := 0; ; i++ {
		x, t := batches.Next()
		loss := net.Gradient(x, t)
		opt.Update(net.Params())
		if math.Mod(float64(i), iterPerEpoch) != 0 {
			progress.Update("epoch", len(trainAccs), maxEpochs, loss)
			continue
		}
		if accs := bg.Wait(); accs != nil {
			epochDone(accs[0], accs[1])
		}
		// The last epoch's are measured here: no step follows them.
		if len(trainAccs)+1 < maxEpochs && bg.Start(0) {
			progress.Update("epoch", len(trainAccs), maxEpochs, loss)
			continue
		}
		epochDone(trainEval.Accuracy(net, 0), testEval.Accuracy(net, 0))
		if len(trainAccs) >= maxEpochs {
			return trainAccs, testAccs
		}
		progress.Update("epoch", len(trainAccs), maxEpochs, loss)
	}
}

// Package convtrain is what the book's two convolutional training scripts,
// ch07/train_convnet.py and ch08/train_deepnet.py, share: MNIST as
// load_mnist(flatten=False) gives it, the Trainer with Adam (lr 0.001),
// mini-batches of 100 and 1000 evaluation samples per epoch, and
// network.save_params at the end.
package convtrain

import (
	"flag"
	"fmt"
	"io"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/data/pickle"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/train"
)

// The scripts' settings.
const (
	Epochs      = 20    // max_epochs, epochs
	BatchSize   = 100   // mini_batch_size
	LR          = 0.001 // optimizer_param={'lr': 0.001}
	EvalSamples = 1000  // evaluate_sample_num_per_epoch
	// MaxEpochs bounds -epochs.
	MaxEpochs = 10000
)

// Options are the flags of a convolutional training twin.
type Options struct {
	Seed    uint32
	DataDir string
	Epochs  int
	Iters   int    // max_iter when positive
	Save    string // the pickle network.save_params writes

	bind func() // copies the parsed flags into the fields
}

// AddFlags adds -seed, -data, -epochs, -iters and -save (default save) to
// fs and returns the options they fill; call Check after cli.Parse.
func AddFlags(fs *flag.FlagSet, save string) *Options {
	o := &Options{}
	seed := cli.SeedFlag(fs)
	data := cli.DataFlag(fs)
	fs.IntVar(&o.Epochs, "epochs", Epochs, fmt.Sprintf("epochs of the Trainer, 1 to %d", MaxEpochs))
	fs.IntVar(&o.Iters, "iters", 0, "stop after this many iterations (0: the epochs' worth), then finish as the Trainer does")
	savePath := cli.OutputFlag(fs, "save", save, "pickle `file` for the trained parameters (network.save_params)")
	o.bind = func() { o.Seed, o.DataDir, o.Save = *seed, *data, *savePath }
	return o
}

// Check reads the parsed flags into o and checks -epochs and -iters.
func (o *Options) Check() error {
	o.bind()
	if err := cli.CheckInt("epochs", o.Epochs, 1, MaxEpochs); err != nil {
		return err
	}
	return cli.CheckInt("iters", o.Iters, 0, MaxEpochs*60000/BatchSize)
}

// Net is a network the scripts train and save.
type Net interface {
	train.Net
	layers.Parameterized
}

// Train loads MNIST, builds the network with newNet from the generator
// seeded with o.Seed (which then draws the mini-batches and any Dropout
// masks, as np.random does), trains it as the scripts' Trainer does,
// printing its lines to stdout, saves its parameters to o.Save and prints
// "Saved Network Parameters!". It returns the Trainer, for its accuracy
// lists.
func Train(o *Options, stdout, stderr io.Writer, newNet func(g *random.Generator) Net) (*train.Trainer, error) {
	ds, err := mnist.LoadDefault(o.DataDir, stderr)
	if err != nil {
		return nil, err
	}
	if ds.Train.N == 0 || ds.Test.N == 0 {
		return nil, fmt.Errorf("the MNIST training set holds %d images and the test set %d: both need at least one", ds.Train.N, ds.Test.N)
	}
	mo := mnist.Options{Normalize: true, Flatten: false}
	xTrain, tTrain := ds.Train.Sources(mo)
	xTest, tTest := ds.Test.Sources(mo)
	g := random.New(o.Seed)
	net := newNet(g)
	tr, err := train.New(net, xTrain, tTrain, xTest, tTest, train.Config{
		Epochs:                    o.Epochs,
		MiniBatchSize:             BatchSize,
		OptimizerName:             "Adam",
		LR:                        LR,
		EvaluateSampleNumPerEpoch: EvalSamples,
		Verbose:                   true,
		Out:                       stdout,
		Rand:                      g,
		MaxIter:                   o.Iters,
		// Evaluate in batches of 100, as the book's accuracy does: a
		// batch of 200 would double the buffers of the convolutions for
		// no gain in speed.
		EvalBatch: BatchSize,
	})
	if err != nil {
		return nil, err
	}
	if _, err := tr.Train(); err != nil {
		return nil, err
	}
	if err := pickle.SaveParams(o.Save, net); err != nil {
		return nil, err
	}
	fmt.Fprintln(stdout, "Saved Network Parameters!")
	return tr, nil
}

// Package mnistcompare is the experiment the book's ch06/weight_init_compare.py
// and ch06/optimizer_compare_mnist.py share: several MultiLayerNets
// (784-100-100-100-100-10) trained side by side on MNIST, each iteration on
// one mini-batch of 128 training images drawn with np.random.choice and
// shared by every net, with the loss of each printed every 100 iterations
// and the smoothed loss curves drawn at the end.
package mnistcompare

import (
	"fmt"
	"io"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/plot"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// The scripts' settings.
const (
	BatchSize     = 128  // batch_size
	DefaultIters  = 2000 // max_iterations
	PrintInterval = 100  // if i % 100 == 0
	// MaxIters bounds -iters: the loss of every net at every iteration is
	// kept for the figure (four nets of MaxIters losses are 32 MB).
	MaxIters = 1_000_000
)

// HiddenSizes is the scripts' hidden_size_list.
var HiddenSizes = []int{100, 100, 100, 100}

// Options are the command-line settings of a comparison twin.
type Options struct {
	Seed    uint32
	DataDir string
	Iters   int
	Figure  string // SVG file for the loss curves
}

// ParseFlags reads the flags of the twin named name: -seed, -data, -iters
// (max_iterations, 1 to MaxIters) and -o, the figure's path, checked with
// cli.CheckOutput before any work starts.
func ParseFlags(name string, args []string, stderr io.Writer) (Options, error) {
	fs := cli.FlagSet(name, stderr)
	seed := cli.SeedFlag(fs)
	data := cli.DataFlag(fs)
	iters := fs.Int("iters", DefaultIters, fmt.Sprintf("iterations (max_iterations), 1 to %d", MaxIters))
	figure := cli.FigureFlag(fs, name)
	if err := cli.Parse(fs, args); err != nil {
		return Options{}, err
	}
	if err := cli.CheckInt("iters", *iters, 1, MaxIters); err != nil {
		return Options{}, err
	}
	return Options{Seed: *seed, DataDir: *data, Iters: *iters, Figure: *figure}, nil
}

// Entry is one of the nets compared: its key in the script's dicts (the
// printed name and the legend's label), the net, the optimizer that
// updates it, and its marker in the figure.
type Entry struct {
	Key    string
	Net    *nets.MultiLayerNet
	Opt    optim.Optimizer
	Marker string
}

// NewNet builds the scripts' MultiLayerNet(input_size=784,
// hidden_size_list=[100, 100, 100, 100], output_size=10, ...) with cfg,
// drawing its weights from g.
func NewNet(cfg nets.Config, g *random.Generator) *nets.MultiLayerNet {
	return nets.NewMultiLayerNet(784, HiddenSizes, 10, cfg, g)
}

// Train runs the scripts' loop for iters iterations: a batch_mask of
// BatchSize indices drawn from g, then for each entry in order a gradient,
// an update and the loss on the batch (train_loss[key]); every
// PrintInterval iterations the "===========iteration:i===========" line
// and one "key:loss" line per entry. It returns train_loss, one list per
// entry. The training set must hold at least one image.
func Train(entries []Entry, g *random.Generator, train *mnist.Set, iters int, stdout io.Writer) ([][]float64, error) {
	if train.N == 0 {
		return nil, fmt.Errorf("mnistcompare: the MNIST training set holds no images")
	}
	// load_mnist(normalize=True): flattened images, labels as class indices.
	mask := make([]int, BatchSize)
	x := tensor.Zeros(BatchSize, train.Rows*train.Cols)
	t := tensor.Zeros(BatchSize)
	losses := make([][]float64, len(entries))
	for k := range losses {
		losses[k] = make([]float64, iters)
	}
	// The nets are independent once the batch is drawn: each core trains
	// whole nets (parallel.Each), which two cores do faster than they split
	// one net's small products. Nothing is drawn inside, so the results do
	// not depend on which core trained which net.
	var i int
	step := func(_, k int) {
		e := entries[k]
		e.Net.Gradient(x, t)
		e.Opt.Update(e.Net.Params())
		losses[k][i] = e.Net.Loss(x, t)
	}
	progress := cli.NewProgress(stdout)
	for i = range iters {
		g.ChoiceInto(mask, train.N)
		train.ImagesInto(x, mask, true)
		train.LabelsInto(t, mask, false)
		parallel.Each(len(entries), step)
		progress.Update("iteration", i+1, iters, losses[len(entries)-1][i])
		if i%PrintInterval == 0 {
			progress.Clear()
			fmt.Fprintf(stdout, "===========iteration:%d===========\n", i)
			for _, e := range entries {
				fmt.Fprintf(stdout, "%s:%s\n", e.Key, tensor.FormatFloat(e.Net.Loss(x, t)))
			}
		}
	}
	progress.Clear()
	return losses, nil
}

// Figure draws the scripts' figure: each entry's smooth_curve of its
// losses against the iteration, with its marker every 100 points, the
// axis labels, the y range 0 to ymax and a legend.
func Figure(entries []Entry, losses [][]float64, ymax float64) *plot.Figure {
	f := plot.New()
	ax := f.Axes()
	for k, e := range entries {
		ax.Line(nil, plot.SmoothCurve(losses[k]), plot.Style{Label: e.Key, Marker: e.Marker, MarkEvery: 100})
	}
	ax.SetXLabel("iterations")
	ax.SetYLabel("loss")
	ax.SetYLim(0, ymax)
	ax.Legend("best")
	return f
}

// Run returns the run function of the comparison twin named name: it
// parses the flags, loads MNIST, builds the nets with entries (drawing
// their weights from the seeded generator, in the script's order), trains
// them side by side and draws the loss curves with the y axis up to ymax.
func Run(name string, ymax float64, entries func(g *random.Generator) []Entry) func(args []string, stdout, stderr io.Writer) error {
	return func(args []string, stdout, stderr io.Writer) error {
		opts, err := ParseFlags(name, args, stderr)
		if err != nil {
			return err
		}
		ds, err := mnist.LoadDefault(opts.DataDir, stderr)
		if err != nil {
			return err
		}
		g := random.New(opts.Seed)
		es := entries(g)
		losses, err := Train(es, g, ds.Train, opts.Iters, stdout)
		if err != nil {
			return err
		}
		return cli.SaveFigure(stdout, Figure(es, losses, ymax), opts.Figure)
	}
}

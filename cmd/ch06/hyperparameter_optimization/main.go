// Command hyperparameter_optimization is the Go twin of the book's
// ch06/hyperparameter_optimization.py: a random search for the learning
// rate and the weight decay of a MultiLayerNet (784-[100]×6-10, ReLU).
// The first 500 MNIST training images are shuffled (shuffle_dataset); the
// first 100 become the validation set, the other 400 the training set.
// Each of 100 trials draws weight_decay = 10 ** uniform(-8, -4) and
// lr = 10 ** uniform(-6, -2), trains a new net with that weight decay by
// the book's Trainer (50 epochs, mini-batches of 100, SGD with lr, the
// validation set as the test set) and prints
//
//	val acc:0.09 | lr:1.5081662054491436e-06, weight decay:6.909132715896656e-07
//
// Then it prints the "=========== Hyper-Parameter Optimization Result
// ===========" line and the 20 best trials by their last validation
// accuracy ("Best-1(val acc:0.87) | lr:..., weight decay:..."), and draws
// their validation (solid) and training (dashed) accuracy per epoch in a
// 4×5 grid of subplots, as the script does.
//
// With -seed 0 (the default) every random number (the shuffle, each
// trial's two uniforms, its weights and mini-batches) is drawn as the
// script draws it after np.random.seed(0), and 10 ** u is computed as
// glibc's pow computes it (see package cpow), so the printed lr and weight decay
// are the script's to the last digit; the whole run prints the script's
// 121 lines exactly. The trials are independent once their random numbers
// are known: a quick first pass clones the generator at the start of each
// trial and skips past what the trial draws, then the trials run on all
// cores (internal/parallel.Each), each from its clone, and each trial's
// line is printed once it and the trials before it are done. The output
// does not depend on the number of cores.
//
// -trials (optimization_trial) and -epochs (the epochs of each trial)
// shorten the run. MNIST is read from -data, $MNIST_DIR, or the Go module
// proxy (see package data/mnist). -o names the figure.
//
// Usage:
//
//	go run ./cmd/ch06/hyperparameter_optimization [-seed 0] [-data dir] [-trials 100] [-epochs 50] [-o hyperparameter_optimization.svg]
package main

import (
	"fmt"
	"io"
	"math"
	"sort"
	"sync"

	"github.com/dlfs-go/dlfs/cmd/ch06/internal/cpow"
	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/plot"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/dlfs-go/dlfs/train"
)

const name = "hyperparameter_optimization"

func main() { cli.Main(name, run) }

// The script's settings.
const (
	trainImages    = 500  // x_train[:500]
	validationRate = 0.20 // validation_rate
	defaultTrials  = 100  // optimization_trial
	defaultEpochs  = 50   // __train's epocs
	miniBatchSize  = 100  // mini_batch_size
	graphDrawNum   = 20   // graph_draw_num
	colNum         = 5    // col_num

	// maxTrials and maxEpochs bound the flags: every trial keeps its two
	// accuracy lists (maxTrials·maxEpochs·16 bytes is 160 MB) and a clone
	// of the generator (2.5 kB).
	maxTrials = 10_000
	maxEpochs = 1_000
)

// hiddenSizes is __train's hidden_size_list.
var hiddenSizes = []int{100, 100, 100, 100, 100, 100}

// options are the command-line settings.
type options struct {
	seed           uint32
	dataDir        string
	trials, epochs int
	figure         string
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := cli.FlagSet(name, stderr)
	seed := cli.SeedFlag(fs)
	data := cli.DataFlag(fs)
	trials := fs.Int("trials", defaultTrials, fmt.Sprintf("trials of the search (optimization_trial), 1 to %d", maxTrials))
	epochs := fs.Int("epochs", defaultEpochs, fmt.Sprintf("epochs of each trial's training, 1 to %d", maxEpochs))
	figure := cli.FigureFlag(fs, name)
	if err := cli.Parse(fs, args); err != nil {
		return options{}, err
	}
	if err := cli.CheckInt("trials", *trials, 1, maxTrials); err != nil {
		return options{}, err
	}
	if err := cli.CheckInt("epochs", *epochs, 1, maxEpochs); err != nil {
		return options{}, err
	}
	return options{seed: *seed, dataDir: *data, trials: *trials, epochs: *epochs, figure: *figure}, nil
}

// split is the script's data: x_train, t_train (the training part) and
// x_val, t_val, after shuffle_dataset.
type split struct {
	xTrain, tTrain, xVal, tVal *tensor.Tensor
}

// prepare takes the first 500 training images (load_mnist(normalize=True):
// flattened, labels as class indices), shuffles them with g and splits off
// the first 20% as the validation set.
func prepare(set *mnist.Set, g *random.Generator) (split, error) {
	n := min(set.N, trainImages)
	validationNum := int(float64(n) * validationRate) // int(x_train.shape[0] * validation_rate)
	if validationNum == 0 || validationNum == n {
		return split{}, fmt.Errorf("%d training images leave %d for validation and %d for training: the search needs both",
			n, validationNum, n-validationNum)
	}
	s := set.Slice(0, n)
	x, t := g.ShuffleDataset(s.Images(mnist.Options{Normalize: true, Flatten: true}), s.Labels(mnist.Options{}))
	row := x.Size(1)
	xd, td := x.Data(), t.Data()
	return split{
		xVal:   tensor.New(xd[:validationNum*row], validationNum, row),
		tVal:   tensor.New(td[:validationNum], validationNum),
		xTrain: tensor.New(xd[validationNum*row:], n-validationNum, row),
		tTrain: tensor.New(td[validationNum:], n-validationNum),
	}, nil
}

// result is one trial: its hyperparameters and the Trainer's accuracy
// lists (test_acc_list on the validation set, train_acc_list).
type result struct {
	lr, weightDecay float64
	val, train      []float64
}

// key is the script's key of a trial in results_val and results_train.
func (r *result) key() string {
	return "lr:" + tensor.FormatFloat(r.lr) + ", weight decay:" + tensor.FormatFloat(r.weightDecay)
}

// drawRates draws a trial's hyperparameters, in the script's order:
// weight_decay = 10 ** np.random.uniform(-8, -4), lr = 10 **
// np.random.uniform(-6, -2).
func drawRates(g *random.Generator) (weightDecay, lr float64) {
	weightDecay = cpow.Pow10(g.Uniform(-8, -4).Item())
	lr = cpow.Pow10(g.Uniform(-6, -2).Item())
	return weightDecay, lr
}

// draw makes what a trial draws before its training, in the script's
// order: its hyperparameters (drawRates) and the network of __train with
// that weight decay (its weights). With prev, the network of an earlier
// trial, it gives prev the new weights (nets.MultiLayerNet.Reinit draws
// what the constructor draws) instead of building a network, so that a
// core allocates one network's buffers for all its trials.
func draw(g *random.Generator, prev *nets.MultiLayerNet) (weightDecay, lr float64, net *nets.MultiLayerNet) {
	weightDecay, lr = drawRates(g)
	cfg := nets.Config{WeightDecayLambda: weightDecay}
	if prev == nil {
		return weightDecay, lr, nets.NewMultiLayerNet(784, hiddenSizes, 10, cfg, g)
	}
	prev.Reinit(cfg.WeightInitStd, g)
	prev.WeightDecayLambda = weightDecay
	return weightDecay, lr, prev
}

// weightCount is how many normals a network's weights take from the
// generator: one per weight, W1, ..., W7 in order.
func weightCount() int {
	n, prev := 0, 784
	for _, h := range append(hiddenSizes[:len(hiddenSizes):len(hiddenSizes)], 10) {
		n += prev * h
		prev = h
	}
	return n
}

// newTrainer returns __train's Trainer(network, x_train, t_train, x_val,
// t_val, epochs, mini_batch_size=100, optimizer='sgd',
// optimizer_param={'lr': lr}, verbose=False), drawing its mini-batches
// from g.
func newTrainer(net train.Net, xTrain, tTrain, xVal, tVal train.Source, lr float64, epochs int, g *random.Generator) (*train.Trainer, error) {
	return train.New(net, xTrain, tTrain, xVal, tVal, train.Config{
		Epochs: epochs, MiniBatchSize: miniBatchSize, OptimizerName: "sgd", LR: lr,
		Rand: g, Out: io.Discard,
	})
}

// runTrial runs one trial of the search from g, which must stand where
// the script's generator stands at the trial's start.
//
// With prev, a network of an earlier trial, it trains that network with
// new weights (draw). It returns the trained network too.
func runTrial(d split, epochs int, g *random.Generator, prev *nets.MultiLayerNet) (result, *nets.MultiLayerNet, error) {
	weightDecay, lr, net := draw(g, prev)
	tr, err := newTrainer(unrecorded{net}, train.FromTensor(d.xTrain), train.FromTensor(d.tTrain),
		train.FromTensor(d.xVal), train.FromTensor(d.tVal), lr, epochs, g)
	if err != nil {
		return result{}, net, err
	}
	if _, err := tr.Train(); err != nil {
		return result{}, net, err
	}
	return result{lr: lr, weightDecay: weightDecay, val: tr.TestAccList, train: tr.TrainAccList}, net, nil
}

// skipTrial advances g past everything runTrial draws from it: the same
// hyperparameters, the network's weights skipped (random.Generator.
// SkipNormals), the same Trainer loop on a network that computes nothing
// and data sets that hold nothing but their sizes.
func skipTrial(d split, epochs int, g *random.Generator) error {
	_, lr := drawRates(g)
	g.SkipNormals(weightCount())
	nTrain, nVal := sizes{d.xTrain.Size(0)}, sizes{d.xVal.Size(0)}
	tr, err := newTrainer(idle{}, nTrain, nTrain, nVal, nVal, lr, epochs, g)
	if err != nil {
		return err
	}
	_, err = tr.Train()
	return err
}

// unrecorded is a trial's network as the Trainer sees it: the loss the
// Trainer computes after each update only goes to train_loss_list, which
// the script never reads (and verbose=False prints nothing), so Loss
// skips that forward pass, a fifth of the work, and returns 0. Nothing
// else changes: the next Gradient runs its own forward pass.
type unrecorded struct{ *nets.MultiLayerNet }

// Loss returns 0 without computing anything.
func (unrecorded) Loss(x, t *tensor.Tensor) float64 { return 0 }

// sizes is a train.Source of n samples with nothing in them.
type sizes struct{ n int }

func (s sizes) Len() int                       { return s.n }
func (s sizes) BatchShape(n int) []int         { return []int{n} }
func (s sizes) RowsInto(*tensor.Tensor, []int) {}

// idle is a train.Net that computes nothing.
type idle struct{}

func (idle) Gradient(x, t *tensor.Tensor) float64 { return 0 }
func (idle) Params() []layers.Param               { return nil }
func (idle) Loss(x, t *tensor.Tensor) float64     { return 0 }
func (idle) Correct(x, t *tensor.Tensor) int      { return 0 }

// search runs the trials: a sequential pass that clones g at each trial's
// start and skips past its draws, then the trials on all cores, each from
// its clone. line(i, r) is called for each trial in order, as soon as it
// and every trial before it are done. It returns the trials in order.
func search(d split, trials, epochs int, g *random.Generator, line func(i int, r *result)) ([]result, error) {
	starts := make([]*random.Generator, trials)
	for i := range starts {
		starts[i] = g.Clone()
		if err := skipTrial(d, epochs, g); err != nil {
			return nil, err
		}
	}
	results := make([]result, trials)
	errs := make([]error, trials)
	done := make([]bool, trials)
	var mu sync.Mutex
	next := 0
	var prev [parallel.MaxWorkers]*nets.MultiLayerNet // each core's last network
	parallel.Each(trials, func(wk, i int) {
		r, net, err := runTrial(d, epochs, starts[i], prev[wk])
		prev[wk] = net
		starts[i] = nil
		mu.Lock()
		defer mu.Unlock()
		results[i], errs[i], done[i] = r, err, true
		for next < trials && done[next] && errs[next] == nil {
			line(next, &results[next])
			next++
		}
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return results, nil
}

// ranking returns the script's sorted(results_val.items(), key=lambda x:
// x[1][-1], reverse=True): the trials by their last validation accuracy,
// best first, ties in the dict's order. As in the script's dict, a trial
// whose key (lr and weight decay as printed) repeats an earlier one's
// replaces its lists and keeps its place.
func ranking(results []result) []*result {
	var order []*result
	at := map[string]int{}
	for i := range results {
		r := &results[i]
		if j, ok := at[r.key()]; ok {
			order[j] = r
			continue
		}
		at[r.key()] = len(order)
		order = append(order, r)
	}
	sort.SliceStable(order, func(i, j int) bool { return last(order[i].val) > last(order[j].val) })
	return order
}

func last(a []float64) float64 { return a[len(a)-1] }

// panel is one subplot of the script's figure.
type panel struct {
	title        string    // "Best-k"
	yTicks       bool      // false: plt.yticks([])
	x            []float64 // np.arange(len(val_acc_list))
	val, trained []float64 // val_acc_list (solid), results_train[key] ("--")
}

// panels returns the subplots of the figure of the best trials, in order:
// "Best-k" above each, y ticks on the first column only.
func panels(best []*result) []panel {
	ps := make([]panel, len(best))
	for i, r := range best {
		ps[i] = panel{title: fmt.Sprintf("Best-%d", i+1), yTicks: i%5 == 0, x: epochs(len(r.val)), val: r.val, trained: r.train}
	}
	return ps
}

// figure draws the script's figure: a grid of ceil(20/5) rows of 5
// subplots, filled in order with ps, each with its title, y from 0 to 1,
// no x ticks, the validation accuracies solid and the training accuracies
// dashed against the epoch. (Subplots past len(ps) stay empty; matplotlib
// would not draw them at all.)
func figure(ps []panel) *plot.Figure {
	f := plot.NewGrid(gridShape())
	for i, p := range ps {
		ax := f.Subplot(i)
		ax.SetTitle(p.title)
		ax.SetYLim(yLo, yHi)
		if !p.yTicks {
			ax.SetYTicks()
		}
		ax.SetXTicks()
		ax.Line(p.x, p.val, plot.Style{})
		ax.Line(p.x, p.trained, plot.Fmt("--"))
	}
	return f
}

// The figure's y range, plt.ylim(0.0, 1.0).
const yLo, yHi = 0.0, 1.0

// gridShape returns the figure's grid: row_num = int(np.ceil(graph_draw_num
// / col_num)) rows of col_num subplots.
func gridShape() (rows, cols int) {
	return int(math.Ceil(float64(graphDrawNum) / colNum)), colNum
}

// epochs returns np.arange(n) as float64s.
func epochs(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = float64(i)
	}
	return x
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
	g := random.New(opts.seed)
	d, err := prepare(ds.Train, g)
	if err != nil {
		return err
	}
	results, err := search(d, opts.trials, opts.epochs, g, func(i int, r *result) {
		io.WriteString(stdout, "val acc:"+tensor.FormatFloat(last(r.val))+" | "+r.key()+"\n")
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "=========== Hyper-Parameter Optimization Result ===========")
	best := ranking(results)
	if len(best) > graphDrawNum {
		best = best[:graphDrawNum]
	}
	for i, r := range best {
		fmt.Fprintf(stdout, "Best-%d(val acc:%s) | %s\n", i+1, tensor.FormatFloat(last(r.val)), r.key())
	}
	return cli.SaveFigure(stdout, figure(panels(best)), opts.figure)
}

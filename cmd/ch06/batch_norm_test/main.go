// Command batch_norm_test is the Go twin of the book's
// ch06/batch_norm_test.py: for each of 16 weight scales w, from 1 down to
// 1e-4 (np.logspace(0, -4, num=16)), it trains two MultiLayerNetExtends
// (784-100-100-100-100-100-10, ReLU, initial weights w·randn), one with
// Batch Normalization after each hidden Affine layer and one without, by
// SGD (lr 0.01) on the same mini-batches of 100 of the first 1000 MNIST
// training images. Once per epoch (10 iterations) it prints the accuracy of
// the plain net and of the Batch Normalization net on those 1000 images
// ("epoch:N | 0.097 - 0.447"), under a "============== i/16 =============="
// line per scale, as the script does; at the end it draws the 16 pairs of
// accuracy curves in a 4×4 grid of subplots titled "W:<w>".
//
// The scales are 10**y as C's pow computes them (package cpow), and NumPy
// with it on a CPU without AVX-512 (they are also the correctly rounded
// powers); NumPy 1.24 on a CPU with AVX-512 computes np.power with Intel's
// SVML, whose results differ in the last bit for 6 of the 16
// (9.999999999999999e-05 for 0.0001), and so do those titles. The printed
// accuracies are the same. See testdata/numpy_logspace.txt.
//
// With -seed 0 (the default) the weights and every mini-batch are drawn
// exactly as the script draws them after np.random.seed(0): the Batch
// Normalization net first, then the plain one. At the large scales the
// plain net's activations overflow to Inf and NaN, as NumPy's do; the run
// goes on and the accuracies are those NumPy computes (np.argmax of a row
// holding a NaN is its first NaN). The two nets of a scale train on both
// cores at once, each with its own SGD; the results do not depend on the
// number of cores. -epochs shortens the run (max_epochs). MNIST is read
// from -data, $MNIST_DIR, or the Go module proxy (see package data/mnist).
//
// The twin sums its matrix products in another order than OpenBLAS, and
// the Batch Normalization net at the three smallest scales (w ≤ 3.4e-4)
// can amplify those last-bit differences over its 200 steps: with most
// seeds every accuracy is NumPy's to the digit (0, 1, 3, 7 and 99), but
// with some the last epochs of one of those nets drift, by up to 0.034
// (seeds 2, 5, 42 and 1234), as NumPy's own run drifts, on the same nets
// and by as much, when OpenBLAS runs its Haswell kernels instead of its
// Cooperlake ones (testdata/README.md gives the figures).
//
// Usage:
//
//	go run ./cmd/ch06/batch_norm_test [-seed 0] [-data dir] [-epochs 20] [-o batch_norm_test.svg]
package main

import (
	"fmt"
	"io"
	"math"
	"sync"

	"github.com/dlfs-go/dlfs/cmd/ch06/internal/cpow"
	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/plot"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	dlfstrain "github.com/dlfs-go/dlfs/train"
)

func main() { cli.Main("batch_norm_test", run) }

// The script's settings.
const (
	TrainSize     = 1000 // x_train[:1000]
	BatchSize     = 100  // batch_size
	LearningRate  = 0.01 // learning_rate
	DefaultEpochs = 20   // max_epochs
	// MaxEpochs bounds -epochs: each epoch is at least one iteration of
	// both nets for each of the 16 scales.
	MaxEpochs = 100_000
	// Scales is the number of weight scales (np.logspace(..., num=16)).
	Scales = 16
	// evalBatch is how many images an accuracy converts and predicts at a
	// time.
	evalBatch = 200
)

// HiddenSizes is the script's hidden_size_list.
var HiddenSizes = []int{100, 100, 100, 100, 100}

// options are the command-line settings.
type options struct {
	seed    uint32
	dataDir string
	epochs  int
	figure  string
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := cli.FlagSet("batch_norm_test", stderr)
	seed := cli.SeedFlag(fs)
	data := cli.DataFlag(fs)
	epochs := fs.Int("epochs", DefaultEpochs, fmt.Sprintf("epochs per weight scale (max_epochs), 1 to %d", MaxEpochs))
	figure := cli.FigureFlag(fs, "batch_norm_test")
	if err := cli.Parse(fs, args); err != nil {
		return options{}, err
	}
	if err := cli.CheckInt("epochs", *epochs, 1, MaxEpochs); err != nil {
		return options{}, err
	}
	return options{seed: *seed, dataDir: *data, epochs: *epochs, figure: *figure}, nil
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
	if ds.Train.N == 0 {
		return fmt.Errorf("the MNIST training set holds no images")
	}
	train := ds.Train.Slice(0, min(TrainSize, ds.Train.N))
	iters, err := iterations(train.N, opts.epochs)
	if err != nil {
		return err
	}
	g := random.New(opts.seed)
	scales := logspace(0, -4, Scales)
	results, _ := trainScales(scales, g, train, iters, opts.epochs, stdout, false)
	return cli.SaveFigure(stdout, figure(scales, results), opts.figure)
}

// iterations returns how many iterations the script's loop runs on a
// training set of n images to measure epochs accuracies: it measures
// at every i with i % iter_per_epoch == 0 (a float: max(n/100, 1)), and
// stops at the last. For n = 1000 that is 10·(epochs-1) + 1. With some
// sizes (137 images: iter_per_epoch 1.37) no whole i but 0 is a multiple
// of iter_per_epoch, and the script loops for ever: that is an error here.
func iterations(n, epochs int) (int, error) {
	iterPerEpoch := max(float64(n)/BatchSize, 1)
	limit := int(float64(epochs)*iterPerEpoch*4) + 1000
	measured := 0
	for i := 0; i < limit; i++ {
		if math.Mod(float64(i), iterPerEpoch) == 0 {
			if measured++; measured == epochs {
				return i + 1, nil
			}
		}
	}
	return 0, fmt.Errorf("with %d training images iter_per_epoch is %v, and the script's loop would never reach epoch %d (no whole iteration count is a multiple of it after %d)",
		n, iterPerEpoch, epochs-1, measured)
}

// logspace is np.logspace(start, stop, num): 10 raised to each of
// np.linspace(start, stop, num), which NumPy computes as
// arange(num)*step + start with the last value set to stop. Go's
// math.Pow(10, y) is one unit in the last place off for 3 of the script's
// 16 (0.007356422544596413 for 0.007356422544596414), which would show in
// the subplots' titles.
func logspace(start, stop float64, num int) []float64 {
	out := make([]float64, num)
	step := (stop - start) / float64(num-1)
	for i := range out {
		y := float64(i)*step + start
		if i == num-1 {
			y = stop
		}
		out[i] = cpow.Pow10(y)
	}
	return out
}

// result holds one scale's accuracies, one per epoch: train_acc_list
// (the plain net) and bn_train_acc_list.
type result struct {
	acc, bnAcc []float64
}

// pair is the two nets the script compares at one weight scale:
// bn_network and network.
type pair [2]*nets.MultiLayerNetExtend

// newNet builds the script's bn_network (batchnorm set) or network, with
// weight_init_std w, drawing its weights from g.
func newNet(w float64, batchnorm bool, g *random.Generator) *nets.MultiLayerNetExtend {
	cfg := nets.DefaultExtendConfig()
	cfg.WeightInitStd = nets.StdInit(w)
	cfg.UseBatchnorm = batchnorm
	return nets.NewMultiLayerNetExtend(784, HiddenSizes, 10, cfg, g)
}

// trainScales runs the script's __train(weight_init_std) for each scale
// of ws: it builds the scale's two nets (newPair), then trains both on
// the same iters mini-batches, each drawing a batch_mask of BatchSize
// indices from g, and whenever the iteration is a multiple of
// iter_per_epoch measures their accuracies on the whole training set.
// It prints each scale's header and epoch lines, in order, and returns
// the accuracies, and with keep the trained nets.
//
// What the script draws, it draws in its order: the pair's weights, then
// the scale's batch masks. Knowing how many masks a scale draws, a first
// pass draws everything in that order, keeping clones of the generator
// where each net's weights and each scale's masks start
// (random.Generator.Clone); then the 32 nets are trained on both cores
// (parallel.Each), each drawn from its clones, so that the cores stay
// busy to the end: a core builds the first net of each kind it trains
// and gives it new weights for the next (nets.MultiLayerNetExtend.Reinit,
// which draws what the constructor draws), so that each net's buffers are
// not allocated again (with keep, every net is built). The script shares
// one SGD, which
// keeps no state; each net gets its own. Nothing depends on which core
// trains which net.
func trainScales(ws []float64, g *random.Generator, train *mnist.Set, iters, epochs int, stdout io.Writer, keep bool) ([]result, []pair) {
	// For each scale, clones of g where bn_network's weights, network's
	// weights and the masks start; the nets are built (and their weights
	// drawn again) when they train, so that only the nets in training are
	// in memory.
	type start struct {
		nets  [2]*random.Generator
		masks *random.Generator
	}
	starts := make([]start, len(ws))
	pairs := make([]pair, len(ws))
	mask := make([]int, BatchSize)
	// A net draws one normal per weight (W1, ..., W6, in order), nothing
	// else: this pass skips them, without building the net.
	weights, prev := 0, 784
	for _, h := range append(HiddenSizes[:len(HiddenSizes):len(HiddenSizes)], 10) {
		weights += prev * h
		prev = h
	}
	for s := range ws {
		starts[s].nets[0] = g.Clone()
		g.SkipNormals(weights)
		starts[s].nets[1] = g.Clone()
		g.SkipNormals(weights)
		starts[s].masks = g.Clone()
		for range iters {
			g.ChoiceInto(mask, train.N)
		}
	}
	// load_mnist(normalize=True): flattened images in [0, 1], labels as
	// class indices.
	xTrain := dlfstrain.FromTensor(train.Images(mnist.Options{Normalize: true, Flatten: true}))
	tTrain := dlfstrain.FromTensor(train.Labels(mnist.Options{}))
	iterPerEpoch := max(float64(train.N)/BatchSize, 1)
	results := make([]result, len(ws))
	for s := range results {
		results[s] = result{acc: make([]float64, 0, epochs), bnAcc: make([]float64, 0, epochs)}
	}
	type buffers struct {
		mask []int
		x, t *tensor.Tensor
		// eval is network.accuracy(x_train, t_train), in batches that
		// keep the activations in cache (the count is exact, so the
		// accuracy is the script's to the bit), with the set kept
		// gathered for every net this core trains (KeepSparse), not
		// gathered again for each.
		eval *dlfstrain.Evaluator
		// nets[k] is the last net of kind k this core trained, given new
		// weights (Reinit) for the next of its kind instead of built
		// anew, unless keep: its buffers are then allocated once per
		// core, not once per net.
		nets [2]*nets.MultiLayerNetExtend
	}
	var bufs [parallel.MaxWorkers]*buffers

	var mu sync.Mutex // guards done, printed and the output
	done := make([]int, len(ws))
	printed := 0
	progress := cli.NewProgress(stdout)
	parallel.Each(2*len(ws), func(wk, j int) {
		s, k := j/2, j%2 // k: 0 bn_network, 1 network
		b := bufs[wk]
		if b == nil {
			b = &buffers{mask: make([]int, BatchSize), x: tensor.Zeros(BatchSize, train.Rows*train.Cols), t: tensor.Zeros(BatchSize),
				eval: dlfstrain.NewEvaluator(xTrain, tTrain, evalBatch)}
			b.eval.KeepSparse()
			bufs[wk] = b
		}
		var net *nets.MultiLayerNetExtend
		if prev := b.nets[k]; prev != nil && !keep {
			net = prev
			net.Reinit(nets.StdInit(ws[s]), starts[s].nets[k].Clone())
		} else {
			net = newNet(ws[s], k == 0, starts[s].nets[k].Clone())
			b.nets[k] = net
		}
		eval := b.eval
		gm, opt := starts[s].masks.Clone(), optim.NewSGD(LearningRate)
		accs := &results[s].bnAcc
		if k == 1 {
			accs = &results[s].acc
		}
		loss := math.NaN()
		for i := range iters {
			gm.ChoiceInto(b.mask, train.N)
			train.ImagesInto(b.x, b.mask, true)
			train.LabelsInto(b.t, b.mask, false)
			loss = net.Gradient(b.x, b.t)
			opt.Update(net.Params())
			if math.Mod(float64(i), iterPerEpoch) == 0 {
				*accs = append(*accs, eval.Accuracy(net, 0))
			}
		}
		if keep {
			pairs[s][k] = net
		}
		mu.Lock()
		defer mu.Unlock()
		done[s]++
		for printed < len(ws) && done[printed] == 2 {
			r := results[printed]
			progress.Clear()
			fmt.Fprintf(stdout, "============== %d/%d ==============\n", printed+1, Scales)
			for e := range r.acc {
				fmt.Fprintf(stdout, "epoch:%d | %s - %s\n", e, tensor.FormatFloat(r.acc[e]), tensor.FormatFloat(r.bnAcc[e]))
			}
			printed++
		}
		finished := 0
		for _, d := range done {
			finished += d
		}
		progress.Update("net", finished, 2*len(ws), loss)
	})
	progress.Clear()
	return results, pairs
}

// figure draws the script's figure: a 4×4 grid with one subplot per
// scale, titled "W:<w>", the Batch Normalization net's accuracies solid
// and the plain net's dashed against the epoch, the y axis from 0 to 1
// with its ticks on the first column only and the x ticks on the last row
// only, and the legend in the last subplot.
func figure(scales []float64, results []result) *plot.Figure {
	f := plot.NewGrid(4, 4)
	for i, w := range scales {
		r := results[i]
		xs := make([]float64, len(r.acc)) // np.arange(max_epochs)
		for j := range xs {
			xs[j] = float64(j)
		}
		ax := f.Subplot(i)
		ax.SetTitle("W:" + tensor.FormatFloat(w))
		bn := plot.Style{MarkEvery: 2}
		normal := plot.Style{LineStyle: "--", MarkEvery: 2}
		if i == Scales-1 {
			bn.Label = "Batch Normalization"
			normal.Label = "Normal(without BatchNorm)"
		}
		ax.Line(xs, r.bnAcc, bn)
		ax.Line(xs, r.acc, normal)
		ax.SetYLim(0, 1.0)
		if i%4 != 0 {
			ax.SetYTicks()
		} else {
			ax.SetYLabel("accuracy")
		}
		if i < 12 {
			ax.SetXTicks()
		} else {
			ax.SetXLabel("epochs")
		}
		ax.Legend("lower right")
	}
	return f
}

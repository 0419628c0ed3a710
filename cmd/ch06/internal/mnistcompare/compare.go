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
	"sync"
	"sync/atomic"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/ops"
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

	// windowIters is how many iterations' batches are drawn at a time, and
	// streamChunk how many consecutive iterations of one net a core runs
	// before it picks the net furthest behind again.
	windowIters = 200
	streamChunk = 8
	// ringSlots is how many iterations' batches are kept converted and
	// gathered for the nets (batchRing): 1.7 MB each.
	ringSlots = 24
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
//
// It draws what the script draws, in the script's order, and each net
// computes what the script's does; the nets are trained on both cores.
func Train(entries []Entry, g *random.Generator, train *mnist.Set, iters int, stdout io.Writer) ([][]float64, error) {
	losses, _, err := trainRing(entries, g, train, iters, stdout, ringSlots)
	return losses, err
}

// trainRing is Train with slots batches in flight (batchRing); it also
// returns how many times a net converted a batch itself.
func trainRing(entries []Entry, g *random.Generator, train *mnist.Set, iters int, stdout io.Writer, slots int) ([][]float64, int64, error) {
	if train.N == 0 {
		return nil, 0, fmt.Errorf("mnistcompare: the MNIST training set holds no images")
	}
	// The nets are independent once the batches are drawn, and drawing
	// them is all the script draws in the loop: the masks of a window of
	// iterations are drawn first, in order, then each net trains through
	// the window on its own (parallel.Streams: each core takes a few
	// iterations of the net furthest behind), and the window's report
	// lines are printed. The losses are the same whichever core trained
	// which net when.
	window := min(iters, windowIters)
	masks := make([][]int, window)
	for i := range masks {
		masks[i] = make([]int, BatchSize)
	}
	type buffers struct{ x, t *tensor.Tensor }
	bufs := make([]buffers, len(entries)) // a net's own batch, made when needed
	losses := make([][]float64, len(entries))
	for k := range losses {
		losses[k] = make([]float64, iters)
	}
	ring := newBatchRing(slots, len(entries), train)
	var base int
	step := func(k, i int) {
		e, it := entries[k], base+i
		// The batch as the first net to reach the iteration converted
		// and gathered it, or, when its slot is still taken by a net far
		// behind, as this net converts it.
		var x, t *tensor.Tensor
		if b := ring.get(it, masks[i]); b != nil {
			x, t = b.x, b.t
			e.Net.UseGathered(x, &b.sp)
		} else {
			if bufs[k].x == nil {
				bufs[k] = buffers{tensor.Zeros(BatchSize, train.Rows*train.Cols), tensor.Zeros(BatchSize)}
			}
			x, t = bufs[k].x, bufs[k].t
			loadBatch(train, x, t, masks[i])
			ring.own.Add(1)
		}
		e.Net.Gradient(x, t)
		e.Opt.Update(e.Net.Params())
		losses[k][it] = e.Net.Loss(x, t)
		e.Net.UseGathered(nil, nil)
		ring.done(k, it)
	}
	progress := cli.NewProgress(stdout)
	for base = 0; base < iters; base += window {
		n := min(window, iters-base)
		for i := range n {
			g.ChoiceInto(masks[i], train.N)
		}
		parallel.Streams(len(entries), n, streamChunk, step)
		for i := base; i < base+n; i++ {
			if i%PrintInterval != 0 {
				continue
			}
			progress.Clear()
			// The script prints each net's loss on the batch after the
			// update: the loss the step recorded.
			fmt.Fprintf(stdout, "===========iteration:%d===========\n", i)
			for k, e := range entries {
				fmt.Fprintf(stdout, "%s:%s\n", e.Key, tensor.FormatFloat(losses[k][i]))
			}
		}
		progress.Update("iteration", base+n, iters, losses[len(entries)-1][base+n-1])
	}
	progress.Clear()
	return losses, ring.own.Load(), nil
}

// loadBatch converts the batch mask of the training set as the scripts'
// load_mnist(normalize=True) has it: flattened images in [0, 1] into x,
// labels as class indices into t.
func loadBatch(train *mnist.Set, x, t *tensor.Tensor, mask []int) {
	train.ImagesInto(x, mask, true)
	train.LabelsInto(t, mask, false)
}

// batchRing holds the batches of the iterations in flight, each converted
// and its nonzeros gathered once for all the nets (which read them at
// the same time: layers.Network.UseGathered), instead of once per net and
// twice per step (the gradient and the loss after the update). On
// weight_init_compare that was a tenth of the work.
type batchRing struct {
	slots []sharedBatch
	// passed[k] is the number of iterations net k has finished.
	passed []atomic.Int64
	train  *mnist.Set
	own    atomic.Int64 // batches a net converted itself (get gave nil)
}

// sharedBatch is the batch of iteration iter (-1: none yet).
type sharedBatch struct {
	mu   sync.Mutex
	iter int
	x, t *tensor.Tensor
	sp   ops.SparseRows
}

func newBatchRing(slots, nets int, train *mnist.Set) *batchRing {
	r := &batchRing{slots: make([]sharedBatch, slots), passed: make([]atomic.Int64, nets), train: train}
	for i := range r.slots {
		r.slots[i].iter = -1
	}
	return r
}

// get returns the batch of iteration it, drawn as mask, from slot it mod
// the number of slots, converting and gathering it when it is the first
// net there; or nil when the slot still holds an earlier iteration that a
// net has not finished.
func (r *batchRing) get(it int, mask []int) *sharedBatch {
	b := &r.slots[it%len(r.slots)]
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.iter == it {
		return b
	}
	if b.iter >= 0 {
		for k := range r.passed {
			if r.passed[k].Load() <= int64(b.iter) {
				return nil // a net has not finished the slot's iteration
			}
		}
	}
	if b.x == nil {
		b.x = tensor.Zeros(BatchSize, r.train.Rows*r.train.Cols)
		b.t = tensor.Zeros(BatchSize)
	}
	b.iter = it
	loadBatch(r.train, b.x, b.t, mask)
	b.sp.Gather(b.x)
	b.sp.Transpose() // read by the nets at once from now on
	return b
}

// done records that net k has finished iteration it, and with it every
// earlier one.
func (r *batchRing) done(k, it int) { r.passed[k].Store(int64(it + 1)) }

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

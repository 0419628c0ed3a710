package train

import (
	"math"
	"slices"
	"testing"

	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/loss"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// sparseSet returns n samples of d values, about 15% of them nonzero (an
// MNIST-like input), with labels of 3 classes.
func sparseSet(g *random.Generator, n, d int) (x, lbl *tensor.Tensor) {
	x = g.Rand(n, d)
	u := g.Rand(n, d).Data()
	for i, v := range u {
		if v > 0.15 {
			x.Data()[i] = 0
		}
	}
	lbl = tensor.Zeros(n)
	for i := range n {
		lbl.Set(float64((i*7)%3), i)
	}
	return x, lbl
}

// TestEvaluatorKeepSparse checks that an Evaluator that keeps its batches
// gathered counts, pass after pass while the network trains, what a new
// Evaluator counts from the set itself: on one and two cores, for whole
// and partial sets (a last batch of another size), through converted
// batches and views, after a weight becomes infinite (the dense path), for
// a network whose first layer is not an Affine, and for a dense set. It
// also checks that the batches were kept gathered where this CPU gathers.
func TestEvaluatorKeepSparse(t *testing.T) {
	g := random.New(4)
	const n, d = 530, 200
	x, lbl := sparseSet(g, n, d)
	dense := g.Rand(n, d)
	gathers := new(ops.SparseRows).Gather(FromTensor(x).Range(0, 53))
	for _, tc := range []struct {
		name  string
		x     *tensor.Tensor
		net   func() Net
		views bool
	}{
		{"mlp", x, func() Net { return nets.NewMultiLayerNet(d, []int{16, 9}, 3, nets.Config{}, g) }, false},
		{"mlp views", x, func() Net { return nets.NewMultiLayerNet(d, []int{16, 9}, 3, nets.Config{}, g) }, true},
		{"relu first", x, func() Net {
			return layers.NewNetwork(loss.NewSoftmaxWithLoss(), layers.NewReLU(), layers.NewAffine(d, 16, g),
				layers.NewReLU(), layers.NewAffine(16, 3, g))
		}, false},
		{"dense set", dense, func() Net { return nets.NewMultiLayerNet(d, []int{16, 9}, 3, nets.Config{}, g) }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			net := tc.net()
			source := func() (Source, Source) {
				if tc.views {
					return FromTensor(tc.x), FromTensor(lbl)
				}
				return noRange{FromTensor(tc.x)}, noRange{FromTensor(lbl)}
			}
			xs, ts := source()
			kept := NewEvaluator(xs, ts, 53)
			kept.KeepSparse()
			opt := optim.NewSGD(0.5)
			b := NewBatcher(FromTensor(tc.x), FromTensor(lbl), 50, g)
			for round := range 4 {
				for range 5 {
					bx, bt := b.Next()
					net.Gradient(bx, bt)
					opt.Update(net.Params())
				}
				if round == 3 { // an infinite weight: every pass takes the dense path
					net.Params()[0].Value.Data()[0] = math.Inf(1)
				}
				for _, workers := range []int{1, 2} {
					for _, part := range []int{0, 300} {
						func() {
							defer parallel.ForceWorkers(parallel.ForceWorkers(workers))
							xs, ts := source()
							want := NewEvaluator(xs, ts, 53).Accuracy(net, part)
							got := kept.Accuracy(net, part)
							if got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
								t.Errorf("round %d, %d workers, n %d: the keeping Evaluator counts %v, a new one %v", round, workers, part, got, want)
							}
						}()
					}
				}
			}
			keptGathered := 0
			for _, k := range kept.kept {
				if k.x != nil {
					keptGathered++
				}
			}
			if wantKept := gathers && tc.name != "dense set" && tc.name != "relu first"; (keptGathered > 0) != wantKept {
				t.Errorf("%d batches kept gathered; want some: %v", keptGathered, wantKept)
			}
		})
	}
}

// noRange hides TensorSource's Range, so that an Evaluator converts
// batches.
type noRange struct{ *TensorSource }

func (noRange) Range() {}

// TestEvaluatorBatches checks how an Evaluator cuts a set: batches of at
// most its size, one apart at most (parallel.Piece), and on two cores an
// even number of them (300 samples in batches of at most 200: two of 150),
// kept and viewed at their place when the number of samples changes; and
// that the accuracy is the network's count over the whole set either way.
func TestEvaluatorBatches(t *testing.T) {
	g := random.New(6)
	x, lbl := sparseSet(g, 1000, 30)
	net := nets.NewMultiLayerNet(30, []int{8}, 3, nets.Config{}, g)
	for _, tc := range []struct {
		workers, n, size int
		want             []int // batch sizes
	}{
		{1, 300, 200, []int{150, 150}},
		{2, 300, 200, []int{150, 150}},
		{1, 1000, 200, []int{200, 200, 200, 200, 200}},
		{2, 1000, 200, []int{166, 167, 167, 166, 167, 167}},
		{2, 1000, 250, []int{250, 250, 250, 250}},
		{2, 150, 200, []int{150}},
		{2, 3, 2, []int{1, 2}},
		{2, 5, 2, []int{1, 1, 1, 2}},
	} {
		prev := parallel.ForceWorkers(tc.workers)
		for _, views := range []bool{false, true} {
			xs, ts := Source(copyingSource{FromTensor(x)}), Source(copyingSource{FromTensor(lbl)})
			if views {
				xs, ts = FromTensor(x), FromTensor(lbl)
			}
			e := NewEvaluator(xs, ts, tc.size)
			e.KeepSparse()
			for _, n := range []int{tc.n, tc.n - 1, tc.n} { // renewed when n changes
				if n <= 0 {
					continue
				}
				got := e.Accuracy(net, n)
				want := float64(net.Correct(FromTensor(x).Range(0, n), FromTensor(lbl).Range(0, n))) / float64(n)
				if got != want {
					t.Errorf("%d workers, n %d, size %d, views %v: accuracy %v, want %v", tc.workers, n, tc.size, views, got, want)
				}
			}
			var sizes []int
			for i := range e.batches {
				lo, hi := parallel.Piece(tc.n, e.batches, i, 1)
				sizes = append(sizes, hi-lo)
				if i < len(e.kept) && e.kept[i].m != 0 && (e.kept[i].lo != lo || e.kept[i].m != hi-lo) {
					t.Errorf("%d workers, n %d: batch %d kept as [%d, +%d), want [%d, %d)", tc.workers, tc.n, i, e.kept[i].lo, e.kept[i].m, lo, hi)
				}
			}
			if !slices.Equal(sizes, tc.want) {
				t.Errorf("%d workers, n %d, size %d, views %v: batches %v, want %v", tc.workers, tc.n, tc.size, views, sizes, tc.want)
			}
		}
		parallel.ForceWorkers(prev)
	}
}

// copyingSource hides TensorSource's Range, so that an Evaluator copies
// batches into its buffers.
type copyingSource struct{ Source }

// TestEvaluatorKeepBudget: a set whose nonzeros would take more than the
// budget (KeepSparseMaxBytes, lowered here) is not kept, and one within it
// is; both count what a new Evaluator counts.
func TestEvaluatorKeepBudget(t *testing.T) {
	g := random.New(7)
	x, lbl := sparseSet(g, 400, 200)
	if !new(ops.SparseRows).Gather(FromTensor(x).Range(0, 50)) {
		t.Skip("this CPU or build gathers nothing")
	}
	net := nets.NewMultiLayerNet(200, []int{16}, 3, nets.Config{}, g)
	defer func(v int64) { keepMaxBytes = v }(keepMaxBytes)
	for _, tc := range []struct {
		budget int64
		kept   bool
	}{{1 << 20, true}, {40 << 10, false}} { // the set's nonzeros take about 150 KB
		keepMaxBytes = tc.budget
		e := NewEvaluator(FromTensor(x), FromTensor(lbl), 50)
		e.KeepSparse()
		want := NewEvaluator(FromTensor(x), FromTensor(lbl), 50).Accuracy(net, 0)
		for pass := range 2 {
			if got := e.Accuracy(net, 0); got != want {
				t.Errorf("budget %d, pass %d: accuracy %v, want %v", tc.budget, pass, got, want)
			}
		}
		kept := 0
		for _, k := range e.kept {
			if k.x != nil {
				kept++
			}
		}
		if tc.kept && (kept != len(e.kept) || e.keptBytes.Load() == 0) || !tc.kept && (kept != 0 || e.keptBytes.Load() != 0) {
			t.Errorf("budget %d: %d of %d batches kept in %d bytes", tc.budget, kept, len(e.kept), e.keptBytes.Load())
		}
	}
}

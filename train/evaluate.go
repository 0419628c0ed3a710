package train

import (
	"fmt"
	"sync/atomic"

	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/tensor"
)

// Classifier is what accuracy needs of a network: how many samples of a
// batch it classifies correctly (layers.Network.Correct).
type Classifier interface {
	// Correct returns how many rows of x the network classifies as t says.
	Correct(x, t *tensor.Tensor) int
}

// DefaultEvalBatch is the largest evaluation batch: 200 MNIST images are 1.2
// MB in float64, which stay in a 2 MB L2 cache between their conversion and
// the product that reads them. Measured on the development machine (2
// cores), one evaluation of all 70000 images: 150 images 105 ms, 200 92
// ms, 250 92 ms, 300 90 ms (but 10000 is not a multiple of 300), 400 107
// ms, 1000 100 ms.
const DefaultEvalBatch = 200

// Evaluator measures a network's accuracy over one data set in batches,
// reusing its buffers: the book's network.accuracy(x, t), which converts
// and predicts all of x at once, for a fraction of the memory. The count
// of correct samples is exact, so the accuracy is the book's to the bit.
//
// When both sets are RangeSources (a TensorSource: the book's x_test as
// a tensor), batches are views of them, not copies.
//
// When the network is built on layers.Network (every network of package
// nets but SigmoidTwoLayerNet) and there are cores to spare, the batches
// are shared between the cores (parallel.Each), each core predicting with
// its own inference copy of the network (layers.Network.InferenceCopy),
// kept from one call to the next. The samples are then cut into a
// multiple of the number of cores of batches as equal as possible (300
// samples in batches of at most 200 on two cores: two of 150, not 200 and
// 100), so that no core waits for another's last batch.
type Evaluator struct {
	x, t    Source
	size    int
	workers []evalWorker // per goroutine of parallel.Each; 0 is the caller
	// copies are the inference copies of the network, per goroutine (0
	// unused), shared with the Evaluators of ShareCopies.
	copies *[]*layers.Network

	// The evaluation parallel.Each runs: batch i of the first n samples
	// of the set, on worker w, for net. It is made once, so that a call
	// allocates nothing.
	each func(w, i int)
	cur  Classifier
	ic   inferenceCopier
	n    int

	// batches is the number of batches of the evaluation under way.
	batches int

	// views[i] holds batch i's views of x and t when both are
	// RangeSources (and the batch's place, to renew them when n or the
	// number of batches changes).
	views []batchView

	// keep says whether batches are kept gathered (KeepSparse); kept[i]
	// is batch i's.
	keep      bool
	kept      []keptBatch
	keptBytes atomic.Int64 // the memory the kept batches hold
	keepOff   atomic.Bool  // the set is too large to keep
}

// keptBatch is one batch of a KeepSparse Evaluator: x's nonzeros and a
// copy of t, or dense when x proved not sparse enough (it is then
// converted at every pass, as without KeepSparse).
type keptBatch struct {
	lo, m int // the batch's first sample and size when kept; m is 0 when nothing is
	// dense: the batch is converted at every pass (x is not sparse
	// enough, or the set too large to keep: KeepSparseMaxBytes).
	dense bool
	bytes int64 // the memory the kept batch holds
	x     *ops.SparseRows
	t     *tensor.Tensor
}

// gatheredClassifier is a Classifier that can count from a batch's
// gathered nonzeros (layers.Network.CorrectGathered).
type gatheredClassifier interface {
	CorrectGathered(s *ops.SparseRows, t *tensor.Tensor) (int, bool)
}

// batchView is one batch shown in place.
type batchView struct {
	lo, m int
	x, t  *tensor.Tensor
}

// evalWorker is what one goroutine of an evaluation uses.
type evalWorker struct {
	idx        []int
	full, tail batchBufs       // the buffers of the evaluation's two batch sizes
	lastFull   bool            // the last batch used full
	gather     *ops.SparseRows // where batches are gathered to be kept
	correct    int
}

type batchBufs struct{ x, t *tensor.Tensor }

// inferenceCopier is a network that can make an inference copy of itself:
// layers.Network, and the networks that embed one.
type inferenceCopier interface {
	InferenceCopy(reuse *layers.Network) *layers.Network
}

// NewEvaluator returns an Evaluator of the set (x, t) that converts batches
// of at most size samples (DefaultEvalBatch when size <= 0), as equal as
// possible: 10000 samples in batches of at most 200 are fifty of 200. It
// panics if x and t hold different numbers of samples.
func NewEvaluator(x, t Source, size int) *Evaluator {
	if x.Len() != t.Len() {
		panic(fmt.Sprintf("train.NewEvaluator: %d inputs but %d targets", x.Len(), t.Len()))
	}
	if size <= 0 {
		size = DefaultEvalBatch
	}
	copies := make([]*layers.Network, parallel.MaxWorkers)
	return &Evaluator{x: x, t: t, size: size, workers: make([]evalWorker, parallel.MaxWorkers), copies: &copies}
}

// ShareCopies makes e use the inference copies of other's network instead
// of its own: two Evaluators of one network that never run at the same
// time (the Trainer's, of the training and the test set) then keep one set
// of copies and their buffers, not two (for a convolutional network,
// tens of megabytes).
func (e *Evaluator) ShareCopies(other *Evaluator) { e.copies = other.copies }

// KeepSparse makes e keep each batch whose inputs are mostly zeros (an
// MNIST batch: 81% of its pixels are background) as its nonzeros and
// targets after its first evaluation, for networks whose first layer is
// an Affine (layers.Network.CorrectGathered): later evaluations of the
// set skip converting and gathering it, and count exactly what they
// would count otherwise. The set must not change afterwards. The nonzeros
// take 12 bytes each, twice over on a CPU with AVX-512, which keeps them
// also in the order of its faster products (ops.SparseRows.Bytes): 39 MB
// for MNIST's 10000 test images (18 MB without AVX-512), against 63 MB
// for the images in float64. A set whose nonzeros would take more than
// KeepSparseMaxBytes is not kept (its batches are converted at every pass,
// as without KeepSparse). The Trainer's Evaluators keep their sets.
func (e *Evaluator) KeepSparse() { e.keep = true }

// KeepSparseMaxBytes is the most memory an Evaluator keeps a set's
// nonzeros in (KeepSparse): MNIST's 10000 test images take 39 MB and are
// kept, its 60000 training images would take 234 MB and are not (judged
// from the first batch gathered). Keeping them would save little time (a
// batch converts and gathers in a fraction of the time its products take)
// for a lot of memory.
const KeepSparseMaxBytes = 64 << 20

// keepMaxBytes is KeepSparseMaxBytes, lowered by tests.
var keepMaxBytes int64 = KeepSparseMaxBytes

// Accuracy returns the fraction of the first n samples of the set that net
// classifies correctly, all of them when n <= 0 or n > the set's size: the
// book's network.accuracy(x[:n], t[:n]). An empty set gives NaN, as
// NumPy's 0/0.0 does. It must not run while net trains.
func (e *Evaluator) Accuracy(net Classifier, n int) float64 {
	if n <= 0 || n > e.x.Len() {
		n = e.x.Len()
	}
	batches := (n + e.size - 1) / e.size
	nw := min(parallel.Workers(), batches)
	share := nw > 1 && e.shareable(net)
	if share {
		// As many batches for each goroutine: 300 samples in batches of
		// at most 200 are two of 150, not 200 and 100.
		batches = min(n, (batches+nw-1)/nw*nw)
	}
	e.batches = batches
	if _, ok := e.x.(RangeSource); ok {
		if _, ok := e.t.(RangeSource); ok && len(e.views) < batches {
			e.views = append(e.views, make([]batchView, batches-len(e.views))...)
		}
	}
	if e.keep && len(e.kept) < batches {
		e.kept = append(e.kept, make([]keptBatch, batches-len(e.kept))...)
	}
	for w := range e.workers {
		e.workers[w].correct = 0
	}
	if share {
		if e.each == nil {
			e.each = func(w, i int) {
				// Any of the pool's goroutines may take a batch; each
				// keeps its own inference copy, made on its first batch
				// and renewed when the network's layers change.
				ew := &e.workers[w]
				c := e.cur
				if w > 0 {
					cp := &(*e.copies)[w]
					*cp = e.ic.InferenceCopy(*cp)
					c = *cp
				}
				ew.correct += e.batch(ew, c, i, e.n)
			}
		}
		e.cur, e.n = net, n
		parallel.Each(batches, e.each)
		e.cur, e.ic = nil, nil
	} else {
		for i := range batches {
			e.workers[0].correct += e.batch(&e.workers[0], net, i, n)
		}
	}
	correct := 0
	for w := range e.workers {
		correct += e.workers[w].correct
	}
	return float64(correct) / float64(n)
}

// shareable reports whether net can make inference copies of itself, and
// keeps it in e.ic for the evaluation.
func (e *Evaluator) shareable(net Classifier) bool {
	ic, ok := net.(inferenceCopier)
	if !ok {
		return false
	}
	cp := &(*e.copies)[1]
	if *cp = ic.InferenceCopy(*cp); *cp == nil {
		return false
	}
	e.ic = ic
	return true
}

// batch returns how many samples of batch i of the first n samples net
// classifies correctly: from the batch kept gathered (KeepSparse), or
// else from views of the set or from its samples converted into ew's
// buffers.
func (e *Evaluator) batch(ew *evalWorker, net Classifier, i, n int) int {
	lo, hi := parallel.Piece(n, e.batches, i, 1)
	m := hi - lo
	gc, gather := net.(gatheredClassifier)
	gather = gather && i < len(e.kept)
	if gather {
		if k := &e.kept[i]; k.lo == lo && k.m == m && k.x != nil {
			if c, ok := gc.CorrectGathered(k.x, k.t); ok {
				return c
			}
			gather = false // a weight that is not finite: the dense path
		} else if k.lo == lo && k.m == m && k.dense {
			gather = false
		}
	}
	var x, t *tensor.Tensor
	if i < len(e.views) {
		v := &e.views[i]
		if v.lo != lo || v.m != m || v.x == nil {
			*v = batchView{lo, m, e.x.(RangeSource).Range(lo, hi), e.t.(RangeSource).Range(lo, hi)}
		}
		x, t = v.x, v.t
	} else {
		if len(ew.idx) < m {
			ew.idx = make([]int, e.size)
		}
		idx := ew.idx[:m]
		for j := range idx {
			idx[j] = lo + j
		}
		b := ew.buffers(m, e)
		e.x.RowsInto(b.x, idx)
		e.t.RowsInto(b.t, idx)
		x, t = b.x, b.t
	}
	if gather {
		if c, ok := e.keepBatch(ew, &e.kept[i], gc, lo, m, x, t); ok {
			return c
		}
	}
	return net.Correct(x, t)
}

// keepBatch gathers the batch (x, t) of m samples into k and counts it
// with gc. When x is not a sparse enough matrix, or gc cannot count from
// its nonzeros, or the set is too large to keep (keepMaxBytes), it marks
// the batch dense, to be converted at every pass, and returns false
// unless it has counted it.
func (e *Evaluator) keepBatch(ew *evalWorker, k *keptBatch, gc gatheredClassifier, lo, m int, x, t *tensor.Tensor) (int, bool) {
	if k.bytes > 0 { // a batch kept for another n
		e.keptBytes.Add(-k.bytes)
		k.bytes = 0
	}
	if e.keepOff.Load() || e.keptBytes.Load() >= keepMaxBytes { // the budget is spent
		*k = keptBatch{lo: lo, m: m, dense: true}
		return 0, false
	}
	// Gathered into the worker's scratch, kept as a copy of its size.
	if ew.gather == nil {
		ew.gather = new(ops.SparseRows)
	}
	if x.Dim() != 2 || m == 0 || !ew.gather.Gather(x) {
		*k = keptBatch{lo: lo, m: m, dense: true}
		return 0, false
	}
	// Kept within the budget; otherwise counted from the scratch and
	// converted at every pass. A set whose batches would not all fit is
	// not kept at all.
	g := ew.gather
	s := g.CompactCopy()
	size := s.Bytes() + int64(8*t.Len())
	if size*int64(e.batches) > keepMaxBytes {
		e.keepOff.Store(true)
	}
	keep := !e.keepOff.Load()
	if keep && e.keptBytes.Add(size) > keepMaxBytes {
		e.keptBytes.Add(-size)
		keep = false
	}
	if !keep {
		*k = keptBatch{lo: lo, m: m, dense: true}
		return gc.CorrectGathered(g, t)
	}
	c, ok := gc.CorrectGathered(s, t)
	if !ok {
		e.keptBytes.Add(-size)
		*k = keptBatch{lo: lo, m: m, dense: true}
		return 0, false
	}
	*k = keptBatch{lo: lo, m: m, x: s, t: t.Clone(), bytes: size}
	return c, true
}

// buffers returns the batch buffers for m samples, made on first use:
// the batches of an evaluation have at most two sizes, one apart, and
// each size keeps a pair while the sizes stay the same.
func (ew *evalWorker) buffers(m int, e *Evaluator) batchBufs {
	fits := func(b *batchBufs) bool { return b.x != nil && b.x.Size(0) == m }
	b := &ew.full
	switch {
	case fits(&ew.full):
	case fits(&ew.tail):
		b = &ew.tail
	case ew.lastFull: // a new size replaces the pair used less recently
		b = &ew.tail
	}
	ew.lastFull = b == &ew.full
	if b.x == nil || b.x.Size(0) != m {
		b.x = tensor.Zeros(e.x.BatchShape(m)...)
		b.t = tensor.Zeros(e.t.BatchShape(m)...)
	}
	return *b
}

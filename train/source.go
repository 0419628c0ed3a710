package train

import (
	"fmt"

	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// Source is a data set whose samples a loop gathers by index: the book's
// x_train[batch_mask]. Sample i is row i, the first axis of a batch.
type Source interface {
	// Len returns the number of samples.
	Len() int
	// BatchShape returns the shape of a batch of n samples, for allocating
	// the destination of RowsInto.
	BatchShape(n int) []int
	// RowsInto writes the samples idx[0], idx[1], ... into dst, of shape
	// BatchShape(len(idx)), one per row. It panics on a dst of another
	// shape or an index out of range. An Evaluator calls it from several
	// goroutines at once, with different destinations.
	RowsInto(dst *tensor.Tensor, idx []int)
}

// TensorSource is a tensor whose first axis indexes the samples, such as
// the book's x_train (N, 784) or t_train (N, 10) or (N,).
type TensorSource struct {
	x   *tensor.Tensor
	row int // values per sample
}

var _ RangeSource = (*TensorSource)(nil)

// RangeSource is a Source that can show consecutive samples in place:
// the book's x[lo:hi], a view, no copy. An Evaluator reads such a set
// through views instead of copying it batch by batch.
type RangeSource interface {
	Source
	// Range returns samples lo to hi-1 as a tensor of shape
	// BatchShape(hi-lo) that shares the source's storage. Callers must
	// not write to it.
	Range(lo, hi int) *tensor.Tensor
}

// FromTensor returns x as a Source of x.Size(0) samples. It panics if x
// has no axis (a scalar).
func FromTensor(x *tensor.Tensor) *TensorSource {
	if x.Dim() == 0 {
		panic("train.FromTensor: a tensor of shape () has no samples")
	}
	row := 1
	for _, d := range x.Shape()[1:] {
		row *= d
	}
	return &TensorSource{x: x, row: row}
}

// Len returns the number of samples, x.Size(0).
func (s *TensorSource) Len() int { return s.x.Size(0) }

// Range returns x[lo:hi], a view of x's storage. It panics unless 0 <= lo
// <= hi <= Len().
func (s *TensorSource) Range(lo, hi int) *tensor.Tensor {
	if lo < 0 || lo > hi || hi > s.Len() {
		panic(fmt.Sprintf("train.TensorSource.Range: [%d, %d) out of range for %d samples", lo, hi, s.Len()))
	}
	return tensor.New(s.x.Data()[lo*s.row:hi*s.row], s.BatchShape(hi-lo)...)
}

// BatchShape returns x's shape with n samples: (n, ...).
func (s *TensorSource) BatchShape(n int) []int {
	return append([]int{n}, s.x.Shape()[1:]...)
}

// RowsInto copies the samples idx[0], idx[1], ... into dst, the book's
// x[batch_mask].
func (s *TensorSource) RowsInto(dst *tensor.Tensor, idx []int) {
	sh, xs := dst.Shape(), s.x.Shape()
	if len(sh) != len(xs) || sh[0] != len(idx) || !tensor.EqualShapes(sh[1:], xs[1:]) {
		panic(fmt.Sprintf("train.TensorSource.RowsInto: dst shape %s does not hold %d samples of a source of shape %s",
			tensor.ShapeString(sh), len(idx), tensor.ShapeString(xs)))
	}
	n, r := xs[0], s.row
	src, out := s.x.Data(), dst.Data()
	for k, i := range idx {
		if i < 0 || i >= n {
			panic(fmt.Sprintf("train.TensorSource.RowsInto: index %d out of range for %d samples", i, n))
		}
		copy(out[k*r:(k+1)*r], src[i*r:(i+1)*r])
	}
}

// checkPair returns an error unless x and t hold the same, non-zero number
// of samples.
func checkPair(what string, x, t Source) error {
	if x == nil || t == nil {
		return fmt.Errorf("train: the %s data is missing", what)
	}
	if x.Len() != t.Len() {
		return fmt.Errorf("train: the %s data holds %d inputs but %d targets", what, x.Len(), t.Len())
	}
	if x.Len() == 0 {
		return fmt.Errorf("train: the %s data holds no samples", what)
	}
	return nil
}

// Batcher draws mini-batches the book's way: batch_mask =
// np.random.choice(train_size, batch_size), then x[batch_mask] and
// t[batch_mask], into buffers it reuses.
type Batcher struct {
	x, t   Source
	g      *random.Generator
	idx    []int
	xb, tb *tensor.Tensor
}

// NewBatcher returns a Batcher of size samples from x and t (which must
// hold the same number of samples) drawing from g (random.Default() when
// nil). It panics if size < 1 or the sources disagree.
func NewBatcher(x, t Source, size int, g *random.Generator) *Batcher {
	if size < 1 {
		panic(fmt.Sprintf("train.NewBatcher: batch size %d must be at least 1", size))
	}
	if err := checkPair("training", x, t); err != nil {
		panic("train.NewBatcher: " + err.Error())
	}
	if g == nil {
		g = random.Default()
	}
	return &Batcher{x: x, t: t, g: g, idx: make([]int, size),
		xb: tensor.Zeros(x.BatchShape(size)...), tb: tensor.Zeros(t.BatchShape(size)...)}
}

// Next draws the next mini-batch and returns it. The tensors are the
// Batcher's own and are overwritten by the next call.
func (b *Batcher) Next() (x, t *tensor.Tensor) {
	b.g.ChoiceInto(b.idx, b.x.Len())
	b.x.RowsInto(b.xb, b.idx)
	b.t.RowsInto(b.tb, b.idx)
	return b.xb, b.tb
}

// Indices returns the indices of the last mini-batch (batch_mask). The
// slice is the Batcher's own.
func (b *Batcher) Indices() []int { return b.idx }

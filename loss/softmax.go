package loss

import (
	"math"

	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/tensor"
)

// SoftmaxWithLoss is the book's common/layers.py SoftmaxWithLoss: the
// softmax of the scores followed by the cross-entropy error, as one layer
// whose backward is simply (y - t) / N.
//
// Shapes: scores x (N, C); labels t one-hot (N, C) or class indices (N,)
// stored as float64; the gradient has x's shape.
type SoftmaxWithLoss struct {
	Y *tensor.Tensor // softmax output of the last Forward (N, C)

	t      *tensor.Tensor
	n, c   int            // batch size and classes of the last Forward
	oneHot bool           // whether t is one-hot
	logs   *tensor.Tensor // log(y[i, t_i] + 1e-7) scratch (N,)
	dx     *tensor.Tensor
}

var _ layers.LossLayer = (*SoftmaxWithLoss)(nil)

// NewSoftmaxWithLoss returns a SoftmaxWithLoss layer.
func NewSoftmaxWithLoss() *SoftmaxWithLoss { return &SoftmaxWithLoss{} }

// Forward returns the cross-entropy error of softmax(x) against t and
// keeps softmax(x) in Y. It allocates nothing once the batch size is
// steady.
func (s *SoftmaxWithLoss) Forward(x, t *tensor.Tensor) float64 {
	n, c, oneHot := batchDims("loss.SoftmaxWithLoss.Forward", x, t)
	s.t, s.n, s.c, s.oneHot = t, n, c, oneHot
	s.Y = tensor.Reuse(s.Y, x.Shape()...)
	ops.SoftmaxInto(s.Y, x)
	s.logs = tensor.Reuse(s.logs, n)
	yd, td, logs := s.Y.Data(), t.Data(), s.logs.Data()
	for i := range n {
		logs[i] = math.Log(yd[i*c+label("loss.SoftmaxWithLoss.Forward", td, i, c, oneHot)] + logDelta)
	}
	return -ops.SumAll(s.logs) / float64(n)
}

// Backward returns (y - t) / N for one-hot labels, or y with 1 subtracted
// at each sample's class, divided by N, for class indices. The result
// belongs to the layer and is overwritten by its next Backward.
func (s *SoftmaxWithLoss) Backward() *tensor.Tensor {
	if s.Y == nil {
		panic("loss.SoftmaxWithLoss.Backward: called before Forward")
	}
	s.dx = tensor.Reuse(s.dx, s.Y.Shape()...)
	n, c := s.n, s.c
	bn := float64(n)
	y, td, dx := s.Y.Data(), s.t.Data(), s.dx.Data()
	if s.oneHot {
		for i, v := range y {
			dx[i] = (v - td[i]) / bn
		}
		return s.dx
	}
	copy(dx, y)
	for i := range n {
		dx[i*c+label("loss.SoftmaxWithLoss.Backward", td, i, c, false)] -= 1
	}
	for i := range dx {
		dx[i] /= bn
	}
	return s.dx
}

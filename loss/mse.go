package loss

import (
	"fmt"

	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/tensor"
)

// MSE is the mean squared error of the seed article's MSE class:
//
//	loss = 0.5 * Σ (y - t)² / N
//	dL/dy = (y - t) / N
//
// where N is the batch size (the first axis of y). Shapes: y and t (N, ...),
// equal; the gradient has y's shape.
type MSE struct {
	diff *tensor.Tensor // y - t of the last Forward
	sq   *tensor.Tensor // (y - t)² scratch
	grad *tensor.Tensor
}

// NewMSE returns an MSE loss layer.
func NewMSE() *MSE { return &MSE{} }

// Forward returns 0.5 * Σ (y - t)² / N for prediction y and target t. The
// sum is taken in NumPy's order, so the value matches np.sum bit for bit.
func (m *MSE) Forward(y, t *tensor.Tensor) float64 {
	if !tensor.SameShape(y, t) || y.Dim() < 1 {
		panic(fmt.Sprintf("loss.MSE.Forward: prediction %s and target %s must have the same shape (N, ...)",
			tensor.ShapeString(y.Shape()), tensor.ShapeString(t.Shape())))
	}
	m.diff = tensor.Reuse(m.diff, y.Shape()...)
	m.sq = tensor.Reuse(m.sq, y.Shape()...)
	d, s, yd, td := m.diff.Data(), m.sq.Data(), y.Data(), t.Data()
	for i := range d {
		d[i] = yd[i] - td[i]
		s[i] = d[i] * d[i]
	}
	return 0.5 * ops.SumAll(m.sq) / float64(y.Size(0))
}

// Backward returns (y - t) / N for the last Forward. The result belongs to
// the layer and is overwritten by its next Backward.
func (m *MSE) Backward() *tensor.Tensor {
	if m.diff == nil {
		panic("loss.MSE.Backward: called before Forward")
	}
	m.grad = tensor.Reuse(m.grad, m.diff.Shape()...)
	n := float64(m.diff.Size(0))
	g := m.grad.Data()
	for i, v := range m.diff.Data() {
		g[i] = v / n
	}
	return m.grad
}

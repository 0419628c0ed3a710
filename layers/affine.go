package layers

import (
	"fmt"

	"github.com/dlfs-go/dlfs/internal/vec"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// Affine is the book's common/layers.py Affine: out = x·W + b.
//
// Forward accepts x of any rank with the batch on the first axis: an input
// of shape (N, C, H, W) is flattened to (N, C*H*W) (NumPy's
// x.reshape(x.shape[0], -1), a view), and Backward returns dx in the
// original shape.
//
// Shapes: W (D, M), b (M,), x (N, D) or (N, ...) with D elements per sample,
// out (N, M).
type Affine struct {
	W, B   *tensor.Tensor // weights (D, M) and bias (M,)
	DW, DB *tensor.Tensor // gradients of the last Backward, shaped like W and B

	x      *tensor.Tensor // last input, flattened to (N, D)
	xShape []int          // shape of the last input, as given
	in     *tensor.Tensor // last input as given (to recognise a repeated view)
	out    *tensor.Tensor // output buffer (N, M)
	dx     *tensor.Tensor // dx buffer (N, D)
	dxView *tensor.Tensor // dx reshaped to xShape

	// sp holds the nonzeros of the last input when it is mostly zeros (a
	// first layer's MNIST batch), gathered by Forward for both products
	// with it; spOK says whether they are.
	sp   ops.SparseRows
	spOK bool
	// shared, set by useGathered, holds the nonzeros of sharedX: the
	// Forwards given sharedX take their products from it instead of sp.
	// spIn is the gathered input of the last Forward, &sp or shared.
	shared  *ops.SparseRows
	sharedX *tensor.Tensor
	spIn    *ops.SparseRows
}

// NewAffine returns an Affine layer from in to out units with weights drawn
// from g as g.Randn(in, out), like the seed article's
// np.random.randn(input_size, hidden_size), and a zero bias. A nil g uses
// random's default generator.
func NewAffine(in, out int, g *random.Generator) *Affine {
	if in <= 0 || out <= 0 {
		panic(fmt.Sprintf("layers.NewAffine: sizes %d and %d must be positive", in, out))
	}
	var w *tensor.Tensor
	if g == nil {
		w = random.Randn(in, out)
	} else {
		w = g.Randn(in, out)
	}
	return NewAffineWith(w, tensor.Zeros(out))
}

// NewAffineStd returns an Affine layer from in to out units with weights
// std·g.Randn(in, out), the book's weight_init_std *
// np.random.randn(input_size, hidden_size), and a zero bias. A nil g uses
// random's default generator. The book uses std = 0.01 in chapters 4 and
// 5; chapter 6 compares 0.01 with Xavier's sqrt(1/in) and He's
// sqrt(2/in).
func NewAffineStd(in, out int, std float64, g *random.Generator) *Affine {
	a := NewAffine(in, out, g)
	for i, v := range a.W.Data() {
		a.W.Data()[i] = v * std
	}
	return a
}

// NewAffineWith returns an Affine layer that uses w (D, M) and b (M,) as its
// parameters, without copying them.
func NewAffineWith(w, b *tensor.Tensor) *Affine {
	if w.Dim() != 2 || b.Dim() != 1 || b.Size(0) != w.Size(1) {
		panic(fmt.Sprintf("layers.NewAffineWith: W %s and b %s: want W (D, M) and b (M,)",
			tensor.ShapeString(w.Shape()), tensor.ShapeString(b.Shape())))
	}
	return &Affine{W: w, B: b, DW: tensor.ZerosLike(w), DB: tensor.ZerosLike(b)}
}

// Params returns W and b with their gradients, named "W" and "b".
func (a *Affine) Params() []Param {
	return []Param{{Name: "W", Value: a.W, Grad: a.DW}, {Name: "b", Value: a.B, Grad: a.DB}}
}

// Forward returns x·W + b for x of shape (N, D) or (N, ...) holding D
// values per sample; the result has shape (N, M).
func (a *Affine) Forward(x *tensor.Tensor, train bool) *tensor.Tensor {
	a.product(x)
	a.addBias()
	return a.out
}

// product sets a.out = x·W, Forward without the bias.
func (a *Affine) product(x *tensor.Tensor) {
	d, m := a.W.Size(0), a.W.Size(1)
	if x.Dim() < 1 || x.Len() != x.Size(0)*d {
		panic(fmt.Sprintf("layers.Affine.Forward: input %s does not hold %d values per sample for W %s",
			tensor.ShapeString(x.Shape()), d, tensor.ShapeString(a.W.Shape())))
	}
	n := x.Size(0)
	switch {
	case x.Dim() == 2:
		a.x = x
	case x != a.in || a.x == nil: // the view of a repeated input is reused
		a.x = x.Reshape(n, d)
	}
	a.in, a.xShape = x, x.Shape()
	a.out = tensor.Reuse(a.out, n, m)
	// A mostly-zero input is gathered once here for x·W and for the
	// backward pass's xᵀ·dout (dense inputs are given up after a row),
	// unless its nonzeros are given (useGathered).
	if a.shared != nil && x == a.sharedX {
		a.spIn, a.spOK = a.shared, true
	} else {
		a.spIn, a.spOK = &a.sp, a.sp.Gather(a.x)
	}
	if !a.spOK || !a.spIn.MatMulInto(a.out, a.W) {
		ops.MatMulInto(a.out, a.x, a.W, false, false)
	}
}

// addBias adds b to every row of the output.
func (a *Affine) addBias() {
	out, b := a.out.Data(), a.B.Data()
	m := len(b)
	vec.Add2D(out, m, b, 0, len(out)/m, m) // out += b, row by row
}

// forwardGathered is an inference Forward for an input given by its
// nonzeros, gathered by s.Gather(x): the output Forward(x, false) gives,
// to the bit, or false, with nothing computed, when the product cannot use
// s (see ops.SparseRows.MatMulInto: a weight that is not finite) and the
// caller must call Forward with x. Backward cannot follow it.
func (a *Affine) forwardGathered(s *ops.SparseRows) (*tensor.Tensor, bool) {
	if !a.productGathered(s) {
		return nil, false
	}
	a.addBias()
	return a.out, true
}

// productGathered is forwardGathered without the bias: a.out = x·W, or
// false.
func (a *Affine) productGathered(s *ops.SparseRows) bool {
	if s.Cols() != a.W.Size(0) {
		panic(fmt.Sprintf("layers.Affine: a gathered input of %d values per sample for W %s",
			s.Cols(), tensor.ShapeString(a.W.Shape())))
	}
	a.out = tensor.Reuse(a.out, s.Rows(), a.W.Size(1))
	if !s.MatMulInto(a.out, a.W) {
		return false
	}
	// The input is not kept: a Backward now panics as before any Forward.
	a.x, a.in, a.spOK = nil, nil, false
	return true
}

// Backward takes dout (N, M) and returns dx in the shape of the last input;
// it sets DW = xᵀ·dout and DB = the sum of dout over the batch. As the
// book's layer, it uses the input of the last Forward, which must not
// have changed since (a mostly-zero input is read as it was then).
func (a *Affine) Backward(dout *tensor.Tensor) *tensor.Tensor {
	a.backwardParams(dout)
	a.dx = tensor.Reuse(a.dx, a.x.Size(0), a.W.Size(0))
	ops.MatMulInto(a.dx, dout, a.W, false, true)
	if len(a.xShape) == 2 {
		return a.dx
	}
	if a.dxView == nil || !tensor.EqualShapes(a.dxView.Shape(), a.xShape) || &a.dxView.Data()[0] != &a.dx.Data()[0] {
		a.dxView = a.dx.Reshape(a.xShape...)
	}
	return a.dxView
}

// backwardParams sets DW = xᵀ·dout and DB = Σ dout without computing dx:
// the first layer of a network needs no input gradient.
func (a *Affine) backwardParams(dout *tensor.Tensor) {
	if a.x == nil {
		panic("layers.Affine.Backward: called before Forward")
	}
	n, m := a.x.Size(0), a.W.Size(1)
	if dout.Dim() != 2 || dout.Size(0) != n || dout.Size(1) != m {
		panic(fmt.Sprintf("layers.Affine.Backward: dout %s, want (%d,%d) for input %s and W %s",
			tensor.ShapeString(dout.Shape()), n, m, tensor.ShapeString(a.xShape), tensor.ShapeString(a.W.Shape())))
	}
	if !a.spOK || !a.spIn.MatMulTInto(a.DW, dout) {
		ops.MatMulInto(a.DW, a.x, dout, true, false)
	}
	ops.SumInto(a.DB, dout, 0)
}

// useGathered makes the Forwards given x take their products from s, the
// nonzeros of x, until the next useGathered (see Network.UseGathered); a
// nil x ends it.
func (a *Affine) useGathered(x *tensor.Tensor, s *ops.SparseRows) {
	if x == nil {
		a.shared, a.sharedX = nil, nil
		return
	}
	if s == nil || x.Dim() < 1 || s.Rows() != x.Size(0) || s.Cols() != a.W.Size(0) || x.Len() != s.Rows()*s.Cols() {
		rows, cols := 0, 0
		if s != nil {
			rows, cols = s.Rows(), s.Cols()
		}
		panic(fmt.Sprintf("layers.Network.UseGathered: nonzeros of a (%d,%d) input for x %s and W %s",
			rows, cols, tensor.ShapeString(x.Shape()), tensor.ShapeString(a.W.Shape())))
	}
	a.shared, a.sharedX = s, x
}

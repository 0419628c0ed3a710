package layers

import (
	"fmt"

	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/tensor"
)

// Convolution is the book's common/layers.py Convolution: FN filters of
// shape (C, FH, FW) moved over an (N, C, H, W) batch with a stride and a
// zero padding, through im2col and matrix products:
//
//	col = im2col(x)                    (N·OH·OW, C·FH·FW)
//	out = col · W.reshape(FN, -1)ᵀ + b (N·OH·OW, FN), as (N, FN, OH, OW)
//
// It computes the same thing image by image in the transposed layout
// (ops.Im2ColTInto): out[n] = W.reshape(FN, -1) · colT[n] + b, which comes
// out as (FN, OH, OW) with no transpose, the images split between the
// cores; the backward pass likewise (dW = Σₙ dout[n]·colT[n]ᵀ, dcolT[n] =
// Wᵀ·dout[n], then col2im). The sums of the products are taken in another
// order than NumPy's (as any two BLAS take them); the rest is the book's
// arithmetic, in its order.
//
// Shapes: W (FN, C, FH, FW), b (FN,), x (N, C, H, W), out (N, FN, OH, OW)
// with OH and OW as ops.ConvOutputSize gives them. Its buffers are reused
// from call to call, so a training step allocates nothing once they have
// grown.
type Convolution struct {
	W, B        *tensor.Tensor // filters (FN, C, FH, FW) and bias (FN,)
	DW, DB      *tensor.Tensor // gradients of the last Backward, shaped like W and B
	Stride, Pad int

	x      *tensor.Tensor // last input
	colT   *tensor.Tensor // transposed im2col of the last input (N, C·FH·FW, OH·OW)
	out    *tensor.Tensor // (N, FN, OH, OW)
	dcolT  *tensor.Tensor // Wᵀ·dout, image by image (N, C·FH·FW, OH·OW)
	dx     *tensor.Tensor
	w2, dw *tensor.Tensor // W and DW viewed as (FN, C·FH·FW)
}

// NewConvolution returns a Convolution layer that uses w (FN, C, FH, FW)
// and b (FN,) as its parameters, without copying them, with the given
// stride (at least 1) and padding (at least 0): the book's Convolution(W,
// b, stride, pad).
func NewConvolution(w, b *tensor.Tensor, stride, pad int) *Convolution {
	if w.Dim() != 4 || b.Dim() != 1 || b.Size(0) != w.Size(0) {
		panic(fmt.Sprintf("layers.NewConvolution: W %s and b %s: want W (FN, C, FH, FW) and b (FN,)",
			tensor.ShapeString(w.Shape()), tensor.ShapeString(b.Shape())))
	}
	if stride < 1 || pad < 0 {
		panic(fmt.Sprintf("layers.NewConvolution: stride %d and pad %d: want a stride of at least 1 and a pad of at least 0", stride, pad))
	}
	return &Convolution{W: w, B: b, DW: tensor.ZerosLike(w), DB: tensor.ZerosLike(b), Stride: stride, Pad: pad}
}

// wView returns W as an (FN, C·FH·FW) matrix: a view made once, and again
// when the field has been given another tensor.
func (c *Convolution) wView() *tensor.Tensor {
	c.w2 = matrixView(c.w2, c.W)
	return c.w2
}

// matrixView returns t as an (FN, rest) matrix, reusing v when it is one
// already.
func matrixView(v, t *tensor.Tensor) *tensor.Tensor {
	if v != nil && v.Len() == t.Len() && &v.Data()[0] == &t.Data()[0] {
		return v
	}
	return t.Reshape(t.Size(0), t.Len()/t.Size(0))
}

// Params returns W and b with their gradients, named "W" and "b".
func (c *Convolution) Params() []Param {
	return []Param{{Name: "W", Value: c.W, Grad: c.DW}, {Name: "b", Value: c.B, Grad: c.DB}}
}

// Forward returns the convolution of x (N, C, H, W) with the filters, plus
// the bias: (N, FN, OH, OW).
func (c *Convolution) Forward(x *tensor.Tensor, train bool) *tensor.Tensor {
	fn, ch, fh, fw := c.W.Size(0), c.W.Size(1), c.W.Size(2), c.W.Size(3)
	if x.Dim() != 4 || x.Size(1) != ch {
		panic(fmt.Sprintf("layers.Convolution.Forward: input %s, want (N, %d, H, W) for W %s",
			tensor.ShapeString(x.Shape()), ch, tensor.ShapeString(c.W.Shape())))
	}
	n, h, w := x.Size(0), x.Size(2), x.Size(3)
	oh, ow := ops.ConvOutputSize(h, fh, c.Stride, c.Pad), ops.ConvOutputSize(w, fw, c.Stride, c.Pad)
	if oh < 1 || ow < 1 {
		panic(fmt.Sprintf("layers.Convolution.Forward: a %dx%d filter with pad %d does not fit input %s",
			fh, fw, c.Pad, tensor.ShapeString(x.Shape())))
	}
	c.x = x
	k := ch * fh * fw
	c.colT = tensor.Reuse(c.colT, n, k, oh*ow)
	ops.Im2ColTInto(c.colT, x, fh, fw, c.Stride, c.Pad)
	c.out = tensor.Reuse(c.out, n, fn, oh, ow)
	t := convTask{mode: convForward, fn: fn, k: k, p: oh * ow, w: c.wView().Data(), b: c.B.Data(), col: c.colT.Data(), out: c.out.Data()}
	runConv(&t, n)
	return c.out
}

// Backward takes dout (N, FN, OH, OW) and returns dx (N, C, H, W); it sets
// DW = (colᵀ·dout) reshaped as W and DB = the sum of dout over the batch
// and the positions. It uses the input of the last Forward.
func (c *Convolution) Backward(dout *tensor.Tensor) *tensor.Tensor {
	c.backwardParams(dout)
	fn, fh, fw := c.W.Size(0), c.W.Size(2), c.W.Size(3)
	n := dout.Size(0)
	c.dcolT = tensor.Reuse(c.dcolT, c.colT.Shape()...)
	t := convTask{mode: convDcol, fn: fn, k: c.colT.Size(1), p: c.colT.Size(2), w: c.wView().Data(), col: c.dcolT.Data(), out: dout.Data()}
	runConv(&t, n)
	c.dx = tensor.Reuse(c.dx, c.x.Shape()...)
	return ops.Col2ImTInto(c.dx, c.dcolT, fh, fw, c.Stride, c.Pad)
}

// backwardParams sets DW and DB without computing dx: the first layer of a
// network needs no input gradient (for SimpleConvNet's convolution that
// saves a product and col2im).
func (c *Convolution) backwardParams(dout *tensor.Tensor) {
	if c.x == nil {
		panic("layers.Convolution.Backward: called before Forward")
	}
	if !tensor.EqualShapes(dout.Shape(), c.out.Shape()) {
		panic(fmt.Sprintf("layers.Convolution.Backward: dout %s, want %s", tensor.ShapeString(dout.Shape()), tensor.ShapeString(c.out.Shape())))
	}
	fn := c.W.Size(0)
	n, k, p := dout.Size(0), c.colT.Size(1), c.colT.Size(2)
	dd := dout.Data()
	convBiasGrad(c.DB.Data(), dd, n, fn, p)
	// dW = Σₙ dout[n]·colT[n]ᵀ: the book's colᵀ·dout, transposed.
	c.dw = matrixView(c.dw, c.DW)
	dw, col := c.dw.Data(), c.colT.Data()
	for i := range n {
		beta := 1.0
		if i == 0 {
			beta = 0
		}
		ops.Gemm(false, true, fn, k, p, 1, dd[i*fn*p:(i+1)*fn*p], p, col[i*k*p:(i+1)*k*p], p, beta, dw, k)
	}
}

// convBiasGrad sets db[f] to the sum of dout[n, f, :] over n and the
// positions, added one by one in the order of (n, position), as NumPy's
// np.sum(dout, axis=0) adds the rows of the book's (N·OH·OW, FN) dout;
// four filters at a time, so that four sums are in flight.
func convBiasGrad(db, dout []float64, n, fn, p int) {
	clear(db)
	f := 0
	for ; f+4 <= fn; f += 4 {
		s0, s1, s2, s3 := db[f], db[f+1], db[f+2], db[f+3]
		for i := range n {
			r0 := dout[(i*fn+f)*p : (i*fn+f+1)*p]
			r1 := dout[(i*fn+f+1)*p : (i*fn+f+2)*p]
			r2 := dout[(i*fn+f+2)*p : (i*fn+f+3)*p]
			r3 := dout[(i*fn+f+3)*p : (i*fn+f+4)*p]
			for q := range r0 {
				s0 += r0[q]
				s1 += r1[q]
				s2 += r2[q]
				s3 += r3[q]
			}
		}
		db[f], db[f+1], db[f+2], db[f+3] = s0, s1, s2, s3
	}
	for ; f < fn; f++ {
		s := 0.0
		for i := range n {
			for _, v := range dout[(i*fn+f)*p : (i*fn+f+1)*p] {
				s += v
			}
		}
		db[f] = s
	}
}

// The per-image products of Convolution.
const (
	convForward = iota // out[n] = W·colT[n] + b
	convDcol           // col[n] = Wᵀ·out[n] (dcolT from dout)
)

// convTask is a per-image product of Convolution over a range of images:
// W is (fn, k), col (N, k, p), out (N, fn, p).
type convTask struct {
	mode     int
	fn, k, p int
	w, b     []float64
	col, out []float64
}

var convJob parallel.Job[convTask, *convTask]

// runConv runs t over n images, split between the cores.
func runConv(t *convTask, n int) {
	grain := max(1, (1<<16)/max(1, t.fn*t.k*t.p))
	if !convJob.Try(n, 1, grain, func(j *convTask) { *j = *t }) {
		t.Range(0, n)
	}
}

func (t *convTask) Range(lo, hi int) {
	fn, k, p := t.fn, t.k, t.p
	for i := lo; i < hi; i++ {
		col := t.col[i*k*p : (i+1)*k*p]
		out := t.out[i*fn*p : (i+1)*fn*p]
		switch t.mode {
		case convForward:
			ops.Gemm(false, false, fn, p, k, 1, t.w, k, col, p, 0, out, p)
			for f, bf := range t.b[:fn] {
				row := out[f*p : (f+1)*p]
				for q := range row {
					row[q] += bf
				}
			}
		case convDcol:
			ops.Gemm(true, false, k, p, fn, 1, t.w, k, out, p, 0, col, p)
		}
	}
}

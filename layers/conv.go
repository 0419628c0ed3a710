package layers

import (
	"fmt"

	"github.com/dlfs-go/dlfs/internal/vec"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/tensor"
)

// Convolution is the book's common/layers.py Convolution: FN filters of
// shape (C, FH, FW) moved over an (N, C, H, W) batch with a stride and a
// zero padding, through im2col and one matrix product:
//
//	col = im2col(x)                    (N·OH·OW, C·FH·FW)
//	out = col · W.reshape(FN, -1)ᵀ + b (N·OH·OW, FN), as (N, FN, OH, OW)
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
	col    *tensor.Tensor // im2col of the last input (N·OH·OW, C·FH·FW)
	rows   *tensor.Tensor // col·Wᵀ + b (N·OH·OW, FN)
	out    *tensor.Tensor // rows as (N, FN, OH, OW)
	drows  *tensor.Tensor // dout as (N·OH·OW, FN)
	dcol   *tensor.Tensor // drows·W (N·OH·OW, C·FH·FW)
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
	c.col = tensor.Reuse(c.col, n*oh*ow, ch*fh*fw)
	ops.Im2ColInto(c.col, x, fh, fw, c.Stride, c.Pad)
	w2 := c.wView()
	c.rows = tensor.Reuse(c.rows, n*oh*ow, fn)
	ops.MatMulInto(c.rows, c.col, w2, false, true)
	rows, b := c.rows.Data(), c.B.Data()
	for i := 0; i < len(rows); i += fn {
		vec.AddScaled(rows[i:i+fn], b, 1) // rows += b (1·v is v exactly)
	}
	c.out = tensor.Reuse(c.out, n, fn, oh, ow)
	swapLast(c.out.Data(), rows, n, oh*ow, fn)
	return c.out
}

// Backward takes dout (N, FN, OH, OW) and returns dx (N, C, H, W); it sets
// DW = (colᵀ·dout) reshaped as W and DB = the sum of dout over the batch
// and the positions. It uses the input of the last Forward.
func (c *Convolution) Backward(dout *tensor.Tensor) *tensor.Tensor {
	c.backwardParams(dout)
	fh, fw := c.W.Size(2), c.W.Size(3)
	w2 := c.wView()
	c.dcol = tensor.Reuse(c.dcol, c.drows.Size(0), w2.Size(1))
	ops.MatMulInto(c.dcol, c.drows, w2, false, false)
	c.dx = tensor.Reuse(c.dx, c.x.Shape()...)
	return ops.Col2ImInto(c.dx, c.dcol, fh, fw, c.Stride, c.Pad)
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
	n, oh, ow := dout.Size(0), dout.Size(2), dout.Size(3)
	// dout.transpose(0, 2, 3, 1).reshape(-1, FN)
	c.drows = tensor.Reuse(c.drows, n*oh*ow, fn)
	swapLast(c.drows.Data(), dout.Data(), n, fn, oh*ow)
	ops.SumInto(c.DB, c.drows, 0)
	// dW = colᵀ·dout, transposed to (FN, C·FH·FW): computed as doutᵀ·col.
	c.dw = matrixView(c.dw, c.DW)
	ops.MatMulInto(c.dw, c.drows, c.col, true, false)
}

// swapLast writes src, n blocks of a×b values, into dst as n blocks of
// b×a values: each block transposed (NumPy's transpose of the last two
// axes of an (n, a, b) array, copied).
func swapLast(dst, src []float64, n, a, b int) {
	const tile = 16
	for k := range n {
		s := src[k*a*b : (k+1)*a*b]
		d := dst[k*a*b : (k+1)*a*b]
		for i0 := 0; i0 < a; i0 += tile {
			for j0 := 0; j0 < b; j0 += tile {
				for i := i0; i < min(i0+tile, a); i++ {
					row := s[i*b : (i+1)*b]
					for j := j0; j < min(j0+tile, b); j++ {
						d[j*a+i] = row[j]
					}
				}
			}
		}
	}
}

// Pooling is the book's common/layers.py Pooling: the maximum of every
// poolH×poolW window of each channel, the windows moved by the stride
// over the input padded with zeros. The maximum is the first largest
// value of the window in row-major order, NaN counting as the largest (as
// NumPy's argmax and max take it); Backward sends each gradient to that
// value.
//
// Shapes: x (N, C, H, W), out (N, C, OH, OW) with OH and OW as
// ops.ConvOutputSize gives them (the book computes them without the
// padding, and its layer works only with pad 0).
type Pooling struct {
	PoolH, PoolW, Stride, Pad int

	xShape []int
	out    *tensor.Tensor
	arg    []int32 // the window position of each output's maximum
	dx     *tensor.Tensor
}

// NewPooling returns a Pooling layer with poolH×poolW windows (at least
// 1×1) moved by stride (at least 1) over the input padded by pad (at least
// 0): the book's Pooling(pool_h, pool_w, stride, pad), whose stride
// defaults to 2 and pad to 0.
func NewPooling(poolH, poolW, stride, pad int) *Pooling {
	if poolH < 1 || poolW < 1 || stride < 1 || pad < 0 {
		panic(fmt.Sprintf("layers.NewPooling: pool %dx%d, stride %d, pad %d: want a pool of at least 1x1, a stride of at least 1 and a pad of at least 0",
			poolH, poolW, stride, pad))
	}
	return &Pooling{PoolH: poolH, PoolW: poolW, Stride: stride, Pad: pad}
}

// Forward returns the maximum of each window of x (N, C, H, W): (N, C, OH,
// OW).
func (p *Pooling) Forward(x *tensor.Tensor, train bool) *tensor.Tensor {
	if x.Dim() != 4 {
		panic(fmt.Sprintf("layers.Pooling.Forward: input %s, want (N, C, H, W)", tensor.ShapeString(x.Shape())))
	}
	n, ch, h, w := x.Size(0), x.Size(1), x.Size(2), x.Size(3)
	oh, ow := ops.ConvOutputSize(h, p.PoolH, p.Stride, p.Pad), ops.ConvOutputSize(w, p.PoolW, p.Stride, p.Pad)
	if oh < 1 || ow < 1 {
		panic(fmt.Sprintf("layers.Pooling.Forward: a %dx%d pool with pad %d does not fit input %s",
			p.PoolH, p.PoolW, p.Pad, tensor.ShapeString(x.Shape())))
	}
	p.xShape = append(p.xShape[:0], x.Shape()...)
	p.out = tensor.Reuse(p.out, n, ch, oh, ow)
	if cap(p.arg) < p.out.Len() {
		p.arg = make([]int32, p.out.Len())
	}
	p.arg = p.arg[:p.out.Len()]
	xd, out := x.Data(), p.out.Data()
	for plane := range n * ch {
		img := xd[plane*h*w : (plane+1)*h*w]
		o := plane * oh * ow
		for oy := range oh {
			for ox := range ow {
				best, arg := 0.0, -1
				for i := range p.PoolH {
					y := oy*p.Stride + i - p.Pad
					for j := range p.PoolW {
						xx := ox*p.Stride + j - p.Pad
						v := 0.0 // the padding
						if y >= 0 && y < h && xx >= 0 && xx < w {
							v = img[y*w+xx]
						}
						// The first maximum; the first NaN beats any number.
						if arg < 0 || v > best || v != v && best == best {
							best, arg = v, i*p.PoolW+j
						}
					}
				}
				out[o], p.arg[o] = best, int32(arg)
				o++
			}
		}
	}
	return p.out
}

// Backward takes dout (N, C, OH, OW) and returns dx (N, C, H, W): each
// value of dout added to the input value its window took as the maximum,
// window position by window position as the book's col2im adds them.
func (p *Pooling) Backward(dout *tensor.Tensor) *tensor.Tensor {
	if p.out == nil {
		panic("layers.Pooling.Backward: called before Forward")
	}
	if !tensor.EqualShapes(dout.Shape(), p.out.Shape()) {
		panic(fmt.Sprintf("layers.Pooling.Backward: dout %s, want %s", tensor.ShapeString(dout.Shape()), tensor.ShapeString(p.out.Shape())))
	}
	n, ch, h, w := p.xShape[0], p.xShape[1], p.xShape[2], p.xShape[3]
	oh, ow := dout.Size(2), dout.Size(3)
	p.dx = tensor.Reuse(p.dx, p.xShape...)
	dx, dd := p.dx.Data(), dout.Data()
	clear(dx)
	overlap := p.Stride < p.PoolH || p.Stride < p.PoolW
	for plane := range n * ch {
		img := dx[plane*h*w : (plane+1)*h*w]
		o0 := plane * oh * ow
		if !overlap {
			// Each input value is in one window at most: one addition.
			for k := range oh * ow {
				a := int(p.arg[o0+k])
				y := k/ow*p.Stride + a/p.PoolW - p.Pad
				x := k%ow*p.Stride + a%p.PoolW - p.Pad
				if y >= 0 && y < h && x >= 0 && x < w {
					img[y*w+x] += dd[o0+k]
				}
			}
			continue
		}
		// Overlapping windows: the sums in the order of the window
		// position, as col2im makes them.
		for a := range p.PoolH * p.PoolW {
			for k := range oh * ow {
				if int(p.arg[o0+k]) != a {
					continue
				}
				y := k/ow*p.Stride + a/p.PoolW - p.Pad
				x := k%ow*p.Stride + a%p.PoolW - p.Pad
				if y >= 0 && y < h && x >= 0 && x < w {
					img[y*w+x] += dd[o0+k]
				}
			}
		}
	}
	return p.dx
}

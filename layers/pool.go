package layers

import (
	"fmt"

	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/dlfs-go/dlfs/internal/vec"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/tensor"
)

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
//
// It computes the maxima directly, without im2col, the channels split
// between the cores; the book's 2×2 windows moved by 2 go through vector
// loops without a branch on the data (internal/vec's MaxPool2 and
// MaxPool2Back: the maxima of a network's activations are as good as
// random to a branch predictor; one thread, a batch of SimpleConvNet's
// (100, 30, 24, 24) activations took 6.1-6.3 ms with the scalar loop and
// 0.56-0.58 ms with the vector one). Its buffers are reused from call to
// call.
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

// poolGeom is the geometry of one Pooling call, shared by its pieces.
type poolGeom struct {
	ph, pw, s, pad int
	h, w, oh, ow   int
}

// poolGrain is the fewest channel planes a piece of Pooling takes.
func poolGrain(g *poolGeom) int { return max(1, (1<<14)/max(1, g.h*g.w)) }

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
	g := poolGeom{p.PoolH, p.PoolW, p.Stride, p.Pad, h, w, oh, ow}
	xd, out, arg := x.Data(), p.out.Data(), p.arg
	if !poolFwdJob.Try(n*ch, 1, poolGrain(&g), func(t *poolFwdTask) { t.g, t.x, t.out, t.arg = g, xd, out, arg }) {
		poolForward(&g, xd, out, arg, 0, n*ch)
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
	g := poolGeom{p.PoolH, p.PoolW, p.Stride, p.Pad, h, w, dout.Size(2), dout.Size(3)}
	p.dx = tensor.Reuse(p.dx, p.xShape...)
	dx, dd, arg := p.dx.Data(), dout.Data(), p.arg
	if !poolBwdJob.Try(n*ch, 1, poolGrain(&g), func(t *poolBwdTask) { t.g, t.dx, t.dout, t.arg = g, dx, dd, arg }) {
		poolBackward(&g, dx, dd, arg, 0, n*ch)
	}
	return p.dx
}

var (
	poolFwdJob parallel.Job[poolFwdTask, *poolFwdTask]
	poolBwdJob parallel.Job[poolBwdTask, *poolBwdTask]
)

// poolFwdTask is Pooling's forward pass over a range of channel planes.
type poolFwdTask struct {
	g      poolGeom
	x, out []float64
	arg    []int32
}

func (t *poolFwdTask) Range(lo, hi int) { poolForward(&t.g, t.x, t.out, t.arg, lo, hi) }

// poolBwdTask is Pooling's backward pass over a range of channel planes.
type poolBwdTask struct {
	g        poolGeom
	dx, dout []float64
	arg      []int32
}

func (t *poolBwdTask) Range(lo, hi int) { poolBackward(&t.g, t.dx, t.dout, t.arg, lo, hi) }

// poolForward computes the maxima of the planes [p0, p1).
func poolForward(g *poolGeom, x, out []float64, arg []int32, p0, p1 int) {
	h, w, oh, ow, s := g.h, g.w, g.oh, g.ow, g.s
	for plane := p0; plane < p1; plane++ {
		img := x[plane*h*w : (plane+1)*h*w]
		o := out[plane*oh*ow : (plane+1)*oh*ow]
		a := arg[plane*oh*ow : (plane+1)*oh*ow]
		switch {
		case g.pad == 0 && g.ph == 2 && g.pw == 2 && s == 2:
			// The book's pooling, in vector loops without a branch on
			// the data (the maxima of trained activations are hard to
			// predict).
			vec.MaxPool2(o, a, img, w, oh, ow)
		case g.pad == 0 && g.ph == 2 && g.pw == 2:
			// Two rows of two, every window inside.
			for oy := range oh {
				r0 := img[oy*s*w : oy*s*w+w]
				r1 := img[(oy*s+1)*w : (oy*s+1)*w+w]
				orow, arow := o[oy*ow:oy*ow+ow], a[oy*ow:oy*ow+ow]
				for ox := range orow {
					x0 := ox * s
					best, k := r0[x0], int32(0)
					if v := r0[x0+1]; vec.Better(v, best) {
						best, k = v, 1
					}
					if v := r1[x0]; vec.Better(v, best) {
						best, k = v, 2
					}
					if v := r1[x0+1]; vec.Better(v, best) {
						best, k = v, 3
					}
					orow[ox], arow[ox] = best, k
				}
			}
		default:
			for oy := range oh {
				for ox := range ow {
					best, k := 0.0, -1
					for i := range g.ph {
						y := oy*s + i - g.pad
						for j := range g.pw {
							xx := ox*s + j - g.pad
							v := 0.0 // the padding
							if y >= 0 && y < h && xx >= 0 && xx < w {
								v = img[y*w+xx]
							}
							if k < 0 || vec.Better(v, best) {
								best, k = v, i*g.pw+j
							}
						}
					}
					o[oy*ow+ox], a[oy*ow+ox] = best, int32(k)
				}
			}
		}
	}
}

// poolBackward fills the input gradient of the planes [p0, p1).
func poolBackward(g *poolGeom, dx, dout []float64, arg []int32, p0, p1 int) {
	h, w, oh, ow, s := g.h, g.w, g.oh, g.ow, g.s
	overlap := s < g.ph || s < g.pw
	for plane := p0; plane < p1; plane++ {
		img := dx[plane*h*w : (plane+1)*h*w]
		d := dout[plane*oh*ow : (plane+1)*oh*ow]
		a := arg[plane*oh*ow : (plane+1)*oh*ow]
		if g.pad == 0 && g.ph == 2 && g.pw == 2 && s == 2 {
			// Every value of the windows written once, then what no
			// window covers (a last column or row) cleared.
			vec.MaxPool2Back(img, d, a, w, oh, ow)
			if w > 2*ow {
				for y := range 2 * oh {
					clear(img[y*w+2*ow : (y+1)*w])
				}
			}
			clear(img[2*oh*w:])
			continue
		}
		clear(img)
		// Each window adds its gradient to its maximum. Where windows
		// overlap, an input value gets its terms in the order of the
		// window position that took it, as col2im adds them.
		positions := 1
		if overlap {
			positions = g.ph * g.pw
		}
		for pos := range positions {
			for oy := range oh {
				for ox := range ow {
					k := int(a[oy*ow+ox])
					if overlap && k != pos {
						continue
					}
					y := oy*s + k/g.pw - g.pad
					xx := ox*s + k%g.pw - g.pad
					if y >= 0 && y < h && xx >= 0 && xx < w {
						img[y*w+xx] += d[oy*ow+ox]
					}
				}
			}
		}
	}
}

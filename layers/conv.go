package layers

import (
	"fmt"

	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/dlfs-go/dlfs/internal/vec"
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
// (ops.Im2ColTImage): out[n] = W.reshape(FN, -1) · colT[n] + b, which
// comes out as (FN, OH, OW) with no transpose, the images split between
// the cores, each core making one image's columns at a time in a scratch
// buffer (with a stride of 1 the forward pass, and the dW pass where it
// sums dWᵀ, write no columns: their products read them from shifted
// copies of the image, about a third their size, ops.ShiftedCopies,
// ops.GemmRowOffsets and ops.GemmRowOffsetsAT, with the same bits); the
// backward pass likewise (dW = Σₙ dout[n]·colT[n]ᵀ, in four
// fixed runs of images added in order, and dx[n] = col2im(Wᵀ·dout[n])).
// The results do not depend on the number of cores. The sums of the products are taken in another
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
	out    *tensor.Tensor // (N, FN, OH, OW); not kept when a ReLU follows (forwardReLU)
	oshape [4]int         // the shape of the last output, (N, FN, OH, OW)
	dx     *tensor.Tensor
	w2, dw *tensor.Tensor // W and DW viewed as (FN, C·FH·FW)
	// scratch holds one image's transposed columns per goroutine: the
	// columns of the whole batch are never kept (for DeepConvNet's
	// second layer and a batch of 100 they would take 90 MB); the
	// backward pass makes them again, image by image.
	scratch [parallel.MaxWorkers][]float64
	partial [dwChunks][]float64 // dW of each run of images
	// off places the rows of an image's transposed columns in its
	// shifted copies (ops.ShiftedOffsets), for a forward or dW pass that
	// reads them there (convTask.shifted).
	off  []int
	task convTask
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
	return c.forward(x, nil)
}

// forwardReLU is Forward followed by r.Forward on its output, with the
// rectification done image by image right after each image's product,
// while its output is in cache, instead of in a second pass over the
// batch. r's state is what r.Forward would leave, bit for bit, and so is
// the Convolution's but for its output, which only the goroutine's
// scratch holds, image by image: the batch's unrectified output is never
// written to memory (nothing reads it). Network.Forward takes it for a
// Convolution followed by a ReLU.
func (c *Convolution) forwardReLU(x *tensor.Tensor, r *ReLU) *tensor.Tensor {
	return c.forward(x, r)
}

// forward is Forward, followed by r's when r is not nil (forwardReLU).
func (c *Convolution) forward(x *tensor.Tensor, r *ReLU) *tensor.Tensor {
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
	c.oshape = [4]int{n, fn, oh, ow}
	if r == nil {
		c.out = tensor.Reuse(c.out, n, fn, oh, ow)
		c.run(convForward, x.Data(), c.out.Data(), nil, nil, nil)
		return c.out
	}
	// Each image's output goes to the goroutine's scratch, in cache, and
	// only its rectified values to memory: nothing reads the unrectified
	// output of the batch (the ReLU's backward pass tests its own).
	r.output(n, fn, oh, ow)
	c.run(convForward, x.Data(), nil, nil, r.out.Data(), nil)
	return r.out
}

// poolFits reports whether p is the book's 2×2 pooling of stride 2
// without padding and fits the output of the last Forward (h, w: the
// convolution's output), which forwardReLUPool can fuse.
func poolFits(p *Pooling, h, w int) bool {
	return p.PoolH == 2 && p.PoolW == 2 && p.Stride == 2 && p.Pad == 0 && h >= 2 && w >= 2
}

// forwardReLUPool is Forward followed by r.Forward and p.Forward, p being
// a 2×2 pooling of stride 2 without padding (poolFits): each image's
// output is rectified and pooled while it is in cache, and only the pooled
// values reach memory. The Convolution's and p's states are what their
// Forwards would leave, bit for bit (the Convolution's but for its
// output, as forwardReLU); r's output is not written at all (nothing
// reads it: backwardReLUPool takes r's mask from p's maxima), which r
// records, so that its own Backward refuses to run on it. Network.Forward
// takes it for a Convolution, a ReLU and such a Pooling in a row; it
// returns nil, doing nothing, when p does not fit the output, for the
// caller to run the layers in turn.
func (c *Convolution) forwardReLUPool(x *tensor.Tensor, r *ReLU, p *Pooling) *tensor.Tensor {
	fn, ch, fh, fw := c.W.Size(0), c.W.Size(1), c.W.Size(2), c.W.Size(3)
	if x.Dim() != 4 || x.Size(1) != ch {
		return nil // Forward's panic
	}
	oh, ow := ops.ConvOutputSize(x.Size(2), fh, c.Stride, c.Pad), ops.ConvOutputSize(x.Size(3), fw, c.Stride, c.Pad)
	if !poolFits(p, oh, ow) {
		return nil
	}
	n := x.Size(0)
	c.x = x
	c.oshape = [4]int{n, fn, oh, ow}
	p.xShape = append(p.xShape[:0], c.oshape[:]...)
	p.out = tensor.Reuse(p.out, n, fn, oh/2, ow/2)
	if cap(p.arg) < p.out.Len() {
		p.arg = make([]int32, p.out.Len())
	}
	p.arg = p.arg[:p.out.Len()]
	r.pooled = p
	c.run(convForward, x.Data(), nil, nil, nil, &poolGrad{max: p.out.Data(), arg: p.arg})
	return p.out
}

// Backward takes dout (N, FN, OH, OW) and returns dx (N, C, H, W); it sets
// DW = (colᵀ·dout) reshaped as W and DB = the sum of dout over the batch
// and the positions. It uses the input of the last Forward.
func (c *Convolution) Backward(dout *tensor.Tensor) *tensor.Tensor {
	c.backwardParams(dout)
	c.dx = tensor.Reuse(c.dx, c.x.Shape()...)
	c.run(convDx, nil, dout.Data(), c.dx.Data(), nil, nil)
	return c.dx
}

// backwardParams sets DW and DB without computing dx: the first layer of a
// network needs no input gradient (for SimpleConvNet's convolution that
// saves a product and col2im).
func (c *Convolution) backwardParams(dout *tensor.Tensor) { c.backwardParamsReLU(dout, nil) }

// backwardReLU is r.Backward(dout) followed by Backward on its result, or
// by backwardParams when dx.need is false (and then it returns nil): the
// network's backward pass through a Convolution and the ReLU that follows
// it (Network.Backward). Each image's gradient is rectified in the dW
// pass, while it is in cache for the product, instead of in a pass of its
// own over the batch: the same values and layer states. When rectified is
// set, dout is r's input gradient already (r.dx, which the dx pass of the
// next Convolution made, see convDxTo). dx says where the input gradient
// goes.
func (c *Convolution) backwardReLU(dout *tensor.Tensor, r *ReLU, rectified bool, dx convDxTo) *tensor.Tensor {
	if rectified {
		if dout != r.dx {
			panic("layers.Convolution.backwardReLU: the gradient is not the ReLU's")
		}
		c.backwardParamsReLU(dout, nil)
		return c.backwardDx(r.dx.Data(), dx)
	}
	r.checkOutput()
	checkSame("layers.ReLU.Backward", dout, r.out)
	r.dx = tensor.Reuse(r.dx, dout.Shape()...)
	c.backwardParamsReLU(dout, r)
	return c.backwardDx(r.dx.Data(), dx)
}

// convDxTo says where a Convolution's backward pass in a Network sends
// its input gradient: nowhere (the first layer), to its own dx, or, when
// relu is set (the ReLU before the Convolution, whose output is the
// convolution's input), through relu's Backward to relu's dx, each image
// rectified as the dx pass makes it, while it is in cache: then the
// convolution's own dx is not written.
type convDxTo struct {
	need bool
	relu *ReLU
}

// backwardDx runs the dx pass from grad, the gradient at the output, as
// dx says, and returns the result (nil when dx.need is false).
func (c *Convolution) backwardDx(grad []float64, dx convDxTo) *tensor.Tensor {
	switch {
	case !dx.need:
		return nil
	case dx.relu != nil:
		r := dx.relu
		r.checkOutput()
		checkSame("layers.ReLU.Backward", c.x, r.out)
		r.dx = tensor.Reuse(r.dx, c.x.Shape()...)
		c.run(convDx, nil, grad, r.dx.Data(), r.out.Data(), nil)
		return r.dx
	}
	c.dx = tensor.Reuse(c.dx, c.x.Shape()...)
	c.run(convDx, nil, grad, c.dx.Data(), nil, nil)
	return c.dx
}

// backwardParamsReLU is backwardParams on r.Backward(dout) when r is not
// nil, which it fills (r.dx, of dout's shape, already made).
func (c *Convolution) backwardParamsReLU(dout *tensor.Tensor, r *ReLU) {
	if c.x == nil {
		panic("layers.Convolution.Backward: called before Forward")
	}
	if !tensor.EqualShapes(dout.Shape(), c.oshape[:]) {
		panic(fmt.Sprintf("layers.Convolution.Backward: dout %s, want %s", tensor.ShapeString(dout.Shape()), tensor.ShapeString(c.oshape[:])))
	}
	dd := dout.Data()
	var mask, rect []float64
	grad := dd
	if r != nil {
		mask, rect = r.out.Data()[:len(dd)], r.dx.Data()[:len(dd)]
		grad = rect // which the dW pass makes
	}
	c.sumDW(dd, mask, rect, nil)
	convBiasGrad(c.DB.Data(), grad, c.oshape[0], c.oshape[1], c.oshape[2]*c.oshape[3])
}

// backwardReLUPool is the backward pass of forwardReLUPool: p.Backward,
// r.Backward and Backward (or backwardParams when dx.need is false,
// returning nil) on dpool, the gradient of p's output. Each image's
// gradient at the convolution's output (p's scatter of dpool to its
// maxima, rectified where r's output, p's maximum there, is not positive)
// is made in the dW pass, while it is in cache for the product, and
// written to r's input gradient, as r.Backward would leave it; p's own
// input gradient is not written. The results are those of the three
// Backwards, bit for bit. dx says where the input gradient goes
// (backwardReLU).
func (c *Convolution) backwardReLUPool(dpool *tensor.Tensor, r *ReLU, p *Pooling, dx convDxTo) *tensor.Tensor {
	if c.x == nil || r.pooled != p || p.out == nil {
		panic("layers.Convolution.backwardReLUPool: called after no forwardReLUPool")
	}
	if !tensor.SameShape(dpool, p.out) {
		panic(fmt.Sprintf("layers.Pooling.Backward: dout %s, want %s", tensor.ShapeString(dpool.Shape()), tensor.ShapeString(p.out.Shape())))
	}
	r.dx = tensor.Reuse(r.dx, c.oshape[:]...)
	rect := r.dx.Data()
	c.sumDW(nil, nil, rect, &poolGrad{dout: dpool.Data(), max: p.out.Data(), arg: p.arg})
	convBiasGrad(c.DB.Data(), rect, c.oshape[0], c.oshape[1], c.oshape[2]*c.oshape[3])
	return c.backwardDx(rect, dx)
}

// poolGrad is the gradient of a fused pooling's output, with the maxima
// and their window positions of its forward pass (backwardReLUPool).
type poolGrad struct {
	dout, max []float64
	arg       []int32
}

// sumDW sets DW from the gradient dd of the output of the last Forward
// (see backwardParamsReLU for mask and rect), or from pg's when pg is not
// nil (see backwardReLUPool; then rect gets the gradient at the output).
func (c *Convolution) sumDW(dd, mask, rect []float64, pg *poolGrad) {
	fn, ch, fh, fw := c.W.Size(0), c.W.Size(1), c.W.Size(2), c.W.Size(3)
	n, h, w := c.x.Size(0), c.x.Size(2), c.x.Size(3)
	k, xd := ch*fh*fw, c.x.Data()
	// dW = Σₙ dout[n]·colT[n]ᵀ, the book's colᵀ·dout transposed: the
	// images in dwChunks fixed runs, each summed on its own (split between
	// the cores, each image's columns made again in a scratch), then the
	// runs' sums added in order, so that the result does not depend on
	// the number of cores.
	//
	// With more column rows than filters (k > fn) each image's product is
	// computed transposed, colT[n]·dout[n]ᵀ (k×fn), and the sum transposed
	// at the end: the product then packs dout's fn rows for the kernels
	// instead of colT's k rows. The same products, added in the same
	// order of positions. Per image, one thread, the 2-vCPU AMD EPYC
	// "Turin-like" VM, three runs each (µs, fn×k×positions): 16×144×784
	// 61.0-62.8 → 38.0-38.8, 32×144×196 24.1-24.2 → 18.7-19.4, 32×288×256
	// 69.7-71.1 → 48.6-49.3, 64×288×64 27.3-27.8 → 23.7-25.5, 64×576×64
	// 59.3-60.5 → 48.1-48.6, 16×27×784 20.9-23.0 → 13.4-13.6; but
	// SimpleConvNet's 30×25×576 14.1-14.4 → 22.6-23.5 and 16×9×784
	// 3.5-3.6 → 6.7, which stay as they are.
	c.dw = matrixView(c.dw, c.DW)
	if n == 0 {
		clear(c.dw.Data()) // an empty batch: no terms
		return
	}
	chunks := min(n, dwChunks)
	for i := range chunks {
		grow(&c.partial[i], fn*k)
	}
	c.task = convTask{c: c, mode: convDW, n: n, pieces: chunks, x: xd, y: dd, mask: mask, rect: rect, ch: ch, h: h, wd: w,
		fn: fn, k: k, fh: fh, fw: fw, oh: c.oshape[2], ow: c.oshape[3], dwT: k > fn}
	c.task.shifted = k > fn && c.useShifted(convDW, fn, k)
	if pg != nil {
		c.task.pool = *pg
	}
	c.task.growScratch()
	parallel.Run(chunks, &c.task)
	c.task = convTask{}
	sum := c.partial[0][:fn*k]
	for i := 1; i < chunks; i++ {
		for j, v := range c.partial[i][:fn*k] {
			sum[j] += v
		}
	}
	dw := c.dw.Data()
	if k <= fn { // summed as dW (see dwT)
		copy(dw, sum)
		return
	}
	for j := range k { // sum is dWᵀ, k×fn
		for f, v := range sum[j*fn : (j+1)*fn] {
			dw[f*k+j] = v
		}
	}
}

// dwChunks is how many runs of images the backward pass sums dW over
// separately (on up to as many cores).
const dwChunks = 4

// grow returns (*buf)[:n], growing *buf when it is shorter.
func grow(buf *[]float64, n int) []float64 {
	if cap(*buf) < n {
		*buf = make([]float64, n)
	}
	return (*buf)[:n]
}

// convBiasGrad sets db[f] to the sum of dout[n, f, :] over n and the
// positions, added one by one in the order of (n, position), as NumPy's
// np.sum(dout, axis=0) adds the rows of the book's (N·OH·OW, FN) dout;
// four filters at a time, so that four sums are in flight, and runs of
// filters split between the cores (each sum in its own order, so the
// result does not depend on the number of cores).
func convBiasGrad(db, dout []float64, n, fn, p int) {
	grain := max(4, (1<<14)/max(1, n*p)) // filters per piece, at least a group of four
	if !biasGradJob.Try(fn, 4, grain, func(t *biasGradTask) { t.db, t.dout, t.n, t.fn, t.p = db, dout, n, fn, p }) {
		biasGradRange(db, dout, n, fn, p, 0, fn)
	}
}

var biasGradJob parallel.Job[biasGradTask, *biasGradTask]

// biasGradTask is convBiasGrad over a range of filters.
type biasGradTask struct {
	db, dout []float64
	n, fn, p int
}

func (t *biasGradTask) Range(lo, hi int) { biasGradRange(t.db, t.dout, t.n, t.fn, t.p, lo, hi) }

// biasGradRange is convBiasGrad for the filters [f0, f1).
func biasGradRange(db, dout []float64, n, fn, p, f0, f1 int) {
	clear(db[f0:f1])
	f := f0
	for ; f+4 <= f1; f += 4 {
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
	for ; f < f1; f++ {
		s := 0.0
		for i := range n {
			for _, v := range dout[(i*fn+f)*p : (i*fn+f+1)*p] {
				s += v
			}
		}
		db[f] = s
	}
}

// The per-image passes of Convolution.
const (
	convForward = iota // out[n] = W·colT[n] + b
	convDx             // dx[n] = col2im(Wᵀ·dout[n])
	convDW             // partial[i] = Σ dout[n]·colT[n]ᵀ over run i of the images
)

// convTask is one pass of a Convolution over the images of a batch,
// split into pieces between the cores (parallel.Run), each goroutine
// making an image's columns in its own scratch.
type convTask struct {
	c      *Convolution
	mode   int
	n      int // images
	pieces int
	x, y   []float64 // forward: the input and the output; dx: -, dout
	dx     []float64
	relu   []float64 // forward: the rectified output, when a ReLU follows (forwardReLU); dx: the mask of the ReLU before
	// convDW, when a ReLU follows (backwardReLU): y (its dout) is first
	// rectified where mask (its output) is not positive, into rect.
	mask, rect []float64
	// pool, when its arg is not nil: in convForward, the output of the
	// 2×2 pooling after the ReLU (forwardReLUPool: max and arg written);
	// in convDW, the gradient of that output with its maxima and their
	// positions (backwardReLUPool), from which rect is made.
	pool   poolGrad
	w, b   []float64
	ch, h  int
	wd     int // the input's width
	fn, k  int
	fh, fw int
	oh, ow int
	// dwT: convDW sums dWᵀ = Σ colT[n]·dout[n]ᵀ (k×fn) instead of dW
	// (backwardParams says when).
	dwT bool
	// shifted: convForward and convDW read each image's transposed
	// columns from its shifted copies (ops.ShiftedCopies, placed by c.off)
	// instead of writing them (ops.Im2ColTImage): a stride-1 convolution
	// whose product has a row-offset path (ops.RowOffsetsOK, and for dW,
	// summed transposed, ops.RowOffsetsATOK), the same bits.
	shifted bool
}

// shiftedColumns lets a test turn the shifted copies off, to compare.
var shiftedColumns = true

// useShifted reports whether a pass of mode over the last input reads
// the columns from shifted copies (convTask.shifted), and if so places
// their rows in c.off.
func (c *Convolution) useShifted(mode, fn, k int) bool {
	ch, h, w := c.x.Size(1), c.x.Size(2), c.x.Size(3)
	fh, fw := c.W.Size(2), c.W.Size(3)
	p := c.oshape[2] * c.oshape[3]
	if c.Stride != 1 || !shiftedColumns {
		return false
	}
	switch mode {
	case convForward:
		if !ops.RowOffsetsOK(fn, p, k, c.wView().Data(), k) {
			return false
		}
	case convDW:
		if !ops.RowOffsetsATOK(k, fn, p) {
			return false
		}
	default:
		return false
	}
	if len(c.off) < k {
		c.off = make([]int, k)
	}
	ops.ShiftedOffsets(c.off, ch, h, w, fh, fw, c.Pad)
	return true
}

// run runs a pass over the batch of the last Forward: convForward from x
// into y (and, when relu is not nil, y rectified into relu; when pool is
// not nil, y rectified and pooled into pool.max and pool.arg), or convDx
// from the gradient y (dout) into dx (rectified where relu, the output of
// the ReLU before the convolution, is not positive, when relu is not nil:
// the ReLU's Backward on dx).
func (c *Convolution) run(mode int, x, y, dx, relu []float64, pool *poolGrad) {
	t := &c.task
	fn, ch, fh, fw := c.W.Size(0), c.W.Size(1), c.W.Size(2), c.W.Size(3)
	n := c.x.Size(0)
	*t = convTask{c: c, mode: mode, n: n, x: x, y: y, dx: dx, relu: relu, w: c.wView().Data(), b: c.B.Data(),
		ch: ch, h: c.x.Size(2), wd: c.x.Size(3), fn: fn, k: ch * fh * fw, fh: fh, fw: fw,
		oh: c.oshape[2], ow: c.oshape[3]}
	if pool != nil {
		t.pool = *pool
	}
	t.shifted = c.useShifted(mode, fn, t.k)
	t.pieces = min(n, 4*parallel.Workers())
	t.growScratch()
	parallel.Run(t.pieces, t)
	*t = convTask{} // keep no reference to the batch
}

// scratchLen is how many values of scratch a goroutine needs for the
// pass: an image's columns, and its output after them when a ReLU
// follows the forward pass.
func (t *convTask) scratchLen() int {
	p := t.oh * t.ow
	switch {
	case t.mode == convForward && (t.relu != nil || t.pool.arg != nil):
		return (t.k + t.fn) * p
	case t.mode == convDW && t.pool.arg != nil: // and one plane's pooled gradient
		return t.k*p + (t.oh/2)*(t.ow/2)
	}
	return t.k * p
}

// growScratch grows the scratch of every goroutine that may run a piece
// of the pass, before it starts: which goroutines take pieces depends on
// their timing, and a buffer grown later would make a later step
// allocate.
func (t *convTask) growScratch() {
	for w := range min(parallel.Workers(), t.pieces, parallel.MaxWorkers) {
		grow(&t.c.scratch[w], t.scratchLen())
	}
}

// Run does piece i of the pass on goroutine worker.
func (t *convTask) Run(worker, i int) {
	c := t.c
	lo, hi := parallel.Piece(t.n, t.pieces, i, 1)
	p := t.oh * t.ow
	chw := t.ch * t.h * t.wd
	fused := t.mode == convForward && (t.relu != nil || t.pool.arg != nil) // the image's output after its columns
	buf := grow(&c.scratch[worker], t.scratchLen())
	col := buf[:t.k*p]
	var rowOut []float64
	if fused {
		rowOut = buf[t.k*p:]
	}
	for img := lo; img < hi; img++ {
		switch t.mode {
		case convForward:
			out := rowOut
			if out == nil {
				out = t.y[img*t.fn*p : (img+1)*t.fn*p]
			}
			done := false
			if t.shifted {
				ops.ShiftedCopies(col, t.x[img*chw:(img+1)*chw], t.ch, t.h, t.wd, t.fh, t.fw, c.Pad)
				done = ops.GemmRowOffsets(t.fn, p, t.k, t.w, t.k, col, c.off, out, p)
			}
			if !done {
				ops.Im2ColTImage(col, t.x[img*chw:(img+1)*chw], t.ch, t.h, t.wd, t.fh, t.fw, c.Stride, c.Pad)
				ops.Gemm(false, false, t.fn, p, t.k, 1, t.w, t.k, col, p, 0, out, p)
			}
			if t.pool.arg != nil { // bias and ReLU in one pass, then the pooling, in cache
				ph, pw := t.oh/2, t.ow/2
				for f, bf := range t.b[:t.fn] {
					o := out[f*p : (f+1)*p]
					vec.AddConstReLU(o, o, bf)
					q := (img*t.fn + f) * ph * pw
					vec.MaxPool2(t.pool.max[q:q+ph*pw], t.pool.arg[q:q+ph*pw], o, t.ow, ph, pw)
				}
				continue
			}
			if t.relu != nil { // bias and ReLU in one pass
				r := t.relu[img*t.fn*p : (img+1)*t.fn*p]
				for f, bf := range t.b[:t.fn] {
					vec.AddConstReLU(r[f*p:(f+1)*p], out[f*p:(f+1)*p], bf)
				}
				continue
			}
			for f, bf := range t.b[:t.fn] {
				vec.AddConst(out[f*p:(f+1)*p], bf)
			}
		case convDx:
			ops.Gemm(true, false, t.k, p, t.fn, 1, t.w, t.k, t.y[img*t.fn*p:(img+1)*t.fn*p], p, 0, col, p)
			d := t.dx[img*chw : (img+1)*chw]
			ops.Col2ImTImage(d, col, t.ch, t.h, t.wd, t.fh, t.fw, c.Stride, c.Pad)
			if t.relu != nil { // the ReLU before's Backward, in cache
				vec.ZeroWhereLE0(d, d, t.relu[img*chw:(img+1)*chw])
			}
		case convDW:
			beta := 1.0
			if img == lo {
				beta = 0
			}
			var dout []float64
			switch {
			case t.pool.arg != nil:
				dout = t.rect[img*t.fn*p : (img+1)*t.fn*p]
				t.poolBack(dout, buf[t.k*p:], img)
			case t.mask != nil:
				dout = t.y[img*t.fn*p : (img+1)*t.fn*p]
				r := t.rect[img*t.fn*p : (img+1)*t.fn*p]
				vec.ZeroWhereLE0(r, dout, t.mask[img*t.fn*p:(img+1)*t.fn*p])
				dout = r
			default:
				dout = t.y[img*t.fn*p : (img+1)*t.fn*p]
			}
			xi := t.x[img*chw : (img+1)*chw]
			if t.shifted { // dwT
				ops.ShiftedCopies(col, xi, t.ch, t.h, t.wd, t.fh, t.fw, c.Pad)
				if ops.GemmRowOffsetsAT(t.k, t.fn, p, col, c.off, dout, p, beta, c.partial[i][:t.fn*t.k], t.fn) {
					continue
				}
			}
			ops.Im2ColTImage(col, xi, t.ch, t.h, t.wd, t.fh, t.fw, c.Stride, c.Pad)
			if t.dwT {
				ops.Gemm(false, true, t.k, t.fn, p, 1, col, p, dout, p, beta, c.partial[i][:t.fn*t.k], t.fn)
				continue
			}
			ops.Gemm(false, true, t.fn, t.k, p, 1, dout, p, col, p, beta, c.partial[i][:t.fn*t.k], t.k)
		}
	}
}

// poolBack writes to rect the gradient at image img's convolution output
// from the gradient of its fused pooling (backwardReLUPool), as
// Pooling.Backward and ReLU.Backward would make it: each plane's pooled
// gradient rectified where the window's maximum (the ReLU's output there)
// is not positive, in dm (one plane's pooled values), then sent to the
// maxima (vec.MaxPool2Back, which clears the rest of the windows), and the
// values no window covers (a last row or column) cleared.
func (t *convTask) poolBack(rect, dm []float64, img int) {
	p, oh, ow := t.oh*t.ow, t.oh/2, t.ow/2
	dm = dm[:oh*ow]
	for f := range t.fn {
		q := (img*t.fn + f) * oh * ow
		vec.ZeroWhereLE0(dm, t.pool.dout[q:q+oh*ow], t.pool.max[q:q+oh*ow])
		plane := rect[f*p : (f+1)*p]
		vec.MaxPool2Back(plane, dm, t.pool.arg[q:q+oh*ow], t.ow, oh, ow)
		if t.ow > 2*ow {
			for y := range 2 * oh {
				plane[y*t.ow+2*ow] = 0 // the one column no window covers
			}
		}
		clear(plane[2*oh*t.ow:])
	}
}

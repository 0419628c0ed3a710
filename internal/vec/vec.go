// Package vec holds the elementwise kernels of the training loop's hot
// path that are worth a vector loop: the conversion of MNIST's bytes to
// the book's float32-normalised values, the optimizers' updates, ReLU's
// masking, Dropout's mask, Batch Normalization's row loops and column sums,
// the sums over a batch (SumRows), a convolution's bias and the book's 2×2
// max pooling. Each has a pure-Go loop, always compiled and
// used under -tags purego, and on amd64 an AVX2 loop chosen once at
// start-up; both give identical results. Long SGD updates and ReLU masks
// are also split between the cores (internal/parallel).
package vec

import (
	"fmt"
	"math"

	"github.com/dlfs-go/dlfs/internal/parallel"
)

// Normalize255 sets dst[i] = float64(float32(src[i]) / 255), the book's
// astype(np.float32) / 255.0 widened to float64, for every i. len(dst)
// must equal len(src).
func Normalize255(dst []float64, src []byte) {
	if len(dst) != len(src) {
		panic(fmt.Sprintf("vec.Normalize255: len(dst) = %d, len(src) = %d", len(dst), len(src)))
	}
	n := normalize255(dst, src)
	for i := n; i < len(src); i++ {
		dst[i] = float64(float32(src[i]) / 255)
	}
}

// SubScaled sets w[i] -= a * g[i] for every i, rounding the product before
// the subtraction (no fused multiply-add), as NumPy's w -= a * g does.
// len(w) must equal len(g). Long slices are split between the cores.
func SubScaled(w, g []float64, a float64) {
	if len(w) != len(g) {
		panic(fmt.Sprintf("vec.SubScaled: len(w) = %d, len(g) = %d", len(w), len(g)))
	}
	if !subScaledJob.Try(len(w), 8, subScaledGrain, func(t *subScaledTask) { t.w, t.g, t.a = w, g, a }) {
		subScaledSerial(w, g, a)
	}
}

// subScaledGrain is the least number of values SubScaled gives one piece:
// from 2·subScaledGrain values on, the work is split. The first layer's
// weights of the MNIST network (39200 values, about 25 µs on one core of
// the development machine) are worth it, the biases are not.
const subScaledGrain = 1 << 13

// subScaledJob is the one long-lived task of SubScaled.
var subScaledJob parallel.Job[subScaledTask, *subScaledTask]

// subScaledTask is SubScaled over a range of indices.
type subScaledTask struct {
	w, g []float64
	a    float64
}

// Range updates w[lo:hi].
func (t *subScaledTask) Range(lo, hi int) {
	subScaledSerial(t.w[lo:hi], t.g[lo:hi], t.a)
}

func subScaledSerial(w, g []float64, a float64) {
	n := subScaled(w, g, a)
	for i := n; i < len(w); i++ {
		w[i] -= float64(a * g[i]) // the conversion forbids fusing into an FMA
	}
}

// ZeroWhereLE0 sets dst[i] = +0 where cond[i] <= 0 and dst[i] = src[i]
// elsewhere (NaN in cond counts as > 0): ReLU's forward pass with cond =
// src = x (NumPy's out[x <= 0] = 0, which keeps NaN and turns -0 into +0),
// and its backward pass with cond = the forward output, src = dout. dst
// may be src or cond. The three slices must have the same length. Long
// slices are split between the cores.
func ZeroWhereLE0(dst, src, cond []float64) {
	if len(src) != len(dst) || len(cond) != len(dst) {
		panic(fmt.Sprintf("vec.ZeroWhereLE0: len(dst) = %d, len(src) = %d, len(cond) = %d", len(dst), len(src), len(cond)))
	}
	if !zeroJob.Try(len(dst), 8, zeroGrain, func(t *zeroTask) { t.dst, t.src, t.cond = dst, src, cond }) {
		zeroWhereLE0Serial(dst, src, cond)
	}
}

// zeroGrain is the least number of values ZeroWhereLE0 gives one piece:
// the activations of a hidden layer of 100 (10⁴ values a batch) stay on
// one core, a convolution's (100×30×24×24 for SimpleConvNet) are split.
const zeroGrain = 1 << 15

// zeroJob is the one long-lived task of ZeroWhereLE0.
var zeroJob parallel.Job[zeroTask, *zeroTask]

// zeroTask is ZeroWhereLE0 over a range of indices.
type zeroTask struct{ dst, src, cond []float64 }

// Range masks [lo, hi).
func (t *zeroTask) Range(lo, hi int) {
	zeroWhereLE0Serial(t.dst[lo:hi], t.src[lo:hi], t.cond[lo:hi])
}

func zeroWhereLE0Serial(dst, src, cond []float64) {
	n := zeroWhereLE0(dst, src, cond)
	for i := n; i < len(dst); i++ {
		// src[i], or +0 where cond[i] <= 0, without a branch (the signs of
		// hidden activations are close to random).
		keep := uint64(0)
		if !(cond[i] <= 0) {
			keep = ^uint64(0)
		}
		dst[i] = math.Float64frombits(math.Float64bits(src[i]) & keep)
	}
}

// AddScaled sets dst[i] += a * src[i] for every i, rounding the product
// before the addition (no fused multiply-add), as NumPy's dst += a * src
// does: the weight decay's dW + λW. len(dst) must equal len(src).
func AddScaled(dst, src []float64, a float64) {
	if len(dst) != len(src) {
		panic(fmt.Sprintf("vec.AddScaled: len(dst) = %d, len(src) = %d", len(dst), len(src)))
	}
	n := addScaled(dst, src, a)
	for i := n; i < len(dst); i++ {
		dst[i] += float64(a * src[i]) // the conversion forbids fusing into an FMA
	}
}

// Copy2D copies a block of rows×cols values between two row-major
// layouts: dst[r·dstStride+c] = src[r·srcStride+c] for r < rows, c < cols
// (strides in elements). It is im2col's copy of one window position's
// rows, a few values each (16 to 28 in the book's networks), in one call
// instead of one per row. A srcStride of 0 repeats src's first cols
// values in every row. The blocks must not overlap. It panics when either
// slice is too short for its block or a stride other than srcStride 0 is
// shorter than cols.
func Copy2D(dst []float64, dstStride int, src []float64, srcStride, rows, cols int) {
	if !check2D("vec.Copy2D", len(dst), dstStride, len(src), srcStride, rows, cols) {
		return
	}
	if copy2D(dst, dstStride, src, srcStride, rows, cols) {
		return
	}
	for r := range rows {
		copy(dst[r*dstStride:r*dstStride+cols], src[r*srcStride:r*srcStride+cols])
	}
}

// Add2D is Copy2D adding instead of copying: dst[r·dstStride+c] +=
// src[r·srcStride+c], col2im's sum of one window position's rows, and,
// with srcStride 0, an Affine layer's bias added to every row.
func Add2D(dst []float64, dstStride int, src []float64, srcStride, rows, cols int) {
	if !check2D("vec.Add2D", len(dst), dstStride, len(src), srcStride, rows, cols) {
		return
	}
	if add2D(dst, dstStride, src, srcStride, rows, cols) {
		return
	}
	for r := range rows {
		d, s := dst[r*dstStride:r*dstStride+cols], src[r*srcStride:r*srcStride+cols]
		for c := range d {
			d[c] += s[c]
		}
	}
}

// check2D panics when a block of Copy2D or Add2D does not fit its slice,
// and reports whether there is anything to do.
func check2D(op string, nd, ds, ns, ss, rows, cols int) bool {
	if rows < 0 || cols < 0 || ds < cols || ss < cols && ss != 0 {
		panic(fmt.Sprintf("%s: %d rows of %d values with strides %d and %d", op, rows, cols, ds, ss))
	}
	if rows == 0 || cols == 0 {
		return false
	}
	if need := (rows-1)*ds + cols; nd < need {
		panic(fmt.Sprintf("%s: dst holds %d values, the block needs %d", op, nd, need))
	}
	if need := (rows-1)*ss + cols; ns < need {
		panic(fmt.Sprintf("%s: src holds %d values, the block needs %d", op, ns, need))
	}
	return true
}

// Scale sets dst[i] = src[i] * s for every i: Dropout's inference pass,
// x * (1 - dropout_ratio). len(dst) must equal len(src); dst may be src.
func Scale(dst, src []float64, s float64) {
	if len(dst) != len(src) {
		panic(fmt.Sprintf("vec.Scale: len(dst) = %d, len(src) = %d", len(dst), len(src)))
	}
	for i := scale(dst, src, s); i < len(dst); i++ {
		dst[i] = src[i] * s
	}
}

// BiasReLUScale sets, for each row of len(b) values, dst = relu(src + b)
// · s: v = src[i] + b[j] (one rounding), then 0 where v <= 0 (NaN kept),
// else v·s. It computes, value for value, an Affine layer's bias, a ReLU
// and an inference Dropout's scale (s = 1 - ratio; 1 without one) in one
// pass. len(dst) and len(src) must be the same multiple of len(b).
func BiasReLUScale(dst, src, b []float64, s float64) {
	cols := len(b)
	if len(dst) != len(src) || cols == 0 || len(dst)%cols != 0 {
		panic(fmt.Sprintf("vec.BiasReLUScale: len(dst) = %d, len(src) = %d, len(b) = %d", len(dst), len(src), cols))
	}
	j0 := biasReLUScale(dst, src, b, s)
	for r := 0; r < len(dst); r += cols {
		for j := j0; j < cols; j++ {
			v := src[r+j] + b[j]
			if v <= 0 {
				dst[r+j] = 0
			} else {
				dst[r+j] = v * s
			}
		}
	}
}

// AddConst sets dst[i] += c for every i: a convolution's bias, one value
// per filter added to each of its output positions.
func AddConst(dst []float64, c float64) {
	for i := addConst(dst, c); i < len(dst); i++ {
		dst[i] += c
	}
}

// DropoutMask turns uniform draws into Dropout's mask and applies it:
// m = 1 where mask[i] > ratio, else 0 (np.random.rand(*x.shape) > ratio),
// then mask[i] = m and out[i] = x[i]·m. The three slices must have the
// same length; out may be x.
func DropoutMask(mask, out, x []float64, ratio float64) {
	if len(out) != len(mask) || len(x) != len(mask) {
		panic(fmt.Sprintf("vec.DropoutMask: len(mask) = %d, len(out) = %d, len(x) = %d", len(mask), len(out), len(x)))
	}
	for i := dropoutMask(mask, out, x, ratio); i < len(mask); i++ {
		m := 0.0
		if mask[i] > ratio {
			m = 1
		}
		mask[i] = m
		out[i] = x[i] * m
	}
}

// AddConstReLU sets dst = relu(src + c): v = src[i] + c (one rounding),
// then 0 where v <= 0 (NaN kept), else v, a convolution's bias and the
// ReLU after it, for one filter's output positions, in one pass. len(dst)
// must equal len(src); dst may be src.
func AddConstReLU(dst, src []float64, c float64) {
	if len(dst) != len(src) {
		panic(fmt.Sprintf("vec.AddConstReLU: len(dst) = %d, len(src) = %d", len(dst), len(src)))
	}
	for i := addConstReLU(dst, src, c); i < len(dst); i++ {
		if v := src[i] + c; v <= 0 {
			dst[i] = 0
		} else {
			dst[i] = v
		}
	}
}

// AllAbsLE reports whether |x[i]| <= bound for every i (false when some
// x[i] is NaN).
func AllAbsLE(x []float64, bound float64) bool {
	n := allAbsLE(x, bound)
	if n < 0 {
		return false
	}
	for _, v := range x[n:] {
		if !(math.Abs(v) <= bound) {
			return false
		}
	}
	return true
}

// The Batch Normalization loops with divisions, row by row of n rows of d
// values (slices of n·d values; the per-column slices of d), each
// operation rounded as NumPy rounds the book's expressions.

// BNNormalize sets xn = xc / std and out = gamma·xn + beta, per column
// j: the end of BatchNormalization's forward pass; with relu, out is then
// 0 where it is <= 0 (NaN kept), the ReLU that follows.
func BNNormalize(out, xn, xc, std, gamma, beta []float64, d int, relu bool) {
	n := checkRows("vec.BNNormalize", d, [][]float64{out, xn, xc}, [][]float64{std, gamma, beta})
	if bnNormalize(out, xn, xc, std, gamma, beta, n, d, relu) {
		return
	}
	for i := 0; i < n*d; i += d {
		for j, s := range std[:d] {
			v := xc[i+j] / s
			xn[i+j] = v
			out[i+j] = rectified(float64(gamma[j]*v)+beta[j], relu)
		}
	}
}

// rectified is v, or 0 when relu is set and v <= 0.
func rectified(v float64, relu bool) float64 {
	if relu && v <= 0 {
		return 0
	}
	return v
}

// BNInfer sets xn = (x - mean) / std and out = gamma·xn + beta, per
// column j: BatchNormalization's inference pass with the running mean;
// with relu, out is then 0 where it is <= 0 (NaN kept).
func BNInfer(out, xn, x, mean, std, gamma, beta []float64, d int, relu bool) {
	n := checkRows("vec.BNInfer", d, [][]float64{out, xn, x}, [][]float64{mean, std, gamma, beta})
	j0 := bnInfer(out, xn, x, mean, std, gamma, beta, n, d, relu)
	for r := 0; r < n*d; r += d {
		for j := j0; j < d; j++ {
			v := (x[r+j] - mean[j]) / std[j]
			xn[r+j] = v
			out[r+j] = rectified(float64(gamma[j]*v)+beta[j], relu)
		}
	}
}

// The column sums: each sets, for every column j, a sum over the n rows
// that starts at +0 and adds row 0, then row 1, and so on, as NumPy's sum
// over axis 0 of a C-ordered (n, d) array does. The vector loops keep a
// block of columns' sums in registers down the rows.

// SumRows sets dst[j] = Σ x[i·d+j] over the rows of x: x.sum(axis=0).
func SumRows(dst, x []float64, d int) {
	n := checkRows("vec.SumRows", d, [][]float64{x}, [][]float64{dst})
	for j := sumRows(dst, x, n, d); j < d; j++ {
		s := 0.0
		for r := 0; r < n*d; r += d {
			s += x[r+j]
		}
		dst[j] = s
	}
}

// SubRow sets dst = x - row for each row of x: x - row broadcast over
// the rows. dst may be x.
func SubRow(dst, x, row []float64, d int) {
	n := checkRows("vec.SubRow", d, [][]float64{dst, x}, [][]float64{row})
	j0 := subRow(dst, x, row, n, d)
	for r := 0; r < n*d; r += d {
		for j := j0; j < d; j++ {
			dst[r+j] = x[r+j] - row[j]
		}
	}
}

// BNCenter sets xc = x - mu per row and sq[j] = Σ xc[i,j]² (each square
// rounded before the sum): the book's xc and the sum of its
// np.mean(xc**2, axis=0).
func BNCenter(xc, sq, x, mu []float64, d int) {
	n := checkRows("vec.BNCenter", d, [][]float64{xc, x}, [][]float64{sq, mu})
	for j := bnCenter(xc, sq, x, mu, n, d); j < d; j++ {
		s := 0.0
		for r := 0; r < n*d; r += d {
			v := x[r+j] - mu[j]
			xc[r+j] = v
			s += float64(v * v)
		}
		sq[j] = s
	}
}

// BNGradSums sets dbeta[j] = Σ dout[i,j] and dgamma[j] = Σ xn[i,j]·dout[i,j]
// (each product rounded): the book's dbeta and dgamma.
func BNGradSums(dgamma, dbeta, xn, dout []float64, d int) {
	n := checkRows("vec.BNGradSums", d, [][]float64{xn, dout}, [][]float64{dgamma, dbeta})
	for j := bnGradSums(dgamma, dbeta, xn, dout, n, d); j < d; j++ {
		sb, sg := 0.0, 0.0
		for r := 0; r < n*d; r += d {
			sb += dout[r+j]
			sg += float64(xn[r+j] * dout[r+j])
		}
		dbeta[j], dgamma[j] = sb, sg
	}
}

// BNDstdSum sets dstd[j] = Σ ((gamma[j]·dout[i,j])·xc[i,j]) / stdSq[j]
// (stdSq = std·std): the sum in the book's dstd = -np.sum((dxn * xc) /
// (std * std), axis=0), before its sign.
func BNDstdSum(dstd, dout, xc, gamma, stdSq []float64, d int) {
	n := checkRows("vec.BNDstdSum", d, [][]float64{dout, xc}, [][]float64{dstd, gamma, stdSq})
	for j := bnDstdSum(dstd, dout, xc, gamma, stdSq, n, d); j < d; j++ {
		s := 0.0
		for r := 0; r < n*d; r += d {
			s += float64(float64(gamma[j]*dout[r+j])*xc[r+j]) / stdSq[j]
		}
		dstd[j] = s
	}
}

// BNDxcSum sets dst = gamma·dout / std + (two·xc)·dvar, per column j (the
// book's dxc = dxn / std + (2.0 / batch_size) * xc * dvar), and dmu[j] =
// Σ dst[i,j], the sum in its dmu = np.sum(dxc, axis=0).
func BNDxcSum(dst, dmu, dout, xc, gamma, std, dvar []float64, two float64, d int) {
	n := checkRows("vec.BNDxcSum", d, [][]float64{dst, dout, xc}, [][]float64{dmu, gamma, std, dvar})
	for j := bnDxcSum(dst, dmu, dout, xc, gamma, std, dvar, two, n, d); j < d; j++ {
		s := 0.0
		for r := 0; r < n*d; r += d {
			v := float64(gamma[j]*dout[r+j])/std[j] + float64(float64(two*xc[r+j])*dvar[j])
			dst[r+j] = v
			s += v
		}
		dmu[j] = s
	}
}

// checkRows panics unless the row slices hold the same whole number of
// rows of d values and each column slice holds d; it returns the rows.
func checkRows(op string, d int, rows, cols [][]float64) int {
	if d <= 0 {
		panic(fmt.Sprintf("%s: %d values per row", op, d))
	}
	n := len(rows[0]) / d
	for _, r := range rows {
		if len(r) != len(rows[0]) || len(r)%d != 0 {
			panic(fmt.Sprintf("%s: row slices of %d and %d values for rows of %d", op, len(rows[0]), len(r), d))
		}
	}
	for _, c := range cols {
		if len(c) != d {
			panic(fmt.Sprintf("%s: a column slice of %d values for rows of %d", op, len(c), d))
		}
	}
	return n
}

// The adaptive optimizers' updates, element by element in the book's order
// of operations (no fused multiply-adds), as NumPy rounds them. The slices
// must have the same length.

// AdamStep is the book's Adam update of one parameter: m += c1·(g - m);
// v += c2·(g² - v); w -= lrt·m / (sqrt(v) + eps).
func AdamStep(w, g, m, v []float64, lrt, c1, c2, eps float64) {
	sameLen("vec.AdamStep", w, g, m, v)
	for i := adamStep(w, g, m, v, lrt, c1, c2, eps); i < len(w); i++ {
		gi := g[i]
		mi := m[i] + float64(c1*(gi-m[i]))
		m[i] = mi
		vi := v[i] + float64(c2*(float64(gi*gi)-v[i]))
		v[i] = vi
		w[i] -= float64(lrt*mi) / (math.Sqrt(vi) + eps)
	}
}

// AdaGradStep is the book's AdaGrad update: h += g²; w -= lr·g / (sqrt(h)
// + eps).
func AdaGradStep(w, g, h []float64, lr, eps float64) {
	sameLen("vec.AdaGradStep", w, g, h)
	for i := adaGradStep(w, g, h, lr, eps); i < len(w); i++ {
		hi := h[i] + float64(g[i]*g[i])
		h[i] = hi
		w[i] -= float64(lr*g[i]) / (math.Sqrt(hi) + eps)
	}
}

// sameLen panics unless every slice has the length of the first.
func sameLen(op string, s ...[]float64) {
	for _, x := range s[1:] {
		if len(x) != len(s[0]) {
			panic(fmt.Sprintf("%s: slices of %d and %d values", op, len(s[0]), len(x)))
		}
	}
}

// The max pooling of the book's convolutional networks: 2×2 windows moved
// by 2 (Pooling(2, 2, 2, 0)), one channel plane at a time. x holds the
// plane, rows of w values; out and arg hold oh rows of ow outputs, the
// window (oy, ox) covering x's rows 2oy and 2oy+1 and columns 2ox and
// 2ox+1, so 2·oh rows and 2·ow <= w columns of x are read.

// MaxPool2 sets out to the maximum of each window and arg to its position
// (0 and 1 in the top row, 2 and 3 below): the first largest value in that
// order, NaN counting as larger than every number and the first NaN
// staying, as NumPy's argmax and max take them.
func MaxPool2(out []float64, arg []int32, x []float64, w, oh, ow int) {
	checkPool2("vec.MaxPool2", len(out), len(arg), len(x), w, oh, ow)
	n := maxPool2(out, arg, x, w, oh, ow)
	for oy := range oh {
		r0, r1 := x[2*oy*w:], x[(2*oy+1)*w:]
		for ox := n; ox < ow; ox++ {
			best, k := r0[2*ox], int32(0)
			if v := r0[2*ox+1]; Better(v, best) {
				best, k = v, 1
			}
			if v := r1[2*ox]; Better(v, best) {
				best, k = v, 2
			}
			if v := r1[2*ox+1]; Better(v, best) {
				best, k = v, 3
			}
			out[oy*ow+ox], arg[oy*ow+ox] = best, k
		}
	}
}

// Better reports whether v replaces best as the maximum of a pooling
// window read in order: it is larger, or the first NaN (NaN beats every
// number, and the first of several NaNs stays), as NumPy's argmax takes
// them. MaxPool2 and layers.Pooling's other geometries share it.
func Better(v, best float64) bool { return v > best || v != v && best == best }

// MaxPool2Back is the backward pass of MaxPool2: each dout value goes to
// the input position arg names in its window (as 0 + dout, the book's
// col2im adding it to zeros, so -0 arrives as +0), and every other value
// of the windows is set to +0. Values of dx outside the windows (a last
// column or row that no window covers) are not written.
func MaxPool2Back(dx, dout []float64, arg []int32, w, oh, ow int) {
	checkPool2("vec.MaxPool2Back", len(dout), len(arg), len(dx), w, oh, ow)
	n := maxPool2Back(dx, dout, arg, w, oh, ow)
	for oy := range oh {
		r0, r1 := dx[2*oy*w:], dx[(2*oy+1)*w:]
		for ox := n; ox < ow; ox++ {
			r0[2*ox], r0[2*ox+1], r1[2*ox], r1[2*ox+1] = 0, 0, 0, 0
			d := dout[oy*ow+ox]
			switch arg[oy*ow+ox] {
			case 0:
				r0[2*ox] = 0 + d
			case 1:
				r0[2*ox+1] = 0 + d
			case 2:
				r1[2*ox] = 0 + d
			case 3:
				r1[2*ox+1] = 0 + d
			}
		}
	}
}

// checkPool2 panics unless the slices fit the geometry.
func checkPool2(op string, nOut, nArg, nX, w, oh, ow int) {
	if oh < 0 || ow < 0 || 2*ow > w || nOut != oh*ow || nArg != oh*ow || nX < 2*oh*w {
		panic(fmt.Sprintf("%s: %d outputs, %d positions and %d inputs for %d rows of %d windows over rows of %d",
			op, nOut, nArg, nX, oh, ow, w))
	}
}

package ops

import (
	"fmt"

	"github.com/dlfs-go/dlfs/internal/vec"
	"github.com/dlfs-go/dlfs/tensor"
)

// npyBufSize is NumPy's default ufunc buffer size: a full reduction of a
// contiguous array is summed pairwise within blocks of this many elements,
// and the block sums are added in order.
const npyBufSize = 8192

// pairwiseSum adds x the way NumPy's pairwise_sum_DOUBLE does: short runs
// in order, runs up to 128 with eight interleaved accumulators, longer runs
// split in two at a multiple of eight.
func pairwiseSum(x []float64) float64 { return pairwise(x, false) }

// pairwise is pairwiseSum of x, or with sq of the squares of x, each
// rounded to float64 before it is added, as np.sum(x**2) adds the array
// x**2 (the explicit conversions keep a compiler from fusing a square
// into its addition).
func pairwise(x []float64, sq bool) float64 {
	n := len(x)
	switch {
	case n < 8:
		res := 0.0
		for _, v := range x {
			if sq {
				v = float64(v * v)
			}
			res += v
		}
		return res
	case n <= 128:
		var r0, r1, r2, r3, r4, r5, r6, r7 float64
		if sq {
			r0, r1, r2, r3 = float64(x[0]*x[0]), float64(x[1]*x[1]), float64(x[2]*x[2]), float64(x[3]*x[3])
			r4, r5, r6, r7 = float64(x[4]*x[4]), float64(x[5]*x[5]), float64(x[6]*x[6]), float64(x[7]*x[7])
			for i := 8; i < n-n%8; i += 8 {
				b := x[i : i+8 : i+8]
				r0 += float64(b[0] * b[0])
				r1 += float64(b[1] * b[1])
				r2 += float64(b[2] * b[2])
				r3 += float64(b[3] * b[3])
				r4 += float64(b[4] * b[4])
				r5 += float64(b[5] * b[5])
				r6 += float64(b[6] * b[6])
				r7 += float64(b[7] * b[7])
			}
		} else {
			r0, r1, r2, r3 = x[0], x[1], x[2], x[3]
			r4, r5, r6, r7 = x[4], x[5], x[6], x[7]
			for i := 8; i < n-n%8; i += 8 {
				b := x[i : i+8 : i+8]
				r0 += b[0]
				r1 += b[1]
				r2 += b[2]
				r3 += b[3]
				r4 += b[4]
				r5 += b[5]
				r6 += b[6]
				r7 += b[7]
			}
		}
		res := ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
		for _, v := range x[n-n%8:] {
			if sq {
				v = float64(v * v)
			}
			res += v
		}
		return res
	default:
		n2 := n / 2
		n2 -= n2 % 8
		return pairwise(x[:n2], sq) + pairwise(x[n2:], sq)
	}
}

// sumContiguous is np.sum over a contiguous run: pairwise within blocks of
// npyBufSize, blocks added in order, starting from 0; with sq, of the
// squares of the run (np.sum(x**2)).
func sumContiguous(x []float64) float64 { return sumBlocks(x, false) }

func sumBlocks(x []float64, sq bool) float64 {
	res := 0.0
	for len(x) > npyBufSize {
		res += pairwise(x[:npyBufSize], sq)
		x = x[npyBufSize:]
	}
	return res + pairwise(x, sq)
}

// SumAll returns the sum of all elements, like np.sum(a) (0 for an empty
// tensor), added in NumPy's order.
func SumAll(a *tensor.Tensor) float64 { return sumContiguous(a.Data()) }

// SumSquares returns the sum of the squares of all elements, like
// np.sum(a**2) (each square rounded, then added in np.sum's order),
// without making the array of squares.
func SumSquares(a *tensor.Tensor) float64 { return sumBlocks(a.Data(), true) }

// MeanAll returns the mean of all elements, like np.mean(a); NaN for an
// empty tensor.
func MeanAll(a *tensor.Tensor) float64 { return SumAll(a) / float64(a.Len()) }

// MaxAll returns the largest element, like np.max(a): NaN if any element is
// NaN. It panics on an empty tensor, which has no maximum.
func MaxAll(a *tensor.Tensor) float64 {
	x := a.Data()
	if len(x) == 0 {
		panic("ops.MaxAll: zero-size tensor " + tensor.ShapeString(a.Shape()) + " has no maximum")
	}
	m := x[0]
	for _, v := range x[1:] {
		m = maximum(m, v)
	}
	return m
}

// ArgMaxAll returns the flat index of the largest element, like
// np.argmax(a): the first one on ties, the first NaN if there is one. It
// panics on an empty tensor.
func ArgMaxAll(a *tensor.Tensor) int {
	x := a.Data()
	if len(x) == 0 {
		panic("ops.ArgMaxAll: zero-size tensor " + tensor.ShapeString(a.Shape()) + " has no maximum")
	}
	return argMaxRun(x, 1)
}

// argMaxRun returns the index of the first maximum of x[0], x[s], x[2s],
// ... (n = ceil(len(x)/s) elements), the first NaN winning.
func argMaxRun(x []float64, s int) int {
	best, bi := x[0], 0
	if best != best {
		return 0
	}
	for i, j := s, 1; i < len(x); i, j = i+s, j+1 {
		v := x[i]
		if v > best {
			best, bi = v, j
		} else if v != v {
			return j
		}
	}
	return bi
}

// reduction describes a reduction of a along one axis as the three sizes
// outer × n × inner of a row-major view of a.
type reduction struct {
	outer, n, inner int
}

// axisReduction checks axis and returns the reduction view of a along it
// and the axis made non-negative.
func axisReduction(op string, a *tensor.Tensor, axis int) (reduction, int) {
	shape := a.Shape()
	ax := axis
	if ax < 0 {
		ax += len(shape)
	}
	if ax < 0 || ax >= len(shape) {
		panic(fmt.Sprintf("%s: axis %d out of range for shape %s", op, axis, tensor.ShapeString(shape)))
	}
	r := reduction{outer: 1, n: shape[ax], inner: 1}
	for _, d := range shape[:ax] {
		r.outer *= d
	}
	for _, d := range shape[ax+1:] {
		r.inner *= d
	}
	return r, ax
}

// reducedShape returns shape with axis ax removed, or set to 1 when keepDims.
func reducedShape(shape []int, ax int, keepDims bool) []int {
	out := make([]int, 0, len(shape))
	out = append(out, shape[:ax]...)
	if keepDims {
		out = append(out, 1)
	}
	return append(out, shape[ax+1:]...)
}

// axisView checks axis and returns the reduction view and the result shape
// (with the axis kept as 1 or dropped).
func axisView(op string, a *tensor.Tensor, axis int, keepDims bool) (reduction, []int) {
	r, ax := axisReduction(op, a, axis)
	return r, reducedShape(a.Shape(), ax, keepDims)
}

// checkReduceDst panics unless dst holds the result of reducing a along
// axis, with the axis either kept as 1 or dropped.
func checkReduceDst(op string, dst, a *tensor.Tensor, axis int) reduction {
	r, ax := axisReduction(op, a, axis)
	as, ds := a.Shape(), dst.Shape()
	ok := false
	switch len(ds) {
	case len(as): // axis kept as 1
		ok = ds[ax] == 1 && tensor.EqualShapes(ds[:ax], as[:ax]) && tensor.EqualShapes(ds[ax+1:], as[ax+1:])
	case len(as) - 1: // axis dropped
		ok = tensor.EqualShapes(ds[:ax], as[:ax]) && tensor.EqualShapes(ds[ax:], as[ax+1:])
	}
	if !ok {
		panic(fmt.Sprintf("%s: destination shape %s, want %s or %s for axis %d of %s",
			op, tensor.ShapeString(ds), tensor.ShapeString(reducedShape(as, ax, true)),
			tensor.ShapeString(reducedShape(as, ax, false)), axis, tensor.ShapeString(as)))
	}
	return r
}

// sumAxis writes the sums along the reduction into d (outer*inner values).
func sumAxis(d, x []float64, r reduction) {
	if r.inner == 1 {
		for o := range r.outer {
			d[o] = sumContiguous(x[o*r.n : (o+1)*r.n])
		}
		return
	}
	for o := range r.outer {
		// The rows of the block added in order, as NumPy adds them.
		block := x[o*r.n*r.inner : (o+1)*r.n*r.inner]
		vec.SumRows(d[o*r.inner:(o+1)*r.inner], block, r.inner)
	}
}

// Sum returns the sums along axis, like np.sum(a, axis=axis,
// keepdims=keepDims). A negative axis counts from the end. The result has
// a's shape without the axis, or with it as 1 when keepDims is set.
func Sum(a *tensor.Tensor, axis int, keepDims bool) *tensor.Tensor {
	r, shape := axisView("ops.Sum", a, axis, keepDims)
	out := tensor.Zeros(shape...)
	sumAxis(out.Data(), a.Data(), r)
	return out
}

// SumInto stores the sums along axis in dst, whose shape is a's with the
// axis removed or set to 1, and returns dst.
func SumInto(dst, a *tensor.Tensor, axis int) *tensor.Tensor {
	r := checkReduceDst("ops.SumInto", dst, a, axis)
	sumAxis(dst.Data(), a.Data(), r)
	return dst
}

// Mean returns the means along axis, like np.mean(a, axis=axis,
// keepdims=keepDims). Shapes as for Sum.
func Mean(a *tensor.Tensor, axis int, keepDims bool) *tensor.Tensor {
	r, shape := axisView("ops.Mean", a, axis, keepDims)
	out := tensor.Zeros(shape...)
	d := out.Data()
	sumAxis(d, a.Data(), r)
	n := float64(r.n)
	for i := range d {
		d[i] /= n
	}
	return out
}

// Max returns the maxima along axis, like np.max(a, axis=axis,
// keepdims=keepDims): NaN propagates. Shapes as for Sum. An empty axis
// panics.
func Max(a *tensor.Tensor, axis int, keepDims bool) *tensor.Tensor {
	r, shape := axisView("ops.Max", a, axis, keepDims)
	if r.n == 0 {
		panic(fmt.Sprintf("ops.Max: axis %d of %s is empty and has no maximum", axis, tensor.ShapeString(a.Shape())))
	}
	out := tensor.Zeros(shape...)
	d, x := out.Data(), a.Data()
	for o := range r.outer {
		dst := d[o*r.inner : (o+1)*r.inner]
		base := o * r.n * r.inner
		copy(dst, x[base:base+r.inner])
		for k := 1; k < r.n; k++ {
			row := x[base+k*r.inner : base+(k+1)*r.inner]
			for j, v := range row {
				dst[j] = maximum(dst[j], v)
			}
		}
	}
	return out
}

// ArgMax returns the indices of the maxima along axis, like np.argmax(a,
// axis=axis, keepdims=keepDims), as float64 values (exact for any real
// size). The first maximum wins ties, and the first NaN wins over numbers.
// Shapes as for Sum. An empty axis panics. ArgMaxRows is the []int form for
// the common (N, C) case.
func ArgMax(a *tensor.Tensor, axis int, keepDims bool) *tensor.Tensor {
	r, shape := axisView("ops.ArgMax", a, axis, keepDims)
	if r.n == 0 {
		panic(fmt.Sprintf("ops.ArgMax: axis %d of %s is empty and has no maximum", axis, tensor.ShapeString(a.Shape())))
	}
	out := tensor.Zeros(shape...)
	d, x := out.Data(), a.Data()
	for o := range r.outer {
		base := o * r.n * r.inner
		for j := range r.inner {
			d[o*r.inner+j] = float64(argMaxRun(x[base+j:base+r.n*r.inner], r.inner))
		}
	}
	return out
}

// ArgMaxRows returns, for each row of a 2-D tensor a of shape (N, C), the
// column of its largest element: np.argmax(a, axis=1) as a []int of length
// N. If dst has length N it is filled and returned, so that a loop can reuse
// it; otherwise a new slice is allocated.
func ArgMaxRows(dst []int, a *tensor.Tensor) []int {
	if a.Dim() != 2 || a.Size(1) == 0 {
		panic(fmt.Sprintf("ops.ArgMaxRows: want a non-empty 2-D (N, C) tensor, got shape %s", tensor.ShapeString(a.Shape())))
	}
	n, c := a.Size(0), a.Size(1)
	if len(dst) != n {
		dst = make([]int, n)
	}
	x := a.Data()
	for i := range dst {
		dst[i] = argMaxRun(x[i*c:(i+1)*c], 1)
	}
	return dst
}

// SumTo returns a summed down to shape: the backward of broadcasting, so
// that if y = Add(x, b) then the gradient for b is SumTo(dy, b.Shape()).
// shape must broadcast to a's shape; leading axes are summed away and axes
// of size 1 in shape are summed with the dimension kept.
func SumTo(a *tensor.Tensor, shape ...int) *tensor.Tensor {
	out := tensor.Zeros(shape...)
	sumTo("ops.SumTo", out, a)
	return out
}

// SumToInto stores a summed down to dst's shape in dst and returns dst; see
// SumTo.
func SumToInto(dst, a *tensor.Tensor) *tensor.Tensor {
	sumTo("ops.SumToInto", dst, a)
	return dst
}

func sumTo(op string, dst, a *tensor.Tensor) {
	as, ds := a.Shape(), dst.Shape()
	if b, ok := BroadcastShapes(as, ds); !ok || !tensor.EqualShapes(b, as) {
		panic(fmt.Sprintf("%s: cannot sum shape %s down to %s", op, tensor.ShapeString(as), tensor.ShapeString(ds)))
	}
	d, x := dst.Data(), a.Data()
	if len(d) == len(x) {
		copy(d, x)
		return
	}
	clear(d)
	if len(x) == 0 {
		return
	}
	var it broadcastIter
	it.init(op, as, as, ds)
	n := it.inner
	do := 0
	for xo := 0; xo < len(x); xo += n {
		run := x[xo : xo+n]
		if it.innerY == 1 {
			out := d[do : do+n]
			for i, v := range run {
				out[i] += v
			}
		} else {
			s := d[do]
			for _, v := range run {
				s += v
			}
			d[do] = s
		}
		_, do = it.next() // a has the full shape: its runs are consecutive
	}
}

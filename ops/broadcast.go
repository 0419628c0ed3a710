package ops

import (
	"fmt"

	"github.com/dlfs-go/dlfs/tensor"
)

// maxDims is the largest rank a broadcast operation accepts (NumPy's
// limit too), so that its index bookkeeping lives on the stack.
const maxDims = 32

// BroadcastShapes returns the shape that NumPy's broadcasting gives to
// operands of shapes a and b, and false when they are not compatible.
func BroadcastShapes(a, b []int) ([]int, bool) {
	n := max(len(a), len(b))
	out := make([]int, n)
	for i := 1; i <= n; i++ {
		da, db := 1, 1
		if i <= len(a) {
			da = a[len(a)-i]
		}
		if i <= len(b) {
			db = b[len(b)-i]
		}
		switch {
		case da == db, db == 1:
			out[n-i] = da
		case da == 1:
			out[n-i] = db
		default:
			return nil, false
		}
	}
	return out, true
}

// broadcastOrPanic returns the broadcast shape of a and b or panics naming op.
func broadcastOrPanic(op string, a, b []int) []int {
	s, ok := BroadcastShapes(a, b)
	if !ok {
		panic(fmt.Sprintf("%s: shapes %s and %s cannot be broadcast together",
			op, tensor.ShapeString(a), tensor.ShapeString(b)))
	}
	return s
}

// binOp names an elementwise binary operation.
type binOp int

const (
	opAdd binOp = iota
	opSub
	opMul
	opDiv
	opMax
	opMin
)

// opNames[into][op] names each operation in panic messages.
var opNames = [2][6]string{
	{"ops.Add", "ops.Sub", "ops.Mul", "ops.Div", "ops.Maximum", "ops.Minimum"},
	{"ops.AddInto", "ops.SubInto", "ops.MulInto", "ops.DivInto", "ops.MaximumInto", "ops.MinimumInto"},
}

// binary computes dst = a op b with broadcasting; dst nil allocates.
func binary(op binOp, into bool, dst, a, b *tensor.Tensor) *tensor.Tensor {
	name := opNames[0][op]
	if into {
		name = opNames[1][op]
	}
	as, bs := a.Shape(), b.Shape()
	if dst == nil {
		outShape := as
		if !tensor.EqualShapes(as, bs) {
			outShape = broadcastOrPanic(name, as, bs)
		}
		dst = tensor.Zeros(outShape...)
	} else if !broadcastsTo(as, bs, dst.Shape()) {
		out := broadcastOrPanic(name, as, bs)
		panic(fmt.Sprintf("%s: destination shape %s, want %s for operands %s and %s",
			name, tensor.ShapeString(dst.Shape()), tensor.ShapeString(out),
			tensor.ShapeString(as), tensor.ShapeString(bs)))
	}
	if dst.Len() == 0 {
		return dst
	}
	x, y, d := a.Data(), b.Data(), dst.Data()
	switch {
	case len(x) == len(d) && len(y) == len(d):
		op.loop(d, x, y, 1, 1)
		return dst
	case len(y) == 1 && len(x) == len(d):
		op.loop(d, x, y, 1, 0)
		return dst
	case len(x) == 1 && len(y) == len(d):
		op.loop(d, x, y, 0, 1)
		return dst
	}
	var it broadcastIter
	it.init(name, dst.Shape(), as, bs)
	n := it.inner
	for xo, yo, do := 0, 0, 0; do < len(d); do += n {
		op.loop(d[do:do+n], x[xo:], y[yo:], it.innerX, it.innerY)
		xo, yo = it.next()
	}
	return dst
}

// broadcastsTo reports whether shapes a and b broadcast to exactly out,
// without allocating.
func broadcastsTo(a, b, out []int) bool {
	if len(out) != max(len(a), len(b)) {
		return false
	}
	for i := 1; i <= len(out); i++ {
		da, db := 1, 1
		if i <= len(a) {
			da = a[len(a)-i]
		}
		if i <= len(b) {
			db = b[len(b)-i]
		}
		d := da
		switch {
		case da == db, db == 1:
		case da == 1:
			d = db
		default:
			return false
		}
		if out[len(out)-i] != d {
			return false
		}
	}
	return true
}

// broadcastIter walks the output of a broadcast binary operation in
// row-major order, one innermost run at a time, tracking the offsets of
// both operands. Axes are coalesced where possible, so a bias row added to
// a matrix is a run per row, and a (3,1)+(1,4) sum is a run per output row.
// Its bookkeeping is in fixed arrays, so it lives on the stack.
type broadcastIter struct {
	inner          int // length of the innermost run
	innerX, innerY int // 0 or 1: stride of each operand along the run
	nd             int // number of outer axes
	shape          [maxDims]int
	strideX        [maxDims]int
	strideY        [maxDims]int
	idx            [maxDims]int
	xo, yo         int
}

// init prepares the iterator for operands of shapes a and b broadcast to out.
func (it *broadcastIter) init(op string, out, a, b []int) {
	n := len(out)
	if n > maxDims {
		panic(fmt.Sprintf("%s: shape %s has more than %d axes", op, tensor.ShapeString(out), maxDims))
	}
	// Walk the axes from the last, computing each operand's row-major stride
	// (0 where it is broadcast), dropping size-1 axes and merging an axis
	// into the one after it when both operands step evenly across them.
	// Axes are collected in reverse order and flipped at the end.
	k := 0
	sx, sy := 1, 1
	for i := 1; i <= n; i++ {
		d := out[n-i]
		var stX, stY int
		if i <= len(a) && a[len(a)-i] != 1 {
			stX = sx
			sx *= d
		}
		if i <= len(b) && b[len(b)-i] != 1 {
			stY = sy
			sy *= d
		}
		if d == 1 {
			continue
		}
		if k > 0 && stX == it.strideX[k-1]*it.shape[k-1] && stY == it.strideY[k-1]*it.shape[k-1] {
			it.shape[k-1] *= d
			continue
		}
		it.shape[k], it.strideX[k], it.strideY[k] = d, stX, stY
		k++
	}
	if k == 0 {
		it.shape[0], it.strideX[0], it.strideY[0] = 1, 0, 0
		k = 1
	}
	for i, j := 0, k-1; i < j; i, j = i+1, j-1 {
		it.shape[i], it.shape[j] = it.shape[j], it.shape[i]
		it.strideX[i], it.strideX[j] = it.strideX[j], it.strideX[i]
		it.strideY[i], it.strideY[j] = it.strideY[j], it.strideY[i]
	}
	it.nd = k - 1
	it.inner = it.shape[it.nd]
	it.innerX, it.innerY = it.strideX[it.nd], it.strideY[it.nd]
}

// next advances past one innermost run and returns the operand offsets of
// the next run.
func (it *broadcastIter) next() (int, int) {
	for ax := it.nd - 1; ax >= 0; ax-- {
		it.idx[ax]++
		it.xo += it.strideX[ax]
		it.yo += it.strideY[ax]
		if it.idx[ax] < it.shape[ax] {
			break
		}
		it.xo -= it.strideX[ax] * it.shape[ax]
		it.yo -= it.strideY[ax] * it.shape[ax]
		it.idx[ax] = 0
	}
	return it.xo, it.yo
}

// loop applies op over one run: d[i] = x[i*sx] op y[i*sy], with sx, sy in {0, 1}.
func (op binOp) loop(d, x, y []float64, sx, sy int) {
	switch op {
	case opAdd:
		switch {
		case sx == 1 && sy == 1:
			x, y = x[:len(d)], y[:len(d)]
			for i := range d {
				d[i] = x[i] + y[i]
			}
		case sx == 1:
			v, x := y[0], x[:len(d)]
			for i := range d {
				d[i] = x[i] + v
			}
		case sy == 1:
			v, y := x[0], y[:len(d)]
			for i := range d {
				d[i] = v + y[i]
			}
		default:
			fill(d, x[0]+y[0])
		}
	case opSub:
		switch {
		case sx == 1 && sy == 1:
			x, y = x[:len(d)], y[:len(d)]
			for i := range d {
				d[i] = x[i] - y[i]
			}
		case sx == 1:
			v, x := y[0], x[:len(d)]
			for i := range d {
				d[i] = x[i] - v
			}
		case sy == 1:
			v, y := x[0], y[:len(d)]
			for i := range d {
				d[i] = v - y[i]
			}
		default:
			fill(d, x[0]-y[0])
		}
	case opMul:
		switch {
		case sx == 1 && sy == 1:
			x, y = x[:len(d)], y[:len(d)]
			for i := range d {
				d[i] = x[i] * y[i]
			}
		case sx == 1:
			v, x := y[0], x[:len(d)]
			for i := range d {
				d[i] = x[i] * v
			}
		case sy == 1:
			v, y := x[0], y[:len(d)]
			for i := range d {
				d[i] = v * y[i]
			}
		default:
			fill(d, x[0]*y[0])
		}
	case opDiv:
		switch {
		case sx == 1 && sy == 1:
			x, y = x[:len(d)], y[:len(d)]
			for i := range d {
				d[i] = x[i] / y[i]
			}
		case sx == 1:
			v, x := y[0], x[:len(d)]
			for i := range d {
				d[i] = x[i] / v
			}
		case sy == 1:
			v, y := x[0], y[:len(d)]
			for i := range d {
				d[i] = v / y[i]
			}
		default:
			fill(d, x[0]/y[0])
		}
	case opMax, opMin:
		f := maximum
		if op == opMin {
			f = minimum
		}
		for i := range d {
			d[i] = f(x[i*sx], y[i*sy])
		}
	}
}

func fill(d []float64, v float64) {
	for i := range d {
		d[i] = v
	}
}

// maximum is np.maximum for one pair: NaN in either argument propagates.
func maximum(x, y float64) float64 {
	if x >= y || x != x {
		return x
	}
	return y
}

// minimum is np.minimum for one pair: NaN in either argument propagates.
func minimum(x, y float64) float64 {
	if x <= y || x != x {
		return x
	}
	return y
}

// Add returns a + b with broadcasting (NumPy's a + b).
func Add(a, b *tensor.Tensor) *tensor.Tensor { return binary(opAdd, false, nil, a, b) }

// Sub returns a - b with broadcasting (NumPy's a - b).
func Sub(a, b *tensor.Tensor) *tensor.Tensor { return binary(opSub, false, nil, a, b) }

// Mul returns the elementwise product a * b with broadcasting (NumPy's a * b).
func Mul(a, b *tensor.Tensor) *tensor.Tensor { return binary(opMul, false, nil, a, b) }

// Div returns the elementwise quotient a / b with broadcasting (NumPy's a / b).
func Div(a, b *tensor.Tensor) *tensor.Tensor { return binary(opDiv, false, nil, a, b) }

// Maximum returns the elementwise maximum with broadcasting, like
// np.maximum: NaN in either operand gives NaN. Maximum(tensor.Scalar(0), x)
// is ReLU.
func Maximum(a, b *tensor.Tensor) *tensor.Tensor { return binary(opMax, false, nil, a, b) }

// Minimum returns the elementwise minimum with broadcasting, like np.minimum.
func Minimum(a, b *tensor.Tensor) *tensor.Tensor { return binary(opMin, false, nil, a, b) }

// AddInto stores a + b (broadcast) in dst, which must have the broadcast
// shape, and returns dst. dst may be a or b when it has the result's shape.
func AddInto(dst, a, b *tensor.Tensor) *tensor.Tensor { return binary(opAdd, true, dst, a, b) }

// SubInto stores a - b (broadcast) in dst; see AddInto.
func SubInto(dst, a, b *tensor.Tensor) *tensor.Tensor { return binary(opSub, true, dst, a, b) }

// MulInto stores a * b (broadcast) in dst; see AddInto.
func MulInto(dst, a, b *tensor.Tensor) *tensor.Tensor { return binary(opMul, true, dst, a, b) }

// DivInto stores a / b (broadcast) in dst; see AddInto.
func DivInto(dst, a, b *tensor.Tensor) *tensor.Tensor { return binary(opDiv, true, dst, a, b) }

// MaximumInto stores np.maximum(a, b) in dst; see AddInto.
func MaximumInto(dst, a, b *tensor.Tensor) *tensor.Tensor { return binary(opMax, true, dst, a, b) }

// MinimumInto stores np.minimum(a, b) in dst; see AddInto.
func MinimumInto(dst, a, b *tensor.Tensor) *tensor.Tensor { return binary(opMin, true, dst, a, b) }

// AddScalar returns a + s (NumPy's a + s for a Python float s).
func AddScalar(a *tensor.Tensor, s float64) *tensor.Tensor {
	return binary(opAdd, false, nil, a, tensor.Scalar(s))
}

// SubScalar returns a - s.
func SubScalar(a *tensor.Tensor, s float64) *tensor.Tensor {
	return binary(opSub, false, nil, a, tensor.Scalar(s))
}

// ScalarSub returns s - a, as in NumPy's 1.0 - y.
func ScalarSub(s float64, a *tensor.Tensor) *tensor.Tensor {
	return binary(opSub, false, nil, tensor.Scalar(s), a)
}

// MulScalar returns a * s.
func MulScalar(a *tensor.Tensor, s float64) *tensor.Tensor {
	return binary(opMul, false, nil, a, tensor.Scalar(s))
}

// DivScalar returns a / s.
func DivScalar(a *tensor.Tensor, s float64) *tensor.Tensor {
	return binary(opDiv, false, nil, a, tensor.Scalar(s))
}

// ScalarDiv returns s / a, as in NumPy's 1 / x.
func ScalarDiv(s float64, a *tensor.Tensor) *tensor.Tensor {
	return binary(opDiv, false, nil, tensor.Scalar(s), a)
}

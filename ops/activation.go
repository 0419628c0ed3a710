package ops

import (
	"fmt"
	"math"

	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/dlfs-go/dlfs/tensor"
)

// The activation functions of the book's common/functions.py, elementwise
// over tensors of any shape.

// Step returns 1 where x > 0 and 0 elsewhere: the book's step_function
// (which returns an int array; here the values are 0.0 and 1.0).
func Step(x *tensor.Tensor) *tensor.Tensor { return unary("ops.Step", nil, x, step) }

func step(v float64) float64 {
	if v > 0 {
		return 1
	}
	return 0
}

// Sigmoid returns 1 / (1 + exp(-x)) elementwise: the book's sigmoid.
func Sigmoid(x *tensor.Tensor) *tensor.Tensor { return unary("ops.Sigmoid", nil, x, sigmoid) }

// SigmoidInto stores Sigmoid(x) in dst, which must have x's shape, and
// returns dst.
func SigmoidInto(dst, x *tensor.Tensor) *tensor.Tensor {
	checkDst("ops.SigmoidInto", dst, x)
	d, xd := dst.Data(), x.Data()
	if !sigmoidJob.Try(len(xd), 8, sigmoidGrain, func(t *sigmoidTask) { t.d, t.x = d, xd }) {
		sigmoidLoop(d, xd)
	}
	return dst
}

// sigmoidLoop is the loop of unary with sigmoid inlined: the ch04 network
// evaluates 3.5 million sigmoids per pass over MNIST, and the indirect
// call cost a fifth of their time.
func sigmoidLoop(d, x []float64) {
	d = d[:len(x)]
	for i, v := range x {
		d[i] = sigmoid(v)
	}
}

// sigmoidGrain is the least number of sigmoids SigmoidInto gives one
// piece: from 2·sigmoidGrain on, the work is split between the cores.
// 4096 sigmoids take about 24 µs on one core of the development machine,
// and a hidden layer of 50 units for a batch of 100 is 5000.
const sigmoidGrain = 1 << 11

// sigmoidJob is the one long-lived task of SigmoidInto.
var sigmoidJob parallel.Job[sigmoidTask, *sigmoidTask]

// sigmoidTask is SigmoidInto over a range of indices.
type sigmoidTask struct{ d, x []float64 }

// Range computes d[lo:hi].
func (t *sigmoidTask) Range(lo, hi int) { sigmoidLoop(t.d[lo:hi], t.x[lo:hi]) }

func sigmoid(v float64) float64 { return 1 / (1 + math.Exp(-v)) }

// SigmoidGrad returns (1 - sigmoid(x)) * sigmoid(x): the book's
// sigmoid_grad, the derivative of Sigmoid at x.
func SigmoidGrad(x *tensor.Tensor) *tensor.Tensor {
	return unary("ops.SigmoidGrad", nil, x, func(v float64) float64 {
		s := sigmoid(v)
		return (1 - s) * s
	})
}

// ReLU returns np.maximum(0, x): the book's relu.
func ReLU(x *tensor.Tensor) *tensor.Tensor {
	return unary("ops.ReLU", nil, x, func(v float64) float64 { return maximum(0, v) })
}

// ReLUGrad returns 1 where x >= 0 and 0 elsewhere: the book's relu_grad.
func ReLUGrad(x *tensor.Tensor) *tensor.Tensor {
	return unary("ops.ReLUGrad", nil, x, func(v float64) float64 {
		if v >= 0 {
			return 1
		}
		return 0
	})
}

// Identity returns x itself: the book's identity_function, the output
// activation of a regression network.
func Identity(x *tensor.Tensor) *tensor.Tensor { return x }

// Softmax returns the softmax of x along its last axis, like the book's
// softmax: each row has its maximum subtracted before exp (so inputs
// around ±1000 do not overflow), and is divided by its sum. A 1-D x is one
// row. Shapes: x (..., C) → (..., C).
func Softmax(x *tensor.Tensor) *tensor.Tensor {
	return SoftmaxInto(tensor.ZerosLike(x), x)
}

// SoftmaxInto stores Softmax(x) in dst, which must have x's shape (it may
// be x itself), and returns dst. It allocates nothing.
func SoftmaxInto(dst, x *tensor.Tensor) *tensor.Tensor {
	if !tensor.SameShape(dst, x) || x.Dim() == 0 {
		panic(fmt.Sprintf("ops.SoftmaxInto: destination shape %s, want %s (at least 1-D)",
			tensor.ShapeString(dst.Shape()), tensor.ShapeString(x.Shape())))
	}
	c := x.Size(-1)
	if c == 0 {
		return dst
	}
	xd, d := x.Data(), dst.Data()
	for i := 0; i < len(xd); i += c {
		softmaxRow(d[i:i+c], xd[i:i+c])
	}
	return dst
}

// softmaxRow computes one row in NumPy's order: subtract the maximum, exp,
// sum pairwise, divide.
func softmaxRow(d, x []float64) {
	m := x[0]
	for _, v := range x[1:] {
		m = maximum(m, v)
	}
	for j, v := range x {
		d[j] = math.Exp(v - m)
	}
	s := sumContiguous(d)
	for j := range d {
		d[j] /= s
	}
}

package loss

import (
	"fmt"
	"math"

	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/tensor"
)

// The book adds this inside the log of cross_entropy_error so that a
// probability of 0 gives a large loss instead of infinity.
const logDelta = 1e-7

// SumSquaredError returns 0.5 * Σ (y - t)², the book's sum_squared_error.
// y and t must have the same shape.
func SumSquaredError(y, t *tensor.Tensor) float64 {
	if !tensor.SameShape(y, t) {
		panic(fmt.Sprintf("loss.SumSquaredError: shapes %s and %s differ",
			tensor.ShapeString(y.Shape()), tensor.ShapeString(t.Shape())))
	}
	return 0.5 * ops.SumAll(ops.Square(ops.Sub(y, t)))
}

// CrossEntropyError returns the book's cross_entropy_error: the mean over
// the batch of -log(y[i, t_i] + 1e-7), where t_i is sample i's class.
//
// Shapes: y (N, C) holds probabilities (a softmax output). t is either
// one-hot, with y's shape, or class indices (N,) stored as float64. A 1-D y
// (C,) is one sample, with t (C,) one-hot or a single index (1,) or ().
// Labels that are not class indices panic.
func CrossEntropyError(y, t *tensor.Tensor) float64 {
	var c CrossEntropy
	return c.Error(y, t)
}

// CrossEntropy computes CrossEntropyError with a scratch buffer it keeps,
// so that a training loop evaluating the loss every step allocates
// nothing. The zero value is ready to use.
type CrossEntropy struct {
	logs *tensor.Tensor // log(y[i, t_i] + 1e-7), (N,)
}

// Error returns CrossEntropyError(y, t).
func (c *CrossEntropy) Error(y, t *tensor.Tensor) float64 {
	n, k, oneHot := batchDims("loss.CrossEntropyError", y, t)
	c.logs = tensor.Reuse(c.logs, n)
	yd, td, logs := y.Data(), t.Data(), c.logs.Data()
	for i := range n {
		logs[i] = math.Log(yd[i*k+label("loss.CrossEntropyError", td, i, k, oneHot)] + logDelta)
	}
	return -ops.SumAll(c.logs) / float64(n)
}

// batchDims checks y and t for a classification loss and returns the batch
// size, the number of classes and whether t is one-hot (as the book
// decides: t has as many elements as y).
func batchDims(op string, y, t *tensor.Tensor) (n, c int, oneHot bool) {
	switch y.Dim() {
	case 1:
		n, c = 1, y.Size(0)
	case 2:
		n, c = y.Size(0), y.Size(1)
	default:
		panic(fmt.Sprintf("%s: scores %s must be (N, C) or (C,)", op, tensor.ShapeString(y.Shape())))
	}
	oneHot = t.Len() == n*c
	if c == 0 || !oneHot && t.Len() != n {
		panic(fmt.Sprintf("%s: labels %s are neither one-hot like scores %s nor %d class indices",
			op, tensor.ShapeString(t.Shape()), tensor.ShapeString(y.Shape()), n))
	}
	return n, c, oneHot
}

// label returns the class of sample i: the first maximum of its one-hot
// row (NumPy's argmax), or its index, which must be a whole number in
// [0, c).
func label(op string, td []float64, i, c int, oneHot bool) int {
	if oneHot {
		row := td[i*c : (i+1)*c]
		best := 0
		for j, v := range row {
			if v > row[best] {
				best = j
			}
		}
		return best
	}
	v := td[i]
	k := int(v)
	if float64(k) != v || k < 0 || k >= c {
		panic(fmt.Sprintf("%s: label %v of sample %d is not a class index in [0, %d)", op, v, i, c))
	}
	return k
}

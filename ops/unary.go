package ops

import (
	"fmt"
	"math"

	"github.com/dlfs-go/dlfs/tensor"
)

// unary computes dst[i] = f(a[i]); dst nil allocates.
func unary(name string, dst, a *tensor.Tensor, f func(float64) float64) *tensor.Tensor {
	if dst == nil {
		dst = tensor.Zeros(a.Shape()...)
	} else {
		checkDst(name, dst, a)
	}
	d, x := dst.Data(), a.Data()
	for i, v := range x {
		d[i] = f(v)
	}
	return dst
}

// Apply returns f applied to every element of a, like np.vectorize(f)(a).
func Apply(a *tensor.Tensor, f func(float64) float64) *tensor.Tensor {
	return unary("ops.Apply", nil, a, f)
}

// ApplyInto stores f(a) elementwise in dst, which must have a's shape (it may
// be a itself), and returns dst.
func ApplyInto(dst, a *tensor.Tensor, f func(float64) float64) *tensor.Tensor {
	return unary("ops.ApplyInto", dst, a, f)
}

// Exp returns e**a elementwise (np.exp).
func Exp(a *tensor.Tensor) *tensor.Tensor { return unary("ops.Exp", nil, a, math.Exp) }

// ExpInto stores np.exp(a) in dst, which must have a's shape, and returns dst.
func ExpInto(dst, a *tensor.Tensor) *tensor.Tensor { return unary("ops.ExpInto", dst, a, math.Exp) }

// Log returns the natural logarithm elementwise (np.log): -Inf for 0, NaN
// for negative values.
func Log(a *tensor.Tensor) *tensor.Tensor { return unary("ops.Log", nil, a, math.Log) }

// LogInto stores np.log(a) in dst, which must have a's shape, and returns dst.
func LogInto(dst, a *tensor.Tensor) *tensor.Tensor { return unary("ops.LogInto", dst, a, math.Log) }

// Sqrt returns the square root elementwise (np.sqrt).
func Sqrt(a *tensor.Tensor) *tensor.Tensor { return unary("ops.Sqrt", nil, a, math.Sqrt) }

// SqrtInto stores np.sqrt(a) in dst, which must have a's shape, and returns dst.
func SqrtInto(dst, a *tensor.Tensor) *tensor.Tensor {
	return unary("ops.SqrtInto", dst, a, math.Sqrt)
}

// Neg returns -a.
func Neg(a *tensor.Tensor) *tensor.Tensor { return unary("ops.Neg", nil, a, neg) }

func neg(x float64) float64 { return -x }

// Abs returns |a| elementwise (np.abs).
func Abs(a *tensor.Tensor) *tensor.Tensor { return unary("ops.Abs", nil, a, math.Abs) }

// Square returns a**2 elementwise (np.square, or a ** 2).
func Square(a *tensor.Tensor) *tensor.Tensor { return unary("ops.Square", nil, a, square) }

func square(x float64) float64 { return x * x }

// checkDst panics unless dst has a's shape.
func checkDst(name string, dst, a *tensor.Tensor) {
	if !tensor.SameShape(dst, a) {
		panic(fmt.Sprintf("%s: destination shape %s, want %s",
			name, tensor.ShapeString(dst.Shape()), tensor.ShapeString(a.Shape())))
	}
}

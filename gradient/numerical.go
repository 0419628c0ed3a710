package gradient

import "github.com/dlfs-go/dlfs/tensor"

// H is the step of the book's central differences, 1e-4.
const H = 1e-4

// Diff returns the central difference (f(x+h) - f(x-h)) / 2h with h = 1e-4:
// the book's numerical_diff (ch04/gradient_1d.py).
func Diff(f func(float64) float64, x float64) float64 {
	return (f(x+H) - f(x-H)) / (2 * H)
}

// Numerical returns the gradient of f at x by central differences with
// h = 1e-4, like the book's numerical_gradient: each element of x is set to
// x+h and x-h in turn, f is evaluated, and the element is restored. f
// receives x itself (the book's lambdas often ignore it and read the
// parameter through a closure). The result has x's shape.
func Numerical(f func(x *tensor.Tensor) float64, x *tensor.Tensor) *tensor.Tensor {
	grad := tensor.ZerosLike(x)
	xd, g := x.Data(), grad.Data()
	for i, v := range xd {
		xd[i] = v + H
		fp := f(x)
		xd[i] = v - H
		fm := f(x)
		g[i] = (fp - fm) / (2 * H)
		xd[i] = v
	}
	return grad
}

// Package vec holds the elementwise kernels of the training loop's hot
// path that are worth a vector loop: the conversion of MNIST's bytes to
// the book's float32-normalised values, and the SGD update. Each has a
// pure-Go loop, always compiled and used under -tags purego, and on amd64
// an AVX2 loop chosen once at start-up; both give identical results.
package vec

import "fmt"

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
// len(w) must equal len(g).
func SubScaled(w, g []float64, a float64) {
	if len(w) != len(g) {
		panic(fmt.Sprintf("vec.SubScaled: len(w) = %d, len(g) = %d", len(w), len(g)))
	}
	n := subScaled(w, g, a)
	for i := n; i < len(w); i++ {
		w[i] -= float64(a * g[i]) // the conversion forbids fusing into an FMA
	}
}

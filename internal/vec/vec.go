// Package vec holds the elementwise kernels of the training loop's hot
// path that are worth a vector loop: the conversion of MNIST's bytes to
// the book's float32-normalised values, and the SGD update. Each has a
// pure-Go loop, always compiled and used under -tags purego, and on amd64
// an AVX2 loop chosen once at start-up; both give identical results. Long
// SGD updates are also split over the GEMM worker pool (gemm.Parallel).
package vec

import (
	"fmt"
	"sync"

	"github.com/dlfs-go/dlfs/internal/gemm"
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
// len(w) must equal len(g). From parallelMin elements on, the work is
// split between the cores.
func SubScaled(w, g []float64, a float64) {
	if len(w) != len(g) {
		panic(fmt.Sprintf("vec.SubScaled: len(w) = %d, len(g) = %d", len(w), len(g)))
	}
	if nw := gemm.Workers(); len(w) >= parallelMin && nw > 1 && subScaledJob.mu.TryLock() {
		t := &subScaledJob.t
		t.w, t.g, t.a, t.pieces = w, g, a, nw
		gemm.Parallel(nw, t)
		t.w, t.g = nil, nil
		subScaledJob.mu.Unlock()
		return
	}
	subScaledSerial(w, g, a)
}

// parallelMin is the length from which SubScaled splits its work: the
// first layer's weights of the MNIST network (39200 values, about 25 µs on
// one core of the development machine) are worth it, the biases are not.
const parallelMin = 1 << 14

// subScaledJob is the one long-lived Task of SubScaled (a call that finds it
// taken works alone); it lets the pool run it without an allocation.
var subScaledJob struct {
	mu sync.Mutex
	t  subScaledTask
}

// subScaledTask is SubScaled cut into pieces of whole cache lines.
type subScaledTask struct {
	w, g   []float64
	a      float64
	pieces int
}

// Run updates piece i of w.
func (t *subScaledTask) Run(i int) {
	lo, hi := Piece(len(t.w), t.pieces, i, 8)
	subScaledSerial(t.w[lo:hi], t.g[lo:hi], t.a)
}

// Piece returns piece i of n of the range [0, length): the pieces are
// consecutive, as equal as possible, and start at multiples of align.
func Piece(length, n, i, align int) (lo, hi int) {
	units := (length + align - 1) / align
	lo = min(units*i/n*align, length)
	hi = min(units*(i+1)/n*align, length)
	return lo, hi
}

func subScaledSerial(w, g []float64, a float64) {
	n := subScaled(w, g, a)
	for i := n; i < len(w); i++ {
		w[i] -= float64(a * g[i]) // the conversion forbids fusing into an FMA
	}
}

// Package gemm implements the engine's dense double-precision matrix
// multiplication kernels on raw row-major slices:
//
//	C = alpha·op(A)·op(B) + beta·C
//
// where op(A) is m×k (A is stored k×m when transA, leading dimension lda),
// op(B) is k×n (B is stored n×k when transB) and C is m×n. The semantics
// follow cblas_dgemm(CblasRowMajor, ...): when beta == 0, C is overwritten
// without being read, so NaN or Inf already in C do not propagate; NaN and
// Inf in A and B do propagate.
//
// Five kernels are registered (Kernels, Lookup), in this order:
//
//   - naive: the i-j-k reference loop every other kernel is tested against;
//   - blocked: cache-blocked, loop-reordered pure Go, single goroutine;
//   - packed: the GotoBLAS/BLIS loop nest in pure Go (packed.go), with a
//     4×2 scalar micro-kernel;
//   - avx2: the same loop nest with a 6×8 AVX2/FMA assembly micro-kernel,
//     plus an unpacked path for narrow and small products (sup_amd64.go);
//     available on amd64 CPUs with AVX2 and FMA whose OS saves the YMM
//     state, never under -tags purego;
//   - avx512: avx2 with 6×16 AVX-512 micro-kernels (avx512_amd64.go),
//     on CPUs with AVX-512F whose OS saves the ZMM state. Its lanes repeat
//     the avx2 kernel's operations, so its results are bit for bit avx2's.
//
// Gemm chooses among them by shape (dispatch.go): plain loops for tiny
// products, then blocked, then avx512, avx2 or packed, the first the CPU
// runs.
//
// Where the avx2 or avx512 kernel runs, a product whose op(A) is mostly
// zeros (a network's first layer on MNIST's images, forward and for dW)
// takes the sparse path of sparse.go instead: only A's nonzeros are
// multiplied, with the same results on both kernels. A product whose
// op(B) alone is transposed, with a long k and a few columns that the
// 16-wide tiles would pad (a convolution's dW of one image, dout·colTᵀ),
// takes the dot path of dot_amd64.go: both operands read in place along
// k, again with the same results on both kernels. GemmRowOffsets and
// GemmRowOffsetsAT run the unpacked path with the rows of op(B) or op(A)
// read at offsets instead of a stride (offsets.go): a stride-1
// convolution's im2col matrix read from shifted copies of its image, with
// the bits Gemm gives on that matrix written out.
//
// The packed kernels split C into blocks run by the persistent worker pool
// of internal/parallel (parallel.go), and products with a tiny C and a
// long k over chunks of k. The result is bit-for-bit the same whatever the
// number of workers: every element of C is accumulated over k in an order
// that depends only on the shape. The results of different kernels differ
// by rounding (summation order, fused multiply-adds), except avx2 and
// avx512, which agree bit for bit. The element-wise loops of the engine
// (batch conversion, SGD update, sigmoid) share the same pool.
//
// All functions are safe for concurrent use. Once warmed up (packing
// buffers grown, workers started) a call allocates nothing, also a call
// made while another one is running, which takes one of a few workspaces
// kept for such calls (slots; beyond four at once, a fresh one from a
// sync.Pool).
package gemm

import "github.com/dlfs-go/dlfs/internal/cpu"

import "slices"

// Func is the signature every kernel implements. Arguments are already
// validated by the caller (m, n, k >= 1, leading dimensions and slice lengths
// sufficient).
type Func func(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int)

// Kernel describes one registered GEMM implementation.
type Kernel struct {
	Name string
	// Available is false when the kernel cannot run here, e.g. avx2 on a CPU
	// without AVX2/FMA, on another architecture or under -tags purego.
	Available bool
	Func      Func
}

// registry is filled at package initialisation, naive first.
var registry = []Kernel{
	{Name: "naive", Available: true, Func: naive},
	{Name: "blocked", Available: true, Func: blocked},
	{Name: "packed", Available: true, Func: packed},
	{Name: "avx2", Available: cpu.AVX2FMA, Func: avx2Func()},
	{Name: "avx512", Available: cpu.AVX512, Func: avx512Func()},
}

// Kernels returns every registered kernel, naive first, in a fixed order.
// The returned slice is a copy.
func Kernels() []Kernel { return slices.Clone(registry) }

// Lookup returns the registered kernel with the given name.
func Lookup(name string) (Kernel, bool) {
	for _, k := range registry {
		if k.Name == name {
			return k, true
		}
	}
	return Kernel{}, false
}

// scaleC sets C = beta·C on the m×n block (C = 0 when beta == 0, without
// reading C).
func scaleC(m, n int, beta float64, c []float64, ldc int) {
	for i := 0; i < m; i++ {
		row := c[i*ldc : i*ldc+n]
		switch beta {
		case 0:
			clear(row)
		case 1:
		default:
			for j := range row {
				row[j] *= beta
			}
		}
	}
}

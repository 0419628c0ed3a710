package ops

import (
	"fmt"

	"github.com/dlfs-go/dlfs/internal/gemm"
	"github.com/dlfs-go/dlfs/tensor"
)

// Gemm computes C = alpha·op(A)·op(B) + beta·C on row-major matrices, like
// cblas_dgemm(CblasRowMajor, ...). op(A) is m×k: A is stored m×k with
// leading dimension (row stride) lda, or k×m when transA is set. op(B) is
// k×n: B is stored k×n with leading dimension ldb, or n×k when transB is
// set. C is m×n with leading dimension ldc. When beta is 0, C is only
// written, never read, so NaN in C does not propagate.
//
// The product runs on the fastest kernel of package internal/gemm for the
// shape: AVX-512 or AVX2/FMA assembly on amd64 machines that have it (the
// two give identical results), a packed pure-Go kernel elsewhere (and
// under -tags purego), split over GOMAXPROCS
// goroutines for large products. Results do not depend on the number of
// goroutines. C must not share memory with A or B.
//
// Every argument is checked: a negative size, a leading dimension shorter
// than a stored row, or a slice too short for the matrix it holds panics
// with a message naming the argument. Sizes of zero and alpha == 0 return
// after scaling C by beta.
func Gemm(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int,
	b []float64, ldb int, beta float64, c []float64, ldc int) {
	checkGemm(transA, transB, m, n, k, a, lda, b, ldb, c, ldc)
	gemm.Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// checkGemm panics with a message naming the first bad argument of Gemm.
func checkGemm(transA, transB bool, m, n, k int, a []float64, lda int,
	b []float64, ldb int, c []float64, ldc int) {
	if m < 0 || n < 0 || k < 0 {
		panic(fmt.Sprintf("ops.Gemm: negative size m=%d n=%d k=%d", m, n, k))
	}
	// stored shapes (rows × cols) of A and B
	ar, ac := m, k
	if transA {
		ar, ac = k, m
	}
	br, bc := k, n
	if transB {
		br, bc = n, k
	}
	checkMatrix("a", "lda", a, ar, ac, lda)
	checkMatrix("b", "ldb", b, br, bc, ldb)
	checkMatrix("c", "ldc", c, m, n, ldc)
}

// checkMatrix checks that s holds a rows×cols matrix with row stride ld.
func checkMatrix(name, ldName string, s []float64, rows, cols, ld int) {
	if ld < max(1, cols) {
		panic(fmt.Sprintf("ops.Gemm: %s=%d is less than max(1, %d), the stored row length of %s",
			ldName, ld, cols, name))
	}
	if rows > 0 && cols > 0 && len(s) < (rows-1)*ld+cols {
		panic(fmt.Sprintf("ops.Gemm: len(%s)=%d is too short for a %d×%d matrix with %s=%d (need %d)",
			name, len(s), rows, cols, ldName, ld, (rows-1)*ld+cols))
	}
}

// matDims returns the rows and columns of op(t) for a matrix operand of
// MatMul: a 2-D tensor, or a 1-D one promoted as np.dot does (a row vector
// on the left, a column vector on the right).
func matDims(op string, t *tensor.Tensor, left, trans bool, a, b *tensor.Tensor) (rows, cols int) {
	switch t.Dim() {
	case 2:
		rows, cols = t.Size(0), t.Size(1)
		if trans {
			rows, cols = cols, rows
		}
		return rows, cols
	case 1:
		if left {
			return 1, t.Size(0)
		}
		return t.Size(0), 1
	}
	panic(fmt.Sprintf("%s: shapes %s and %s: operands must be 1-D or 2-D",
		op, tensor.ShapeString(a.Shape()), tensor.ShapeString(b.Shape())))
}

// matmulDims checks the operands of a matrix product and returns m, n, k
// and the rank of the result: 2 for two matrices, 1 when one operand is a
// vector, 0 for two vectors.
func matmulDims(op string, a, b *tensor.Tensor, transA, transB bool) (m, n, k, rank int) {
	m, k = matDims(op, a, true, transA, a, b)
	kb, n := matDims(op, b, false, transB, a, b)
	if k != kb {
		ta, tb := "", ""
		if transA {
			ta = "ᵀ"
		}
		if transB {
			tb = "ᵀ"
		}
		panic(fmt.Sprintf("%s: shapes %s%s and %s%s do not align (%d != %d)",
			op, tensor.ShapeString(a.Shape()), ta, tensor.ShapeString(b.Shape()), tb, k, kb))
	}
	return m, n, k, a.Dim() + b.Dim() - 2
}

// matmulShape returns the shape of a product with the given dims.
func matmulShape(a, b *tensor.Tensor, m, n int) []int {
	switch {
	case a.Dim() == 1 && b.Dim() == 1:
		return []int{}
	case a.Dim() == 1:
		return []int{n}
	case b.Dim() == 1:
		return []int{m}
	}
	return []int{m, n}
}

// MatMul returns the matrix product a·b, like np.dot(a, b) for 1-D and
// 2-D operands: (M, K)·(K, N) → (M, N); a 1-D left operand (K,) gives (N,),
// a 1-D right operand (K,) gives (M,), and two vectors give their inner
// product as a shape-() tensor.
func MatMul(a, b *tensor.Tensor) *tensor.Tensor { return MatMulT(a, b, false, false) }

// MatMulT returns op(a)·op(b), where op transposes a 2-D operand when its
// flag is set, without materialising the transpose: MatMulT(x, dout, true,
// false) is np.dot(x.T, dout) and MatMulT(dout, W, false, true) is
// np.dot(dout, W.T). Shapes as for MatMul.
func MatMulT(a, b *tensor.Tensor, transA, transB bool) *tensor.Tensor {
	m, n, k, _ := matmulDims("ops.MatMulT", a, b, transA, transB)
	out := tensor.Zeros(matmulShape(a, b, m, n)...)
	matmul(out, a, b, transA, transB, m, n, k)
	return out
}

// MatMulInto stores op(a)·op(b) in dst, which must have the result's shape
// (see MatMulT), and returns dst. dst must not share memory with a or b.
// It allocates nothing.
func MatMulInto(dst, a, b *tensor.Tensor, transA, transB bool) *tensor.Tensor {
	m, n, k, rank := matmulDims("ops.MatMulInto", a, b, transA, transB)
	ok := dst.Dim() == rank
	switch {
	case !ok:
	case rank == 2:
		ok = dst.Size(0) == m && dst.Size(1) == n
	case rank == 1:
		ok = dst.Len() == m*n
	}
	if !ok {
		panic(fmt.Sprintf("ops.MatMulInto: destination shape %s, want %s for %s and %s",
			tensor.ShapeString(dst.Shape()), tensor.ShapeString(matmulShape(a, b, m, n)),
			tensor.ShapeString(a.Shape()), tensor.ShapeString(b.Shape())))
	}
	matmul(dst, a, b, transA, transB, m, n, k)
	return dst
}

func matmul(dst, a, b *tensor.Tensor, transA, transB bool, m, n, k int) {
	lda, ldb := k, n // a 1-D operand is stored as a 1×k row or a k×1 column
	if a.Dim() == 2 {
		lda = a.Size(1)
	} else {
		transA = false
	}
	if b.Dim() == 2 {
		ldb = b.Size(1)
	} else {
		transB = false
	}
	Gemm(transA, transB, m, n, k, 1, a.Data(), max(lda, 1), b.Data(), max(ldb, 1), 0, dst.Data(), max(n, 1))
}

// SparseRows holds the nonzeros of a mostly-zero 2-D tensor x, gathered
// once for the two products a network's first layer makes with it: x·W
// forward and xᵀ·dout backward (an MNIST batch is 81% zeros). The products
// are those MatMulInto computes on its sparse path (see Gemm), up to
// rounding; gathering once saves the second gathering. Its zero value is
// ready to use; it is not safe for concurrent use until Transpose. It
// keeps x's nonzeros as they were at Gather: call Gather again after x
// changes.
type SparseRows struct {
	s          gemm.Sparse
	rows, cols int
	ok         bool
}

// Gather gathers the nonzeros of x, of shape (N, D), and reports whether
// the products below can use them: false when x is not sparse enough or
// this CPU (or $DLFS_GEMM_KERNEL) runs no sparse kernel. It panics unless
// x is 2-D.
func (s *SparseRows) Gather(x *tensor.Tensor) bool {
	if x.Dim() != 2 {
		panic(fmt.Sprintf("ops.SparseRows.Gather: want a 2-D tensor, got shape %s", tensor.ShapeString(x.Shape())))
	}
	s.rows, s.cols = x.Size(0), x.Size(1)
	s.ok = s.s.Gather(s.rows, s.cols, x.Data(), s.cols)
	return s.ok
}

// Compact trims the memory that holds the gathered nonzeros to what they
// need, for a SparseRows kept for long (Gather reserves room for a denser
// x). The products are unchanged; the next Gather grows it again.
func (s *SparseRows) Compact() { s.s.Compact() }

// CompactCopy returns a copy of s that holds the gathered nonzeros in
// memory of their size, as Compact leaves it, and leaves s as it is: one
// SparseRows gathers batch after batch into the same memory, and the
// copies are kept.
func (s *SparseRows) CompactCopy() *SparseRows {
	return &SparseRows{s: *s.s.CompactCopy(), rows: s.rows, cols: s.cols, ok: s.ok}
}

// NonZeros returns the number of values of x gathered (its nonzeros), 0
// when the last Gather failed. They take 12 bytes each, twice over in a
// CompactCopy on a CPU with AVX-512 (Bytes).
func (s *SparseRows) NonZeros() int { return s.s.NonZeros() }

// Bytes returns the memory s holds: 12 bytes per nonzero and 8 per row of
// x, the nonzeros' room when s gathers batch after batch, and, in a
// CompactCopy where the CPU has AVX-512, the nonzeros once more in the
// order that makes MatMulInto faster on a copy kept for many products.
func (s *SparseRows) Bytes() int64 { return s.s.Bytes() }

// Rows returns the number of rows of the gathered x (its batch size).
func (s *SparseRows) Rows() int { return s.rows }

// Cols returns the number of columns of the gathered x (values per sample).
func (s *SparseRows) Cols() int { return s.cols }

// Transpose readies the gathered nonzeros for MatMulTInto, which
// otherwise does it at its first call. Afterwards, until the next Gather,
// MatMulInto and MatMulTInto only read s, and several goroutines may use
// it at once: networks trained side by side on one batch share its
// nonzeros (layers.Network.UseGathered).
func (s *SparseRows) Transpose() { s.s.Transpose() }

// MatMulInto sets dst = x·b for the gathered x, of shape (N, D), with b
// (D, M) and dst (N, M), and reports whether it did. When it did not (no
// gathered x, a small product, or b holding an infinity or NaN), dst is
// untouched and the caller computes the product with MatMulInto. It
// panics on mismatched shapes.
func (s *SparseRows) MatMulInto(dst, b *tensor.Tensor) bool {
	if b.Dim() != 2 || dst.Dim() != 2 || b.Size(0) != s.cols || dst.Size(0) != s.rows || dst.Size(1) != b.Size(1) {
		panic(fmt.Sprintf("ops.SparseRows.MatMulInto: x (%d,%d), b %s, dst %s", s.rows, s.cols,
			tensor.ShapeString(b.Shape()), tensor.ShapeString(dst.Shape())))
	}
	n := b.Size(1)
	return s.ok && s.s.Mul(n, b.Data(), n, dst.Data(), n)
}

// MatMulTInto sets dst = xᵀ·b for the gathered x, of shape (N, D), with b
// (N, M) and dst (D, M), and reports whether it did, as MatMulInto.
func (s *SparseRows) MatMulTInto(dst, b *tensor.Tensor) bool {
	if b.Dim() != 2 || dst.Dim() != 2 || b.Size(0) != s.rows || dst.Size(0) != s.cols || dst.Size(1) != b.Size(1) {
		panic(fmt.Sprintf("ops.SparseRows.MatMulTInto: x (%d,%d), b %s, dst %s", s.rows, s.cols,
			tensor.ShapeString(b.Shape()), tensor.ShapeString(dst.Shape())))
	}
	n := b.Size(1)
	return s.ok && s.s.MulT(n, b.Data(), n, dst.Data(), n)
}

// RowOffsetsOK reports whether GemmRowOffsets computes C = A·B for an m×k
// A (row stride lda) and a k×n B, with the bits Gemm gives on B written
// out: whether the selected kernel runs the shape, for this A, on a path
// with row-offset kernels. Check it once for an A multiplied by many Bs.
func RowOffsetsOK(m, n, k int, a []float64, lda int) bool {
	return gemm.RowOffsetsOK(m, n, k, a, lda)
}

// GemmRowOffsets computes C = A·B (C m×n with row stride ldc, A m×k with
// row stride lda) where row q of B is b[off[q] : off[q]+n]: a convolution's
// im2col matrix read from shifted copies of its image (ShiftedCopies)
// without being written. It returns false, computing nothing, when the
// shape has no such path; where RowOffsetsOK holds, C gets the bits of
// Gemm(false, false, m, n, k, 1, a, lda, B, n, 0, c, ldc) on B written out.
// It runs on the calling goroutine and panics on operands outside their
// slices.
func GemmRowOffsets(m, n, k int, a []float64, lda int, b []float64, off []int, c []float64, ldc int) bool {
	return gemm.GemmRowOffsets(m, n, k, a, lda, b, off, c, ldc)
}

// RowOffsetsATOK reports whether GemmRowOffsetsAT computes a product of
// this shape (m×k times (n×k)ᵀ) rather than declining it.
func RowOffsetsATOK(m, n, k int) bool { return gemm.RowOffsetsATOK(m, n, k) }

// GemmRowOffsetsAT computes C = A·Bᵀ + beta·C (C m×n with row stride ldc,
// B n×k with row stride ldb) where row i of A is a[aoff[i] : aoff[i]+k]:
// a convolution's transposed dW, Σ colT·doutᵀ, with colT's rows read from
// shifted copies of the image (ShiftedCopies). It returns false,
// computing nothing, where it has no path for the shape (RowOffsetsATOK);
// otherwise C gets the bits of Gemm(false, true, m, n, k, 1, A, k, b, ldb,
// beta, c, ldc) on A written out. It runs on the calling goroutine and
// panics on operands outside their slices.
func GemmRowOffsetsAT(m, n, k int, a []float64, aoff []int, b []float64, ldb int, beta float64, c []float64, ldc int) bool {
	return gemm.GemmRowOffsetsAT(m, n, k, a, aoff, b, ldb, beta, c, ldc)
}

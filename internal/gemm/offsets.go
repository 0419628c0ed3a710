package gemm

import "fmt"

// Products whose op(B) rows are placed anywhere. A stride-1 convolution's
// im2col matrix (transposed: one row per filter tap, one column per
// output position) repeats its image: the row of tap (c, dy, dx) is plane
// c shifted by (dy, dx). With fw copies of the image, copy dx shifted
// sideways by dx and padded with zero rows above and below, every such
// row is a run of one copy: row q = copy[off[q]:][:n]. GemmRowOffsets
// multiplies by that matrix without writing it: the unpacked path's
// kernels read each row at its offset (gen_kernels.go's stridedOff),
// with the instructions, blocking and partition Gemm uses for the same
// product, so C gets the same bits as Gemm on the written matrix.

// RowOffsetsOK reports whether GemmRowOffsets computes C = A·B for an m×k
// A (row stride lda) and a k×n B: whether Gemm runs such a product, for
// this A and any B, on an unpacked path that has row-offset kernels (the
// avx2 and avx512 kernels, when the shape takes their unpacked path and
// A is too dense for the sparse path). A caller checks it once for an A
// it multiplies by many Bs.
func RowOffsetsOK(m, n, k int, a []float64, lda int) bool {
	if m <= 0 || n <= 0 || k <= 0 || !rowOffsetsPath(m, n, k) {
		return false
	}
	// Gemm's sparse path would take a sparse A (when B is finite), and
	// sums in another order.
	if sparseWorth(false, m, n, k, 1, 0) && sparseKernels() != nil {
		w, slot := sparseSlots.get()
		sparse := w.gather(a, lda, m, k)
		sparseSlots.put(w, slot)
		if sparse {
			return false
		}
	}
	return true
}

// GemmRowOffsets computes C = A·B, C m×n (row stride ldc), A m×k (row
// stride lda), where row q of B is b[off[q] : off[q]+n], on the unpacked
// path; when RowOffsetsOK(m, n, k, a, lda) holds, those are the bits
// Gemm(false, false, m, n, k, 1, a, lda, B, n, 0, c, ldc) gives on that B
// written out. It returns false, computing nothing, when the shape's path
// has no row-offset kernels. It runs on the calling goroutine (a convolution calls it
// per image from each core). It panics when a row of B or the rest of an
// operand lies outside its slice.
func GemmRowOffsets(m, n, k int, a []float64, lda int, b []float64, off []int, c []float64, ldc int) bool {
	if m <= 0 || n <= 0 || k <= 0 || lda < k || ldc < n || len(off) < k ||
		len(a) < (m-1)*lda+k || len(c) < (m-1)*ldc+n {
		panic(fmt.Sprintf("gemm.GemmRowOffsets: %d×%d·%d×%d with lda %d, ldc %d, %d offsets, A of %d values, C of %d",
			m, k, k, n, lda, ldc, len(off), len(a), len(c)))
	}
	for q, o := range off[:k] {
		if o < 0 || o > len(b)-n {
			panic(fmt.Sprintf("gemm.GemmRowOffsets: row %d of B at %d, %d values wide, outside B's %d", q, o, n, len(b)))
		}
	}
	return rowOffsets(m, n, k, a, lda, b, off[:k], c, ldc)
}

// GemmRowOffsetsAT computes C = A·Bᵀ + beta·C, C m×n (row stride ldc), B
// n×k (row stride ldb), where row i of A is a[aoff[i] : aoff[i]+k]: a
// convolution's dW summed transposed, Σ colT·doutᵀ, with colT's rows read
// from shifted copies of the image. It gives the bits Gemm(false, true,
// m, n, k, 1, A, k, b, ldb, beta, c, ldc) gives on A written out, on the
// unpacked path Gemm takes for the shape, and returns false, computing
// nothing, where Gemm takes another path or m is not a multiple of 6 or n
// of the kernel's width (its in-place kernel at offsets computes only
// full panels). It runs on the calling goroutine and panics on operands
// outside their slices.
func GemmRowOffsetsAT(m, n, k int, a []float64, aoff []int, b []float64, ldb int, beta float64, c []float64, ldc int) bool {
	if m <= 0 || n <= 0 || k <= 0 || ldb < k || ldc < n || len(aoff) < m ||
		len(b) < (n-1)*ldb+k || len(c) < (m-1)*ldc+n {
		panic(fmt.Sprintf("gemm.GemmRowOffsetsAT: %d×%d·(%d×%d)ᵀ with ldb %d, ldc %d, %d offsets, B of %d values, C of %d",
			m, k, n, k, ldb, ldc, len(aoff), len(b), len(c)))
	}
	for i, o := range aoff[:m] {
		if o < 0 || o > len(a)-k {
			panic(fmt.Sprintf("gemm.GemmRowOffsetsAT: row %d of A at %d, %d values wide, outside A's %d", i, o, k, len(a)))
		}
	}
	return rowOffsetsAT(m, n, k, a, aoff[:m], b, ldb, beta, c, ldc)
}

// RowOffsetsATOK reports whether GemmRowOffsetsAT computes a product of
// this shape (m×k times (n×k)ᵀ) rather than declining it.
func RowOffsetsATOK(m, n, k int) bool {
	return m > 0 && n > 0 && k > 0 && rowOffsetsATPath(m, n, k)
}

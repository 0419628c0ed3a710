package gemm

// small computes tiny products with plain loops: for each element of C a
// dot product over k with strided access to both operands. It has no setup
// cost (no packing, no tile buffer, no workers), which is what matters
// below a few hundred multiply-adds; see the thresholds in dispatch.go.
func small(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	ars, acs := lda, 1 // op(A)[i][p] = a[i*ars+p*acs]
	if transA {
		ars, acs = 1, lda
	}
	brs, bcs := ldb, 1 // op(B)[p][j] = b[p*brs+j*bcs]
	if transB {
		brs, bcs = 1, ldb
	}
	for i := 0; i < m; i++ {
		crow := c[i*ldc : i*ldc+n]
		for j := range crow {
			var s float64
			ai, bj := i*ars, j*bcs
			for p := 0; p < k; p++ {
				s += a[ai] * b[bj]
				ai += acs
				bj += brs
			}
			if beta == 0 {
				crow[j] = alpha * s
			} else {
				crow[j] = alpha*s + beta*crow[j]
			}
		}
	}
}

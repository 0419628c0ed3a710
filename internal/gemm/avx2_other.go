//go:build !amd64 || purego

package gemm

func avx2Func() Func { return avx2 }

var avxConfig = goConfig

func avx2(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	panic("gemm: avx2 kernel not available")
}

func avx512Func() Func { return avx512 }

func avx512(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	panic("gemm: avx512 kernel not available")
}

//go:build !amd64 || purego

package gemm

func rowOffsets(m, n, k int, a []float64, lda int, b []float64, off []int, c []float64, ldc int) bool {
	return false
}

func rowOffsetsPath(m, n, k int) bool { return false }

const haveRowOffsets = false

func rowOffsetsAT(m, n, k int, a []float64, aoff []int, b []float64, ldb int, beta float64, c []float64, ldc int) bool {
	return false
}

func rowOffsetsATPath(m, n, k int) bool { return false }

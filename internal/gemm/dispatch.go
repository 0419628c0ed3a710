package gemm

import "github.com/dlfs-go/dlfs/internal/cpu"

// Dispatch thresholds of Gemm, measured on the development machine (Intel
// Xeon, Sapphire Rapids class, 2 cores, ~4 GHz under AVX2 load; one
// thread) with BenchmarkPaths in sup_test.go, in GFLOP/s:
//
//	m×k×n      small  blocked  packed(Go)  avx2 packed  avx2 unpacked
//	2×2×2       0.89     0.63        0.20         0.17           0.16
//	2×2×3       0.98     0.87        0.21         0.26           0.24
//	3×3×3       1.33     1.15        0.41         0.53           0.50
//	4×4×4       1.65     2.39        1.31         1.14           1.07
//	5×5×5       1.71     2.96        1.14         1.92           1.78
//	6×6×6       1.89     3.23        1.85         3.17           3.43
//	2×2×100     1.53     3.95        0.67         2.04           2.47
//	6×6×8       1.89     3.63        2.00         5.90           8.19
//	8×8×8       1.94     4.55        3.75         6.29           8.38
//	16×16×16    2.25     6.11        6.19        17.72          23.98
//	24×24×24    2.39     6.88        7.61        29.48          44.80
//	100×50×10      -     5.49           -        17.89          20.19
//	128×128×128 2.39     7.10        8.71        46.60          49.85
//	256×256×256 2.56     7.56       10.21        54.60          52.55
//	1024³          -     7.46        9.79        51.96          41.27
//
// So: up to 32 multiply-adds the plain loops of small win (no setup at
// all); up to 6×6×6 the blocked loops tie with or beat the AVX2 kernel,
// whose fixed cost per call (edge tiles through a tile buffer, edge
// packing) dominates; above that the AVX2 kernel wins, by 4-8× from 16³
// on. Without AVX2 the pure-Go packed kernel overtakes blocked at about
// 16³ = 4096 multiply-adds. The 100×50·50×10 layer (50 k multiply-adds)
// goes to the unpacked AVX2 path, which packs nothing but the partial
// last row and column panels; it runs at 20-25 GFLOP/s on one core.
//
// The avx512 kernel takes over from avx2 on the same thresholds: it is
// faster from 16³ on (BenchmarkPaths, sup512 and packed512: 32 vs 22
// GFLOP/s at 16³, 56 vs 42 at 100×784·784×50, 82 vs 52 at 256³).
//
// Work is split over workers only above minFlopsPerWorker per worker
// (parallel.go).
const (
	smallMaxMNK   = 32
	blockedMaxMNK = 6 * 6 * 6
	// blockedMaxMNKGo is blockedMaxMNK when the AVX2 kernel is unavailable.
	blockedMaxMNKGo = 16 * 16 * 16
)

// Gemm computes C = alpha·op(A)·op(B) + beta·C with the best available
// kernel for the shape. It assumes validated arguments; m, n or k == 0 and
// alpha == 0 are handled here (C = beta·C, or zeros when beta == 0, without
// reading A or B).
func Gemm(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	if m == 0 || n == 0 {
		return
	}
	if k == 0 || alpha == 0 {
		scaleC(m, n, beta, c, ldc)
		return
	}
	mnk := m * n * k
	switch {
	case mnk <= smallMaxMNK:
		small(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
	case cpu.AVX2FMA && mnk <= blockedMaxMNK, !cpu.AVX2FMA && mnk <= blockedMaxMNKGo:
		blocked(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
	case cpu.AVX512:
		avx512(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
	case cpu.AVX2FMA:
		avx2(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
	default:
		packed(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
	}
}

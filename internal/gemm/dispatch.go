package gemm

import (
	"fmt"
	"os"
	"strings"

	"github.com/dlfs-go/dlfs/internal/cpu"
)

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

// EnvKernel is the environment variable that chooses the kernel of every
// product of a program, for comparing kernels end to end without editing
// code: DLFS_GEMM_KERNEL=avx2 go run ./cmd/ch05/train_neuralnet runs the
// twin as a CPU without AVX-512 would. Its values:
//
//   - "" or "auto": the default, described at Gemm;
//   - "avx512", "avx2", "packed": Gemm dispatches as it does on a CPU whose
//     widest kernel is the one named (tiny products still take the plain
//     and blocked loops, as they do under auto);
//   - "blocked", "naive": every product runs that kernel.
//
// A value that names no kernel, or one this CPU cannot run, leaves the
// default in force; KernelEnvError reports it, and the programs under cmd
// stop with that error before any work.
const EnvKernel = "DLFS_GEMM_KERNEL"

// selection is what Gemm dispatches to, fixed at initialisation.
type selection struct {
	name         string // the kernel that runs the products beyond the tiny ones
	avx512, avx2 bool   // the widest kernels allowed
	only         Func   // when set, every product runs it
	envErr       error  // what is wrong with the environment variable
}

var sel = selectKernel(os.Getenv(EnvKernel), cpu.AVX2FMA, cpu.AVX512)

// selectKernel interprets a value of EnvKernel on a CPU with the given
// features.
func selectKernel(env string, hasAVX2, hasAVX512 bool) selection {
	auto := selection{name: "packed", avx2: hasAVX2, avx512: hasAVX512}
	switch {
	case hasAVX512:
		auto.name = "avx512"
	case hasAVX2:
		auto.name = "avx2"
	}
	v := strings.ToLower(strings.TrimSpace(env))
	if v == "" || v == "auto" {
		return auto
	}
	avail := map[string]bool{"naive": true, "blocked": true, "packed": true, "avx2": hasAVX2, "avx512": hasAVX512}
	ok, known := avail[v]
	if !known || !ok {
		names := []string{"auto"}
		for _, k := range registry {
			if avail[k.Name] {
				names = append(names, k.Name)
			}
		}
		why := "is not a kernel"
		if known {
			why = "cannot run on this CPU"
		}
		auto.envErr = fmt.Errorf("$%s=%q %s; choose one of %s (or unset it)", EnvKernel, env, why, strings.Join(names, ", "))
		return auto
	}
	s := selection{name: v}
	switch v {
	case "avx512":
		s.avx512, s.avx2 = true, true
	case "avx2":
		s.avx2 = true
	case "blocked":
		s.only = blocked
	case "naive":
		s.only = naive
	}
	return s
}

// KernelEnvError returns the error in $DLFS_GEMM_KERNEL (see EnvKernel), or
// nil when it is unset or valid.
func KernelEnvError() error { return sel.envErr }

// Selected returns the name of the kernel that runs Gemm's products beyond
// the tiny ones in this process: the widest kernel the CPU runs ("avx512",
// "avx2" or "packed"), or the one $DLFS_GEMM_KERNEL names.
func Selected() string { return sel.name }

// Gemm computes C = alpha·op(A)·op(B) + beta·C with the best available
// kernel for the shape (or the one $DLFS_GEMM_KERNEL chooses; see
// EnvKernel). It assumes validated arguments; m, n or k == 0 and alpha ==
// 0 are handled here (C = beta·C, or zeros when beta == 0, without reading
// A or B).
func Gemm(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	if m == 0 || n == 0 {
		return
	}
	if k == 0 || alpha == 0 {
		scaleC(m, n, beta, c, ldc)
		return
	}
	if sel.only != nil {
		sel.only(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	if sparseWorth(transB, m, n, k, alpha, beta) && trySparse(transA, m, n, k, a, lda, b, ldb, c, ldc) {
		return
	}
	mnk := m * n * k
	switch {
	case mnk <= smallMaxMNK:
		small(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
	case sel.avx2 && mnk <= blockedMaxMNK, !sel.avx2 && mnk <= blockedMaxMNKGo:
		blocked(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
	case sel.avx512:
		avx512(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
	case sel.avx2:
		avx2(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
	default:
		packed(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
	}
}

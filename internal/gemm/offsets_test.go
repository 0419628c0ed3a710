package gemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/internal/cpu"
)

// TestGemmRowOffsets checks GemmRowOffsets bit for bit against Gemm on
// the same B written out, under each kernel selection this CPU runs, on
// shapes with partial row and column panels, several kc blocks, rows of
// B that overlap, a NaN and an infinity in B; and that it declines (and
// RowOffsetsOK says so) where Gemm takes another path: a sparse A, the
// plain loops of the naive and blocked selections, tiny products.
func TestGemmRowOffsets(t *testing.T) {
	shapes := []struct{ m, n, k int }{
		{16, 784, 9}, {16, 784, 144}, {32, 196, 144}, {32, 256, 288}, {64, 64, 288}, {64, 64, 576},
		{30, 576, 25}, {7, 100, 300}, {1, 33, 513}, {5, 13, 17}, {6, 8, 3}, {2, 2, 2}, {64, 4, 600},
	}
	ran := 0
	eachSelection(t, func(env string) {
		rng := rand.New(rand.NewPCG(3, 4))
		for _, sh := range shapes {
			for _, special := range []string{"", "nan", "sparse"} {
				name := fmt.Sprintf("%s/%dx%dx%d/%s", env, sh.m, sh.n, sh.k, special)
				m, n, k := sh.m, sh.n, sh.k
				a := make([]float64, m*k)
				for i := range a {
					a[i] = rng.NormFloat64()
					if special == "sparse" && rng.IntN(10) > 0 {
						a[i] = 0
					}
				}
				b := make([]float64, 3*n+k)
				for i := range b {
					b[i] = rng.NormFloat64()
				}
				if special == "nan" {
					b[rng.IntN(len(b))] = math.NaN()
					b[rng.IntN(len(b))] = math.Inf(-1)
				}
				off := make([]int, k)
				bm := make([]float64, k*n)
				for q := range off {
					off[q] = rng.IntN(len(b) - n + 1)
					copy(bm[q*n:(q+1)*n], b[off[q]:])
				}
				want := make([]float64, m*n)
				Gemm(false, false, m, n, k, 1, a, k, bm, n, 0, want, n)
				got := make([]float64, m*n)
				for i := range got {
					got[i] = -7 // every element must be written
				}
				ok := RowOffsetsOK(m, n, k, a, k)
				offPath := haveRowOffsets && (env == "auto" && cpu.AVX2FMA || env == "avx2" || env == "avx512") && m*n*k > blockedMaxMNK
				if sparseA := special == "sparse" && m*n*k >= sparseMinMNK && n >= sparseMinN; ok != (offPath && !sparseA) {
					t.Errorf("%s: RowOffsetsOK = %v", name, ok)
				}
				if did := GemmRowOffsets(m, n, k, a, k, b, off, got, n); did != offPath {
					t.Errorf("%s: GemmRowOffsets computed %v", name, did)
				}
				if !ok {
					continue
				}
				ran++
				sameBitsC(t, name+" (against Gemm on B written out)", got, want, n)
			}
		}
	})
	checkRan(t, ran)
}

// TestGemmRowOffsetsAT checks GemmRowOffsetsAT bit for bit against Gemm
// on the same A written out, under each kernel selection this CPU runs:
// DeepConvNet's dW shapes, several kc blocks, beta 0 and 1 on a C
// holding values, rows of A that overlap, a NaN and an infinity in A;
// and that it declines where its kernel cannot compute every panel (m
// not a multiple of 6, n not of the kernel's width) or Gemm takes
// another path.
func TestGemmRowOffsetsAT(t *testing.T) {
	shapes := []struct{ m, n, k int }{
		{144, 16, 784}, {144, 32, 196}, {288, 32, 256}, {288, 64, 64}, {576, 64, 64}, {12, 16, 300}, {6, 8, 5},
		{9, 16, 784}, {144, 20, 100}, {2, 2, 2},
	}
	ran := 0
	eachSelection(t, func(env string) {
		rng := rand.New(rand.NewPCG(5, 6))
		for _, sh := range shapes {
			for _, beta := range []float64{0, 1} {
				m, n, k := sh.m, sh.n, sh.k
				name := fmt.Sprintf("%s/%dx%dx%d/beta%v", env, m, n, k, beta)
				a := make([]float64, 2*k+m)
				for i := range a {
					a[i] = rng.NormFloat64()
				}
				a[rng.IntN(len(a))] = math.NaN()
				a[rng.IntN(len(a))] = math.Inf(1)
				aoff := make([]int, m)
				am := make([]float64, m*k)
				for i := range aoff {
					aoff[i] = rng.IntN(len(a) - k + 1)
					copy(am[i*k:(i+1)*k], a[aoff[i]:])
				}
				ldb := k + 3
				b := make([]float64, n*ldb)
				for i := range b {
					b[i] = rng.NormFloat64()
				}
				want := make([]float64, m*n)
				for i := range want {
					want[i] = rng.NormFloat64()
				}
				got := append([]float64(nil), want...)
				Gemm(false, true, m, n, k, 1, am, k, b, ldb, beta, want, n)
				width := 8
				if env == "avx512" || env == "auto" && cpu.AVX512 {
					width = 16
				}
				offPath := haveRowOffsets && (env == "auto" && cpu.AVX2FMA || env == "avx2" || env == "avx512") &&
					m*n*k > blockedMaxMNK && m%6 == 0 && n%width == 0
				did := GemmRowOffsetsAT(m, n, k, a, aoff, b, ldb, beta, got, n)
				if did != offPath {
					t.Errorf("%s: GemmRowOffsetsAT computed %v", name, did)
				}
				if !did {
					continue
				}
				ran++
				sameBitsC(t, name+" (against Gemm on A written out)", got, want, n)
			}
		}
	})
	checkRan(t, ran)
}

// eachSelection runs f under each kernel selection this CPU runs, as
// $DLFS_GEMM_KERNEL would set it, restoring the selection after.
func eachSelection(t *testing.T, f func(env string)) {
	saved := sel
	defer func() { sel = saved }()
	for _, env := range []string{"auto", "naive", "blocked", "packed", "avx2", "avx512"} {
		s := selectKernel(env, cpu.AVX2FMA, cpu.AVX512)
		if s.envErr != nil {
			if !strings.Contains(s.envErr.Error(), "cannot run on this CPU") {
				t.Errorf("%s: %v", env, s.envErr)
			}
			continue
		}
		sel = s
		f(env)
	}
}

// sameBitsC reports the first element of the m×n C (row stride n) whose
// bits differ from want's.
func sameBitsC(t *testing.T, name string, got, want []float64, n int) {
	t.Helper()
	for i := range want {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
			t.Errorf("%s: C[%d][%d] = %v, want %v", name, i/n, i%n, got[i], want[i])
			return
		}
	}
}

// checkRan fails when a CPU with row-offset kernels ran no product with
// them.
func checkRan(t *testing.T, ran int) {
	t.Helper()
	if haveRowOffsets && cpu.AVX2FMA && ran == 0 {
		t.Error("no product ran with row offsets")
	}
	t.Logf("%d products with row offsets", ran)
}

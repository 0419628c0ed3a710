//go:build amd64 && !purego

package gemm

import (
	"github.com/dlfs-go/dlfs/internal/cpu"

	"fmt"
	"math/rand/v2"
	"testing"
)

func avx2Packed4x12(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	p := problem{transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, beta: beta, a: a, b: b, c: c, lda: lda, ldb: ldb, ldc: ldc}
	avxConfig4x12.plan().execute(&p)
}

// TestAVX2PathsAgainstNaive forces each path of the avx2 kernel (and the
// 4×12 alternative) on every test case.
func TestAVX2PathsAgainstNaive(t *testing.T) {
	if !cpu.AVX2FMA {
		t.Skip("no AVX2/FMA")
	}
	fs := []namedFunc{{"avx2sup", avx2Sup}, {"avx2packed", avx2Packed}, {"avx2packed4x12", avx2Packed4x12}}
	rng := rand.New(rand.NewPCG(9, 2))
	for _, tc := range testCases() {
		runCase(t, tc, rng, fs)
	}
}

func init() {
	c := avxConfig4x12
	extraBlockingDims = append(extraBlockingDims, supKC, supNC, supAVX2.edgeNR, c.mr, c.nr, c.mc, c.kc, c.nc)
}

// BenchmarkPaths compares the code paths Gemm chooses between, to set its
// thresholds: go test -run '^$' -bench Paths -cpu 1 ./internal/gemm (the
// avx512 paths are packed512 and sup512).
func BenchmarkPaths(b *testing.B) {
	shapes := [][3]int{ // m, k, n
		{2, 2, 2}, {2, 2, 3}, {3, 3, 3}, {4, 4, 4}, {5, 5, 5}, {6, 6, 6}, {6, 8, 8}, {6, 6, 8}, {8, 8, 8}, {12, 12, 12},
		{100, 2, 2}, {2, 100, 2}, {2, 2, 100}, {100, 2, 10}, {16, 16, 16}, {24, 24, 24}, {32, 32, 32}, {48, 48, 48}, {64, 64, 64}, {96, 96, 96}, {128, 128, 128}, {256, 256, 256}, {512, 512, 512}, {1024, 1024, 1024}, {2000, 200, 200}, {200, 2000, 200}, {200, 200, 2000}, {256, 64, 1024},
		{100, 50, 10}, {100, 784, 50}, {1000, 784, 50}, {100, 50, 784}, {784, 100, 50}, {57600, 25, 30}, {576, 25, 30}, {5760, 25, 30}, {25, 57600, 30}, {25, 2000, 30}, {25, 8000, 30}, {1000, 10, 10}, {10, 1000, 10}, {10, 10, 1000},
		{32, 288, 256}, {64, 288, 256}, {32, 288, 1024}, {64, 576, 1024}, // short op(A)
		{200, 100, 100}, {100, 100, 100}, {100, 784, 50}, // edges of 4 and 2 columns
		{100, 4320, 100}, {4320, 100, 100}, // SimpleConvNet's hidden Affine layer: x·W and xᵀ·dout
	}
	paths := []namedFunc{{"small", small}, {"blocked", blocked}, {"gopacked", packed}, {"packed", avx2Packed}, {"sup", avx2Sup}}
	if cpu.AVX512 {
		paths = append(paths, namedFunc{"packed512", avx512Packed}, namedFunc{"sup512", avx512Sup}, namedFunc{"sup512pb", avx512SupPB})
	}
	for _, s := range shapes {
		for tr := 0; tr < 2; tr++ {
			tA := tr == 1
			if tA && s[0] != 25 && s[0] != 784 && s[0] != 4320 {
				continue
			}
			for _, pth := range paths {
				if s[0]*s[1]*s[2] > 1<<24 && (pth.name == "small" || pth.name == "blocked") {
					continue // seconds per operation
				}
				b.Run(fmt.Sprintf("%dx%dx%d/tA=%v/%s", s[0], s[1], s[2], tA, pth.name), func(b *testing.B) {
					m, k, n := s[0], s[1], s[2]
					x := make([]float64, m*k)
					y := make([]float64, k*n)
					z := make([]float64, m*n)
					for i := range x {
						x[i] = float64(i%13) * 0.1
					}
					for i := range y {
						y[i] = float64(i%7) * 0.1
					}
					lda := k
					if tA {
						lda = m
					}
					for b.Loop() {
						pth.f(tA, false, m, n, k, 1, x, lda, y, n, 0, z, n)
					}
					b.ReportMetric(2*float64(m*n*k)*float64(b.N)/float64(b.Elapsed().Nanoseconds()), "GFLOP/s")
				})
			}
		}
	}
}

func init() {
	if cpu.AVX2FMA {
		archParallelFuncs = append(archParallelFuncs, namedFunc{"avx2", avx2}, namedFunc{"avx2sup", avx2Sup}, namedFunc{"avx2packed", avx2Packed})
	}
}

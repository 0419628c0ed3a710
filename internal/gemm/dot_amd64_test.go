//go:build !purego

package gemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/dlfs-go/dlfs/internal/cpu"
)

// dotGo is what the dot kernels compute, in Go: the tile
// out[i·nr+j] = Σ_p a[i·lda+p]·b[j·ldb+p], each sum in eight lanes (lane l
// adds the p ≡ l mod 8 with fused multiply-adds, then 0·0 for the lanes
// of the last vector past k) added as ((l0+l4) + (l2+l6)) + ((l1+l5) +
// (l3+l7)).
func dotGo(mr, nr, k int, a []float64, lda int, b []float64, ldb int, out []float64) {
	for i := range mr {
		for j := range nr {
			var lane [8]float64
			for q := range k {
				lane[q%8] = math.FMA(a[i*lda+q], b[j*ldb+q], lane[q%8])
			}
			for q := k; q%8 != 0; q++ {
				lane[q%8] = math.FMA(0, 0, lane[q%8])
			}
			out[i*nr+j] = ((lane[0] + lane[4]) + (lane[2] + lane[6])) + ((lane[1] + lane[5]) + (lane[3] + lane[7]))
		}
	}
}

// TestDotKernels checks every tile kernel of both register files against
// dotGo bit for bit, for k from 0 to 40 and a few long ones, with NaN
// guard values around the rows (a kernel that reads past k or past its
// tile turns the result into NaN) and special values inside.
func TestDotKernels(t *testing.T) {
	sets := map[string]*dotKernels{}
	if cpu.AVX2FMA {
		sets["avx2"] = dotY
	}
	if cpu.AVX512 {
		sets["avx512"] = dotZ
	}
	if len(sets) == 0 {
		t.Skip("no dot kernels on this CPU")
	}
	r := rand.New(rand.NewPCG(21, 22))
	ks := []int{}
	for k := range 41 {
		ks = append(ks, k)
	}
	ks = append(ks, 63, 64, 65, 255, 576, 784)
	for name, set := range sets {
		for mr := 1; mr <= set.mr; mr++ {
			for nr := 1; nr <= set.nr; nr++ {
				for _, k := range ks {
					lda, ldb := k+3, k+5
					a := guarded(r, mr, k, lda)
					b := guarded(r, nr, k, ldb)
					if k > 3 && r.IntN(4) == 0 {
						a[r.IntN(k)] = []float64{math.Inf(1), math.Copysign(0, -1), 1e-310}[r.IntN(3)]
					}
					want := make([]float64, mr*nr)
					dotGo(mr, nr, k, a[8:], lda, b[8:], ldb, want)
					got := make([]float64, 25)
					for q := range got {
						got[q] = math.NaN()
					}
					set.tiles[mr][nr](k/8, &a[8], lda, &b[8], ldb, set.mask(k%8), &got[0])
					for q := range want {
						if math.Float64bits(got[q]) != math.Float64bits(want[q]) && !(math.IsNaN(got[q]) && math.IsNaN(want[q])) {
							t.Fatalf("%s %dx%d k=%d: out[%d] = %v, want %v", name, mr, nr, k, q, got[q], want[q])
						}
					}
					for q := mr * nr; q < len(got); q++ {
						if !math.IsNaN(got[q]) {
							t.Fatalf("%s %dx%d k=%d: wrote out[%d], past its tile", name, mr, nr, k, q)
						}
					}
				}
			}
		}
	}
}

// guarded returns rows×k random values with leading dimension ld, after
// eight NaNs and with NaN in the gaps and after the last row (the values
// start at index 8).
func guarded(r *rand.Rand, rows, k, ld int) []float64 {
	s := make([]float64, 8+rows*ld+8)
	for i := range s {
		s[i] = math.NaN()
	}
	for i := range rows {
		for q := range k {
			s[8+i*ld+q] = r.NormFloat64()
		}
	}
	return s
}

// BenchmarkDot compares the dot path with the path the kernel takes
// otherwise on products C = A·Bᵀ with a long k: the per-image dW of the
// book's convolutions (dout·colTᵀ) and a few others around the bounds of
// dotWorth.
//
//	go test -run '^$' -bench Dot -cpu 1 ./internal/gemm
func BenchmarkDot(b *testing.B) {
	type kernel struct {
		name       string
		other, dot func(*problem) plan
	}
	var kernels []kernel
	if cpu.AVX512 {
		kernels = append(kernels, kernel{"avx512", avx512PlanNoDot, func(*problem) plan { return dotZPlan }})
	}
	if cpu.AVX2FMA {
		kernels = append(kernels, kernel{"avx2", avxPlanNoDot, func(*problem) plan { return dotYPlan }})
	}
	if len(kernels) == 0 {
		b.Skip("no dot kernels on this CPU")
	}
	r := rand.New(rand.NewPCG(23, 24))
	for _, s := range []struct{ m, n, k int }{
		{30, 25, 576},  // SimpleConvNet: 30 filters, 5×5, 24×24 outputs
		{16, 9, 784},   // DeepConvNet conv1: 16 filters, 1×3×3, 28×28
		{16, 144, 784}, // conv2: 16 filters, 16×3×3, 28×28
		{32, 144, 196}, // conv3, 14×14
		{64, 288, 49},  // conv5, 7×7
		{30, 25, 128}, {30, 25, 196}, {30, 32, 576}, {30, 40, 576}, {100, 16, 576}, {200, 25, 576}, {30, 25, 4320},
	} {
		a := denseMatrix(r, s.m*s.k)
		bm := denseMatrix(r, s.n*s.k)
		c := make([]float64, s.m*s.n)
		p := problem{transB: true, m: s.m, n: s.n, k: s.k, alpha: 1, beta: 1, a: a, b: bm, c: c, lda: s.k, ldb: s.k, ldc: s.n}
		for _, kern := range kernels {
			for _, path := range []struct {
				name string
				pn   func(*problem) plan
			}{{kern.name, kern.other}, {"dot-" + kern.name, kern.dot}} {
				b.Run(fmt.Sprintf("%dx%d·(%dx%d)T/%s", s.m, s.k, s.n, s.k, path.name), func(b *testing.B) {
					for b.Loop() {
						path.pn(&p).execute(&p)
					}
					b.ReportMetric(2*float64(s.m*s.n*s.k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
				})
			}
		}
	}
}

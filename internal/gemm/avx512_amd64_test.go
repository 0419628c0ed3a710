//go:build amd64 && !purego

package gemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/dlfs-go/dlfs/internal/cpu"
)

// TestAVX512PathsAgainstNaive forces each path of the avx512 kernel on
// every test case.
func TestAVX512PathsAgainstNaive(t *testing.T) {
	if !cpu.AVX512 {
		t.Skip("no AVX-512")
	}
	fs := []namedFunc{{"avx512sup", avx512Sup}, {"avx512packed", avx512Packed}, {"avx512suppb", avx512SupPB}}
	rng := rand.New(rand.NewPCG(9, 3))
	for _, tc := range testCases() {
		runCase(t, tc, rng, fs)
	}
}

// TestAVX512MatchesAVX2 checks the avx512 kernel's promise: on each path
// it gives bit for bit the result of the avx2 kernel, whose operations its
// lanes repeat.
func TestAVX512MatchesAVX2(t *testing.T) {
	if !cpu.AVX512 {
		t.Skip("no AVX-512")
	}
	pairs := []struct {
		name         string
		avx2, avx512 Func
	}{{"sup", avx2Sup, avx512Sup}, {"sup packing op(B)", avx2Sup, avx512SupPB}, {"packed", avx2Packed, avx512Packed}, {"auto", avx2, avx512}}
	rng := rand.New(rand.NewPCG(9, 4))
	for _, tc := range testCases() {
		if tc.m == 0 || tc.n == 0 || tc.k == 0 {
			continue
		}
		a, b, c := tc.operands(rng)
		for _, p := range pairs {
			want, got := c.clone(), c.clone()
			tc.call(p.avx2, a, b, want)
			tc.call(p.avx512, a, b, got)
			for i, w := range want.buf {
				if g := got.buf[i]; math.Float64bits(g) != math.Float64bits(w) && !(math.IsNaN(g) && math.IsNaN(w)) {
					t.Errorf("%s %v: element %d of C's buffer is %v with avx512, %v with avx2", p.name, tc, i, g, w)
					break
				}
			}
		}
	}
}

func init() {
	extraBlockingDims = append(extraBlockingDims, avx512Config.nr, supAVX512.nr, supAVX512.edgeNR, supPackBMinM)
	if cpu.AVX512 {
		archParallelFuncs = append(archParallelFuncs, namedFunc{"avx512", avx512}, namedFunc{"avx512sup", avx512Sup}, namedFunc{"avx512suppb", avx512SupPB}, namedFunc{"avx512packed", avx512Packed})
	}
}

// BenchmarkColumnEdge times the column edge of a product with a transposed
// op(A) alone: the last nc columns of DeepConvNet's dcolT shape
// (144×32)ᵀ·32×196 (nc = 4) and of others, kernels and store together.
func BenchmarkColumnEdge(b *testing.B) {
	if !cpu.AVX512 {
		b.Skip("no AVX-512")
	}
	const m, k, n = 144, 32, 200
	a := make([]float64, k*m)
	bb := make([]float64, k*n)
	for i := range a {
		a[i] = float64(i%7) * 0.1
	}
	for i := range bb {
		bb[i] = float64(i%5) * 0.1
	}
	c := make([]float64, m*n)
	ws := new(workspace)
	for _, nc := range []int{1, 2, 4, 8} {
		p := &problem{transA: true, m: m, n: n, k: k, alpha: 1, a: a, b: bb, c: c, lda: m, ldb: n, ldc: n}
		b.Run(fmt.Sprintf("nc=%d", nc), func(b *testing.B) {
			for b.Loop() {
				columnEdge(ws, p, 0, m, n-nc, nc, 0, k, 0)
			}
			b.ReportMetric(float64(2*m*nc*k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

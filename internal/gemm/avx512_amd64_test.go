//go:build amd64 && !purego

package gemm

import (
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

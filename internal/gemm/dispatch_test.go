package gemm

import (
	"math/rand/v2"
	"testing"
)

func TestSelectKernel(t *testing.T) {
	for _, tc := range []struct {
		env               string
		avx2, avx512      bool
		name              string
		wantAVX2, want512 bool
		only              bool
		err               string
	}{
		{env: "", avx2: true, avx512: true, name: "avx512", wantAVX2: true, want512: true},
		{env: "auto", avx2: true, name: "avx2", wantAVX2: true},
		{env: " AUTO ", name: "packed"},
		{env: "avx2", avx2: true, avx512: true, name: "avx2", wantAVX2: true},
		{env: "AVX512", avx2: true, avx512: true, name: "avx512", wantAVX2: true, want512: true},
		{env: "packed", avx2: true, avx512: true, name: "packed"},
		{env: "blocked", avx2: true, name: "blocked", only: true},
		{env: "naive", name: "naive", only: true},
		{env: "avx512", avx2: true, name: "avx2", wantAVX2: true,
			err: `$DLFS_GEMM_KERNEL="avx512" cannot run on this CPU; choose one of auto, naive, blocked, packed, avx2 (or unset it)`},
		{env: "avx2", name: "packed",
			err: `$DLFS_GEMM_KERNEL="avx2" cannot run on this CPU; choose one of auto, naive, blocked, packed (or unset it)`},
		{env: "fast", avx2: true, avx512: true, name: "avx512", wantAVX2: true, want512: true,
			err: `$DLFS_GEMM_KERNEL="fast" is not a kernel; choose one of auto, naive, blocked, packed, avx2, avx512 (or unset it)`},
	} {
		s := selectKernel(tc.env, tc.avx2, tc.avx512)
		if s.name != tc.name || s.avx2 != tc.wantAVX2 || s.avx512 != tc.want512 || (s.only != nil) != tc.only {
			t.Errorf("selectKernel(%q, avx2=%v, avx512=%v) = {%s avx2=%v avx512=%v only=%v}, want {%s avx2=%v avx512=%v only=%v}",
				tc.env, tc.avx2, tc.avx512, s.name, s.avx2, s.avx512, s.only != nil, tc.name, tc.wantAVX2, tc.want512, tc.only)
		}
		gotErr := ""
		if s.envErr != nil {
			gotErr = s.envErr.Error()
		}
		if gotErr != tc.err {
			t.Errorf("selectKernel(%q, avx2=%v, avx512=%v): error %q, want %q", tc.env, tc.avx2, tc.avx512, gotErr, tc.err)
		}
	}
}

// TestGemmUnderEachSelection runs Gemm's dispatch restricted to each kernel
// this CPU runs, as $DLFS_GEMM_KERNEL would, against the naive reference.
func TestGemmUnderEachSelection(t *testing.T) {
	shapes := []gemmCase{
		{m: 2, n: 2, k: 2, alpha: 1, beta: 0},
		{m: 5, n: 7, k: 3, alpha: 1, beta: 1},
		{m: 17, n: 13, k: 29, alpha: 0.5, beta: 2, transA: true},
		{m: 100, n: 50, k: 784, alpha: 1, beta: 0, transB: true},
	}
	eachSelection(t, func(env string) {
		rng := rand.New(rand.NewPCG(1, 2))
		for _, tc := range shapes {
			tc.setLD(0)
			runCase(t, tc, rng, []namedFunc{{"Gemm(" + env + ")", Gemm}})
		}
	})
}

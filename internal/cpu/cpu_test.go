package cpu

import "testing"

// TestDetection runs the detection again; it must agree with the values
// computed at start-up (a smoke test that the stubs run on this machine).
func TestDetection(t *testing.T) {
	t.Logf("AVX2FMA = %v, AVX512 = %v", AVX2FMA, AVX512)
	avx2, avx512 := detect()
	if avx2 != AVX2FMA || avx512 != AVX512 {
		t.Errorf("detection gives AVX2FMA %v, AVX512 %v now; %v, %v at start-up", avx2, avx512, AVX2FMA, AVX512)
	}
	if AVX512 && !AVX2FMA {
		t.Error("AVX512 without AVX2FMA")
	}
}

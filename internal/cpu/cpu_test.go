package cpu

import "testing"

// TestDetection runs the detection again; it must agree with the value
// computed at start-up (a smoke test that the stubs run on this machine).
func TestDetection(t *testing.T) {
	t.Logf("AVX2FMA = %v", AVX2FMA)
	if again := detect(); again != AVX2FMA {
		t.Errorf("detection gives %v now, %v at start-up", again, AVX2FMA)
	}
}

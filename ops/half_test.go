package ops_test

import (
	"math"
	"testing"

	"github.com/dlfs-go/dlfs/data/npy"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/tensor"
)

// TestFloat16NumPy checks Float16 against NumPy's astype(np.float16) on
// testdata/half.npz (gen_half.py): boundary and halfway cases, normal and
// subnormal, specials and random values, bit for bit (NaN as NaN).
func TestFloat16NumPy(t *testing.T) {
	a, err := npy.ReadNPZFile("testdata/half.npz")
	if err != nil {
		t.Fatal(err)
	}
	x, want := a["x"], a["y"]
	if x == nil || want == nil || x.Len() != want.Len() || x.Len() < 100 {
		t.Fatalf("testdata/half.npz: want arrays x and y of the same length")
	}
	check := func(what string, got []float64) {
		t.Helper()
		for i, w := range want.Data() {
			g := got[i]
			if math.IsNaN(w) && math.IsNaN(g) {
				continue
			}
			if math.Float64bits(g) != math.Float64bits(w) {
				t.Errorf("%s(%v = %x) = %v, NumPy %v", what, x.Data()[i], math.Float64bits(x.Data()[i]), g, w)
			}
		}
	}
	got := make([]float64, x.Len())
	for i, v := range x.Data() {
		got[i] = ops.Float16(v)
	}
	check("Float16", got)
	check("Float16Into", ops.Float16Into(tensor.ZerosLike(x), x).Data())
}

func TestFloat16Cases(t *testing.T) {
	for _, tc := range []struct{ in, want float64 }{
		{65504, 65504},
		{65519.9, 65504},
		{65520, math.Inf(1)},
		{-65520, math.Inf(-1)},
		{1 + 1.0/2048, 1},            // halfway: to the even neighbour 1
		{1 + 3.0/2048, 1 + 2.0/1024}, // halfway: to the even neighbour 1+2^-9
		{math.Ldexp(1, -25), 0},      // half the smallest subnormal: to 0
		{math.Ldexp(3, -26), math.Ldexp(1, -24)},
		{math.Ldexp(1, -24), math.Ldexp(1, -24)},
		{0.1, 0.0999755859375},
	} {
		if got := ops.Float16(tc.in); got != tc.want {
			t.Errorf("Float16(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
	if got := ops.Float16(math.Copysign(0, -1)); got != 0 || !math.Signbit(got) {
		t.Errorf("Float16(-0) = %v, want -0", got)
	}
}

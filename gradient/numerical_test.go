package gradient

import (
	"math"
	"testing"

	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestDiff(t *testing.T) {
	// the book's ch04 function 0.01x² + 0.1x: f'(5) = 0.2, f'(10) = 0.3;
	// NumPy/Python print 0.1999999999990898 and 0.2999999999986347
	f := func(x float64) float64 { return 0.01*(x*x) + 0.1*x } // 0.01*x**2 + 0.1*x
	for _, tc := range []struct{ x, want float64 }{{5, 0.1999999999990898}, {10, 0.2999999999986347}} {
		if got := Diff(f, tc.x); got != tc.want {
			t.Errorf("Diff at %v = %v, want %v", tc.x, got, tc.want)
		}
	}
}

func TestNumerical(t *testing.T) {
	// f(x) = x0² + x1²: the book's function_2; gradient (2x0, 2x1)
	f := func(x *tensor.Tensor) float64 {
		d := x.Data()
		return d[0]*d[0] + d[1]*d[1]
	}
	tests := []struct {
		x    []float64
		want []float64 // Python: numerical_gradient(function_2, np.array(x))
	}{
		{[]float64{3, 4}, []float64{6.00000000000378, 7.999999999999119}},
		{[]float64{0, 2}, []float64{0, 4.000000000004}},
		{[]float64{3, 0}, []float64{6.000000000012662, 0}},
	}
	for _, tc := range tests {
		x := tensor.Vector(tc.x...)
		got := Numerical(f, x)
		if diff := cmp.Diff(tc.want, got.Data()); diff != "" {
			t.Errorf("at %v (-want +got):\n%s", tc.x, diff)
		}
		if !cmp.Equal(x.Data(), tc.x) {
			t.Errorf("x not restored: %v", x.Data())
		}
	}
	// any shape: f = Σ sin(x) has gradient cos(x)
	x := tensor.New([]float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, 2, 1, 3)
	got := Numerical(func(x *tensor.Tensor) float64 {
		s := 0.0
		for _, v := range x.Data() {
			s += math.Sin(v)
		}
		return s
	}, x)
	want := make([]float64, 6)
	for i, v := range x.Data() {
		want[i] = math.Cos(v)
	}
	if diff := cmp.Diff(want, got.Data(), cmpopts.EquateApprox(1e-7, 1e-9)); diff != "" {
		t.Errorf("sin (-want +got):\n%s", diff)
	}
	if !cmp.Equal(got.Shape(), []int{2, 1, 3}) {
		t.Errorf("shape %v", got.Shape())
	}
}

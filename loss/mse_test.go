package loss

import (
	"math"
	"testing"

	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestMSEValues(t *testing.T) {
	y := tensor.FromRows([][]float64{{1, 2}, {3, 5}})
	tt := tensor.FromRows([][]float64{{0, 2}, {3, 3}})
	m := NewMSE()
	// 0.5 * (1 + 0 + 0 + 4) / 2
	if got := m.Forward(y, tt); got != 1.25 {
		t.Errorf("loss = %v, want 1.25", got)
	}
	if diff := cmp.Diff([]float64{0.5, 0, 0, 1}, m.Backward().Data()); diff != "" {
		t.Errorf("gradient (-want +got):\n%s", diff)
	}
	if !cmp.Equal(y.Data(), []float64{1, 2, 3, 5}) || !cmp.Equal(tt.Data(), []float64{0, 2, 3, 3}) {
		t.Errorf("inputs modified")
	}
}

// TestMSEGradient compares the gradient with central differences (h = 1e-5).
func TestMSEGradient(t *testing.T) {
	const h = 1e-5
	g := random.New(7)
	for _, shape := range [][]int{{5, 2}, {1, 3}, {3, 2, 2}} {
		y, tt := g.Randn(shape...), g.Randn(shape...)
		m := NewMSE()
		m.Forward(y, tt)
		grad := m.Backward().Clone().Data()
		num := make([]float64, y.Len())
		x := y.Data()
		for i := range x {
			old := x[i]
			x[i] = old + h
			fp := m.Forward(y, tt)
			x[i] = old - h
			fm := m.Forward(y, tt)
			x[i] = old
			num[i] = (fp - fm) / (2 * h)
		}
		var d, na, nb float64
		for i := range num {
			d += (grad[i] - num[i]) * (grad[i] - num[i])
			na += grad[i] * grad[i]
			nb += num[i] * num[i]
		}
		if e := math.Sqrt(d) / (math.Sqrt(na) + math.Sqrt(nb)); e > 1e-7 {
			t.Errorf("MSE %v: relative error %.3g", shape, e)
		}
		if diff := cmp.Diff(num, grad, cmpopts.EquateApprox(1e-6, 1e-9)); diff != "" {
			t.Errorf("MSE %v (-numerical +analytic):\n%s", shape, diff)
		}
	}
}

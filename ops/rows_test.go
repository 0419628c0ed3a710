package ops

import (
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
)

func TestRows(t *testing.T) {
	x := tensor.FromRows([][]float64{{0, 1, 2}, {10, 11, 12}, {20, 21, 22}, {30, 31, 32}})
	cube := tensor.New([]float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 3, 2, 2)
	for _, tc := range []struct {
		name      string
		x         *tensor.Tensor
		idx       []int
		wantShape []int
		want      []float64 // NumPy's x[idx].ravel()
	}{
		{"matrix", x, []int{2, 0}, []int{2, 3}, []float64{20, 21, 22, 0, 1, 2}},
		{"repeated", x, []int{3, 3, 1}, []int{3, 3}, []float64{30, 31, 32, 30, 31, 32, 10, 11, 12}},
		{"none", x, []int{}, []int{0, 3}, []float64{}},
		{"vector", tensor.Vector(5, 6, 7), []int{2, 2, 0}, []int{3}, []float64{7, 7, 5}},
		{"rank 3", cube, []int{1, 2}, []int{2, 2, 2}, []float64{4, 5, 6, 7, 8, 9, 10, 11}},
	} {
		got := Rows(tc.x, tc.idx)
		if diff := cmp.Diff(tc.wantShape, got.Shape()); diff != "" {
			t.Errorf("%s: shape (-want +got):\n%s", tc.name, diff)
		}
		if diff := cmp.Diff(tc.want, got.Data()); diff != "" {
			t.Errorf("%s: values (-want +got):\n%s", tc.name, diff)
		}
	}
}

func TestRowsIntoAllocatesNothing(t *testing.T) {
	x := tensor.Zeros(100, 784)
	dst := tensor.Zeros(10, 784)
	idx := []int{5, 1, 99, 0, 3, 3, 7, 8, 9, 10}
	if a := testing.AllocsPerRun(10, func() { RowsInto(dst, x, idx) }); a != 0 {
		t.Errorf("RowsInto allocates %v times", a)
	}
}

func TestRowsPanics(t *testing.T) {
	x := tensor.Zeros(4, 3)
	for _, tc := range []struct {
		f    func()
		want string
	}{
		{func() { Rows(x, []int{1, 4}) }, "ops.RowsInto: index 4 (position 1) is out of range for x (4,3)"},
		{func() { Rows(x, []int{-1}) }, "ops.RowsInto: index -1 (position 0) is out of range for x (4,3)"},
		{func() { Rows(tensor.Scalar(1), []int{0}) }, "ops.Rows: x is a scalar"},
		{func() { RowsInto(tensor.Zeros(2, 4), x, []int{0, 1}) }, "ops.RowsInto: dst (2,4) cannot hold 2 rows of x (4,3)"},
		{func() { RowsInto(tensor.Zeros(3, 3), x, []int{0, 1}) }, "ops.RowsInto: dst (3,3) cannot hold 2 rows of x (4,3)"},
	} {
		if msg := mustPanic(t, tc.f); !strings.HasPrefix(msg, tc.want) {
			t.Errorf("panic %q, want prefix %q", msg, tc.want)
		}
	}
}

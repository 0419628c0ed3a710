package ops

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// sumInput returns the values the pairwise-sum expectations were computed
// from in NumPy: ((i*7919) % 10007) / 10007 * (-1)**i + 1e-3.
func sumInput(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		s := 1.0
		if i%2 == 1 {
			s = -1
		}
		x[i] = float64((i*7919)%10007)/10007.0*s + 1e-3
	}
	return x
}

func hex(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSumSquaresMatchesNumPy: np.sum(x**2) of sumInput's values, NumPy
// 1.24, bit for bit (each square rounded before np.sum adds it).
func TestSumSquaresMatchesNumPy(t *testing.T) {
	tests := []struct {
		n    int
		want string // float.hex() of np.sum(x**2)
	}{
		{5, "0x1.21d6e9d2b08abp+0"},
		{8, "0x1.72c471cc71ffbp+1"},
		{100, "0x1.0c1f8309a8516p+5"},
		{128, "0x1.562d69597ca08p+5"},
		{129, "0x1.56dd95c013640p+5"},
		{1000, "0x1.4dc3a53cae234p+8"},
		{8192, "0x1.555f5abce7e58p+11"},
		{10000, "0x1.a0b3512d18b2cp+11"},
		{20000, "0x1.a09d87cb64decp+12"},
	}
	for _, tc := range tests {
		if got, want := SumSquares(tensor.New(sumInput(tc.n))), hex(t, tc.want); got != want {
			t.Errorf("SumSquares(n=%d) = %x, want %s", tc.n, got, tc.want)
		}
	}
}

// TestSumAllMatchesNumPy checks np.sum's pairwise order bit for bit,
// including the 8192-element blocks past which NumPy adds block sums in
// order.
func TestSumAllMatchesNumPy(t *testing.T) {
	tests := []struct {
		n    int
		want string // float.hex() of np.sum
	}{
		{5, "-0x1.a63409bee9bb9p-2"},
		{8, "-0x1.284a553d372a8p+0"},
		{100, "0x1.885ed682ce6d8p+0"},
		{128, "0x1.7b5aac2c8d594p+0"},
		{129, "0x1.c67014568515ep+0"},
		{1000, "0x1.4ed1847041140p-2"},
		{8192, "0x1.9ad561646ac62p+3"},
		{10000, "0x1.e8a1796314568p+3"},
		{20000, "0x1.38a179631456ap+4"},
	}
	for _, tc := range tests {
		got := SumAll(tensor.New(sumInput(tc.n)))
		if want := hex(t, tc.want); got != want {
			t.Errorf("SumAll(n=%d) = %x, want %s", tc.n, got, tc.want)
		}
	}
	// np.arange(...).sum(): every value of tensor.Arange must be NumPy's
	for _, r := range []struct {
		start, stop, step float64
		want              string
	}{
		{0, 20, 0.1, "0x1.f180000000000p+10"},
		{-5, 5, 0.1, "-0x1.40000000007b4p+2"},
		{-2, 2.5, 0.25, "0x1.2000000000000p+1"},
		{1, 0, -0.3, "0x1.1999999999998p+1"},
	} {
		if got, want := SumAll(tensor.Arange(r.start, r.stop, r.step)), hex(t, r.want); got != want {
			t.Errorf("sum of Arange(%v, %v, %v) = %x, want %s", r.start, r.stop, r.step, got, r.want)
		}
	}
	// np.sum(x.reshape(2, 300), axis=1): pairwise along the last axis
	got := Sum(tensor.New(sumInput(600), 2, 300), 1, false).Data()
	want := []float64{hex(t, "-0x1.9b8df1de52db8p-2"), hex(t, "0x1.32390710d691ap-1")}
	if !cmp.Equal(got, want) {
		t.Errorf("Sum(axis=1) = %x, want %x", got, want)
	}
}

func TestReductionsAlongAxes(t *testing.T) {
	// a = np.arange(24.).reshape(2,3,4)*1.5 - 7 with a[1,2,1] = a[0,1,3] = 20;
	// expected values are NumPy's.
	a := arange(-7, 1.5, 2, 3, 4)
	a.Set(20, 1, 2, 1)
	a.Set(20, 0, 1, 3)
	tests := []struct {
		axis                 int
		shape                []int
		sum, mean, max, amax []float64
	}{
		{0, []int{3, 4},
			[]float64{4.0, 7.0, 10.0, 13.0, 16.0, 19.0, 22.0, 41.5, 28.0, 26.5, 34.0, 37.0},
			[]float64{2.0, 3.5, 5.0, 6.5, 8.0, 9.5, 11.0, 20.75, 14.0, 13.25, 17.0, 18.5},
			[]float64{11.0, 12.5, 14.0, 15.5, 17.0, 18.5, 20.0, 21.5, 23.0, 20.0, 26.0, 27.5},
			[]float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}},
		{1, []int{2, 4},
			[]float64{-3.0, 1.5, 6.0, 27.0, 51.0, 51.0, 60.0, 64.5},
			[]float64{-1.0, 0.5, 2.0, 9.0, 17.0, 17.0, 20.0, 21.5},
			[]float64{5.0, 6.5, 8.0, 20.0, 23.0, 20.0, 26.0, 27.5},
			[]float64{2, 2, 2, 1, 2, 2, 2, 2}},
		{2, []int{2, 3},
			[]float64{-19.0, 21.5, 29.0, 53.0, 77.0, 96.5},
			[]float64{-4.75, 5.375, 7.25, 13.25, 19.25, 24.125},
			[]float64{-2.5, 20.0, 9.5, 15.5, 21.5, 27.5},
			[]float64{3, 3, 3, 3, 3, 3}},
		{-1, []int{2, 3},
			[]float64{-19.0, 21.5, 29.0, 53.0, 77.0, 96.5},
			[]float64{-4.75, 5.375, 7.25, 13.25, 19.25, 24.125},
			[]float64{-2.5, 20.0, 9.5, 15.5, 21.5, 27.5},
			[]float64{3, 3, 3, 3, 3, 3}},
	}
	for _, tc := range tests {
		for _, keep := range []bool{false, true} {
			wantShape := tc.shape
			if keep {
				ax := tc.axis
				if ax < 0 {
					ax += 3
				}
				wantShape = append(append(append([]int{}, tc.shape[:ax]...), 1), tc.shape[ax:]...)
			}
			for name, r := range map[string]struct {
				got  *tensor.Tensor
				want []float64
			}{
				"Sum":    {Sum(a, tc.axis, keep), tc.sum},
				"Mean":   {Mean(a, tc.axis, keep), tc.mean},
				"Max":    {Max(a, tc.axis, keep), tc.max},
				"ArgMax": {ArgMax(a, tc.axis, keep), tc.amax},
			} {
				if !cmp.Equal(r.got.Shape(), wantShape) {
					t.Errorf("%s(axis=%d, keep=%v) shape %v, want %v", name, tc.axis, keep, r.got.Shape(), wantShape)
				}
				if diff := cmp.Diff(r.want, r.got.Data()); diff != "" {
					t.Errorf("%s(axis=%d, keep=%v) (-want +got):\n%s", name, tc.axis, keep, diff)
				}
			}
		}
	}
	if got := SumAll(a); got != 258 {
		t.Errorf("SumAll = %v, want 258", got)
	}
	if got := MeanAll(a); got != 10.75 {
		t.Errorf("MeanAll = %v, want 10.75", got)
	}
	if got := MaxAll(a); got != 27.5 {
		t.Errorf("MaxAll = %v, want 27.5", got)
	}
	if got := ArgMaxAll(a); got != 23 {
		t.Errorf("ArgMaxAll = %v, want 23", got)
	}
	dst := tensor.Zeros(2, 1, 4)
	SumInto(dst, a, 1)
	if diff := cmp.Diff([]float64{-3.0, 1.5, 6.0, 27.0, 51.0, 51.0, 60.0, 64.5}, dst.Data()); diff != "" {
		t.Errorf("SumInto (-want +got):\n%s", diff)
	}
}

func TestReductionEdgeCases(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		got  float64
		want float64
	}{
		{"SumAll empty", SumAll(tensor.Zeros(0)), 0},
		{"MeanAll empty", MeanAll(tensor.Zeros(0, 3)), nan},
		{"MaxAll NaN", MaxAll(tensor.Vector(1, nan, 3)), nan},
		{"ArgMaxAll NaN first", float64(ArgMaxAll(tensor.Vector(1, nan, 3, nan))), 1},
		{"ArgMaxAll tie", float64(ArgMaxAll(tensor.Vector(1, 3, 3))), 1},
		{"ArgMaxAll -Inf", float64(ArgMaxAll(tensor.Vector(math.Inf(-1), math.Inf(-1)))), 0},
	}
	for _, tc := range tests {
		if !cmp.Equal(tc.got, tc.want, cmpopts.EquateNaNs()) {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	if got := Sum(tensor.Zeros(2, 0), 1, false).Data(); !cmp.Equal(got, []float64{0, 0}) {
		t.Errorf("Sum over an empty axis = %v, want [0 0]", got)
	}
	if got := ArgMaxRows(nil, tensor.FromRows([][]float64{{0.1, 0.7, 0.2}, {0.9, 0, 0.1}})); !cmp.Equal(got, []int{1, 0}) {
		t.Errorf("ArgMaxRows = %v, want [1 0]", got)
	}
}

func TestReductionPanics(t *testing.T) {
	tests := []struct {
		name string
		f    func()
		want string
	}{
		{"axis", func() { Sum(tensor.Zeros(2, 3), 2, false) }, "ops.Sum: axis 2 out of range for shape (2,3)"},
		{"neg axis", func() { Mean(tensor.Zeros(2, 3), -3, false) }, "ops.Mean: axis -3 out of range for shape (2,3)"},
		{"max empty", func() { MaxAll(tensor.Zeros(0, 2)) }, "ops.MaxAll: zero-size tensor (0,2) has no maximum"},
		{"max axis empty", func() { Max(tensor.Zeros(2, 0), 1, false) }, "ops.Max: axis 1 of (2,0) is empty"},
		{"argmax empty", func() { ArgMax(tensor.Zeros(0), 0, false) }, "ops.ArgMax: axis 0 of (0,) is empty"},
		{"sumInto dst", func() { SumInto(tensor.Zeros(3), tensor.Zeros(2, 3), 1) }, "ops.SumInto: destination shape (3,), want (2,1) or (2,)"},
		{"sumTo", func() { SumTo(tensor.Zeros(2, 3), 2) }, "ops.SumTo: cannot sum shape (2,3) down to (2,)"},
		{"sumTo bigger", func() { SumTo(tensor.Zeros(3), 2, 3) }, "ops.SumTo: cannot sum shape (3,) down to (2,3)"},
		{"argmaxrows", func() { ArgMaxRows(nil, tensor.Zeros(3)) }, "ops.ArgMaxRows: want a non-empty 2-D (N, C) tensor, got shape (3,)"},
	}
	for _, tc := range tests {
		if msg := mustPanic(t, tc.f); !strings.HasPrefix(msg, tc.want) {
			t.Errorf("%s: panic %q, want prefix %q", tc.name, msg, tc.want)
		}
	}
}

func TestSumTo(t *testing.T) {
	g := arange(1, 1, 2, 3) // [[1 2 3] [4 5 6]]
	tests := []struct {
		shape []int
		want  []float64 // NumPy: np.sum with the matching axes and keepdims
	}{
		{[]int{3}, []float64{5, 7, 9}},
		{[]int{1, 3}, []float64{5, 7, 9}},
		{[]int{2, 1}, []float64{6, 15}},
		{[]int{1, 1}, []float64{21}},
		{[]int{}, []float64{21}},
		{[]int{2, 3}, []float64{1, 2, 3, 4, 5, 6}},
	}
	for _, tc := range tests {
		got := SumTo(g, tc.shape...)
		if !cmp.Equal(got.Shape(), tc.shape, cmpopts.EquateEmpty()) {
			t.Errorf("SumTo %v: shape %v", tc.shape, got.Shape())
		}
		if diff := cmp.Diff(tc.want, got.Data()); diff != "" {
			t.Errorf("SumTo %v (-want +got):\n%s", tc.shape, diff)
		}
	}
}

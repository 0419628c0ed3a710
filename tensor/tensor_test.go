package tensor

import (
	"math"
	"math/bits"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func panicMsg(t *testing.T, f func()) (msg string) {
	t.Helper()
	defer func() {
		if r := recover(); r == nil {
			t.Errorf("no panic")
		} else {
			msg, _ = r.(string)
		}
	}()
	f()
	return ""
}

func arange(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = float64(i)
	}
	return x
}

func TestConstructors(t *testing.T) {
	tests := []struct {
		name  string
		t     *Tensor
		shape []int
		data  []float64
	}{
		{"New", New([]float64{1, 2, 3, 4, 5, 6}, 2, 3), []int{2, 3}, []float64{1, 2, 3, 4, 5, 6}},
		{"New 1-D", New([]float64{1, 2}), []int{2}, []float64{1, 2}},
		{"Zeros", Zeros(2, 2), []int{2, 2}, []float64{0, 0, 0, 0}},
		{"Zeros empty", Zeros(0, 3), []int{0, 3}, []float64{}},
		{"Ones", Ones(3), []int{3}, []float64{1, 1, 1}},
		{"Full", Full(2.5, 1, 2), []int{1, 2}, []float64{2.5, 2.5}},
		{"Scalar", Scalar(7), []int{}, []float64{7}},
		{"Vector", Vector(1, 2, 3), []int{3}, []float64{1, 2, 3}},
		{"FromRows", FromRows([][]float64{{1, 2}, {3, 4}, {5, 6}}), []int{3, 2}, []float64{1, 2, 3, 4, 5, 6}},
		{"ZerosLike", ZerosLike(Ones(2, 1)), []int{2, 1}, []float64{0, 0}},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.shape, tc.t.Shape(), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s shape (-want +got):\n%s", tc.name, diff)
		}
		if diff := cmp.Diff(tc.data, tc.t.Data(), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s data (-want +got):\n%s", tc.name, diff)
		}
		if tc.t.Len() != len(tc.data) || tc.t.Dim() != len(tc.shape) {
			t.Errorf("%s: Len %d Dim %d", tc.name, tc.t.Len(), tc.t.Dim())
		}
	}
}

func TestIndexing(t *testing.T) {
	a := New(arange(24), 2, 3, 4)
	if got := a.At(1, 2, 3); got != 23 {
		t.Errorf("At(1,2,3) = %v", got)
	}
	if got := a.At(-1, 0, -2); got != 14 {
		t.Errorf("At(-1,0,-2) = %v, want 14", got)
	}
	a.Set(-5, 0, 1, 2)
	if got := a.Data()[6]; got != -5 {
		t.Errorf("Set(0,1,2) wrote %v at 6", got)
	}
	if got := a.Size(-1); got != 4 {
		t.Errorf("Size(-1) = %d", got)
	}
	if got := Scalar(3).Item(); got != 3 {
		t.Errorf("Item = %v", got)
	}
}

func TestReshape(t *testing.T) {
	a := New(arange(24), 2, 3, 4)
	tests := []struct {
		shape []int
		want  []int
	}{
		{[]int{6, 4}, []int{6, 4}},
		{[]int{2, -1}, []int{2, 12}},
		{[]int{-1}, []int{24}},
		{[]int{-1, 2, 3}, []int{4, 2, 3}},
		{[]int{1, 24, 1}, []int{1, 24, 1}},
	}
	for _, tc := range tests {
		if got := a.Reshape(tc.shape...).Shape(); !cmp.Equal(got, tc.want) {
			t.Errorf("Reshape%v = %v, want %v", tc.shape, got, tc.want)
		}
	}
	if got := Zeros(0, 3).Reshape(-1, 3).Shape(); !cmp.Equal(got, []int{0, 3}) {
		t.Errorf("Reshape of empty = %v", got)
	}
	if got := Scalar(2).Reshape(1, 1).Shape(); !cmp.Equal(got, []int{1, 1}) {
		t.Errorf("Reshape of scalar = %v", got)
	}
	// a view shares data both ways
	v := a.Reshape(4, -1)
	v.Set(100, 3, 5)
	if a.At(1, 2, 3) != 100 {
		t.Errorf("write through the view not seen in the original")
	}
	a.Set(-1, 0, 0, 0)
	if v.At(0, 0) != -1 {
		t.Errorf("write to the original not seen in the view")
	}
}

func TestPanics(t *testing.T) {
	tests := []struct {
		name string
		f    func()
		want string
	}{
		{"reshape size", func() { Zeros(2, 3).Reshape(4, 2) }, "tensor.Reshape: cannot reshape (2,3) (6 elements) into (4,2) (8 elements)"},
		{"reshape two -1", func() { Zeros(2, 3).Reshape(-1, -1) }, "tensor.Reshape: cannot reshape (2,3) into (-1,-1): only one dimension can be -1"},
		{"reshape infer", func() { Zeros(2, 3).Reshape(4, -1) }, "tensor.Reshape: cannot reshape (2,3) (6 elements) into (4,-1)"},
		{"reshape negative", func() { Zeros(2, 3).Reshape(-2, -3) }, "tensor.Reshape: cannot reshape (2,3) into (-2,-3): negative dimension"},
		{"reshape zero infer", func() { Zeros(0, 3).Reshape(0, -1) }, "tensor.Reshape: cannot reshape (0,3) (0 elements) into (0,-1)"},
		{"new", func() { New([]float64{1, 2, 3}, 2, 2) }, "tensor.New: 3 values do not fill shape (2,2) (4 elements)"},
		{"zeros", func() { Zeros(2, -1) }, "tensor.Zeros: negative dimension in shape (2,-1)"},
		{"rows", func() { FromRows([][]float64{{1, 2}, {3}}) }, "tensor.FromRows: row 1 has 1 values, row 0 has 2"},
		{"at", func() { Zeros(2, 3).At(2, 0) }, "tensor.At: index (2,0) out of range for shape (2,3)"},
		{"at rank", func() { Zeros(2, 3).At(1) }, "tensor.At: 1 indices for shape (2,3)"},
		{"set", func() { Zeros(3).Set(1, -4) }, "tensor.Set: index (-4,) out of range for shape (3,)"},
		{"transpose", func() { Zeros(2, 3, 4).Transpose(0, 0, 1) }, "tensor.Transpose: axes (0,0,1) are not a permutation for shape (2,3,4)"},
		{"transpose rank", func() { Zeros(2, 3).Transpose(1) }, "tensor.Transpose: axes (1,) do not match shape (2,3)"},
		{"item", func() { Zeros(2).Item() }, "tensor.Item: shape (2,) has 2 elements, want 1"},
		{"copy", func() { Zeros(2).CopyFrom(Zeros(3)) }, "tensor.CopyFrom: cannot copy (3,) into (2,)"},
		{"size", func() { Zeros(2).Size(1) }, "tensor.Size: axis 1 out of range for shape (2,)"},
	}
	for _, tc := range tests {
		if msg := panicMsg(t, tc.f); !strings.HasPrefix(msg, tc.want) {
			t.Errorf("%s: panic %q, want prefix %q", tc.name, msg, tc.want)
		}
	}
}

// Shapes whose element count overflows are refused with a panic naming
// the shape, even when another axis is 0 (NumPy refuses
// np.empty((0, 2**62, 2**62)) too), so that no tensor has a shape whose
// size cannot be computed.
func TestShapeOverflow(t *testing.T) {
	half := 1 << (bits.UintSize / 2) // 1<<32 on 64-bit machines
	big := math.MaxInt/4 + 1         // 1<<61 on 64-bit machines
	hs, bs := strconv.Itoa(half), strconv.Itoa(big)
	tests := []struct {
		name string
		f    func()
		want string
	}{
		{"Zeros(1<<32, 1<<32)", func() { Zeros(half, half) }, "tensor.Zeros: shape (" + hs + "," + hs + ") has too many elements"},
		{"Zeros with a 0 axis", func() { Zeros(0, big, big) }, "tensor.Zeros: shape (0," + bs + "," + bs + ") has too many elements"},
		{"Zeros whose bytes overflow", func() { Zeros(big) }, "tensor.Zeros: shape (" + bs + ",) has too many elements"},
		{"Ones", func() { Ones(half, half, 0) }, "tensor.Ones: shape (" + hs + "," + hs + ",0) has too many elements"},
		{"Full", func() { Full(1, big, 8) }, "tensor.Full: shape (" + bs + ",8) has too many elements"},
		{"New empty", func() { New(nil, 0, big, big) }, "tensor.New: shape (0," + bs + "," + bs + ") has too many elements"},
		{"Reuse", func() { Reuse(nil, half, half) }, "tensor.Reuse: shape (" + hs + "," + hs + ") has too many elements"},
		{"Reshape empty", func() { Zeros(0, 3).Reshape(big, big, 0) }, "tensor.Reshape: cannot reshape (0,3) into (" + bs + "," + bs + ",0): too many elements"},
		{"Reshape inferred", func() { Zeros(0, 3).Reshape(-1, half, half) }, "tensor.Reshape: cannot reshape (0,3) into (-1," + hs + "," + hs + "): too many elements"},
		{"Reshape wrapping to the size", func() { Zeros(16).Reshape(half, half, 16) }, "tensor.Reshape: cannot reshape (16,) into (" + hs + "," + hs + ",16): too many elements"},
	}
	for _, tc := range tests {
		if msg := panicMsg(t, tc.f); msg != tc.want {
			t.Errorf("%s: panic %q, want %q", tc.name, msg, tc.want)
		}
	}
	// Large empty shapes whose other axes multiply out are fine.
	for _, shape := range [][]int{{0, half}, {half, 0, 1 << 10}, {0, 0}} {
		if got := Zeros(shape...); !cmp.Equal(got.Shape(), shape) || got.Len() != 0 {
			t.Errorf("Zeros%v: shape %v, %d elements", shape, got.Shape(), got.Len())
		}
	}
	if got := Zeros(0, 3).Reshape(half, 0).Shape(); !cmp.Equal(got, []int{half, 0}) {
		t.Errorf("Reshape of (0,3) into (%d,0) = %v", half, got)
	}
}

func TestTranspose(t *testing.T) {
	a := New(arange(24), 2, 3, 4)
	tests := []struct {
		axes  []int
		shape []int
		want  []float64 // np.transpose(np.arange(24.).reshape(2,3,4), axes)
	}{
		{[]int{1, 0, 2}, []int{3, 2, 4}, []float64{0, 1, 2, 3, 12, 13, 14, 15, 4, 5, 6, 7, 16, 17, 18, 19, 8, 9, 10, 11, 20, 21, 22, 23}},
		{nil, []int{4, 3, 2}, []float64{0, 12, 4, 16, 8, 20, 1, 13, 5, 17, 9, 21, 2, 14, 6, 18, 10, 22, 3, 15, 7, 19, 11, 23}},
		{[]int{2, 0, 1}, []int{4, 2, 3}, []float64{0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23}},
		{[]int{-3, -2, -1}, []int{2, 3, 4}, arange(24)},
	}
	for _, tc := range tests {
		got := a.Transpose(tc.axes...)
		if !cmp.Equal(got.Shape(), tc.shape) {
			t.Errorf("Transpose%v shape %v, want %v", tc.axes, got.Shape(), tc.shape)
		}
		if diff := cmp.Diff(tc.want, got.Data()); diff != "" {
			t.Errorf("Transpose%v (-want +got):\n%s", tc.axes, diff)
		}
	}
	m := FromRows([][]float64{{1, 2, 3}, {4, 5, 6}}).Transpose()
	if !cmp.Equal(m.Data(), []float64{1, 4, 2, 5, 3, 6}) || !cmp.Equal(m.Shape(), []int{3, 2}) {
		t.Errorf("2-D transpose %v %v", m.Shape(), m.Data())
	}
	// Transpose copies
	m.Set(9, 0, 0)
	if a.At(0, 0, 0) != 0 {
		t.Errorf("Transpose shares data")
	}
	if got := Zeros(0, 2).Transpose().Shape(); !cmp.Equal(got, []int{2, 0}) {
		t.Errorf("empty transpose shape %v", got)
	}
}

func TestCloneCopyReuse(t *testing.T) {
	a := FromRows([][]float64{{1, 2}, {3, 4}})
	c := a.Clone()
	c.Set(10, 0, 0)
	if a.At(0, 0) != 1 {
		t.Errorf("Clone shares data")
	}
	b := Zeros(4)
	b.CopyFrom(a)
	if !cmp.Equal(b.Data(), []float64{1, 2, 3, 4}) {
		t.Errorf("CopyFrom = %v", b.Data())
	}
	if r := Reuse(a, 2, 2); r != a {
		t.Errorf("Reuse with the same shape returned a new tensor")
	}
	r := Reuse(a, 3)
	if !cmp.Equal(r.Shape(), []int{3}) || &r.Data()[0] != &a.Data()[0] {
		t.Errorf("Reuse(3) of a 4-element buffer: shape %v, shares storage %v", r.Shape(), &r.Data()[0] == &a.Data()[0])
	}
	if r := Reuse(a, 5); r.Len() != 5 || !cmp.Equal(r.Data(), make([]float64, 5)) {
		t.Errorf("Reuse(5) = %v", r.Data())
	}
	if r := Reuse(nil, 2); r.Len() != 2 {
		t.Errorf("Reuse(nil, 2) = %v", r)
	}
	if !SameShape(a, c) || SameShape(a, b) {
		t.Errorf("SameShape")
	}
}

func TestShapeString(t *testing.T) {
	for _, tc := range []struct {
		shape []int
		want  string
	}{{nil, "()"}, {[]int{3}, "(3,)"}, {[]int{2, 3}, "(2,3)"}, {[]int{1, 0, 5}, "(1,0,5)"}} {
		if got := ShapeString(tc.shape); got != tc.want {
			t.Errorf("ShapeString(%v) = %q, want %q", tc.shape, got, tc.want)
		}
	}
}

func TestArange(t *testing.T) {
	tests := []struct {
		start, stop, step float64
		n                 int
		picks             []float64 // np.arange(...)[[0, 1, 2, -1]]
	}{
		{0, 20, 0.1, 200, []float64{0.0, 0.1, 0.2, 19.900000000000002}},
		{-5, 5, 0.1, 100, []float64{-5.0, -4.9, -4.800000000000001, 4.899999999999965}},
		{-2, 2.5, 0.25, 18, []float64{-2.0, -1.75, -1.5, 2.25}},
		{1, 0, -0.3, 4, []float64{1.0, 0.7, 0.3999999999999999, 0.09999999999999987}},
		{0, 1, 0.3, 4, []float64{0.0, 0.3, 0.6, 0.8999999999999999}},
	}
	for _, tc := range tests {
		a := Arange(tc.start, tc.stop, tc.step)
		d := a.Data()
		if len(d) != tc.n {
			t.Fatalf("Arange(%v, %v, %v) has %d values, want %d", tc.start, tc.stop, tc.step, len(d), tc.n)
		}
		got := []float64{d[0], d[1], d[2], d[len(d)-1]}
		if diff := cmp.Diff(tc.picks, got); diff != "" {
			t.Errorf("Arange(%v, %v, %v) (-numpy +go):\n%s", tc.start, tc.stop, tc.step, diff)
		}
	}
	if n := Arange(0, 0, 1).Len(); n != 0 {
		t.Errorf("empty range has %d values", n)
	}
	if n := Arange(0, -1, 1).Len(); n != 0 {
		t.Errorf("backward range with positive step has %d values", n)
	}
	if msg := panicMsg(t, func() { Arange(0, 1, 0) }); !strings.HasPrefix(msg, "tensor.Arange: step 0") {
		t.Errorf("panic %q", msg)
	}
}

package ops

import (
	"math"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var approx = cmpopts.EquateApprox(1e-12, 1e-12)

// arange returns start, start+step, ... shaped as shape (the inputs the
// NumPy expectations in this file were computed from).
func arange(start, step float64, shape ...int) *tensor.Tensor {
	t := tensor.Zeros(shape...)
	for i := range t.Data() {
		t.Data()[i] = start + step*float64(i)
	}
	return t
}

// mustPanic runs f and returns its panic message, failing if f returns.
func mustPanic(t *testing.T, f func()) (msg string) {
	t.Helper()
	defer func() {
		r := recover()
		if r == nil {
			t.Fatalf("no panic")
		}
		msg, _ = r.(string)
	}()
	f()
	return ""
}

func TestBroadcastTable(t *testing.T) {
	ops := map[string]func(a, b *tensor.Tensor) *tensor.Tensor{
		"Add": Add, "Sub": Sub, "Mul": Mul, "Div": Div, "Maximum": Maximum,
	}
	// Expected values are NumPy 1.24's results for
	// op(1 + 0.5*arange(a).reshape(sa), -2 + 0.75*arange(b).reshape(sb)).
	tests := []struct {
		name      string
		op        string
		sa, sb    []int
		wantShape []int
		want      []float64
	}{
		{"(3,1)+(1,4)", "Add", []int{3, 1}, []int{1, 4}, []int{3, 4},
			[]float64{-1.0, -0.25, 0.5, 1.25, -0.5, 0.25, 1.0, 1.75, 0.0, 0.75, 1.5, 2.25}},
		{"(2,3,4)+(4,)", "Add", []int{2, 3, 4}, []int{4}, []int{2, 3, 4},
			[]float64{-1.0, 0.25, 1.5, 2.75, 1.0, 2.25, 3.5, 4.75, 3.0, 4.25, 5.5, 6.75, 5.0, 6.25, 7.5, 8.75, 7.0, 8.25, 9.5, 10.75, 9.0, 10.25, 11.5, 12.75}},
		{"(2,1,4)*(3,1)", "Mul", []int{2, 1, 4}, []int{3, 1}, []int{2, 3, 4},
			[]float64{-2.0, -3.0, -4.0, -5.0, -1.25, -1.875, -2.5, -3.125, -0.5, -0.75, -1.0, -1.25, -6.0, -7.0, -8.0, -9.0, -3.75, -4.375, -5.0, -5.625, -1.5, -1.75, -2.0, -2.25}},
		{"()-(2,3)", "Sub", []int{}, []int{2, 3}, []int{2, 3},
			[]float64{3.0, 2.25, 1.5, 0.75, 0.0, -0.75}},
		{"(2,3)/()", "Div", []int{2, 3}, []int{}, []int{2, 3},
			[]float64{-0.5, -0.75, -1.0, -1.25, -1.5, -1.75}},
		{"maximum (2,3),(3,)", "Maximum", []int{2, 3}, []int{3}, []int{2, 3},
			[]float64{1.0, 1.5, 2.0, 2.5, 3.0, 3.5}},
		{"(0,3)+(3,)", "Add", []int{0, 3}, []int{3}, []int{0, 3}, []float64{}},
		{"(2,0)*(1,)", "Mul", []int{2, 0}, []int{1}, []int{2, 0}, []float64{}},
		{"(0,)+(1,)", "Add", []int{0}, []int{1}, []int{0}, []float64{}},
		{"(2,2)-(2,2)", "Sub", []int{2, 2}, []int{2, 2}, []int{2, 2}, []float64{3.0, 2.75, 2.5, 2.25}},
		{"(2,1,3,1)+(1,2,1,2)", "Add", []int{2, 1, 3, 1}, []int{1, 2, 1, 2}, []int{2, 2, 3, 2},
			[]float64{-1.0, -0.25, -0.5, 0.25, 0.0, 0.75, 0.5, 1.25, 1.0, 1.75, 1.5, 2.25, 0.5, 1.25, 1.0, 1.75, 1.5, 2.25, 2.0, 2.75, 2.5, 3.25, 3.0, 3.75}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, b := arange(1, 0.5, tc.sa...), arange(-2, 0.75, tc.sb...)
			got := ops[tc.op](a, b)
			if diff := cmp.Diff(tc.wantShape, got.Shape()); diff != "" {
				t.Errorf("shape (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.want, got.Data(), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("values (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBroadcastErrors(t *testing.T) {
	tests := []struct {
		sa, sb []int
		want   string
	}{
		{[]int{3}, []int{4}, "ops.Add: shapes (3,) and (4,) cannot be broadcast together"},
		{[]int{2, 3}, []int{3, 2}, "ops.Add: shapes (2,3) and (3,2) cannot be broadcast together"},
		{[]int{0}, []int{2}, "ops.Add: shapes (0,) and (2,) cannot be broadcast together"},
		{[]int{2, 3, 4}, []int{3, 1, 5}, "ops.Add: shapes (2,3,4) and (3,1,5) cannot be broadcast together"},
	}
	for _, tc := range tests {
		msg := mustPanic(t, func() { Add(tensor.Zeros(tc.sa...), tensor.Zeros(tc.sb...)) })
		if msg != tc.want {
			t.Errorf("Add(%v, %v) panic %q, want %q", tc.sa, tc.sb, msg, tc.want)
		}
	}
	msg := mustPanic(t, func() { AddInto(tensor.Zeros(2, 2), tensor.Zeros(2, 3), tensor.Zeros(3)) })
	if !strings.Contains(msg, "ops.AddInto: destination shape (2,2), want (2,3)") {
		t.Errorf("AddInto panic %q", msg)
	}
}

func TestScalarForms(t *testing.T) {
	a := tensor.Vector(1, 2, 4)
	tests := []struct {
		name string
		got  *tensor.Tensor
		want []float64
	}{
		{"AddScalar", AddScalar(a, 1), []float64{2, 3, 5}},
		{"SubScalar", SubScalar(a, 1), []float64{0, 1, 3}},
		{"ScalarSub", ScalarSub(1, a), []float64{0, -1, -3}},
		{"MulScalar", MulScalar(a, 3), []float64{3, 6, 12}},
		{"DivScalar", DivScalar(a, 2), []float64{0.5, 1, 2}},
		{"ScalarDiv", ScalarDiv(1, a), []float64{1, 0.5, 0.25}},
		{"Neg", Neg(a), []float64{-1, -2, -4}},
		{"Square", Square(a), []float64{1, 4, 16}},
		{"Sqrt", Sqrt(a), []float64{1, math.Sqrt2, 2}},
		{"Abs", Abs(Neg(a)), []float64{1, 2, 4}},
		{"Exp", Exp(tensor.Vector(0, 1)), []float64{1, math.E}},
		{"Log", Log(tensor.Vector(1, math.E, 0)), []float64{0, 1, math.Inf(-1)}},
		{"Apply", Apply(a, func(x float64) float64 { return x*x + 1 }), []float64{2, 5, 17}},
		{"Maximum NaN", Maximum(tensor.Vector(math.NaN(), 1, 3), tensor.Vector(0, math.NaN(), 2)), []float64{math.NaN(), math.NaN(), 3}},
		{"Minimum", Minimum(tensor.Vector(1, 5), tensor.Scalar(2)), []float64{1, 2}},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, tc.got.Data(), approx, cmpopts.EquateNaNs()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	if got := a.Data(); !cmp.Equal(got, []float64{1, 2, 4}) {
		t.Errorf("operand modified: %v", got)
	}
}

func TestIntoAliasing(t *testing.T) {
	a := arange(1, 1, 2, 3)
	b := tensor.Vector(10, 20, 30)
	AddInto(a, a, b)
	want := []float64{11, 22, 33, 14, 25, 36}
	if diff := cmp.Diff(want, a.Data()); diff != "" {
		t.Errorf("AddInto(a, a, b) (-want +got):\n%s", diff)
	}
	ExpInto(a, tensor.Zeros(2, 3))
	if diff := cmp.Diff([]float64{1, 1, 1, 1, 1, 1}, a.Data()); diff != "" {
		t.Errorf("ExpInto (-want +got):\n%s", diff)
	}
}

// tile is the reference for broadcasting: it materialises t broadcast to
// shape by computing each element's source index directly.
func tile(t *tensor.Tensor, shape []int) *tensor.Tensor {
	out := tensor.Zeros(shape...)
	src := t.Shape()
	idx := make([]int, len(shape))
	for o := range out.Data() {
		rem := o
		for ax := len(shape) - 1; ax >= 0; ax-- {
			idx[ax] = rem % shape[ax]
			rem /= shape[ax]
		}
		off := 0
		for i, d := range src {
			v := idx[len(shape)-len(src)+i]
			if d == 1 {
				v = 0
			}
			off = off*d + v
		}
		out.Data()[o] = t.Data()[off]
	}
	return out
}

// shapesFromBytes turns fuzz input into a pair of broadcastable shapes.
func shapesFromBytes(data []byte) (sa, sb []int) {
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		v := int(data[0])
		data = data[1:]
		return v
	}
	rank := next() % 5
	out := make([]int, rank)
	for i := range out {
		out[i] = next() % 4 // sizes 0..3
	}
	sa = pick(out, next)
	sb = pick(out, next)
	return sa, sb
}

// pick derives an operand shape from out: a suffix of it with some sizes
// replaced by 1.
func pick(out []int, next func() int) []int {
	drop := next() % (len(out) + 1)
	s := append([]int{}, out[drop:]...)
	for i := range s {
		if next()%3 == 0 {
			s[i] = 1
		}
	}
	return s
}

func FuzzBroadcast(f *testing.F) {
	f.Add([]byte{2, 3, 1, 0, 1, 1, 0, 2})
	f.Add([]byte{4, 2, 3, 1, 2, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0})
	f.Add([]byte{3, 2, 0, 3, 1, 0, 1})
	f.Add([]byte{0})
	f.Fuzz(func(t *testing.T, data []byte) {
		sa, sb := shapesFromBytes(data)
		out, ok := BroadcastShapes(sa, sb)
		if !ok {
			t.Fatalf("shapes %v and %v built to broadcast do not", sa, sb)
		}
		a, b := arange(0.5, 1.25, sa...), arange(-3, 0.5, sb...)
		ta, tb := tile(a, out), tile(b, out)
		for name, f := range map[string]func(a, b *tensor.Tensor) *tensor.Tensor{
			"Add": Add, "Sub": Sub, "Mul": Mul, "Div": Div, "Maximum": Maximum, "Minimum": Minimum,
		} {
			got, want := f(a, b), f(ta, tb)
			if !cmp.Equal(got.Shape(), out) {
				t.Fatalf("%s %v %v: shape %v, want %v", name, sa, sb, got.Shape(), out)
			}
			if diff := cmp.Diff(want.Data(), got.Data(), cmpopts.EquateNaNs()); diff != "" {
				t.Fatalf("%s %v %v (-tiled +broadcast):\n%s", name, sa, sb, diff)
			}
		}
		// SumTo is the adjoint of broadcasting: <SumTo(g), v> = <g, tile(v)>.
		g := arange(0.25, -0.375, out...)
		lhs := SumAll(Mul(SumTo(g, sa...), a))
		rhs := SumAll(Mul(g, ta))
		if math.Abs(lhs-rhs) > 1e-9*(1+math.Abs(rhs)) {
			t.Fatalf("SumTo %v -> %v: <SumTo(g), a> = %v, <g, tile(a)> = %v", out, sa, lhs, rhs)
		}
	})
}

package ops

import (
	"math"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// refMatMul is the textbook product of two 2-D tensors.
func refMatMul(a, b *tensor.Tensor) *tensor.Tensor {
	m, k, n := a.Size(0), a.Size(1), b.Size(1)
	out := tensor.Zeros(m, n)
	for i := range m {
		for j := range n {
			s := 0.0
			for p := range k {
				s += a.At(i, p) * b.At(p, j)
			}
			out.Set(s, i, j)
		}
	}
	return out
}

func TestMatMulNumPy(t *testing.T) {
	a := tensor.FromRows([][]float64{{1, 2, 3}, {4, 5, 6}})
	b := tensor.FromRows([][]float64{{1, 0.5}, {-1, 2}, {0.25, 3}})
	tests := []struct {
		name  string
		got   *tensor.Tensor
		shape []int
		want  []float64 // np.dot results
	}{
		{"a·b", MatMul(a, b), []int{2, 2}, []float64{-0.25, 13.5, 0.5, 30}},
		{"vec·b", MatMul(tensor.Vector(1, 2, 3), b), []int{2}, []float64{-0.25, 13.5}},
		{"a·vec", MatMul(a, tensor.Vector(1, 0, -1)), []int{2}, []float64{-2, -2}},
		{"vec·vec", MatMul(tensor.Vector(1, 2, 3), tensor.Vector(4, 5, 6)), []int{}, []float64{32}},
		{"aᵀ·a", MatMulT(a, a, true, false), []int{3, 3}, []float64{17, 22, 27, 22, 29, 36, 27, 36, 45}},
		{"a·aᵀ", MatMulT(a, a, false, true), []int{2, 2}, []float64{14, 32, 32, 77}},
		{"bᵀ·aᵀ", MatMulT(b, a, true, true), []int{2, 2}, []float64{-0.25, 0.5, 13.5, 30}},
		{"empty k", MatMul(tensor.Zeros(2, 0), tensor.Zeros(0, 3)), []int{2, 3}, []float64{0, 0, 0, 0, 0, 0}},
	}
	for _, tc := range tests {
		if !cmp.Equal(tc.got.Shape(), tc.shape) {
			t.Errorf("%s: shape %v, want %v", tc.name, tc.got.Shape(), tc.shape)
		}
		if diff := cmp.Diff(tc.want, tc.got.Data(), approx); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

func TestMatMulTransposeFlags(t *testing.T) {
	for _, s := range [][3]int{{1, 1, 1}, {3, 5, 2}, {7, 4, 9}, {16, 33, 5}} {
		m, k, n := s[0], s[1], s[2]
		a, b := arange(0.5, 0.25, m, k), arange(-3, 0.125, k, n)
		want := refMatMul(a, b)
		for _, ta := range []bool{false, true} {
			for _, tb := range []bool{false, true} {
				aa, bb := a, b
				if ta {
					aa = a.Transpose()
				}
				if tb {
					bb = b.Transpose()
				}
				got := MatMulT(aa, bb, ta, tb)
				if diff := cmp.Diff(want.Data(), got.Data(), approx); diff != "" {
					t.Errorf("%v tA=%v tB=%v (-want +got):\n%s", s, ta, tb, diff)
				}
				dst := tensor.Full(99, m, n)
				MatMulInto(dst, aa, bb, ta, tb)
				if diff := cmp.Diff(want.Data(), dst.Data(), approx); diff != "" {
					t.Errorf("Into %v tA=%v tB=%v (-want +got):\n%s", s, ta, tb, diff)
				}
			}
		}
	}
}

func TestGemmAlphaBeta(t *testing.T) {
	a := []float64{1, 2, 3, 4}         // 2×2
	b := []float64{5, 6, 7, 8}         // 2×2
	c := []float64{1, 1, 99, 1, 1, 99} // 2×2 with ldc 3; the 99s must stay
	Gemm(false, false, 2, 2, 2, 2, a, 2, b, 2, -1, c, 3)
	want := []float64{2*19 - 1, 2*22 - 1, 99, 2*43 - 1, 2*50 - 1, 99}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("alpha=2 beta=-1 (-want +got):\n%s", diff)
	}
	Gemm(false, false, 2, 2, 2, 0, a, 2, b, 2, 0, c, 3)
	if diff := cmp.Diff([]float64{0, 0, 99, 0, 0, 99}, c); diff != "" {
		t.Errorf("alpha=0 beta=0 (-want +got):\n%s", diff)
	}
}

func TestMatMulPanics(t *testing.T) {
	tests := []struct {
		name string
		f    func()
		want string
	}{
		{"align", func() { MatMul(tensor.Zeros(2, 3), tensor.Zeros(4, 5)) }, "ops.MatMulT: shapes (2,3) and (4,5) do not align (3 != 4)"},
		{"align T", func() { MatMulT(tensor.Zeros(2, 3), tensor.Zeros(2, 5), false, true) }, "ops.MatMulT: shapes (2,3) and (2,5)ᵀ do not align (3 != 5)"},
		{"rank", func() { MatMul(tensor.Zeros(2, 3, 4), tensor.Zeros(4, 5)) }, "ops.MatMulT: shapes (2,3,4) and (4,5): operands must be 1-D or 2-D"},
		{"dst", func() { MatMulInto(tensor.Zeros(2, 2), tensor.Zeros(2, 3), tensor.Zeros(3, 5), false, false) }, "ops.MatMulInto: destination shape (2,2), want (2,5) for (2,3) and (3,5)"},
		{"neg", func() { Gemm(false, false, -1, 2, 2, 1, nil, 2, nil, 2, 0, nil, 2) }, "ops.Gemm: negative size m=-1 n=2 k=2"},
		{"lda", func() {
			Gemm(false, false, 2, 2, 3, 1, make([]float64, 6), 2, make([]float64, 6), 2, 0, make([]float64, 4), 2)
		}, "ops.Gemm: lda=2 is less than max(1, 3)"},
		{"len b", func() {
			Gemm(false, true, 2, 2, 3, 1, make([]float64, 6), 3, make([]float64, 5), 3, 0, make([]float64, 4), 2)
		}, "ops.Gemm: len(b)=5 is too short for a 2×3 matrix with ldb=3 (need 6)"},
		{"ldc", func() {
			Gemm(false, false, 2, 2, 2, 1, make([]float64, 4), 2, make([]float64, 4), 2, 0, make([]float64, 4), 1)
		}, "ops.Gemm: ldc=1 is less than max(1, 2)"},
	}
	for _, tc := range tests {
		if msg := mustPanic(t, tc.f); !strings.HasPrefix(msg, tc.want) {
			t.Errorf("%s: panic %q, want prefix %q", tc.name, msg, tc.want)
		}
	}
}

// TestSparseRows checks SparseRows against MatMulInto on a mostly-zero x
// (where the CPU runs a sparse kernel), for both products, and its
// refusals: a dense x, and a b holding NaN.
func TestSparseRows(t *testing.T) {
	g := random.New(5)
	x := tensor.Zeros(50, 300)
	for i, v := range g.Rand(50, 300).Data() {
		if v < 0.2 {
			x.Data()[i] = v * 5
		}
	}
	w := g.Randn(300, 40)
	dout := g.Randn(50, 40)
	var s SparseRows
	if !s.Gather(x) {
		t.Skip("no sparse kernel on this CPU or build")
	}
	opt := cmpopts.EquateApprox(1e-12, 1e-12)
	got, want := tensor.Zeros(50, 40), tensor.Zeros(50, 40)
	if !s.MatMulInto(got, w) {
		t.Fatal("MatMulInto refused")
	}
	MatMulInto(want, x, w, false, false)
	if diff := cmp.Diff(want.Data(), got.Data(), opt); diff != "" {
		t.Errorf("x·W (-want +got):\n%s", diff)
	}
	gotT, wantT := tensor.Zeros(300, 40), tensor.Zeros(300, 40)
	if !s.MatMulTInto(gotT, dout) {
		t.Fatal("MatMulTInto refused")
	}
	MatMulInto(wantT, x, dout, true, false)
	if diff := cmp.Diff(wantT.Data(), gotT.Data(), opt); diff != "" {
		t.Errorf("xᵀ·dout (-want +got):\n%s", diff)
	}
	nan := w.Clone()
	nan.Data()[7] = math.NaN()
	if s.MatMulInto(got, nan) {
		t.Error("MatMulInto accepted a b holding NaN")
	}
	if s.Gather(g.Rand(50, 300)) {
		t.Error("a dense x was gathered")
	}
}

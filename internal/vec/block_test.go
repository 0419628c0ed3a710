package vec

import (
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestBlock2D checks Copy2D and Add2D against a loop written out here,
// over widths on both sides of the vector loops' steps (16, 4, 1), with
// guard values around and between the rows that must stay as they were,
// and with a source stride of 0 (gap=-1: one row for all).
func TestBlock2D(t *testing.T) {
	for _, rows := range []int{0, 1, 2, 5} {
		for _, cols := range []int{0, 1, 3, 4, 5, 7, 15, 16, 17, 20, 24, 28, 33} {
			for _, gap := range []int{0, 1, 3, -1} {
				ss, ds := cols+2*gap+1, cols+gap
				if gap < 0 { // every row from src's first
					ss, ds = 0, cols+1
				}
				t.Run(fmt.Sprintf("rows=%d/cols=%d/gap=%d", rows, cols, gap), func(t *testing.T) {
					src := make([]float64, max(rows*ss, cols)+3)
					for i := range src {
						src[i] = math.Sin(float64(i)*0.37) * 5
					}
					base := make([]float64, rows*ds+3)
					for i := range base {
						base[i] = math.Cos(float64(i)*0.51) + 2
					}
					const off = 1 // both blocks start one value in
					wantCopy, wantAdd := clone(base), clone(base)
					for r := range rows {
						for c := range cols {
							wantCopy[off+r*ds+c] = src[off+r*ss+c]
							wantAdd[off+r*ds+c] = base[off+r*ds+c] + src[off+r*ss+c]
						}
					}
					n := max(0, (rows-1)*ds+cols)
					m := max(0, (rows-1)*ss+cols)
					got := clone(base)
					Copy2D(got[off:off+n], ds, src[off:off+m], ss, rows, cols)
					if diff := cmp.Diff(wantCopy, got); diff != "" {
						t.Errorf("Copy2D (-want +got):\n%s", diff)
					}
					got = clone(base)
					Add2D(got[off:off+n], ds, src[off:off+m], ss, rows, cols)
					if diff := cmp.Diff(wantAdd, got); diff != "" {
						t.Errorf("Add2D (-want +got):\n%s", diff)
					}
				})
			}
		}
	}
}

func clone(x []float64) []float64 { return append([]float64(nil), x...) }

// TestAdd2DNaN checks that when both terms are NaN, Add2D's sum carries
// dst's payload, as Go's dst[i] += src[i] does, in the vector steps and in
// the scalar tail.
func TestAdd2DNaN(t *testing.T) {
	a, b := math.Float64frombits(0x7ff8000000000123), math.Float64frombits(0x7ff8000000000456)
	want := goAdd(a, b)
	for _, cols := range []int{1, 4, 16, 21} {
		dst := make([]float64, cols)
		src := make([]float64, cols)
		for i := range dst {
			dst[i], src[i] = a, b
		}
		Add2D(dst, cols, src, cols, 1, cols)
		for i, v := range dst {
			if math.Float64bits(v) != math.Float64bits(want) {
				t.Errorf("cols=%d: dst[%d] = %#x, want %#x", cols, i, math.Float64bits(v), math.Float64bits(want))
			}
		}
	}
}

//go:noinline
func goAdd(d, s float64) float64 {
	d += s
	return d
}

func TestBlock2DBadGeometryPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"short dst":     func() { Copy2D(make([]float64, 9), 5, make([]float64, 10), 5, 2, 5) },
		"short src":     func() { Add2D(make([]float64, 10), 5, make([]float64, 9), 5, 2, 5) },
		"stride < cols": func() { Copy2D(make([]float64, 20), 4, make([]float64, 20), 5, 2, 5) },
		"negative rows": func() { Add2D(nil, 1, nil, 1, -1, 1) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

// BenchmarkCopy2D copies the 16 rows of 16 values of one window position
// of DeepConvNet's fourth convolution out of its 18×18 padded plane.
func BenchmarkCopy2D(b *testing.B) {
	src := make([]float64, 18*18)
	dst := make([]float64, 16*16)
	for b.Loop() {
		Copy2D(dst, 16, src[19:], 18, 16, 16)
	}
}

// TestScale checks Scale against the products written out here, on
// lengths on both sides of the vector loop's step (8), in place and not,
// with a guard value after dst.
func TestScale(t *testing.T) {
	for _, n := range []int{0, 1, 7, 8, 9, 16, 23, 100} {
		src := make([]float64, n)
		for i := range src {
			src[i] = math.Sin(float64(i)*0.9) * 7
		}
		if n > 2 {
			src[1], src[2] = math.NaN(), math.Inf(-1)
		}
		want := make([]float64, n+1)
		for i, v := range src {
			want[i] = v * 0.8
		}
		want[n] = 5
		got := make([]float64, n+1)
		got[n] = 5
		Scale(got[:n], src, 0.8)
		if diff := cmp.Diff(want, got, cmpopts.EquateNaNs()); diff != "" {
			t.Errorf("n=%d (-want +got):\n%s", n, diff)
		}
		Scale(src, src, 0.8)
		if diff := cmp.Diff(want[:n], src, cmpopts.EquateNaNs()); diff != "" {
			t.Errorf("n=%d in place (-want +got):\n%s", n, diff)
		}
	}
}

package vec

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNormalize255(t *testing.T) {
	// every byte value, at every alignment of the vector loop's tail
	src := make([]byte, 256+13)
	for i := range src {
		src[i] = byte(i * 37)
	}
	for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 256, 269} {
		dst := make([]float64, n+2)
		dst[n], dst[n+1] = 42, 42 // guard
		Normalize255(dst[:n], src[:n])
		for i := range n {
			if want := float64(float32(src[i]) / 255); dst[i] != want {
				t.Fatalf("n=%d: dst[%d] = %v for byte %d, want %v", n, i, dst[i], src[i], want)
			}
		}
		if dst[n] != 42 || dst[n+1] != 42 {
			t.Fatalf("n=%d: wrote past the end", n)
		}
	}
}

func TestSubScaled(t *testing.T) {
	for _, n := range []int{0, 1, 3, 4, 5, 8, 39760} {
		w := make([]float64, n+1)
		g := make([]float64, n)
		want := make([]float64, n+1)
		for i := range g {
			w[i] = math.Sin(float64(i)) * 3
			g[i] = math.Cos(float64(i)*0.7) / 3
			want[i] = w[i] - float64(0.1*g[i])
		}
		w[n], want[n] = 7, 7 // guard
		SubScaled(w[:n], g, 0.1)
		if diff := cmp.Diff(want, w); diff != "" {
			t.Fatalf("n=%d (-want +got):\n%s", n, diff)
		}
	}
}

func TestLengthMismatchPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"Normalize255": func() { Normalize255(make([]float64, 3), make([]byte, 4)) },
		"SubScaled":    func() { SubScaled(make([]float64, 3), make([]float64, 4), 1) },
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

func BenchmarkNormalize255(b *testing.B) {
	src := make([]byte, 784*100)
	dst := make([]float64, len(src))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Normalize255(dst, src)
	}
}

func BenchmarkSubScaled(b *testing.B) {
	w := make([]float64, 39760)
	g := make([]float64, len(w))
	for b.Loop() {
		SubScaled(w, g, 0.1)
	}
}

// TestPiece checks that the pieces tile the range in order, start aligned
// and differ in length by at most one alignment unit.
func TestPiece(t *testing.T) {
	for _, tc := range []struct{ length, n, align int }{
		{0, 2, 8}, {1, 2, 8}, {39200, 2, 8}, {39200, 3, 8}, {100, 7, 1}, {5, 8, 1}, {17, 4, 4},
	} {
		next, minLen, maxLen := 0, tc.length, 0
		for i := range tc.n {
			lo, hi := Piece(tc.length, tc.n, i, tc.align)
			if lo != next || hi < lo || (lo%tc.align != 0 && lo != tc.length) {
				t.Fatalf("%+v: piece %d is [%d, %d) after %d", tc, i, lo, hi, next)
			}
			next = hi
			minLen, maxLen = min(minLen, hi-lo), max(maxLen, hi-lo)
		}
		if next != tc.length {
			t.Errorf("%+v: pieces end at %d", tc, next)
		}
		if tc.length >= tc.n*tc.align && maxLen-minLen > tc.align {
			t.Errorf("%+v: piece lengths from %d to %d", tc, minLen, maxLen)
		}
	}
}

package plot

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// smoothFixture mirrors testdata/smooth_curve.json, made by
// testdata/gen_smooth_curve.py from the book's smooth_curve with NumPy 1.24.
type smoothFixture struct {
	Kaiser []float64 `json:"kaiser_11_2"`
	Cases  []struct {
		Name string    `json:"name"`
		X    []float64 `json:"x"`
		Y    []float64 `json:"y"`
	} `json:"cases"`
}

func loadSmoothFixture(t *testing.T) *smoothFixture {
	t.Helper()
	b, err := os.ReadFile("testdata/smooth_curve.json")
	if err != nil {
		t.Fatal(err)
	}
	var f smoothFixture
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("testdata/smooth_curve.json: %v", err)
	}
	if len(f.Cases) == 0 || len(f.Kaiser) != 11 {
		t.Fatal("testdata/smooth_curve.json: incomplete fixture")
	}
	return &f
}

// TestKaiser compares the window's constants with np.kaiser(11, 2).
func TestKaiser(t *testing.T) {
	f := loadSmoothFixture(t)
	if diff := cmp.Diff(f.Kaiser, kaiser112[:]); diff != "" {
		t.Errorf("kaiser(11, 2) (-numpy +go):\n%s", diff)
	}
}

// TestSmoothCurve compares SmoothCurve with the book's smooth_curve on a
// loss-like curve, values over seven orders of magnitude, a ramp, and every
// length from 1 to 12 (where NumPy's slices give shorter results), bit for
// bit.
func TestSmoothCurve(t *testing.T) {
	f := loadSmoothFixture(t)
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			x := append([]float64(nil), c.X...)
			got := SmoothCurve(x)
			if diff := cmp.Diff(c.Y, got); diff != "" {
				t.Errorf("(-numpy +go):\n%s", diff)
			}
			if !cmp.Equal(c.X, x) {
				t.Error("SmoothCurve modified its input")
			}
		})
	}
}

func TestPairwiseSum(t *testing.T) {
	// Values whose sum depends on the order (1e16 absorbs a lone 1, not
	// a 2); the wanted sums are np.sum's.
	tests := []struct {
		name string
		a    []float64
		want float64
	}{
		{"empty", nil, 0},
		{"short sequential", []float64{1e16, 1, 1}, 1e16}, // ((1e16+1)+1), each 1 lost
		// eight accumulators: r0..r7 = a[0..7], a[8..15] added to them,
		// ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the tail in order
		{"blocked", []float64{1e16, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1}, 1e16},
		{"blocked pairs", []float64{1e16, 1, 1, 1, 1, 1, 1, 1}, 1.0000000000000006e+16},
	}
	for _, tt := range tests {
		if got := pairwiseSum(tt.a); got != tt.want {
			t.Errorf("%s: pairwiseSum = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSmoothCurveEmpty(t *testing.T) {
	defer func() {
		if msg, _ := recover().(string); msg != "plot.SmoothCurve: empty curve" {
			t.Errorf("panic %q, want plot.SmoothCurve: empty curve", msg)
		}
	}()
	SmoothCurve(nil)
}

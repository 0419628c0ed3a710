package plot

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// The expected ticks are written by hand: they are matplotlib's
// AutoLocator choices (MaxNLocator, steps 1, 2, 2.5, 5, 10, at most nbins
// intervals, at least two ticks in view), keeping only the ticks inside
// the limits, as an axis draws them.
func TestNiceTicks(t *testing.T) {
	tests := []struct {
		name   string
		lo, hi float64
		bins   int
		want   []float64
	}{
		{"unit interval", 0, 1, 9, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{"unit interval with margins", -0.05, 1.05, 9, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{"sigmoid ylim", -0.1, 1.1, 9, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{"-5..5 with margins", -5.5, 5.5, 9, []float64{-4, -2, 0, 2, 4}},
		{"-5..4.9 with margins (np.arange(-5, 5, 0.1))", -5.495, 5.395, 9, []float64{-4, -2, 0, 2, 4}},
		{"step 2.5 (gradient_1d x axis)", -0.995, 20.895, 9, []float64{0, 2.5, 5, 7.5, 10, 12.5, 15, 17.5, 20}},
		{"-10..10 wide", -10, 10, 9, []float64{-10, -7.5, -5, -2.5, 0, 2.5, 5, 7.5, 10}},
		{"-10..10 narrow subplot", -10, 10, 5, []float64{-10, -5, 0, 5, 10}},
		{"hist ylim", 0, 7000, 9, []float64{0, 1000, 2000, 3000, 4000, 5000, 6000, 7000}},
		{"negative only", -3.7, -1.2, 9, []float64{-3.5, -3, -2.5, -2, -1.5}},
		{"reversed limits", 1, 0, 9, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{"one bin", 0, 1, 1, []float64{0, 1}},
		{"two bins: step 1, not 0.5 (raw step 0.55)", -0.05, 1.05, 2, []float64{0, 1}},
		{"three bins", -0.05, 1.05, 3, []float64{0, 0.5, 1}},
		{"small values", 0, 1e-4, 9, []float64{0, 2e-5, 4e-5, 6e-5, 8e-5, 1e-4}},
		{"large values", 0, 5e6, 9, []float64{0, 1e6, 2e6, 3e6, 4e6, 5e6}},
		{"offset", 1000.1, 1000.2, 9, []float64{1000.1, 1000.12, 1000.14, 1000.16, 1000.18, 1000.2}},
		{"single value", 3, 3, 9, []float64{3}},
		{"empty for NaN", math.NaN(), 1, 9, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := niceTicks(tc.lo, tc.hi, tc.bins)
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(0, 1e-9*math.Max(1, math.Abs(tc.hi)))); diff != "" {
				t.Errorf("niceTicks(%v, %v, %d) mismatch (-want +got):\n%s", tc.lo, tc.hi, tc.bins, diff)
			}
		})
	}
}

// Tick values are integer multiples of an exact step, so they print as
// the decimal numbers they stand for.
func TestNiceTicksExactDecimals(t *testing.T) {
	got := niceTicks(-0.05, 1.05, 9)
	want := []float64{0, 0.2, 0.4, 0.6, 0.8, 1}
	if !cmp.Equal(got, want) {
		t.Errorf("niceTicks(-0.05, 1.05, 9) = %v, want exactly %v", got, want)
	}
}

func TestFormatTicks(t *testing.T) {
	tests := []struct {
		ticks []float64
		want  []string
	}{
		{[]float64{0, 0.2, 0.4, 0.6, 0.8, 1}, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
		{[]float64{-4, -2, 0, 2, 4}, []string{"-4", "-2", "0", "2", "4"}},
		{[]float64{0, 0.25, 0.5}, []string{"0.00", "0.25", "0.50"}},
		{[]float64{0, 2.5, 5, 7.5}, []string{"0.0", "2.5", "5.0", "7.5"}},
		{[]float64{0, 1000, 2000}, []string{"0", "1000", "2000"}},
		{[]float64{0.001, 0.002}, []string{"0.001", "0.002"}},
		{[]float64{0, 2e-5, 4e-5}, []string{"0", "2e-05", "4e-05"}},
		{[]float64{1e-5, 1.5e-5, 2e-5}, []string{"1.0e-05", "1.5e-05", "2.0e-05"}},
		{[]float64{0, 1e6, 2e6}, []string{"0", "1e+06", "2e+06"}},
		{[]float64{1000.1, 1000.12, 1000.14}, []string{"1000.10", "1000.12", "1000.14"}},
		{[]float64{-1e-17, 0.5, 1}, []string{"0.0", "0.5", "1.0"}},
		{[]float64{0.1 + 0.2, 0.4}, []string{"0.3", "0.4"}},
		{[]float64{3}, []string{"3"}},
		{[]float64{0}, []string{"0"}},
		{nil, nil},
	}
	for _, tc := range tests {
		if got := formatTicks(tc.ticks); !cmp.Equal(got, tc.want) {
			t.Errorf("formatTicks(%v) = %q, want %q", tc.ticks, got, tc.want)
		}
	}
}

func TestTickBins(t *testing.T) {
	tests := []struct {
		px         float64
		horizontal bool
		want       int
	}{
		{496, true, 9},    // the default axes' width
		{369.6, false, 9}, // and height
		{90, true, 2},     // one of five subplots in a row
		{225, true, 5},
		{10, true, 1},
	}
	for _, tc := range tests {
		if got := tickBins(tc.px, tc.horizontal); got != tc.want {
			t.Errorf("tickBins(%v, %v) = %d, want %d", tc.px, tc.horizontal, got, tc.want)
		}
	}
}

func TestAutoscale(t *testing.T) {
	tests := []struct {
		name           string
		lo, hi         float64
		has            bool
		sticky         []float64
		wantLo, wantHi float64
	}{
		{"5% margins", 0, 1, true, nil, -0.05, 1.05},
		{"no data", 0, 0, false, nil, 0, 1},
		{"sticky zero under bars", 0, 100, true, []float64{0}, 0, 105},
		{"sticky beyond the margin has no effect", 0, 100, true, []float64{-50}, -5, 105},
		{"sticky on both sides", -0.5, 4.5, true, []float64{-0.5, 4.5}, -0.5, 4.5},
		{"single value", 2, 2, true, nil, 1.9, 2.1},
		{"single zero", 0, 0, true, nil, -0.05, 0.05},
	}
	for _, tc := range tests {
		lo, hi := autoscale(tc.lo, tc.hi, tc.has, tc.sticky)
		if math.Abs(lo-tc.wantLo) > 1e-12 || math.Abs(hi-tc.wantHi) > 1e-12 {
			t.Errorf("%s: autoscale(%v, %v) = %v, %v, want %v, %v", tc.name, tc.lo, tc.hi, lo, hi, tc.wantLo, tc.wantHi)
		}
	}
}

func TestAppendNum(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0, "0"}, {1, "1"}, {-1, "-1"}, {12.5, "12.5"}, {12.345, "12.35"}, {100, "100"},
		{-0.001, "0"}, {0.004, "0"}, {0.005, "0.01"}, {1e6, "1000000"}, {math.NaN(), "0"},
		{-123.456, "-123.46"}, {1e300, "10000000"}, {math.Inf(-1), "0"},
	}
	for _, tc := range tests {
		if got := string(appendNum(nil, tc.v)); got != tc.want {
			t.Errorf("appendNum(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestSimplify(t *testing.T) {
	// Collinear points go, corners stay.
	in := []pt{{0, 0}, {1, 0}, {2, 0}, {3, 0}, {3, 1}, {3, 2}, {2.5, 2.05}, {2, 2}}
	want := []pt{{0, 0}, {3, 0}, {3, 2}, {2, 2}}
	if got := simplify(in, 0.1); !cmp.Equal(got, want, cmp.AllowUnexported(pt{})) {
		t.Errorf("simplify = %v, want %v", got, want)
	}
	// A line that turns back on itself keeps its turning point.
	in = []pt{{0, 0}, {5, 0}, {1, 0}}
	if got := simplify(in, 0.1); len(got) != 3 {
		t.Errorf("simplify of a back-turning line = %v, want all 3 points", got)
	}
}

func TestMarchingSquaresCircle(t *testing.T) {
	var xs, ys []float64
	for i := range 41 {
		xs = append(xs, -2+float64(i)*0.1)
		ys = append(ys, -2+float64(i)*0.1)
	}
	z := make([]float64, 0, len(xs)*len(ys))
	for _, y := range ys {
		for _, x := range xs {
			z = append(z, x*x+y*y)
		}
	}
	lines := marchingSquares(xs, ys, z, 1)
	if len(lines) != 1 {
		t.Fatalf("got %d lines for the unit circle, want 1", len(lines))
	}
	l := lines[0]
	if l[0] != l[len(l)-1] {
		t.Errorf("the circle is not closed: starts %v, ends %v", l[0], l[len(l)-1])
	}
	if len(l) < 40 {
		t.Errorf("the circle has %d points, want at least 40", len(l))
	}
	for _, p := range l {
		if r := math.Hypot(p.x, p.y); math.Abs(r-1) > 0.01 {
			t.Fatalf("point %v is at radius %v, want 1 ± 0.01", p, r)
		}
	}
	// A level outside the data gives nothing; NaN cells are left out.
	if got := marchingSquares(xs, ys, z, 100); len(got) != 0 {
		t.Errorf("level 100: got %d lines, want 0", len(got))
	}
	for i := range z {
		if xs[i%len(xs)] > 0 {
			z[i] = math.NaN()
		}
	}
	lines = marchingSquares(xs, ys, z, 1)
	if len(lines) != 1 || lines[0][0] == lines[0][len(lines[0])-1] {
		t.Errorf("half circle: got %d lines, want 1 open line", len(lines))
	}
}

func TestAutoLevels(t *testing.T) {
	// optimizer_compare_naive.py: z in [0, 7] gives the levels 1..6.
	got := autoLevels([]float64{0, 3.5, 7, math.NaN()})
	if want := []float64{1, 2, 3, 4, 5, 6}; !cmp.Equal(got, want) {
		t.Errorf("autoLevels over [0, 7] = %v, want %v", got, want)
	}
	if got := autoLevels([]float64{2, 2}); !cmp.Equal(got, []float64{2}) {
		t.Errorf("autoLevels of a constant = %v, want [2]", got)
	}
}

func TestTextWidth(t *testing.T) {
	if got := textWidth("0", 10); math.Abs(got-6.36) > 1e-9 {
		t.Errorf("textWidth(\"0\", 10) = %v, want 6.36", got)
	}
	if a, b := textWidth("iii", 10), textWidth("WWW", 10); a >= b {
		t.Errorf("textWidth: iii (%v) should be narrower than WWW (%v)", a, b)
	}
	if got := textWidth("日本", 10); got != 20 {
		t.Errorf("textWidth of two CJK characters = %v, want 20", got)
	}
}

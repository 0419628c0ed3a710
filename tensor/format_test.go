package tensor

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"testing"
)

// The expected strings in this file were printed by NumPy 1.24.2
// (str(np.array(...)) and str(np.float64(...))), never by this package.

var (
	negZero = math.Copysign(0, -1)
	nan     = math.NaN()
	inf     = math.Inf(1)
)

// seq returns n values f(0), f(1), ..., f(n-1).
func seq(n int, f func(i float64) float64) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = f(float64(i))
	}
	return v
}

func TestString(t *testing.T) {
	// 1001 ones with values the summary hides: NumPy ignores them when it
	// picks the format.
	hidden := seq(1001, func(float64) float64 { return 1 })
	hidden[500] = 1e10
	hidden[501] = nan

	tests := []struct {
		name string
		t    *Tensor
		want string
	}{
		{"mixed signs", Vector(-1.5, 2.25, 3.0, -0.125), "[-1.5    2.25   3.    -0.125]"},
		{"positive", Vector(0.5, 1.75, 100.0), "[  0.5    1.75 100.  ]"},
		{"integral", Vector(1, 2, 3), "[1. 2. 3.]"},
		{"mixed fraction lengths", Vector(0.1, 0.25), "[0.1  0.25]"},
		{"fractions rounded and padded", Vector(1.0, 0.5, 0.123456789, -12.0),
			"[  1.           0.5          0.12345679 -12.        ]"},
		{"1e8 switches to scientific", Vector(1e8, 1), "[1.e+08 1.e+00]"},
		{"large only", Vector(123456789.0, 987654321.5), "[1.23456789e+08 9.87654322e+08]"},
		{"just below 1e8 stays positional", Vector(99999999.0, 100000.0), "[99999999.   100000.]"},
		{"small switches to scientific", Vector(1e-05, 1.0), "[1.e-05 1.e+00]"},
		{"1e-4 stays positional", Vector(0.0001, 0.1), "[0.0001 0.1   ]"},
		{"ratio over 1000 switches", Vector(0.001, 2.0), "[1.e-03 2.e+00]"},
		{"ratio of 1000 stays positional", Vector(0.001, 1.0), "[0.001 1.   ]"},
		{"three digit exponents", Vector(1e-100, 1.5, -2e+200), "[ 1.0e-100  1.5e+000 -2.0e+200]"},
		{"zeros", Zeros(3), "[0. 0. 0.]"},
		{"negative zero", Vector(negZero, 0.0, 1.0), "[-0.  0.  1.]"},
		{"negative zero only", Vector(negZero), "[-0.]"},
		{"negative zero scientific", Vector(negZero, 1e-05), "[-0.e+00  1.e-05]"},
		{"nan and inf", Vector(nan, 1.5, -inf, inf), "[ nan  1.5 -inf  inf]"},
		{"nan and inf scientific", Vector(nan, 1e-09, -inf, 2500000000000.0), "[    nan 1.0e-09    -inf 2.5e+12]"},
		{"only non-finite", Vector(nan, inf), "[nan inf]"},
		{"only non-finite with -inf", Vector(nan, -inf), "[ nan -inf]"},
		{"nan widens integral column", Vector(nan, 1.0), "[nan  1.]"},
		{"round up at 8th digit", Vector(0.999999999, 9.9999999999), "[ 1. 10.]"},
		{"round up across exponent", Vector(9.9999999999e-05, 1.0), "[1.e-04 1.e+00]"},
		{"exact ties round half to even", Vector(0.001953125, 0.005859375, 0.5), "[0.00195312 0.00585938 0.5       ]"},
		{"subnormal gets exact digits", Vector(5e-324, 1.234e-300), "[4.941e-324 1.234e-300]"},
		{"seed program row", FromRows([][]float64{{0x1.8a591edd2e45dp+1, -0x1.2ee60fd294f81p+0}}),
			"[[ 3.08084474 -1.18319796]]"},
		{"matrix", FromRows([][]float64{{1.0, -2.5, 3.25}, {4.0, 5.0, -6.125}}),
			"[[ 1.    -2.5    3.25 ]\n [ 4.     5.    -6.125]]"},
		{"3-D", New(seq(24, func(i float64) float64 { return i/4 - 2 }), 2, 3, 4),
			"[[[-2.   -1.75 -1.5  -1.25]\n  [-1.   -0.75 -0.5  -0.25]\n  [ 0.    0.25  0.5   0.75]]\n\n [[ 1.    1.25  1.5   1.75]\n  [ 2.    2.25  2.5   2.75]\n  [ 3.    3.25  3.5   3.75]]]"},
		{"4-D", New(seq(16, func(i float64) float64 { return i * 1.5 }), 2, 2, 2, 2),
			"[[[[ 0.   1.5]\n   [ 3.   4.5]]\n\n  [[ 6.   7.5]\n   [ 9.  10.5]]]\n\n\n [[[12.  13.5]\n   [15.  16.5]]\n\n  [[18.  19.5]\n   [21.  22.5]]]]"},
		{"long 1-D wraps", New(seq(30, func(i float64) float64 { return i * 1.1 })),
			"[ 0.   1.1  2.2  3.3  4.4  5.5  6.6  7.7  8.8  9.9 11.  12.1 13.2 14.3\n 15.4 16.5 17.6 18.7 19.8 20.9 22.  23.1 24.2 25.3 26.4 27.5 28.6 29.7\n 30.8 31.9]"},
		{"scientific 1-D wraps", New(seq(20, func(i float64) float64 { return i * 1e10 / 3 })),
			"[0.00000000e+00 3.33333333e+09 6.66666667e+09 1.00000000e+10\n 1.33333333e+10 1.66666667e+10 2.00000000e+10 2.33333333e+10\n 2.66666667e+10 3.00000000e+10 3.33333333e+10 3.66666667e+10\n 4.00000000e+10 4.33333333e+10 4.66666667e+10 5.00000000e+10\n 5.33333333e+10 5.66666667e+10 6.00000000e+10 6.33333333e+10]"},
		{"2-D rows wrap", New(seq(36, func(i float64) float64 { return (i - 5) / 3 }), 2, 18),
			"[[-1.66666667 -1.33333333 -1.         -0.66666667 -0.33333333  0.\n   0.33333333  0.66666667  1.          1.33333333  1.66666667  2.\n   2.33333333  2.66666667  3.          3.33333333  3.66666667  4.        ]\n [ 4.33333333  4.66666667  5.          5.33333333  5.66666667  6.\n   6.33333333  6.66666667  7.          7.33333333  7.66666667  8.\n   8.33333333  8.66666667  9.          9.33333333  9.66666667 10.        ]]"},
		{"3-D rows wrap", New(seq(60, func(i float64) float64 { return (i - 7) / 9 }), 2, 2, 15),
			"[[[-0.77777778 -0.66666667 -0.55555556 -0.44444444 -0.33333333\n   -0.22222222 -0.11111111  0.          0.11111111  0.22222222\n    0.33333333  0.44444444  0.55555556  0.66666667  0.77777778]\n  [ 0.88888889  1.          1.11111111  1.22222222  1.33333333\n    1.44444444  1.55555556  1.66666667  1.77777778  1.88888889\n    2.          2.11111111  2.22222222  2.33333333  2.44444444]]\n\n [[ 2.55555556  2.66666667  2.77777778  2.88888889  3.\n    3.11111111  3.22222222  3.33333333  3.44444444  3.55555556\n    3.66666667  3.77777778  3.88888889  4.          4.11111111]\n  [ 4.22222222  4.33333333  4.44444444  4.55555556  4.66666667\n    4.77777778  4.88888889  5.          5.11111111  5.22222222\n    5.33333333  5.44444444  5.55555556  5.66666667  5.77777778]]]"},
		{"summarised 1-D", New(seq(1001, func(i float64) float64 { return i / 7 })),
			"[0.00000000e+00 1.42857143e-01 2.85714286e-01 ... 1.42571429e+02\n 1.42714286e+02 1.42857143e+02]"},
		{"summarised 2-D", New(seq(1200, func(i float64) float64 { return (i - 600) / 7 }), 40, 30),
			"[[-85.71428571 -85.57142857 -85.42857143 ... -81.85714286 -81.71428571\n  -81.57142857]\n [-81.42857143 -81.28571429 -81.14285714 ... -77.57142857 -77.42857143\n  -77.28571429]\n [-77.14285714 -77.         -76.85714286 ... -73.28571429 -73.14285714\n  -73.        ]\n ...\n [ 72.85714286  73.          73.14285714 ...  76.71428571  76.85714286\n   77.        ]\n [ 77.14285714  77.28571429  77.42857143 ...  81.          81.14285714\n   81.28571429]\n [ 81.42857143  81.57142857  81.71428571 ...  85.28571429  85.42857143\n   85.57142857]]"},
		{"summarised 3-D", New(seq(1200, func(i float64) float64 { return i / 8 }), 2, 3, 200),
			"[[[0.00000e+00 1.25000e-01 2.50000e-01 ... 2.46250e+01 2.47500e+01\n   2.48750e+01]\n  [2.50000e+01 2.51250e+01 2.52500e+01 ... 4.96250e+01 4.97500e+01\n   4.98750e+01]\n  [5.00000e+01 5.01250e+01 5.02500e+01 ... 7.46250e+01 7.47500e+01\n   7.48750e+01]]\n\n [[7.50000e+01 7.51250e+01 7.52500e+01 ... 9.96250e+01 9.97500e+01\n   9.98750e+01]\n  [1.00000e+02 1.00125e+02 1.00250e+02 ... 1.24625e+02 1.24750e+02\n   1.24875e+02]\n  [1.25000e+02 1.25125e+02 1.25250e+02 ... 1.49625e+02 1.49750e+02\n   1.49875e+02]]]"},
		{"summarised 4-D", New(seq(1040, func(i float64) float64 { return i / 3 }), 2, 2, 2, 130),
			"[[[[0.00000000e+00 3.33333333e-01 6.66666667e-01 ... 4.23333333e+01\n    4.26666667e+01 4.30000000e+01]\n   [4.33333333e+01 4.36666667e+01 4.40000000e+01 ... 8.56666667e+01\n    8.60000000e+01 8.63333333e+01]]\n\n  [[8.66666667e+01 8.70000000e+01 8.73333333e+01 ... 1.29000000e+02\n    1.29333333e+02 1.29666667e+02]\n   [1.30000000e+02 1.30333333e+02 1.30666667e+02 ... 1.72333333e+02\n    1.72666667e+02 1.73000000e+02]]]\n\n\n [[[1.73333333e+02 1.73666667e+02 1.74000000e+02 ... 2.15666667e+02\n    2.16000000e+02 2.16333333e+02]\n   [2.16666667e+02 2.17000000e+02 2.17333333e+02 ... 2.59000000e+02\n    2.59333333e+02 2.59666667e+02]]\n\n  [[2.60000000e+02 2.60333333e+02 2.60666667e+02 ... 3.02333333e+02\n    3.02666667e+02 3.03000000e+02]\n   [3.03333333e+02 3.03666667e+02 3.04000000e+02 ... 3.45666667e+02\n    3.46000000e+02 3.46333333e+02]]]]"},
		{"summarised uses only shown values", New(hidden), "[1. 1. 1. ... 1. 1. 1.]"},
		{"empty (0,)", Zeros(0), "[]"},
		{"empty (2,0)", Zeros(2, 0), "[]"},
		{"shape () scalar", Scalar(0x1.8a591edd2e45dp+1), "3.0808447437271256"},
		{"shape () integral", Scalar(2), "2.0"},
		{"shape () small", Scalar(1e-05), "1e-05"},
		{"shape () negative zero", Scalar(negZero), "-0.0"},
		{"shape () nan", Scalar(nan), "nan"},
		{"shape () -inf", Scalar(-inf), "-inf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.t.String(); got != tt.want {
				t.Errorf("String() mismatch\ngot:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestFormatFloat(t *testing.T) {
	tests := []struct {
		x    float64
		want string
	}{
		{0.0035290422128433038, "0.0035290422128433038"},
		{1.0, "1.0"},
		{1e-05, "1e-05"},
		{1e16, "1e+16"},
		{nan, "nan"},
		{inf, "inf"},
		{-inf, "-inf"},
		{negZero, "-0.0"},
		{0, "0.0"},
		{9999999999999998.0, "9999999999999998.0"},
		{0.0001, "0.0001"},
		{9.999999999999999e-05, "9.999999999999999e-05"},
		{5e-324, "5e-324"},
		{1.7976931348623157e+308, "1.7976931348623157e+308"},
		{123456789.0, "123456789.0"},
		{0.1, "0.1"},
		{1e22, "1e+22"},
		{1e15, "1000000000000000.0"},
		{-2.5e-07, "-2.5e-07"},
		{0x1.8a591edd2e45dp+1, "3.0808447437271256"},
		{0.30000000000000004, "0.30000000000000004"},
		{9.223372036854776e+18, "9.223372036854776e+18"},
		{1e-100, "1e-100"},
	}
	for _, tt := range tests {
		if got := FormatFloat(tt.x); got != tt.want {
			t.Errorf("FormatFloat(%v) = %q, want %q", tt.x, got, tt.want)
		}
	}
}

// numpyFixture is testdata/format_numpy.json, written by
// testdata/gen_format.py.
type numpyFixture struct {
	NumPy  string `json:"numpy"`
	Arrays []struct {
		Shape  []int    `json:"shape"`
		Values []string `json:"values"` // float.hex() of every element
		Fill   string   `json:"fill"`   // or: every element is Fill...
		Set    [][2]any `json:"set"`    // ...except these [flat index, hex]
		Str    string   `json:"str"`    // NumPy's str(a)
	} `json:"arrays"`
	Scalars [][2]string `json:"scalars"` // [hex, str(np.float64(x))]
}

func parseHex(t *testing.T, s string) float64 {
	t.Helper()
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("bad fixture value %q: %v", s, err)
	}
	return x
}

func TestStringNumPyFixture(t *testing.T) {
	raw, err := os.ReadFile("testdata/format_numpy.json")
	if err != nil {
		t.Fatal(err)
	}
	var fx numpyFixture
	if err := json.Unmarshal(raw, &fx); err != nil {
		t.Fatal(err)
	}
	if len(fx.Arrays) < 200 || len(fx.Scalars) < 2000 {
		t.Fatalf("fixture holds %d arrays and %d scalars, want a few hundred and a few thousand",
			len(fx.Arrays), len(fx.Scalars))
	}
	failed := 0
	for i, c := range fx.Arrays {
		n := checkShape("fixture", c.Shape)
		var data []float64
		if c.Values != nil {
			data = make([]float64, len(c.Values))
			for j, h := range c.Values {
				data[j] = parseHex(t, h)
			}
		} else {
			fill := parseHex(t, c.Fill)
			data = make([]float64, n)
			for j := range data {
				data[j] = fill
			}
			for _, s := range c.Set {
				data[int(s[0].(float64))] = parseHex(t, s[1].(string))
			}
		}
		if len(data) != n {
			t.Fatalf("array %d: %d values for shape %v", i, len(data), c.Shape)
		}
		x := &Tensor{shape: c.Shape, data: data}
		if got := x.String(); got != c.Str {
			failed++
			if failed <= 10 {
				t.Errorf("array %d, shape %s: String() mismatch\ngot:\n%s\nwant (NumPy %s):\n%s",
					i, ShapeString(c.Shape), got, fx.NumPy, c.Str)
			}
		}
	}
	for _, c := range fx.Scalars {
		x := parseHex(t, c[0])
		if got := FormatFloat(x); got != c[1] {
			failed++
			if failed <= 20 {
				t.Errorf("FormatFloat(%s) = %q, NumPy %s prints %q", c[0], got, fx.NumPy, c[1])
			}
		}
	}
	if failed > 0 {
		t.Errorf("%d of %d fixture cases differ from NumPy", failed, len(fx.Arrays)+len(fx.Scalars))
	}
	t.Logf("compared %d arrays and %d scalars with NumPy %s", len(fx.Arrays), len(fx.Scalars), fx.NumPy)
}

// TestStringNilAndFmt checks that String serves fmt's %v and %s and
// tolerates a nil tensor.
func TestStringNilAndFmt(t *testing.T) {
	x := Vector(0.1, 0.25)
	if got := fmt.Sprintf("%v|%s", x, x); got != "[0.1  0.25]|[0.1  0.25]" {
		t.Errorf("fmt %%v|%%s = %q", got)
	}
	var nilT *Tensor
	if got := nilT.String(); got != "<nil>" {
		t.Errorf("nil String() = %q", got)
	}
}

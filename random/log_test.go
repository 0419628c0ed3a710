package random

import (
	"encoding/binary"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"testing"
)

// glibcMaxExcess is how far beyond half an ulp glibc 2.36's log may be off:
// its documented worst-case error is 0.519 ulp. The largest excess seen in
// 2·10^8 random inputs was 0.0186 ulp.
const glibcMaxExcess = 0.02

// TestLogGlibcFixture compares log with glibc's log on the inputs of
// testdata/log_glibc.bin (made by testdata/gen_log_fixture.c). Every entry
// must be bit-equal, except where glibc's own result is not correctly
// rounded: there log must give the correctly rounded value (checked with
// 320-bit arithmetic), glibc's value must be the adjacent double, and the
// exact logarithm must lie within glibcMaxExcess ulp of the midpoint
// between the two, where glibc's documented error allows it to round the
// other way. Those entries are counted and logged.
func TestLogGlibcFixture(t *testing.T) {
	b, err := os.ReadFile("testdata/log_glibc.bin")
	if err != nil {
		t.Fatal(err)
	}
	if len(b) == 0 || len(b)%16 != 0 {
		t.Fatalf("testdata/log_glibc.bin: %d bytes, want a positive multiple of 16", len(b))
	}
	n := len(b) / 16
	misrounded := 0
	for k := 0; k < n; k++ {
		x := math.Float64frombits(binary.LittleEndian.Uint64(b[16*k:]))
		want := math.Float64frombits(binary.LittleEndian.Uint64(b[16*k+8:]))
		got := log(x)
		if math.IsNaN(want) {
			if !math.IsNaN(got) {
				t.Errorf("entry %d: log(%x) = %x, want NaN", k, x, got)
			}
			continue
		}
		if math.Float64bits(got) == math.Float64bits(want) {
			continue
		}
		cr, dist := bigLogRounded(x)
		if got != cr || math.Nextafter(got, want) != want || dist > glibcMaxExcess {
			t.Errorf("entry %d: log(%x) = %x, glibc %x, correctly rounded %x (exact value %.4f ulp from the midpoint)",
				k, x, got, want, cr, dist)
			continue
		}
		misrounded++
	}
	t.Logf("%d entries: %d bit-equal to glibc, %d where glibc is not correctly rounded (%.3f%%)",
		n, n-misrounded, misrounded, 100*float64(misrounded)/float64(n))
}

func TestLogSpecialCases(t *testing.T) {
	tests := []struct {
		x, want float64
	}{
		{1, 0},
		{0, math.Inf(-1)},
		{math.Copysign(0, -1), math.Inf(-1)},
		{-1, math.NaN()},
		{-0x1p-1074, math.NaN()},
		{math.Inf(-1), math.NaN()},
		{math.Inf(1), math.Inf(1)},
		{math.NaN(), math.NaN()},
		{math.E, 1},
		{2, math.Ln2},
		{0.5, -math.Ln2},
		{0x1p-1074, -744.4400719213812},
		{math.MaxFloat64, 709.782712893384},
	}
	for _, tt := range tests {
		got := log(tt.x)
		if math.Float64bits(got) != math.Float64bits(tt.want) && !(math.IsNaN(got) && math.IsNaN(tt.want)) {
			t.Errorf("log(%v) = %v (%x), want %v (%x)", tt.x, got, got, tt.want, tt.want)
		}
	}
	if got := log(1); math.Signbit(got) {
		t.Errorf("log(1) = -0, want +0")
	}
}

// TestLogCorrectlyRounded compares log with the 320-bit reference on random
// inputs of several kinds.
func TestLogCorrectlyRounded(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	kinds := []struct {
		name string
		gen  func() float64
	}{
		{"uniform53", func() float64 { return float64(r.Uint64()>>11) * 0x1p-53 }},
		{"bits", func() float64 { return math.Float64frombits(r.Uint64() >> 1) }},
		{"near1", func() float64 { return 1 + (r.Float64()-0.5)/64 }},
		{"near1ulps", func() float64 { return 1 + float64(int64(r.Uint64()%2001)-1000)*0x1p-52 }},
		{"subnormal", func() float64 { return math.Float64frombits(r.Uint64() >> 12) }},
	}
	n := 1500
	if testing.Short() {
		n = 200
	}
	for _, k := range kinds {
		for i := 0; i < n; i++ {
			x := k.gen()
			if x <= 0 || math.IsInf(x, 0) || math.IsNaN(x) {
				continue
			}
			if want, _ := bigLogRounded(x); log(x) != want {
				t.Errorf("%s: log(%x) = %x, want %x", k.name, x, log(x), want)
			}
		}
	}
}

// TestLogDD checks logDD, which builds the reduction table, against the
// 320-bit reference: relative error below 2^-100.
func TestLogDD(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	xs := []float64{0.75, 1.5, math.Sqrt2, math.Sqrt2 / 2, 0x1p-1022, math.MaxFloat64}
	for i := 0; i < 300; i++ {
		xs = append(xs, 0.6+0.9*r.Float64(), math.Float64frombits(r.Uint64()>>2+0x2000000000000000))
	}
	for _, tab := range logTable {
		xs = append(xs, tab.invc)
	}
	for _, x := range xs {
		h, l := logDD(x)
		if x == 1 {
			continue
		}
		checkRelErr(t, "logDD", x, h, l, bigLog(x), -100)
	}
	for i, tab := range logTable {
		if (i == 0 || i == logTableSize-1) != (tab.invc == 1) {
			t.Errorf("logTable[%d].invc = %v", i, tab.invc)
		}
		if tab.invc == 1 {
			if tab.negLogHi != 0 || tab.negLogLo != 0 {
				t.Errorf("logTable[%d]: -log(1) = %v + %v", i, tab.negLogHi, tab.negLogLo)
			}
			continue
		}
		checkRelErr(t, "logTable", tab.invc, -tab.negLogHi, -tab.negLogLo, bigLog(tab.invc), -100)
	}
}

// TestLogNormalError checks the double-double result of the fast path
// before its final rounding: relative error below 2^-100.
func TestLogNormalError(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 2000; i++ {
		var x float64
		switch i % 3 {
		case 0:
			x = r.Float64()
		case 1:
			x = 1 + (r.Float64()-0.5)/16
		case 2:
			x = math.Float64frombits(r.Uint64()>>2 + 0x1000000000000000)
		}
		if x <= 0 || x == 1 {
			continue
		}
		h, l := logNormal(math.Float64bits(x), 0)
		checkRelErr(t, "logNormal", x, h, l, bigLog(x), -100)
	}
}

func checkRelErr(t *testing.T, name string, x, h, l float64, exact *big.Float, log2Max float64) {
	t.Helper()
	d := new(big.Float).SetPrec(bigPrec).Sub(exact, new(big.Float).SetPrec(bigPrec).SetFloat64(h))
	d.Sub(d, new(big.Float).SetPrec(bigPrec).SetFloat64(l))
	rel, _ := new(big.Float).SetPrec(bigPrec).Quo(d, exact).Float64()
	if rel != 0 && math.Log2(math.Abs(rel)) > log2Max {
		t.Errorf("%s(%x): relative error 2^%.1f, want below 2^%v", name, x, math.Log2(math.Abs(rel)), log2Max)
	}
}

// TestLogConstants checks the double-double constants against 320-bit
// values.
func TestLogConstants(t *testing.T) {
	sum := func(h, l float64) *big.Float {
		s := new(big.Float).SetPrec(bigPrec).SetFloat64(h)
		return s.Add(s, new(big.Float).SetPrec(bigPrec).SetFloat64(l))
	}
	ratio := func(n, d int64) *big.Float {
		return new(big.Float).SetPrec(bigPrec).Quo(big.NewFloat(float64(n)).SetPrec(bigPrec), big.NewFloat(float64(d)).SetPrec(bigPrec))
	}
	tests := []struct {
		name   string
		h, l   float64
		exact  *big.Float
		maxLog float64
	}{
		{"ln2", ln2Hi, ln2Lo, bigLn2(), -106},
		{"1/3", third3Hi, third3Lo, ratio(1, 3), -106},
		{"1/5", fifth5Hi, fifth5Lo, ratio(1, 5), -106},
	}
	for _, tt := range tests {
		d := new(big.Float).SetPrec(bigPrec).Sub(tt.exact, sum(tt.h, tt.l))
		rel, _ := d.Quo(d, tt.exact).Float64()
		if rel != 0 && math.Log2(math.Abs(rel)) > tt.maxLog {
			t.Errorf("%s: relative error 2^%.1f", tt.name, math.Log2(math.Abs(rel)))
		}
	}
	if ln2Hi != float64(math.Ln2) {
		t.Errorf("ln2Hi = %x, want math.Ln2 = %x", ln2Hi, math.Ln2)
	}
}

var sinkF float64

func benchInputs() []float64 {
	r := rand.New(rand.NewPCG(9, 10))
	xs := make([]float64, 1024)
	for i := range xs {
		xs[i] = float64(r.Uint64()>>11)*0x1p-53 + 0x1p-60
	}
	return xs
}

// BenchmarkLog times log on uniform inputs in (0, 1).
func BenchmarkLog(b *testing.B) {
	xs := benchInputs()
	s := 0.0
	for i := 0; b.Loop(); i++ {
		s += log(xs[i&1023])
	}
	sinkF = s
}

// BenchmarkMathLog times math.Log on the same inputs, for comparison.
func BenchmarkMathLog(b *testing.B) {
	xs := benchInputs()
	s := 0.0
	for i := 0; b.Loop(); i++ {
		s += math.Log(xs[i&1023])
	}
	sinkF = s
}

// BenchmarkNormFloat64 times one Gaussian draw (half a logarithm each).
func BenchmarkNormFloat64(b *testing.B) {
	g := New(0)
	s := 0.0
	for b.Loop() {
		s += g.NormFloat64()
	}
	sinkF = s
}

// BenchmarkFloat64 times one uniform draw.
func BenchmarkFloat64(b *testing.B) {
	g := New(0)
	s := 0.0
	for b.Loop() {
		s += g.Float64()
	}
	sinkF = s
}

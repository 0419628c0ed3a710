package cpow

import (
	"math"
	"math/big"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestPow10 compares Pow10 with Python's 10 ** u (C's pow) bit for bit on
// the draws of testdata/numpy_pow10.txt: 1000 plain draws of the script's
// two ranges and 1000 for which C's pow is not correctly rounded. The
// correctly rounded power (and Go's math.Pow, for about half of them)
// would differ.
func TestPow10(t *testing.T) {
	b, err := os.ReadFile("testdata/numpy_pow10.txt")
	if err != nil {
		t.Fatal(err)
	}
	n, bad, powDiffers := 0, 0, 0
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 2 {
			t.Fatalf("line %d: %q is not u and 10 ** u", i+1, line)
		}
		u, err1 := strconv.ParseFloat(f[0], 64)
		want, err2 := strconv.ParseFloat(f[1], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("line %d: %q: %v %v", i+1, line, err1, err2)
		}
		n++
		if got := Pow10(u); got != want {
			if bad++; bad <= 10 {
				t.Errorf("Pow10(%v) = %v, Python %v", u, got, want)
			}
		}
		if math.Pow(10, u) != want {
			powDiffers++
		}
	}
	if n != 2000 {
		t.Errorf("%d values, want 2000", n)
	}
	if bad > 0 {
		t.Errorf("%d of %d values differ from Python's", bad, n)
	}
	t.Logf("math.Pow(10, u) differs from Python's for %d of the %d values", powDiffers, n)
}

// TestLog10Split checks the constants of Pow10: log10Hi + log10Lo is
// log(10) to within 2^-66 relative, and log10Hi is log(10) rounded.
func TestLog10Split(t *testing.T) {
	const prec = 200
	ln10, _, err := big.ParseFloat("2.30258509299404568401799145468436420760110148862877297603332790096757260967735248023599721", 10, prec, big.ToNearestEven)
	if err != nil {
		t.Fatal(err)
	}
	const (
		hi = 0x1.26bb1bbb55516p+01
		lo = -0x1.f48ad482p-53
	)
	if f, _ := ln10.Float64(); f != hi {
		t.Errorf("log(10) rounds to %x, log10Hi is %x", f, hi)
	}
	sum := new(big.Float).SetPrec(prec).SetFloat64(hi)
	sum.Add(sum, new(big.Float).SetPrec(prec).SetFloat64(lo))
	diff := new(big.Float).SetPrec(prec).Sub(sum, ln10)
	rel, _ := diff.Quo(diff, ln10).Float64()
	if math.Abs(rel) > 0x1p-66 {
		t.Errorf("log10Hi + log10Lo differs from log(10) by %g relative", rel)
	}
}

// TestExpTable checks the generated table against entries of exp_data.c
// (EXP_TABLE_BITS 7).
func TestExpTable(t *testing.T) {
	want := map[int][2]uint64{
		0:   {0x0, 0x3ff0000000000000},
		1:   {0x3c9b3b4f1a88bf6e, 0x3feff63da9fb3335},
		2:   {0xbc7160139cd8dc5d, 0x3fefec9a3e778061},
		64:  {0xbc93b3efbf5e2228, 0x3feea09e667f3bcd},
		127: {0x3c5305c14160cc89, 0x3feff3c22b8f71f1},
	}
	for k, w := range want {
		if got := [2]uint64{expTab[2*k], expTab[2*k+1]}; got != w {
			t.Errorf("entry %d is %#x, exp_data.c has %#x", k, got, w)
		}
	}
}

package random

import "math"

// This file holds a natural logarithm that rounds to nearest, used by
// NormFloat64 in place of math.Log. NumPy's Gaussian calls the C library's
// log. math.Log differs from glibc's by one ulp for several percent of
// inputs in (0, 1), and a single ulp there changes the Gaussian's bits.
// glibc 2.36's log is not correctly rounded either, but it is off far less
// often: on 2·10^8 random inputs in (0, 1) it differed from this function
// for 0.08% of them, each time by one ulp, each time with this function
// giving the correctly rounded value and the exact logarithm within 0.019
// ulp of the midpoint between the two (see TestLogGlibcFixture).
//
// Method. For a positive normal x = 2^e·z with z in [0.75, 1.5),
//
//	log x = e·ln2 + log(1/invc) + log1p(r),  r = z·invc − 1,
//
// where invc ≈ 1/c for a point c of the table interval that holds z (256
// intervals; c = 1 exactly for the two intervals next to 1, so that inputs
// near 1 lose nothing to cancellation). r is formed exactly as a
// double-double with an error-free product, |r| < 2^-8, and
//
//	log1p(r) = 2·atanh(s) = 2s·(1 + s²/3 + s⁴/5 + s⁶/7 + …),  s = r/(2+r),
//
// is summed in double-double arithmetic where the terms need it. The table's
// log(1/invc) values are computed once, at package initialisation, in
// double-double by logDD (a plain atanh series). The double-double sum has a
// relative error below about 2^-100, so rounding its two halves to one double
// gives the correctly rounded logarithm except for inputs whose logarithm
// lies within about 2^-47 ulp of a rounding boundary.
//
// Every product that is added to something is written float64(a*b): Go may
// otherwise fuse a*b+c into one FMA on some architectures, and the results
// would then depend on the machine.

// Double-double constants: ln2 = ln2Hi + ln2Lo to about 2^-107.
const (
	ln2Hi = 0x1.62e42fefa39efp-1
	ln2Lo = 0x1.abc9e3b39803fp-56
)

// twoSum returns s = fl(a+b) and e such that s+e == a+b exactly.
func twoSum(a, b float64) (s, e float64) {
	s = a + b
	bb := s - a
	e = (a - (s - bb)) + (b - bb)
	return s, e
}

// fastTwoSum is twoSum for |a| >= |b| (or a == 0).
func fastTwoSum(a, b float64) (s, e float64) {
	s = a + b
	e = b - (s - a)
	return s, e
}

// twoProd returns p = fl(a*b) and e such that p+e == a*b exactly.
func twoProd(a, b float64) (p, e float64) {
	p = float64(a * b)
	e = math.FMA(a, b, -p)
	return p, e
}

// ddMul returns (ah+al)·(bh+bl) as a double-double, to about 2^-104.
func ddMul(ah, al, bh, bl float64) (float64, float64) {
	p, e := twoProd(ah, bh)
	e += float64(ah*bl) + float64(al*bh)
	return fastTwoSum(p, e)
}

// ddAdd returns (ah+al)+(bh+bl) as a double-double. Its error is about
// 2^-105·(|a|+|b|), which is fine wherever the sum does not cancel badly.
func ddAdd(ah, al, bh, bl float64) (float64, float64) {
	s, e := twoSum(ah, bh)
	e += al + bl
	return fastTwoSum(s, e)
}

// ddRecip returns 1/d as a double-double.
func ddRecip(d float64) (float64, float64) {
	h := 1 / d
	return h, math.FMA(-h, d, 1) / d
}

const (
	logTableBits = 8
	logTableSize = 1 << logTableBits
)

// logEntry is one interval of the reduction: invc is close to 1/c, and
// negLogHi+negLogLo is -log(invc) as a double-double.
type logEntry struct {
	invc, negLogHi, negLogLo float64
}

var (
	logTable = makeLogTable()

	// 1/3 and 1/5 as double-doubles, for the series in log.
	third3Hi, third3Lo = ddRecip(3)
	fifth5Hi, fifth5Lo = ddRecip(5)
)

// makeLogTable builds the reduction table. Entry i covers the z (in
// [0.75, 1.5)) whose mantissa bits, read as a number in [1, 2), have i as
// their top logTableBits fraction bits: for i < size/2 that is
// z in [1+i/256, 1+(i+1)/256); for larger i, z = m/2 with m in that range,
// z in [0.5+i/512, 0.5+(i+1)/512).
func makeLogTable() *[logTableSize]logEntry {
	t := new([logTableSize]logEntry)
	for i := range t {
		var c float64
		switch {
		case i == 0 || i == logTableSize-1:
			c = 1
		case i < logTableSize/2:
			c = 1 + (float64(i)+0.5)/logTableSize
		default:
			c = 0.5 + (float64(i)+0.5)/(2*logTableSize)
		}
		invc := 1 / c
		h, l := logDD(invc)
		t[i] = logEntry{invc: invc, negLogHi: -h, negLogLo: -l}
	}
	return t
}

// logDD returns log(x) for a positive normal x as a double-double with a
// relative error of about 2^-104, by a plain series: x = 2^e·m with m in
// [sqrt(1/2), sqrt(2)), log m = 2·atanh(s), s = (m-1)/(m+1). It is slow
// (a few hundred nanoseconds); it builds logTable and serves as a check in
// tests.
func logDD(x float64) (float64, float64) {
	m, e := math.Frexp(x) // x = m·2^e, m in [0.5, 1)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	// s = (m-1)/(m+1); m-1 is exact (Sterbenz).
	num := m - 1
	dh, dl := twoSum(m, 1)
	sh := num / dh
	rem := math.FMA(-sh, dh, num) - float64(sh*dl)
	sl := rem / dh
	sh, sl = fastTwoSum(sh, sl)
	uh, ul := ddMul(sh, sl, sh, sl) // s², at most 0.0295
	// atanh(s)/s = sum over k of s^(2k)/(2k+1); 0.0295^24 < 2^-121.
	const terms = 24
	ah, al := ddRecip(2*terms + 1)
	for k := terms - 1; k >= 0; k-- {
		ah, al = ddMul(uh, ul, ah, al)
		ch, cl := ddRecip(float64(2*k + 1))
		ah, al = ddAdd(ch, cl, ah, al)
	}
	ah, al = ddMul(2*sh, 2*sl, ah, al)
	if e == 0 {
		return ah, al
	}
	fe := float64(e)
	eh, el := twoProd(fe, ln2Hi)
	el += float64(fe * ln2Lo)
	eh, el = fastTwoSum(eh, el)
	return ddAdd(eh, el, ah, al)
}

// log returns the natural logarithm of x rounded to the nearest double, as
// C's log does: log(±0) = -Inf, log(x<0) = NaN, log(+Inf) = +Inf,
// log(NaN) = NaN, log(1) = +0.
func log(x float64) float64 {
	ix := math.Float64bits(x)
	// Not a positive normal finite number: zero, subnormal, negative,
	// infinite or NaN.
	if ix-0x0010000000000000 >= 0x7ff0000000000000-0x0010000000000000 {
		switch {
		case x != x:
			return x
		case x == 0:
			return math.Inf(-1)
		case x < 0:
			return math.NaN()
		case math.IsInf(x, 1):
			return x
		}
		// Positive subnormal: scale into the normal range.
		hi, lo := logNormal(math.Float64bits(x*0x1p52), -52)
		return hi + lo
	}
	hi, lo := logNormal(ix, 0)
	return hi + lo
}

// logNormal returns log(2^scale·x) as a double-double hi+lo, for the bits ix
// of a positive normal finite x. hi+lo rounded to one double (hi + lo) is
// the correctly rounded logarithm (see the comment at the top of the file).
func logNormal(ix uint64, scale int) (hi, lo float64) {
	e := int(ix>>52) - 1023 + scale
	frac := ix & (1<<52 - 1)
	i := frac >> (52 - logTableBits)
	z := math.Float64frombits(frac | 1023<<52) // in [1, 2)
	if i >= logTableSize/2 {
		z *= 0.5 // exact; now in [0.75, 1)
		e++
	}
	t := &logTable[i]

	// r = z·invc - 1 exactly, as rh+rl.
	p, pl := twoProd(z, t.invc)
	rh, rl := fastTwoSum(p-1, pl) // p-1 is exact (Sterbenz)

	// s = r/(2+r) as sh+sl; |s| < 2^-9.
	dh, dl := fastTwoSum(2, rh)
	dl += rl
	sh := rh / dh
	sl := (math.FMA(-sh, dh, rh) + rl - float64(sh*dl)) / dh

	// u = s² (< 2^-18) and the series A = 1 + u/3 + u²/5 + u³/7 + ...
	// Each level is carried only to the precision its weight needs for a
	// total relative error near 2^-104: u³/7 and beyond in plain doubles,
	// the 1/5 level as a double-double constant plus a double, the outer
	// two levels in double-double.
	uh, ul := twoProd(sh, sh)
	ul += float64(2 * sh * sl)
	d := 1.0/7 + float64(uh*(1.0/9+float64(uh*(1.0/11+float64(uh*(1.0/13))))))
	ch, cl := fastTwoSum(fifth5Hi, float64(uh*d))
	cl += fifth5Lo
	bh, bl := ddMul(uh, ul, ch, cl)
	bh, bl = ddAdd(third3Hi, third3Lo, bh, bl)
	uBh, uBl := ddMul(uh, ul, bh, bl)
	ah, al := fastTwoSum(1, uBh)
	ah, al = fastTwoSum(ah, al+uBl)
	// log1p(r) = 2s·A.
	hi, lo = ddMul(2*sh, 2*sl, ah, al)

	if t.negLogHi != 0 {
		hi, lo = ddAdd(t.negLogHi, t.negLogLo, hi, lo)
	}
	if e != 0 {
		fe := float64(e)
		eh, el := twoProd(fe, ln2Hi)
		el += float64(fe * ln2Lo)
		hi, lo = ddAdd(eh, el, hi, lo)
	}
	return hi, lo
}

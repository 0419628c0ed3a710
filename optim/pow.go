package optim

import "math"

// powInt returns x**k for Adam's bias correction, where the book's Python
// computes a float to an int power with C's pow. The product is formed in
// double-double arithmetic (about 100 bits) by repeated squaring and
// rounded once, so the result is correctly rounded. glibc's pow is not
// quite (it is off by an ulp for about 0.08% of the powers of 0.999 and
// 0.9999 up to 200000), but 1 - x**k, which Adam uses, is the same for
// every k up to 200000 with the book's betas 0.9 and 0.999; Go's
// math.Pow, which multiplies in float64, differs from both for nearly
// all k. Where the result is not a normal float64 (overflow, underflow) or
// k < 1, powInt returns math.Pow's value; Adam never needs those, as
// 1 - x**k is then 1 either way.
func powInt(x float64, k int) float64 {
	if k < 1 || x == 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return math.Pow(x, float64(k))
	}
	rh, rl := 1.0, 0.0
	bh, bl := x, 0.0
	for n := k; ; {
		if n&1 == 1 {
			rh, rl = ddMul(rh, rl, bh, bl)
		}
		n >>= 1
		if n == 0 {
			break
		}
		bh, bl = ddMul(bh, bl, bh, bl)
	}
	if a := math.Abs(rh); a < 0x1p-960 || a > 0x1p960 || math.IsNaN(rh) {
		return math.Pow(x, float64(k))
	}
	return rh // rh = fl(rh + rl) by construction
}

// ddMul returns the double-double product of (ah, al) and (bh, bl),
// normalised so that hi = fl(hi + lo).
func ddMul(ah, al, bh, bl float64) (hi, lo float64) {
	p := float64(ah * bh)     // rounded: not to be fused into p + e below
	e := math.FMA(ah, bh, -p) // the exact error of p
	e += float64(ah*bl) + float64(al*bh)
	hi = p + e
	lo = e - (hi - p)
	return hi, lo
}

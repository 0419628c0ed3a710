package optim

import "math"

// powInt returns x**k as Python computes a float to an int power (C's
// pow, correctly rounded in all but the rarest cases): the product is
// formed in double-double arithmetic (about 100 bits) by repeated squaring
// and rounded once. Go's math.Pow multiplies in float64 and is often an
// ulp off, which would change Adam's bias correction 1 - beta**iter. Where
// the result is not a normal float64 (overflow, underflow) or k < 1,
// powInt returns math.Pow's value; Adam never needs those, as 1 - beta**k
// is then 1 either way.
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
	p := ah * bh
	e := math.FMA(ah, bh, -p) // the exact error of p
	e += float64(ah*bl) + float64(al*bh)
	hi = p + e
	lo = e - (hi - p)
	return hi, lo
}

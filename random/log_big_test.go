package random

import (
	"math"
	"math/big"
	"sync"
)

const bigPrec = 320

var bigLn2 = sync.OnceValue(func() *big.Float {
	// ln2 = 2·atanh(1/3)
	s := new(big.Float).SetPrec(bigPrec).Quo(big.NewFloat(1).SetPrec(bigPrec), big.NewFloat(3).SetPrec(bigPrec))
	return bigAtanh2(s)
})

// bigAtanh2 returns 2·atanh(s) for small |s| by its series.
func bigAtanh2(s *big.Float) *big.Float {
	u := new(big.Float).SetPrec(bigPrec).Mul(s, s)
	sum := new(big.Float).SetPrec(bigPrec)
	term := new(big.Float).SetPrec(bigPrec).Set(s)
	eps := new(big.Float).SetPrec(bigPrec).SetMantExp(big.NewFloat(1), -bigPrec-10)
	for k := 0; ; k++ {
		t := new(big.Float).SetPrec(bigPrec).Quo(term, new(big.Float).SetPrec(bigPrec).SetInt64(int64(2*k+1)))
		sum.Add(sum, t)
		if new(big.Float).Abs(t).Cmp(eps) < 0 {
			break
		}
		term.Mul(term, u)
	}
	return sum.Mul(sum, big.NewFloat(2))
}

// bigLog returns log(x) for a positive finite x to about bigPrec bits.
func bigLog(x float64) *big.Float {
	m, e := math.Frexp(x)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	bm := new(big.Float).SetPrec(bigPrec).SetFloat64(m)
	one := new(big.Float).SetPrec(bigPrec).SetInt64(1)
	num := new(big.Float).SetPrec(bigPrec).Sub(bm, one)
	den := new(big.Float).SetPrec(bigPrec).Add(bm, one)
	s := new(big.Float).SetPrec(bigPrec).Quo(num, den)
	r := bigAtanh2(s)
	el := new(big.Float).SetPrec(bigPrec).Mul(bigLn2(), new(big.Float).SetPrec(bigPrec).SetInt64(int64(e)))
	return r.Add(r, el)
}

// bigLogRounded returns log(x) correctly rounded to float64, and how far
// (in ulps of the result) the exact value lies from the nearest rounding
// boundary.
func bigLogRounded(x float64) (float64, float64) {
	l := bigLog(x)
	f, _ := l.Float64()
	// distance to the midpoint: |l - f|/ulp(f) compared with 0.5
	diff := new(big.Float).SetPrec(bigPrec).Sub(l, new(big.Float).SetPrec(bigPrec).SetFloat64(f))
	d, _ := diff.Float64()
	ulp := math.Nextafter(math.Abs(f), math.Inf(1)) - math.Abs(f)
	return f, 0.5 - math.Abs(d)/ulp
}

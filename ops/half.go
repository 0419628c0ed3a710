package ops

import (
	"math"

	"github.com/dlfs-go/dlfs/tensor"
)

// Float16 returns v rounded to the nearest IEEE 754 half-precision value,
// as a float64: NumPy's np.float64(v).astype(np.float16), which the book's
// half_float_network applies to trained weights. The rounding goes
// straight from float64, halfway cases to the even neighbour; magnitudes
// below 2⁻¹⁴ round to the subnormal halves (multiples of 2⁻²⁴), those of
// 65520 and more (halfway between the largest half, 65504, and 2¹⁶)
// become infinities; signs, zeros' included, are kept, and NaN stays NaN.
func Float16(v float64) float64 {
	a := math.Abs(v)
	switch {
	case a != a || a == 0 || math.IsInf(a, 0):
		return v
	case a >= 65520:
		return math.Copysign(math.Inf(1), v)
	}
	// The spacing of halves around a: 2^(e−10) in the binade [2^e, 2^(e+1))
	// of the normal halves, 2^-24 below 2^-14. Dividing and multiplying by
	// a power of two is exact, so the only rounding is RoundToEven's.
	_, exp := math.Frexp(a) // a = f·2^exp, f in [0.5, 1): e = exp − 1
	q := math.Ldexp(1, max(exp-1, -14)-10)
	return math.Copysign(math.RoundToEven(a/q)*q, v)
}

// Float16Into stores Float16 of every value of x in dst, which must have
// x's shape, and returns dst.
func Float16Into(dst, x *tensor.Tensor) *tensor.Tensor {
	checkDst("ops.Float16Into", dst, x)
	d := dst.Data()
	for i, v := range x.Data() {
		d[i] = Float16(v)
	}
	return dst
}

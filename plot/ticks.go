package plot

import (
	"math"
	"strconv"
	"strings"
)

// niceTicks returns the tick positions that lie in [lo, hi] (either order),
// chosen as matplotlib's default AutoLocator (a MaxNLocator with steps 1,
// 2, 2.5, 5 and 10) chooses them: multiples of the smallest "nice" step
// s × 10^k (s in {1, 2, 2.5, 5}) that cuts the range into at most maxBins
// intervals, while still leaving at least two ticks in the range.
//
// For example [-0.05, 1.05] gives 0, 0.2, ..., 1 and [-5.5, 5.5] gives
// -4, -2, 0, 2, 4. Tick values are computed as integer × step so that
// 0.6 is 0.6, not 0.6000000000000001.
func niceTicks(lo, hi float64, maxBins int) []float64 {
	if lo > hi {
		lo, hi = hi, lo
	}
	if !(hi > lo) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		if lo == hi && !math.IsNaN(lo) && !math.IsInf(lo, 0) {
			return []float64{lo}
		}
		return nil
	}
	if maxBins < 1 {
		maxBins = 1
	}
	// scale_range: a power of ten near the raw step, and an offset when
	// the range is tiny next to its mean (e.g. 1000.1 .. 1000.2).
	dv := hi - lo
	mean := (hi + lo) / 2
	offset := 0.0
	if math.Abs(mean)/dv >= 100 {
		offset = math.Copysign(math.Pow(10, math.Floor(math.Log10(math.Abs(mean)))), mean)
	}
	exp := int(math.Floor(math.Log10(dv / float64(maxBins))))
	vmin, vmax := lo-offset, hi-offset
	raw := (vmax - vmin) / float64(maxBins)

	// The extended steps, as mantissas of 10^(exp-1), so that every step
	// is an integer-ish multiple of an exact power of ten.
	mant := []float64{1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200}
	pow := func(e int) float64 { return math.Pow(10, float64(e)) }
	value := func(k float64, m float64) float64 { // k × m × 10^(exp-1)
		e := exp - 1
		if e < 0 {
			return k * m / pow(-e)
		}
		return k * m * pow(e)
	}
	istep := len(mant) - 1
	for i, m := range mant {
		if value(1, m) >= raw*(1-1e-12) {
			istep = i
			break
		}
	}
	tol := 1e-10
	if offset > 0 {
		// matplotlib's _Edge_integer tolerance for large offsets.
		tol = math.Min(0.4999, math.Max(1e-10, math.Pow(10, math.Log10(offset/value(1, mant[istep]))-12)))
	}
	var ticks []float64
	for i := istep; i >= 0; i-- {
		step := value(1, mant[i])
		base := math.Floor(vmin / step)
		// le / ge of matplotlib's _Edge_integer, relative to base×step.
		low := floorDivClose(vmin-base*step, step, tol, true)
		high := floorDivClose(vmax-base*step, step, tol, false)
		ticks = ticks[:0]
		n := 0
		for k := low; k <= high; k++ {
			t := value(base+k, mant[i]) + offset
			ticks = append(ticks, t)
			if t-offset >= vmin-step*1e-10 && t-offset <= vmax+step*1e-10 {
				n++
			}
		}
		if n >= 2 {
			break
		}
	}
	out := ticks[:0]
	eps := dv * 1e-10
	for _, t := range ticks {
		if t >= lo-eps && t <= hi+eps {
			if t == 0 {
				t = 0 // no -0
			}
			out = append(out, t)
		}
	}
	return out
}

// floorDivClose is matplotlib's _Edge_integer.le (le=true) or .ge: the
// number of steps in x, rounded down (le) or up (ge), where a remainder
// within tol of a whole step counts as a whole step.
func floorDivClose(x, step, tol float64, le bool) float64 {
	d := math.Floor(x / step)
	m := x - d*step
	if le {
		if math.Abs(m/step-1) < tol {
			return d + 1
		}
		return d
	}
	if math.Abs(m/step) < tol {
		return d
	}
	return d + 1
}

// tickBins is matplotlib's nbins='auto' for an axis of length px pixels:
// the axis length in points over three (x) or two (y) tick-label font
// sizes, clipped to [1, 9].
func tickBins(px float64, horizontal bool) int {
	per := 2.0
	if horizontal {
		per = 3.0
	}
	n := int(math.Floor(px / ptPx / (tickFontPt * per)))
	return max(1, min(9, n))
}

// formatTicks formats tick values compactly and consistently: all labels
// of an axis get the same number of decimals, the fewest that tell the
// ticks apart (0.0 0.5 1.0, -4 -2 0 2 4, 0.00 0.25 0.50). Very small
// steps or very large values switch to exponent form (0, 1e-05, 2e-05;
// 1e+06). Minus signs are ASCII hyphens.
func formatTicks(ticks []float64) []string {
	if len(ticks) == 0 {
		return nil
	}
	step, big := math.Inf(1), 0.0
	for i, t := range ticks {
		big = math.Max(big, math.Abs(t))
		if i > 0 {
			if d := math.Abs(t - ticks[i-1]); d > 0 {
				step = math.Min(step, d)
			}
		}
	}
	if math.IsInf(step, 1) { // one tick, or all equal
		step = big
		if step == 0 {
			step = 1
		}
	}
	tol := step * 1e-6
	close := func(s string, v float64) bool {
		p, err := strconv.ParseFloat(s, 64)
		return err == nil && math.Abs(p-v) <= tol
	}
	labels := make([]string, len(ticks))
	decimals := 0
	for _, t := range ticks {
		for decimals < 12 && !close(strconv.FormatFloat(t, 'f', decimals, 64), t) {
			decimals++
		}
	}
	if decimals <= 4 && big < 1e6 {
		for i, t := range ticks {
			labels[i] = trimNegZero(strconv.FormatFloat(t, 'f', decimals, 64))
		}
		return labels
	}
	prec := 0
	for _, t := range ticks {
		if t == 0 {
			continue
		}
		for prec < 15 && !close(strconv.FormatFloat(t, 'e', prec, 64), t) {
			prec++
		}
	}
	for i, t := range ticks {
		if math.Abs(t) <= tol {
			labels[i] = "0"
			continue
		}
		labels[i] = strconv.FormatFloat(t, 'e', prec, 64)
	}
	return labels
}

// trimNegZero turns "-0", "-0.0", ... into "0", "0.0", ...
func trimNegZero(s string) string {
	if strings.HasPrefix(s, "-") && strings.Trim(s[1:], "0.") == "" {
		return s[1:]
	}
	return s
}

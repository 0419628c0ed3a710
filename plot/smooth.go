package plot

// smoothWindow is the length of SmoothCurve's window.
const smoothWindow = 11

// SmoothCurve smooths a curve such as a list of losses, the book's
// common/util.py smooth_curve: x is extended at both ends by its reflection
// (10 values each, the end values not repeated), convolved with a Kaiser
// window of length 11 and beta 2 normalised to sum 1 (np.kaiser(11, 2) /
// its sum), and cut back to len(x) values. Every step is NumPy's, in
// NumPy's order of operations (the window's sum as np.sum, each output as
// a dot product summed from the first term), so the result equals
// smooth_curve's bit for bit where NumPy computes the window with its
// AVX-512 exp (see kaiser112; elsewhere NumPy's results differ in the last
// bits).
//
// For len(x) < 10 the reflection is shorter and the result shorter than x,
// as NumPy's slices make them. SmoothCurve panics on an empty x, where
// np.convolve raises an error.
func SmoothCurve(x []float64) []float64 {
	n := len(x)
	if n == 0 {
		panic("plot.SmoothCurve: empty curve")
	}
	// s = np.r_[x[window_len-1:0:-1], x, x[-1:-window_len:-1]]
	s := make([]float64, 0, n+2*(smoothWindow-1))
	for i := min(smoothWindow-1, n-1); i >= 1; i-- {
		s = append(s, x[i])
	}
	s = append(s, x...)
	for i := n - 1; i >= max(n-(smoothWindow-1), 0); i-- {
		s = append(s, x[i])
	}
	// w = np.kaiser(window_len, 2); w/w.sum()
	w := kaiser112
	sum := pairwiseSum(w[:])
	for i := range w {
		w[i] /= sum
	}
	// np.convolve(w, s, mode='valid') correlates the longer array with the
	// shorter one reversed.
	a, v := s, w[:]
	if len(v) > len(a) {
		a, v = v, a
	}
	y := make([]float64, len(a)-len(v)+1)
	for i := range y {
		acc := 0.0
		for j := range v {
			acc += float64(a[i+j] * v[len(v)-1-j])
		}
		y[i] = acc
	}
	// y[5:len(y)-5], with Python's slice rules
	lo, hi := 5, len(y)-5
	if hi < 0 {
		hi += len(y)
		if hi < 0 {
			hi = 0
		}
	}
	lo = min(lo, len(y))
	if hi <= lo {
		return []float64{}
	}
	return y[lo:hi]
}

// kaiser112 is np.kaiser(11, 2) as NumPy 1.24 computes it on x86-64 with
// AVX-512F: i0(2*sqrt(1 - ((n-5)/5)**2)) / i0(2) for n = 0, ..., 10, with
// np.i0's Chebyshev series (Cephes') and np.exp. NumPy's AVX-512 exp
// rounds some arguments differently from the C library's exp (and Go's
// math.Exp), and a window computed with either of those differs from
// NumPy's in its fourth and eighth values (0.8921614338542881 for
// 0.8921614338542879); on a CPU without AVX-512F NumPy itself computes
// that other window. The values are NumPy's, printed with float.hex().
var kaiser112 = [smoothWindow]float64{
	0x1.c1345acdb96a2p-2, // 0.4386762798370488
	0x1.3908ae49e2778p-1, // 0.6113943543616491
	0x1.890cb27aa9884p-1, // 0.7676749968275236
	0x1.c8c9622a50325p-1, // 0.8921614338542879
	0x1.f1d5362f51fe2p-1, // 0.9723298008693713
	0x1.0000000000000p+0, // 1.0
	0x1.f1d5362f51fe2p-1,
	0x1.c8c9622a50325p-1,
	0x1.890cb27aa9884p-1,
	0x1.3908ae49e2778p-1,
	0x1.c1345acdb96a2p-2,
}

// pairwiseSum is np.sum of a contiguous float64 array: NumPy's pairwise
// summation (eight accumulators over blocks of at most 128 values).
func pairwiseSum(a []float64) float64 {
	n := len(a)
	switch {
	case n < 8:
		res := 0.0
		for _, v := range a {
			res += v
		}
		return res
	case n <= 128:
		var r [8]float64
		copy(r[:], a[:8])
		i := 8
		for ; i < n-n%8; i += 8 {
			for k := range r {
				r[k] += a[i+k]
			}
		}
		res := (r[0] + r[1]) + (r[2] + r[3]) + ((r[4] + r[5]) + (r[6] + r[7]))
		for ; i < n; i++ {
			res += a[i]
		}
		return res
	}
	n2 := n / 2
	n2 -= n2 % 8
	return pairwiseSum(a[:n2]) + pairwiseSum(a[n2:])
}

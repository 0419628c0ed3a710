//go:build !purego

package vec

import "github.com/dlfs-go/dlfs/internal/cpu"

// normalize255AVX2 converts n bytes (n a multiple of 8) at src into dst.
//
//go:noescape
func normalize255AVX2(dst *float64, src *byte, n int)

// subScaledAVX2 sets w[i] -= a*g[i] for n elements (n a multiple of 4).
//
//go:noescape
func subScaledAVX2(w, grad *float64, n int, a float64)

// zeroWhereLE0AVX2 is ZeroWhereLE0 on n elements (n a multiple of 4).
//
//go:noescape
func zeroWhereLE0AVX2(dst, src, cond *float64, n int)

// addScaledAVX2 sets dst[i] += a*src[i] for n elements (n a multiple of
// 4).
//
//go:noescape
func addScaledAVX2(dst, src *float64, n int, a float64)

// biasReLUScaleAVX2 is BiasReLUScale on the first n4 columns (a multiple
// of 4, > 0) of rows > 0 rows of cols values.
//
//go:noescape
func biasReLUScaleAVX2(dst, src, b *float64, rows, cols, n4 int, s float64)

// scaleAVX2 sets dst[i] = src[i]*s for n elements (n a multiple of 8).
//
//go:noescape
func scaleAVX2(dst, src *float64, n int, s float64)

// copy2DAVX2 and add2DAVX2 are Copy2D and Add2D for rows > 0, strides
// in elements.
//
//go:noescape
func copy2DAVX2(dst *float64, dstStride int, src *float64, srcStride int, rows, cols int)

//go:noescape
func add2DAVX2(dst *float64, dstStride int, src *float64, srcStride int, rows, cols int)

// allAbsLEAVX2 reports whether |x[i]| <= bound for n elements (n a
// multiple of 16).
//
//go:noescape
func allAbsLEAVX2(x *float64, n int, bound float64) bool

// The Batch Normalization kernels: n rows of d values, d a multiple of 4.
//
//go:noescape
func bnNormalizeAVX2(out, xn, xc, std, gamma, beta *float64, n, d, relu int)

// The column kernels of cols_amd64.s: n > 0 rows of d values, columns
// 0 to d4 (a positive multiple of 4, at most d); the Go functions of the
// same names without AVX2 say what each computes.
//
//go:noescape
func sumRowsAVX2(dst, x *float64, n, d, d4 int)

//go:noescape
func bnCenterAVX2(xc, sq, x, mu *float64, n, d, d4 int)

//go:noescape
func bnInferAVX2(out, xn, x, mean, std, gamma, beta *float64, n, d, d4, relu int)

//go:noescape
func bnGradSumsAVX2(dgamma, dbeta, xn, dout *float64, n, d, d4 int)

//go:noescape
func bnDstdSumAVX2(dstd, dout, xc, gamma, stdSq *float64, n, d, d4 int)

//go:noescape
func bnDxcSumAVX2(dst, dmu, dout, xc, gamma, std, dvar *float64, two float64, n, d, d4 int)

//go:noescape
func subRowAVX2(dst, x, row *float64, n, d, d4 int)

// adamStepAVX2 and adaGradStepAVX2 are AdamStep and AdaGradStep on n
// elements (n a multiple of 4).
//
//go:noescape
func adamStepAVX2(w, grad, m, v *float64, n int, lrt, c1, c2, eps float64)

//go:noescape
func adaGradStepAVX2(w, grad, h *float64, n int, lr, eps float64)

// normalize255 converts the longest prefix the vector loop handles and
// returns its length.
func normalize255(dst []float64, src []byte) int {
	n := len(src) &^ 7
	if !cpu.AVX2FMA || n == 0 {
		return 0
	}
	normalize255AVX2(&dst[0], &src[0], n)
	return n
}

func subScaled(w, g []float64, a float64) int {
	n := len(w) &^ 3
	if !cpu.AVX2FMA || n == 0 {
		return 0
	}
	subScaledAVX2(&w[0], &g[0], n, a)
	return n
}

func zeroWhereLE0(dst, src, cond []float64) int {
	n := len(dst) &^ 3
	if !cpu.AVX2FMA || n == 0 {
		return 0
	}
	zeroWhereLE0AVX2(&dst[0], &src[0], &cond[0], n)
	return n
}

func addScaled(dst, src []float64, a float64) int {
	n := len(dst) &^ 3
	if !cpu.AVX2FMA || n == 0 {
		return 0
	}
	addScaledAVX2(&dst[0], &src[0], n, a)
	return n
}

func biasReLUScale(dst, src, b []float64, s float64) int {
	cols := len(b)
	n4 := cols &^ 3
	if !cpu.AVX2FMA || n4 == 0 || len(dst) == 0 {
		return 0
	}
	biasReLUScaleAVX2(&dst[0], &src[0], &b[0], len(dst)/cols, cols, n4, s)
	return n4
}

func scale(dst, src []float64, s float64) int {
	n := len(dst) &^ 7
	if !cpu.AVX2FMA || n == 0 {
		return 0
	}
	scaleAVX2(&dst[0], &src[0], n, s)
	return n
}

// copy2D and add2D run Copy2D and Add2D with vector code, reporting
// whether they did.
func copy2D(dst []float64, ds int, src []float64, ss, rows, cols int) bool {
	if !cpu.AVX2FMA {
		return false
	}
	copy2DAVX2(&dst[0], ds, &src[0], ss, rows, cols)
	return true
}

func add2D(dst []float64, ds int, src []float64, ss, rows, cols int) bool {
	if !cpu.AVX2FMA {
		return false
	}
	add2DAVX2(&dst[0], ds, &src[0], ss, rows, cols)
	return true
}

// allAbsLE checks the longest prefix the vector loop handles: it returns
// its length, or -1 when some value of it fails.
func allAbsLE(x []float64, bound float64) int {
	n := len(x) &^ 15
	if !cpu.AVX2FMA || n == 0 {
		return 0
	}
	if !allAbsLEAVX2(&x[0], n, bound) {
		return -1
	}
	return n
}

func bnNormalize(out, xn, xc, std, gamma, beta []float64, n, d int, relu bool) bool {
	if !cpu.AVX2FMA || d%4 != 0 || n == 0 {
		return false
	}
	bnNormalizeAVX2(&out[0], &xn[0], &xc[0], &std[0], &gamma[0], &beta[0], n, d, flag(relu))
	return true
}

// flag is 1 for true, 0 for false.
func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}

// colsAVX2 returns the columns the column kernels take for n rows of d
// values: 0 when they cannot run.
func colsAVX2(n, d int) int {
	if !cpu.AVX2FMA || n == 0 {
		return 0
	}
	return d &^ 3
}

func sumRows(dst, x []float64, n, d int) int {
	d4 := colsAVX2(n, d)
	if d4 > 0 {
		sumRowsAVX2(&dst[0], &x[0], n, d, d4)
	}
	return d4
}

func bnCenter(xc, sq, x, mu []float64, n, d int) int {
	d4 := colsAVX2(n, d)
	if d4 > 0 {
		bnCenterAVX2(&xc[0], &sq[0], &x[0], &mu[0], n, d, d4)
	}
	return d4
}

func bnInfer(out, xn, x, mean, std, gamma, beta []float64, n, d int, relu bool) int {
	d4 := colsAVX2(n, d)
	if d4 > 0 {
		bnInferAVX2(&out[0], &xn[0], &x[0], &mean[0], &std[0], &gamma[0], &beta[0], n, d, d4, flag(relu))
	}
	return d4
}

func bnGradSums(dgamma, dbeta, xn, dout []float64, n, d int) int {
	d4 := colsAVX2(n, d)
	if d4 > 0 {
		bnGradSumsAVX2(&dgamma[0], &dbeta[0], &xn[0], &dout[0], n, d, d4)
	}
	return d4
}

func bnDstdSum(dstd, dout, xc, gamma, stdSq []float64, n, d int) int {
	d4 := colsAVX2(n, d)
	if d4 > 0 {
		bnDstdSumAVX2(&dstd[0], &dout[0], &xc[0], &gamma[0], &stdSq[0], n, d, d4)
	}
	return d4
}

func bnDxcSum(dst, dmu, dout, xc, gamma, std, dvar []float64, two float64, n, d int) int {
	d4 := colsAVX2(n, d)
	if d4 > 0 {
		bnDxcSumAVX2(&dst[0], &dmu[0], &dout[0], &xc[0], &gamma[0], &std[0], &dvar[0], two, n, d, d4)
	}
	return d4
}

func subRow(dst, x, row []float64, n, d int) int {
	d4 := colsAVX2(n, d)
	if d4 > 0 {
		subRowAVX2(&dst[0], &x[0], &row[0], n, d, d4)
	}
	return d4
}

func adamStep(w, g, m, v []float64, lrt, c1, c2, eps float64) int {
	n := len(w) &^ 3
	if !cpu.AVX2FMA || n == 0 {
		return 0
	}
	adamStepAVX2(&w[0], &g[0], &m[0], &v[0], n, lrt, c1, c2, eps)
	return n
}

func adaGradStep(w, g, h []float64, lr, eps float64) int {
	n := len(w) &^ 3
	if !cpu.AVX2FMA || n == 0 {
		return 0
	}
	adaGradStepAVX2(&w[0], &g[0], &h[0], n, lr, eps)
	return n
}

// maxPool2AVX2 and maxPool2BackAVX2 are MaxPool2 and MaxPool2Back for the
// first n windows of each of the oh rows (n a positive multiple of 4); w
// and ow are the row strides of x (dx) and out (dout, arg).
//
//go:noescape
func maxPool2AVX2(out *float64, arg *int32, x *float64, w, oh, n, ow int)

//go:noescape
func maxPool2BackAVX2(dx, dout *float64, arg *int32, w, oh, n, ow int)

// maxPool2 and maxPool2Back run the vector loops on the first windows of
// each row, four at a time, and return how many.
func maxPool2(out []float64, arg []int32, x []float64, w, oh, ow int) int {
	n := ow &^ 3
	if !cpu.AVX2FMA || n == 0 || oh == 0 {
		return 0
	}
	maxPool2AVX2(&out[0], &arg[0], &x[0], w, oh, n, ow)
	return n
}

func maxPool2Back(dx, dout []float64, arg []int32, w, oh, ow int) int {
	n := ow &^ 3
	if !cpu.AVX2FMA || n == 0 || oh == 0 {
		return 0
	}
	maxPool2BackAVX2(&dx[0], &dout[0], &arg[0], w, oh, n, ow)
	return n
}

// addConstAVX2 sets dst[i] += c for n elements (n a multiple of 8).
//
//go:noescape
func addConstAVX2(dst *float64, n int, c float64)

// addConstReLUAVX2 is AddConstReLU on n elements (n a multiple of 8).
//
//go:noescape
func addConstReLUAVX2(dst, src *float64, n int, c float64)

func addConstReLU(dst, src []float64, c float64) int {
	n := len(dst) &^ 7
	if !cpu.AVX2FMA || n == 0 {
		return 0
	}
	addConstReLUAVX2(&dst[0], &src[0], n, c)
	return n
}

// dropoutMaskAVX2 is DropoutMask on n elements (n a multiple of 4).
//
//go:noescape
func dropoutMaskAVX2(mask, out, x *float64, n int, ratio float64)

func dropoutMask(mask, out, x []float64, ratio float64) int {
	n := len(mask) &^ 3
	if !cpu.AVX2FMA || n == 0 {
		return 0
	}
	dropoutMaskAVX2(&mask[0], &out[0], &x[0], n, ratio)
	return n
}

func addConst(dst []float64, c float64) int {
	n := len(dst) &^ 7
	if !cpu.AVX2FMA || n == 0 {
		return 0
	}
	addConstAVX2(&dst[0], n, c)
	return n
}

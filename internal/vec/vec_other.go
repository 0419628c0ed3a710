//go:build !amd64 || purego

package vec

func normalize255(dst []float64, src []byte) int { return 0 }

func subScaled(w, g []float64, a float64) int { return 0 }

func zeroWhereLE0(dst, src, cond []float64) int { return 0 }

func addScaled(dst, src []float64, a float64) int { return 0 }

func allAbsLE(x []float64, bound float64) int { return 0 }

func scale(dst, src []float64, s float64) int { return 0 }

func biasReLUScale(dst, src, b []float64, s float64) int { return 0 }

func copy2D(dst []float64, ds int, src []float64, ss, rows, cols int) bool { return false }

func add2D(dst []float64, ds int, src []float64, ss, rows, cols int) bool { return false }

func bnNormalize(out, xn, xc, std, gamma, beta []float64, n, d int, relu bool) bool { return false }

func sumRows(dst, x []float64, n, d int) int { return 0 }

func bnCenter(xc, sq, x, mu []float64, n, d int) int { return 0 }

func bnInfer(out, xn, x, mean, std, gamma, beta []float64, n, d int, relu bool) int { return 0 }

func bnGradSums(dgamma, dbeta, xn, dout []float64, n, d int) int { return 0 }

func bnDstdSum(dstd, dout, xc, gamma, stdSq []float64, n, d int) int { return 0 }

func bnDxcSum(dst, dmu, dout, xc, gamma, std, dvar []float64, two float64, n, d int) int { return 0 }

func subRow(dst, x, row []float64, n, d int) int { return 0 }

func adamStep(w, g, m, v []float64, lrt, c1, c2, eps float64) int { return 0 }

func adaGradStep(w, g, h []float64, lr, eps float64) int { return 0 }

func maxPool2(out []float64, arg []int32, x []float64, w, oh, ow int) int { return 0 }

func maxPool2Back(dx, dout []float64, arg []int32, w, oh, ow int) int { return 0 }

func addConst(dst []float64, c float64) int { return 0 }

func addConstReLU(dst, src []float64, c float64) int { return 0 }

func dropoutMask(mask, out, x []float64, ratio float64) int { return 0 }

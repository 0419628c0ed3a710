//go:build !purego

package cpu

func detect() (avx2FMA, avx512 bool) {
	avx2FMA = detectAVX2FMA()
	return avx2FMA, avx2FMA && detectAVX512()
}

//go:build !amd64 || purego

package cpu

// AVX2FMA reports whether the AVX2/FMA kernels can run: never on this
// build.
const AVX2FMA = false

// AVX512 reports whether the AVX-512 kernels can run: never on this build.
const AVX512 = false

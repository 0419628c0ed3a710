// Package cpu detects, once at start-up, the instruction-set features the
// assembly kernels need: on amd64, AVX2 and FMA with the operating
// system's support for YMM state, and AVX-512F with its support for the
// opmask and ZMM state (its own CPUID/XGETBV stubs). Under -tags purego,
// and on other architectures, every feature reads false.
package cpu

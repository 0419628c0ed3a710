//go:build !purego

package cpu

// cpuid executes CPUID with EAX=eaxArg, ECX=ecxArg.
//
//go:noescape
func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)

// xgetbv0 executes XGETBV with ECX=0 and returns XCR0.
//
//go:noescape
func xgetbv0() (eax, edx uint32)

// AVX2FMA is computed once at package initialisation: the CPU supports
// AVX2 and FMA and the OS saves the YMM state.
var AVX2FMA = detectAVX2FMA()

// AVX512 is computed once at package initialisation: AVX2FMA holds, the
// CPU supports AVX-512 Foundation and the OS saves the opmask and ZMM
// state.
var AVX512 = AVX2FMA && detectAVX512()

// detectAVX512 reports AVX-512F support with ZMM state enabled; the caller
// has checked AVX2FMA (so CPUID leaf 7 exists and XGETBV may run).
func detectAVX512() bool {
	// XCR0 bits 5, 6 and 7: the opmask registers, the upper halves of
	// Z0-Z15 and Z16-Z31; bits 1 and 2: XMM and YMM.
	const zmmState = 1<<1 | 1<<2 | 1<<5 | 1<<6 | 1<<7
	xcr0, _ := xgetbv0()
	if xcr0&zmmState != zmmState {
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	const avx512fBit = 1 << 16
	return ebx7&avx512fBit != 0
}

func detectAVX2FMA() bool {
	maxID, _, _, _ := cpuid(0, 0)
	if maxID < 7 {
		return false
	}
	_, _, ecx1, _ := cpuid(1, 0)
	const (
		fmaBit     = 1 << 12
		osxsaveBit = 1 << 27
		avxBit     = 1 << 28
	)
	if ecx1&fmaBit == 0 || ecx1&osxsaveBit == 0 || ecx1&avxBit == 0 {
		return false
	}
	// XCR0 bit 1: SSE (XMM) state, bit 2: AVX (YMM upper halves) state.
	xcr0, _ := xgetbv0()
	if xcr0&6 != 6 {
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	const avx2Bit = 1 << 5
	return ebx7&avx2Bit != 0
}

//go:build !purego

package gemm

import "github.com/dlfs-go/dlfs/internal/cpu"

// packT8Z512 says whether packT8 runs its AVX-512 loop: set once, after
// the kernel selection (a variable initialised from sel would make an
// initialisation cycle through the plans that call packT).
var packT8Z512 bool

func init() { packT8Z512 = sel.avx512 && cpu.AVX512 }

// packT8Z is the eight-column step of packT on AVX-512 for the first kc
// rows of the block (kc a positive multiple of 8); see packt_amd64.s.
//
//go:noescape
func packT8Z(dst, src *float64, ld, kc, nr int)

// packT8 does the eight-column step of packT for columns j..j+7 with
// AVX-512 where the CPU has it and the selected kernel may use it (not
// under DLFS_GEMM_KERNEL=avx2, which stands for a CPU without AVX-512), and
// returns how many rows of the block it wrote (a multiple of 8), or 0.
func packT8(dst, src []float64, ld, kc, nr, j int) int {
	k8 := kc &^ 7
	if !packT8Z512 || k8 == 0 {
		return 0
	}
	_ = src[(j+7)*ld+k8-1]
	_ = dst[(k8-1)*nr+j+7]
	packT8Z(&dst[j], &src[j*ld], ld, k8, nr)
	return k8
}

//go:build !purego

#include "textflag.h"

// func spCompressZ(val *float64, idx *int32, src *float64, n int) int
//
// Writes the values of src[0:n] that are not zero (NaN included) to val
// and their indices to idx, in order, and returns how many there are.
// val and idx must have room for n+16 elements: every step stores whole
// vectors, of which only the first count lanes are kept.
TEXT ·spCompressZ(SB), NOSPLIT, $0-40
	MOVQ val+0(FP), DI
	MOVQ idx+8(FP), R8
	MOVQ src+16(FP), SI
	MOVQ n+24(FP), CX
	XORQ R11, R11              // count
	VPXORQ Z0, Z0, Z0          // zeros to compare with
	MOVQ $iota16<>(SB), AX
	VMOVDQU32 (AX), Z5         // the indices of the next sixteen values
	MOVL $16, AX
	VPBROADCASTD AX, Z6
loop16:
	CMPQ CX, $16
	JLT tail
	VMOVUPD (SI), Z1
	VMOVUPD 64(SI), Z2
	VCMPPD $4, Z0, Z1, K1      // lanes not equal to 0 (NaN included)
	VCMPPD $4, Z0, Z2, K2
	KUNPCKBW K1, K2, K3        // K3 = K2:K1, sixteen lanes
	VPCOMPRESSD Z5, K3, Z8
	VMOVDQU32 Z8, (R8)(R11*4)
	VCOMPRESSPD Z1, K1, Z3
	VMOVUPD Z3, (DI)(R11*8)
	KMOVB K1, AX
	POPCNTL AX, AX
	ADDQ AX, R11
	VCOMPRESSPD Z2, K2, Z4
	VMOVUPD Z4, (DI)(R11*8)
	KMOVB K2, DX
	POPCNTL DX, DX
	ADDQ DX, R11
	VPADDD Z6, Z5, Z5
	ADDQ $128, SI
	SUBQ $16, CX
	JMP loop16
tail:
	TESTQ CX, CX
	JEQ done
	// Fewer than sixteen left: one value at a time.
	VMOVD X5, AX               // the index of the next value
tailloop:
	VMOVSD (SI), X1
	VUCOMISD X0, X1
	JNE keep
	JPS keep                   // NaN
	JMP skip
keep:
	VMOVSD X1, (DI)(R11*8)
	MOVL AX, (R8)(R11*4)
	INCQ R11
skip:
	ADDQ $8, SI
	INCQ AX
	DECQ CX
	JNE tailloop
done:
	MOVQ R11, ret+32(FP)
	VZEROUPPER
	RET

DATA iota16<>+0(SB)/4, $0
DATA iota16<>+4(SB)/4, $1
DATA iota16<>+8(SB)/4, $2
DATA iota16<>+12(SB)/4, $3
DATA iota16<>+16(SB)/4, $4
DATA iota16<>+20(SB)/4, $5
DATA iota16<>+24(SB)/4, $6
DATA iota16<>+28(SB)/4, $7
DATA iota16<>+32(SB)/4, $8
DATA iota16<>+36(SB)/4, $9
DATA iota16<>+40(SB)/4, $10
DATA iota16<>+44(SB)/4, $11
DATA iota16<>+48(SB)/4, $12
DATA iota16<>+52(SB)/4, $13
DATA iota16<>+56(SB)/4, $14
DATA iota16<>+60(SB)/4, $15
GLOBL iota16<>(SB), RODATA|NOPTR, $64

// func spFiniteZ(b *float64, n int) bool
//
// Reports whether every value of b[0:n] is finite: v·0 is NaN for an
// infinity or a NaN and ±0 otherwise, summed in four vectors.
TEXT ·spFiniteZ(SB), NOSPLIT, $0-17
	MOVQ b+0(FP), SI
	MOVQ n+8(FP), CX
	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
	VPXORQ Z2, Z2, Z2
	VPXORQ Z3, Z3, Z3
	VPXORQ Z4, Z4, Z4          // zero
fin32:
	CMPQ CX, $32
	JLT fin1
	VFMADD231PD (SI), Z4, Z0
	VFMADD231PD 64(SI), Z4, Z1
	VFMADD231PD 128(SI), Z4, Z2
	VFMADD231PD 192(SI), Z4, Z3
	ADDQ $256, SI
	SUBQ $32, CX
	JMP fin32
fin1:
	VXORPD X6, X6, X6          // the sum of the last values
fin1loop:
	TESTQ CX, CX
	JEQ finsum
	VMOVSD (SI), X5
	VFMADD231SD X5, X4, X6
	ADDQ $8, SI
	DECQ CX
	JMP fin1loop
finsum:
	VADDPD Z1, Z0, Z0
	VADDPD Z3, Z2, Z2
	VADDPD Z2, Z0, Z0
	VEXTRACTF64X4 $1, Z0, Y1
	VADDPD Y1, Y0, Y0
	VEXTRACTF128 $1, Y0, X1
	VADDPD X1, X0, X0
	VPERMILPD $1, X0, X1
	VADDSD X1, X0, X0
	VADDSD X6, X0, X0
	VUCOMISD X4, X0
	SETEQ AX
	SETPC DX
	ANDB DX, AL
	MOVB AL, ret+16(FP)
	VZEROUPPER
	RET

//go:build !purego

#include "textflag.h"

// func packT8Z(dst, src *float64, ld, kc, nr int)
//
// The eight-column step of packT on ZMM registers: for q in [0, kc) (kc a
// positive multiple of 8), dst[q*nr+r] = src[r*ld+q] for r = 0..7. Each
// 8×8 block is loaded as eight rows of src, transposed in three rounds of
// shuffles (pairs of rows, then 128-bit lanes twice) and stored as eight
// rows of dst.
TEXT ·packT8Z(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ ld+16(FP), R8
	SHLQ $3, R8                // bytes between rows of src
	MOVQ kc+24(FP), CX
	MOVQ nr+32(FP), R9
	SHLQ $3, R9                // bytes between rows of dst
	LEAQ (R8)(R8*2), R12       // three rows of src
	LEAQ (SI)(R8*4), R11       // row 4 of src
	LEAQ (R9)(R9*2), R13       // three rows of dst
tloop:
	VMOVUPD (SI), Z0
	VMOVUPD (SI)(R8*1), Z1
	VMOVUPD (SI)(R8*2), Z2
	VMOVUPD (SI)(R12*1), Z3
	VMOVUPD (R11), Z4
	VMOVUPD (R11)(R8*1), Z5
	VMOVUPD (R11)(R8*2), Z6
	VMOVUPD (R11)(R12*1), Z7
	// Pairs of rows: Z8 = rows 0,1 at even q, Z9 at odd q, and so on.
	VUNPCKLPD Z1, Z0, Z8
	VUNPCKHPD Z1, Z0, Z9
	VUNPCKLPD Z3, Z2, Z10
	VUNPCKHPD Z3, Z2, Z11
	VUNPCKLPD Z5, Z4, Z12
	VUNPCKHPD Z5, Z4, Z13
	VUNPCKLPD Z7, Z6, Z14
	VUNPCKHPD Z7, Z6, Z15
	// Lanes: rows 0-3 at q = 0,4 (Z16) and 2,6 (Z17); rows 4-7 likewise
	// (Z18, Z19); the odd q in Z20-Z23.
	VSHUFF64X2 $0x88, Z10, Z8, Z16
	VSHUFF64X2 $0xDD, Z10, Z8, Z17
	VSHUFF64X2 $0x88, Z14, Z12, Z18
	VSHUFF64X2 $0xDD, Z14, Z12, Z19
	VSHUFF64X2 $0x88, Z11, Z9, Z20
	VSHUFF64X2 $0xDD, Z11, Z9, Z21
	VSHUFF64X2 $0x88, Z15, Z13, Z22
	VSHUFF64X2 $0xDD, Z15, Z13, Z23
	// The eight rows of the block: q = 0..7.
	VSHUFF64X2 $0x88, Z18, Z16, Z24 // q0
	VSHUFF64X2 $0xDD, Z18, Z16, Z28 // q4
	VSHUFF64X2 $0x88, Z19, Z17, Z26 // q2
	VSHUFF64X2 $0xDD, Z19, Z17, Z30 // q6
	VSHUFF64X2 $0x88, Z22, Z20, Z25 // q1
	VSHUFF64X2 $0xDD, Z22, Z20, Z29 // q5
	VSHUFF64X2 $0x88, Z23, Z21, Z27 // q3
	VSHUFF64X2 $0xDD, Z23, Z21, Z31 // q7
	VMOVUPD Z24, (DI)
	VMOVUPD Z25, (DI)(R9*1)
	VMOVUPD Z26, (DI)(R9*2)
	VMOVUPD Z27, (DI)(R13*1)
	LEAQ (DI)(R9*4), DX
	VMOVUPD Z28, (DX)
	VMOVUPD Z29, (DX)(R9*1)
	VMOVUPD Z30, (DX)(R9*2)
	VMOVUPD Z31, (DX)(R13*1)
	LEAQ (DX)(R9*4), DI
	ADDQ $64, SI
	ADDQ $64, R11
	SUBQ $8, CX
	JNZ tloop
	VZEROUPPER
	RET

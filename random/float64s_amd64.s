//go:build !purego

#include "textflag.h"

DATA temperB<>+0(SB)/4, $0x9d2c5680
GLOBL temperB<>(SB), RODATA|NOPTR, $4
DATA temperC<>+0(SB)/4, $0xefc60000
GLOBL temperC<>(SB), RODATA|NOPTR, $4
// The shifts of the pair's words: a >> 5 (even words), b >> 6 (odd).
DATA pairShifts<>+0(SB)/4, $5
DATA pairShifts<>+4(SB)/4, $6
DATA pairShifts<>+8(SB)/4, $5
DATA pairShifts<>+12(SB)/4, $6
DATA pairShifts<>+16(SB)/4, $5
DATA pairShifts<>+20(SB)/4, $6
DATA pairShifts<>+24(SB)/4, $5
DATA pairShifts<>+28(SB)/4, $6
GLOBL pairShifts<>(SB), RODATA|NOPTR, $32
// The even words to the low half, the odd ones to the high half.
DATA evenOdd<>+0(SB)/4, $0
DATA evenOdd<>+4(SB)/4, $2
DATA evenOdd<>+8(SB)/4, $4
DATA evenOdd<>+12(SB)/4, $6
DATA evenOdd<>+16(SB)/4, $1
DATA evenOdd<>+20(SB)/4, $3
DATA evenOdd<>+24(SB)/4, $5
DATA evenOdd<>+28(SB)/4, $7
GLOBL evenOdd<>(SB), RODATA|NOPTR, $32
DATA two26<>+0(SB)/8, $67108864.0
GLOBL two26<>(SB), RODATA|NOPTR, $8
DATA twoM53<>+0(SB)/8, $1.1102230246251565e-16
GLOBL twoM53<>(SB), RODATA|NOPTR, $8

// func float64sAVX2(dst *float64, words *uint32, pairs int)
// Four values per step from eight state words: each word tempered, then
// (float64(a>>5)·2^26 + float64(b>>6)) · 2^-53 for each pair (a, b), all
// exact. pairs is a positive multiple of 4.
TEXT ·float64sAVX2(SB), NOSPLIT, $0-24
	MOVQ         dst+0(FP), DI
	MOVQ         words+8(FP), SI
	MOVQ         pairs+16(FP), CX
	VPBROADCASTD temperB<>(SB), Y10
	VPBROADCASTD temperC<>(SB), Y11
	VMOVDQU      pairShifts<>(SB), Y12
	VMOVDQU      evenOdd<>(SB), Y13
	VBROADCASTSD two26<>(SB), Y14
	VBROADCASTSD twoM53<>(SB), Y15
floop:
	VMOVDQU      (SI), Y0
	VPSRLD       $11, Y0, Y1 // y ^= y >> 11
	VPXOR        Y1, Y0, Y0
	VPSLLD       $7, Y0, Y1  // y ^= (y << 7) & 0x9d2c5680
	VPAND        Y10, Y1, Y1
	VPXOR        Y1, Y0, Y0
	VPSLLD       $15, Y0, Y1 // y ^= (y << 15) & 0xefc60000
	VPAND        Y11, Y1, Y1
	VPXOR        Y1, Y0, Y0
	VPSRLD       $18, Y0, Y1 // y ^= y >> 18
	VPXOR        Y1, Y0, Y0
	VPSRLVD      Y12, Y0, Y0
	VPERMD       Y0, Y13, Y0
	VCVTDQ2PD    X0, Y1      // the a's (below 2^27: positive int32s)
	VEXTRACTI128 $1, Y0, X2
	VCVTDQ2PD    X2, Y2      // the b's
	VMULPD       Y14, Y1, Y1
	VADDPD       Y2, Y1, Y1
	VMULPD       Y15, Y1, Y1
	VMOVUPD      Y1, (DI)
	ADDQ         $32, SI
	ADDQ         $32, DI
	SUBQ         $4, CX
	JNZ          floop
	VZEROUPPER
	RET

//go:build !purego

#include "textflag.h"

DATA f255<>+0(SB)/4, $255.0
GLOBL f255<>(SB), RODATA|NOPTR, $4

// func normalize255AVX2(dst *float64, src *byte, n int)
// Eight bytes per step: zero-extend to int32, convert to float32, divide
// by 255 in float32 (IEEE, so exactly float32(v)/255), widen to float64.
TEXT ·normalize255AVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	VBROADCASTSS f255<>(SB), Y3
nloop:
	VPMOVZXBD (SI), Y0
	VCVTDQ2PS Y0, Y0
	VDIVPS Y3, Y0, Y0
	VCVTPS2PD X0, Y1
	VEXTRACTF128 $1, Y0, X2
	VCVTPS2PD X2, Y2
	VMOVUPD Y1, (DI)
	VMOVUPD Y2, 32(DI)
	ADDQ $8, SI
	ADDQ $64, DI
	SUBQ $8, CX
	JNZ nloop
	VZEROUPPER
	RET

// func subScaledAVX2(w, grad *float64, n int, a float64)
// Four elements per step: w - (a*g), two roundings, like NumPy.
TEXT ·subScaledAVX2(SB), NOSPLIT, $0-32
	MOVQ w+0(FP), DI
	MOVQ grad+8(FP), SI
	MOVQ n+16(FP), CX
	VBROADCASTSD a+24(FP), Y3
sloop:
	VMULPD (SI), Y3, Y0
	VMOVUPD (DI), Y1
	VSUBPD Y0, Y1, Y1
	VMOVUPD Y1, (DI)
	ADDQ $32, SI
	ADDQ $32, DI
	SUBQ $4, CX
	JNZ sloop
	VZEROUPPER
	RET

// func zeroWhereLE0AVX2(dst, src, cond *float64, n int)
// Four elements per step: mask = cond <= 0 (ordered: false for NaN), then
// dst = src AND NOT mask.
TEXT ·zeroWhereLE0AVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ cond+16(FP), DX
	MOVQ n+24(FP), CX
	VXORPD Y3, Y3, Y3
zloop:
	VMOVUPD (DX), Y0
	VCMPPD $2, Y3, Y0, Y1
	VANDNPD (SI), Y1, Y2
	VMOVUPD Y2, (DI)
	ADDQ $32, DX
	ADDQ $32, SI
	ADDQ $32, DI
	SUBQ $4, CX
	JNZ zloop
	VZEROUPPER
	RET

// func addScaledAVX2(dst, src *float64, n int, a float64)
// Four elements per step: dst + (a*src), two roundings, like NumPy.
TEXT ·addScaledAVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	VBROADCASTSD a+24(FP), Y3
aloop:
	VMULPD (SI), Y3, Y0
	VADDPD (DI), Y0, Y1
	VMOVUPD Y1, (DI)
	ADDQ $32, SI
	ADDQ $32, DI
	SUBQ $4, CX
	JNZ aloop
	VZEROUPPER
	RET

DATA absmask<>+0(SB)/8, $0x7fffffffffffffff
GLOBL absmask<>(SB), RODATA|NOPTR, $8

// func allAbsLEAVX2(x *float64, n int, bound float64) bool
// Sixteen elements per step: |x| <= bound (ordered: false for NaN) in
// four vectors, ANDed; stops at the first step with a failure.
TEXT ·allAbsLEAVX2(SB), NOSPLIT, $0-25
	MOVQ x+0(FP), SI
	MOVQ n+8(FP), CX
	VBROADCASTSD bound+16(FP), Y6
	VBROADCASTSD absmask<>(SB), Y7
bloop:
	VANDPD (SI), Y7, Y0
	VANDPD 32(SI), Y7, Y1
	VANDPD 64(SI), Y7, Y2
	VANDPD 96(SI), Y7, Y3
	VCMPPD $2, Y6, Y0, Y0
	VCMPPD $2, Y6, Y1, Y1
	VCMPPD $2, Y6, Y2, Y2
	VCMPPD $2, Y6, Y3, Y3
	VANDPD Y1, Y0, Y0
	VANDPD Y3, Y2, Y2
	VANDPD Y2, Y0, Y0
	VMOVMSKPD Y0, AX
	CMPL AX, $15
	JNE bfail
	ADDQ $128, SI
	SUBQ $16, CX
	JNZ bloop
	MOVB $1, ret+24(FP)
	VZEROUPPER
	RET
bfail:
	MOVB $0, ret+24(FP)
	VZEROUPPER
	RET

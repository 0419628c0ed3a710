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

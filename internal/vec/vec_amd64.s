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

// func bnNormalizeAVX2(out, xn, xc, std, gamma, beta *float64, n, d, relu int)
// Per four values: v = xc / std; xn = v; out = (gamma*v) + beta, then 0
// where out <= 0 when relu is not 0 (NaN kept).
TEXT ·bnNormalizeAVX2(SB), NOSPLIT, $0-72
	MOVQ   out+0(FP), DI
	MOVQ   xn+8(FP), R8
	MOVQ   xc+16(FP), SI
	MOVQ   n+48(FP), R11
	MOVQ   d+56(FP), R12
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	MOVQ   relu+64(FP), AX
	TESTQ  AX, AX
	JZ     bnrow
	VPCMPEQQ Y7, Y7, Y7 // the ReLU's mask kept
bnrow:
	MOVQ std+24(FP), R9
	MOVQ gamma+32(FP), R10
	MOVQ beta+40(FP), R13
	MOVQ R12, CX
bncol:
	VMOVUPD (SI), Y0
	VDIVPD (R9), Y0, Y0
	VMOVUPD Y0, (R8)
	VMULPD (R10), Y0, Y1
	VADDPD (R13), Y1, Y1
	VCMPPD $2, Y6, Y1, Y2
	VANDPD Y7, Y2, Y2
	VANDNPD Y1, Y2, Y1
	VMOVUPD Y1, (DI)
	ADDQ $32, SI
	ADDQ $32, R8
	ADDQ $32, DI
	ADDQ $32, R9
	ADDQ $32, R10
	ADDQ $32, R13
	SUBQ $4, CX
	JNZ bncol
	DECQ R11
	JNZ bnrow
	VZEROUPPER
	RET

// func adamStepAVX2(w, grad, m, v *float64, n int, lrt, c1, c2, eps float64)
// Per four values: m = m + c1*(g - m); v = v + c2*((g*g) - v);
// w = w - (lrt*m) / (sqrt(v) + eps).
TEXT ·adamStepAVX2(SB), NOSPLIT, $0-72
	MOVQ w+0(FP), DI
	MOVQ grad+8(FP), SI
	MOVQ m+16(FP), R8
	MOVQ v+24(FP), R9
	MOVQ n+32(FP), CX
	VBROADCASTSD lrt+40(FP), Y10
	VBROADCASTSD c1+48(FP), Y11
	VBROADCASTSD c2+56(FP), Y12
	VBROADCASTSD eps+64(FP), Y13
adamloop:
	VMOVUPD (SI), Y0           // g
	VMOVUPD (R8), Y1           // m
	VSUBPD Y1, Y0, Y2          // g - m
	VMULPD Y2, Y11, Y2         // c1*(g - m)
	VADDPD Y2, Y1, Y1          // m + ...
	VMOVUPD Y1, (R8)
	VMOVUPD (R9), Y3           // v
	VMULPD Y0, Y0, Y4          // g*g
	VSUBPD Y3, Y4, Y4          // g*g - v
	VMULPD Y4, Y12, Y4         // c2*(...)
	VADDPD Y4, Y3, Y3          // v + ...
	VMOVUPD Y3, (R9)
	VMULPD Y1, Y10, Y1         // lrt*m
	VSQRTPD Y3, Y3
	VADDPD Y13, Y3, Y3         // sqrt(v) + eps
	VDIVPD Y3, Y1, Y1
	VMOVUPD (DI), Y5
	VSUBPD Y1, Y5, Y5
	VMOVUPD Y5, (DI)
	ADDQ $32, DI
	ADDQ $32, SI
	ADDQ $32, R8
	ADDQ $32, R9
	SUBQ $4, CX
	JNZ adamloop
	VZEROUPPER
	RET

// func adaGradStepAVX2(w, grad, h *float64, n int, lr, eps float64)
// Per four values: h = h + g*g; w = w - (lr*g) / (sqrt(h) + eps).
TEXT ·adaGradStepAVX2(SB), NOSPLIT, $0-48
	MOVQ w+0(FP), DI
	MOVQ grad+8(FP), SI
	MOVQ h+16(FP), R8
	MOVQ n+24(FP), CX
	VBROADCASTSD lr+32(FP), Y10
	VBROADCASTSD eps+40(FP), Y13
adagradloop:
	VMOVUPD (SI), Y0           // g
	VMULPD Y0, Y0, Y1          // g*g
	VADDPD (R8), Y1, Y1        // h + g*g
	VMOVUPD Y1, (R8)
	VMULPD Y0, Y10, Y2         // lr*g
	VSQRTPD Y1, Y1
	VADDPD Y13, Y1, Y1         // sqrt(h) + eps
	VDIVPD Y1, Y2, Y2
	VMOVUPD (DI), Y5
	VSUBPD Y2, Y5, Y5
	VMOVUPD Y5, (DI)
	ADDQ $32, DI
	ADDQ $32, SI
	ADDQ $32, R8
	SUBQ $4, CX
	JNZ adagradloop
	VZEROUPPER
	RET

DATA pool1<>+0(SB)/8, $1.0
GLOBL pool1<>(SB), RODATA|NOPTR, $8
DATA pool2<>+0(SB)/8, $2.0
GLOBL pool2<>(SB), RODATA|NOPTR, $8
DATA pool3<>+0(SB)/8, $3.0
GLOBL pool3<>(SB), RODATA|NOPTR, $8

// func maxPool2AVX2(out *float64, arg *int32, x *float64, w, oh, n, ow int)
// Four windows per step, without a branch on the data. The even and odd
// columns of the two rows are split by unpacking (windows in the order
// 0 2 1 3, put back in order by VPERMPD before the stores); each of the
// three later candidates replaces the best where !(v <= best) (larger, or
// v NaN) and best is not NaN, its position (a double) blended alike.
TEXT ·maxPool2AVX2(SB), NOSPLIT, $0-56
	MOVQ out+0(FP), DI
	MOVQ arg+8(FP), R8
	MOVQ x+16(FP), SI
	MOVQ w+24(FP), R9
	MOVQ oh+32(FP), R10
	MOVQ n+40(FP), R11
	MOVQ ow+48(FP), R12
	SHLQ $3, R9
	VBROADCASTSD pool1<>(SB), Y13
	VBROADCASTSD pool2<>(SB), Y14
	VBROADCASTSD pool3<>(SB), Y15
prow:
	MOVQ SI, AX
	LEAQ (SI)(R9*1), BX
	MOVQ DI, DX
	MOVQ R8, CX
	MOVQ R11, R13
pcol:
	VMOVUPD (AX), Y0
	VMOVUPD 32(AX), Y1
	VUNPCKLPD Y1, Y0, Y2
	VUNPCKHPD Y1, Y0, Y3
	VMOVUPD (BX), Y0
	VMOVUPD 32(BX), Y1
	VUNPCKLPD Y1, Y0, Y4
	VUNPCKHPD Y1, Y0, Y5
	VXORPD Y6, Y6, Y6
	VCMPPD $0x16, Y2, Y3, Y7
	VCMPPD $7, Y2, Y2, Y8
	VANDPD Y8, Y7, Y7
	VBLENDVPD Y7, Y3, Y2, Y2
	VBLENDVPD Y7, Y13, Y6, Y6
	VCMPPD $0x16, Y2, Y4, Y7
	VCMPPD $7, Y2, Y2, Y8
	VANDPD Y8, Y7, Y7
	VBLENDVPD Y7, Y4, Y2, Y2
	VBLENDVPD Y7, Y14, Y6, Y6
	VCMPPD $0x16, Y2, Y5, Y7
	VCMPPD $7, Y2, Y2, Y8
	VANDPD Y8, Y7, Y7
	VBLENDVPD Y7, Y5, Y2, Y2
	VBLENDVPD Y7, Y15, Y6, Y6
	VPERMPD $0xD8, Y2, Y2
	VPERMPD $0xD8, Y6, Y6
	VCVTTPD2DQY Y6, X6
	VMOVUPD Y2, (DX)
	VMOVDQU X6, (CX)
	ADDQ $64, AX
	ADDQ $64, BX
	ADDQ $32, DX
	ADDQ $16, CX
	SUBQ $4, R13
	JNZ pcol
	LEAQ (SI)(R9*2), SI
	LEAQ (DI)(R12*8), DI
	LEAQ (R8)(R12*4), R8
	DECQ R10
	JNZ prow
	VZEROUPPER
	RET

// func maxPool2BackAVX2(dx, dout *float64, arg *int32, w, oh, n, ow int)
// Four windows per step: the positions as doubles compared with 0 to 3
// give four masks, each (dout AND mask) + 0 the values of one position,
// interleaved back into the two rows.
TEXT ·maxPool2BackAVX2(SB), NOSPLIT, $0-56
	MOVQ dx+0(FP), DI
	MOVQ dout+8(FP), SI
	MOVQ arg+16(FP), R8
	MOVQ w+24(FP), R9
	MOVQ oh+32(FP), R10
	MOVQ n+40(FP), R11
	MOVQ ow+48(FP), R12
	SHLQ $3, R9
	VXORPD Y12, Y12, Y12
	VBROADCASTSD pool1<>(SB), Y13
	VBROADCASTSD pool2<>(SB), Y14
	VBROADCASTSD pool3<>(SB), Y15
brow:
	MOVQ DI, AX
	LEAQ (DI)(R9*1), BX
	MOVQ SI, DX
	MOVQ R8, CX
	MOVQ R11, R13
bcol:
	VMOVUPD (DX), Y0
	VCVTDQ2PD (CX), Y1
	VCMPPD $0, Y12, Y1, Y2
	VANDPD Y0, Y2, Y2
	VADDPD Y12, Y2, Y2
	VCMPPD $0, Y13, Y1, Y3
	VANDPD Y0, Y3, Y3
	VADDPD Y12, Y3, Y3
	VCMPPD $0, Y14, Y1, Y4
	VANDPD Y0, Y4, Y4
	VADDPD Y12, Y4, Y4
	VCMPPD $0, Y15, Y1, Y5
	VANDPD Y0, Y5, Y5
	VADDPD Y12, Y5, Y5
	VUNPCKLPD Y3, Y2, Y6
	VUNPCKHPD Y3, Y2, Y7
	VPERM2F128 $0x20, Y7, Y6, Y8
	VPERM2F128 $0x31, Y7, Y6, Y9
	VMOVUPD Y8, (AX)
	VMOVUPD Y9, 32(AX)
	VUNPCKLPD Y5, Y4, Y6
	VUNPCKHPD Y5, Y4, Y7
	VPERM2F128 $0x20, Y7, Y6, Y8
	VPERM2F128 $0x31, Y7, Y6, Y9
	VMOVUPD Y8, (BX)
	VMOVUPD Y9, 32(BX)
	ADDQ $64, AX
	ADDQ $64, BX
	ADDQ $32, DX
	ADDQ $16, CX
	SUBQ $4, R13
	JNZ bcol
	LEAQ (DI)(R9*2), DI
	LEAQ (SI)(R12*8), SI
	LEAQ (R8)(R12*4), R8
	DECQ R10
	JNZ brow
	VZEROUPPER
	RET

// func addConstAVX2(dst *float64, n int, c float64)
// Eight elements per step: dst + c.
TEXT ·addConstAVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ n+8(FP), CX
	VBROADCASTSD c+16(FP), Y2
cloop:
	VADDPD (DI), Y2, Y0
	VADDPD 32(DI), Y2, Y1
	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	ADDQ $64, DI
	SUBQ $8, CX
	JNZ cloop
	VZEROUPPER
	RET

// func copy2DAVX2(dst *float64, dstStride int, src *float64, srcStride int, rows, cols int)
// Row r: cols values from src+r·srcStride to dst+r·dstStride (strides in
// elements), sixteen, then four, then one at a time. rows > 0.
TEXT ·copy2DAVX2(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ dstStride+8(FP), R8
	MOVQ src+16(FP), SI
	MOVQ srcStride+24(FP), R9
	MOVQ rows+32(FP), DX
	MOVQ cols+40(FP), R10
	SHLQ $3, R8
	SHLQ $3, R9
crow:
	MOVQ R10, CX
	XORQ AX, AX
c16:
	CMPQ CX, $16
	JLT c4
	VMOVUPD (SI)(AX*1), Y0
	VMOVUPD 32(SI)(AX*1), Y1
	VMOVUPD 64(SI)(AX*1), Y2
	VMOVUPD 96(SI)(AX*1), Y3
	VMOVUPD Y0, (DI)(AX*1)
	VMOVUPD Y1, 32(DI)(AX*1)
	VMOVUPD Y2, 64(DI)(AX*1)
	VMOVUPD Y3, 96(DI)(AX*1)
	ADDQ $128, AX
	SUBQ $16, CX
	JMP c16
c4:
	CMPQ CX, $4
	JLT c1
	VMOVUPD (SI)(AX*1), Y0
	VMOVUPD Y0, (DI)(AX*1)
	ADDQ $32, AX
	SUBQ $4, CX
	JMP c4
c1:
	TESTQ CX, CX
	JZ cnext
	MOVQ (SI)(AX*1), BX
	MOVQ BX, (DI)(AX*1)
	ADDQ $8, AX
	DECQ CX
	JMP c1
cnext:
	ADDQ R8, DI
	ADDQ R9, SI
	DECQ DX
	JNZ crow
	VZEROUPPER
	RET

// func add2DAVX2(dst *float64, dstStride int, src *float64, srcStride int, rows, cols int)
// copy2DAVX2's walk with dst += src: dst the first operand of every
// addition, as Go's dst[i] += src[i] (which NaN of two comes out).
TEXT ·add2DAVX2(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ dstStride+8(FP), R8
	MOVQ src+16(FP), SI
	MOVQ srcStride+24(FP), R9
	MOVQ rows+32(FP), DX
	MOVQ cols+40(FP), R10
	SHLQ $3, R8
	SHLQ $3, R9
arow:
	MOVQ R10, CX
	XORQ AX, AX
a16:
	CMPQ CX, $16
	JLT a4
	VMOVUPD (DI)(AX*1), Y0
	VMOVUPD 32(DI)(AX*1), Y1
	VMOVUPD 64(DI)(AX*1), Y2
	VMOVUPD 96(DI)(AX*1), Y3
	VADDPD (SI)(AX*1), Y0, Y0
	VADDPD 32(SI)(AX*1), Y1, Y1
	VADDPD 64(SI)(AX*1), Y2, Y2
	VADDPD 96(SI)(AX*1), Y3, Y3
	VMOVUPD Y0, (DI)(AX*1)
	VMOVUPD Y1, 32(DI)(AX*1)
	VMOVUPD Y2, 64(DI)(AX*1)
	VMOVUPD Y3, 96(DI)(AX*1)
	ADDQ $128, AX
	SUBQ $16, CX
	JMP a16
a4:
	CMPQ CX, $4
	JLT a1
	VMOVUPD (DI)(AX*1), Y0
	VADDPD (SI)(AX*1), Y0, Y0
	VMOVUPD Y0, (DI)(AX*1)
	ADDQ $32, AX
	SUBQ $4, CX
	JMP a4
a1:
	TESTQ CX, CX
	JZ anext
	MOVSD (DI)(AX*1), X0
	ADDSD (SI)(AX*1), X0
	MOVSD X0, (DI)(AX*1)
	ADDQ $8, AX
	DECQ CX
	JMP a1
anext:
	ADDQ R8, DI
	ADDQ R9, SI
	DECQ DX
	JNZ arow
	VZEROUPPER
	RET

// func scaleAVX2(dst, src *float64, n int, s float64)
// Eight elements per step: dst = src * s.
TEXT ·scaleAVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	VBROADCASTSD s+24(FP), Y3
mloop:
	VMULPD (SI), Y3, Y0
	VMULPD 32(SI), Y3, Y1
	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	ADDQ $64, SI
	ADDQ $64, DI
	SUBQ $8, CX
	JNZ mloop
	VZEROUPPER
	RET

// func biasReLUScaleAVX2(dst, src, b *float64, rows, cols, n4 int, s float64)
// Each of rows rows of cols values: for the first n4 (a multiple of 4,
// > 0) columns, four at a time, v = src + b; dst = v <= 0 ? 0 : v*s.
TEXT ·biasReLUScaleAVX2(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ b+16(FP), R8
	MOVQ rows+24(FP), DX
	MOVQ cols+32(FP), R9
	SHLQ $3, R9
	MOVQ n4+40(FP), R10
	VBROADCASTSD s+48(FP), Y3
	VXORPD Y4, Y4, Y4
brrow:
	XORQ AX, AX
	MOVQ R10, CX
brloop:
	VMOVUPD (SI)(AX*8), Y0
	VADDPD (R8)(AX*8), Y0, Y0
	VCMPPD $2, Y4, Y0, Y1
	VMULPD Y3, Y0, Y0
	VANDNPD Y0, Y1, Y2
	VMOVUPD Y2, (DI)(AX*8)
	ADDQ $4, AX
	SUBQ $4, CX
	JNZ brloop
	ADDQ R9, SI
	ADDQ R9, DI
	DECQ DX
	JNZ brrow
	VZEROUPPER
	RET

// func addConstReLUAVX2(dst, src *float64, n int, c float64)
// Eight elements per step: v = src + c; dst = v <= 0 ? 0 : v.
TEXT ·addConstReLUAVX2(SB), NOSPLIT, $0-32
	MOVQ         dst+0(FP), DI
	MOVQ         src+8(FP), SI
	MOVQ         n+16(FP), CX
	VBROADCASTSD c+24(FP), Y2
	VXORPD       Y3, Y3, Y3
crloop:
	VADDPD  (SI), Y2, Y0
	VADDPD  32(SI), Y2, Y1
	VCMPPD  $2, Y3, Y0, Y4
	VCMPPD  $2, Y3, Y1, Y5
	VANDNPD Y0, Y4, Y0
	VANDNPD Y1, Y5, Y1
	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	ADDQ    $64, SI
	ADDQ    $64, DI
	SUBQ    $8, CX
	JNZ     crloop
	VZEROUPPER
	RET

DATA one64<>+0(SB)/8, $1.0
GLOBL one64<>(SB), RODATA|NOPTR, $8

// func dropoutMaskAVX2(mask, out, x *float64, n int, ratio float64)
// Four elements per step: m = mask > ratio ? 1 : 0; mask = m; out = x*m.
TEXT ·dropoutMaskAVX2(SB), NOSPLIT, $0-40
	MOVQ         mask+0(FP), DI
	MOVQ         out+8(FP), R8
	MOVQ         x+16(FP), SI
	MOVQ         n+24(FP), CX
	VBROADCASTSD ratio+32(FP), Y5
	VBROADCASTSD one64<>(SB), Y6
dmloop:
	VMOVUPD (DI), Y0
	VCMPPD  $0x1e, Y5, Y0, Y1 // mask > ratio (ordered: NaN is not)
	VANDPD  Y6, Y1, Y1
	VMOVUPD Y1, (DI)
	VMULPD  (SI), Y1, Y2
	VMOVUPD Y2, (R8)
	ADDQ    $32, DI
	ADDQ    $32, R8
	ADDQ    $32, SI
	SUBQ    $4, CX
	JNZ     dmloop
	VZEROUPPER
	RET

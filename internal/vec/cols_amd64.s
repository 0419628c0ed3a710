//go:build !purego

#include "textflag.h"

// The column kernels: n > 0 rows of d values (R12 = 8·d, the stride in
// bytes), columns 0 to d4 (a positive multiple of 4, at most d). Each
// walks the columns in blocks of a few YMM registers and, for a block,
// every row in order, its sums held in the registers: a sum over the rows
// is +0, then row 0 added, then row 1, and so on, as NumPy's sum over
// axis 0 of a C-ordered array adds them, and as Go's loop would.

// func sumRowsAVX2(dst, x *float64, n, d, d4 int)
// dst[j] = Σ x[i][j].
TEXT ·sumRowsAVX2(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ n+16(FP), R11
	MOVQ d+24(FP), R12
	MOVQ d4+32(FP), CX
	SHLQ $3, R12
sr32:
	CMPQ CX, $32
	JLT  sr4
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	MOVQ   SI, AX
	MOVQ   R11, DX
sr32row:
	VADDPD (AX), Y0, Y0
	VADDPD 32(AX), Y1, Y1
	VADDPD 64(AX), Y2, Y2
	VADDPD 96(AX), Y3, Y3
	VADDPD 128(AX), Y4, Y4
	VADDPD 160(AX), Y5, Y5
	VADDPD 192(AX), Y6, Y6
	VADDPD 224(AX), Y7, Y7
	ADDQ   R12, AX
	DECQ   DX
	JNZ    sr32row
	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	VMOVUPD Y4, 128(DI)
	VMOVUPD Y5, 160(DI)
	VMOVUPD Y6, 192(DI)
	VMOVUPD Y7, 224(DI)
	ADDQ    $256, DI
	ADDQ    $256, SI
	SUBQ    $32, CX
	JMP     sr32
sr4:
	TESTQ CX, CX
	JZ    srdone
	VXORPD Y0, Y0, Y0
	MOVQ   SI, AX
	MOVQ   R11, DX
sr4row:
	VADDPD (AX), Y0, Y0
	ADDQ   R12, AX
	DECQ   DX
	JNZ    sr4row
	VMOVUPD Y0, (DI)
	ADDQ    $32, DI
	ADDQ    $32, SI
	SUBQ    $4, CX
	JMP     sr4
srdone:
	VZEROUPPER
	RET

// CENTER: t = x - mu; xc = t; acc += t*t (the square rounded first).
#define CENTER(off, acc, mu, t) \
	VMOVUPD off(AX), t; \
	VSUBPD  mu, t, t; \
	VMOVUPD t, off(BX); \
	VMULPD  t, t, t; \
	VADDPD  t, acc, acc

// func bnCenterAVX2(xc, sq, x, mu *float64, n, d, d4 int)
// xc[i][j] = x[i][j] - mu[j]; sq[j] = Σ xc[i][j]·xc[i][j].
TEXT ·bnCenterAVX2(SB), NOSPLIT, $0-56
	MOVQ xc+0(FP), DI
	MOVQ sq+8(FP), R8
	MOVQ x+16(FP), SI
	MOVQ mu+24(FP), R9
	MOVQ n+32(FP), R11
	MOVQ d+40(FP), R12
	MOVQ d4+48(FP), CX
	SHLQ $3, R12
ce16:
	CMPQ CX, $16
	JLT  ce4
	VXORPD  Y0, Y0, Y0
	VXORPD  Y1, Y1, Y1
	VXORPD  Y2, Y2, Y2
	VXORPD  Y3, Y3, Y3
	VMOVUPD (R9), Y4
	VMOVUPD 32(R9), Y5
	VMOVUPD 64(R9), Y6
	VMOVUPD 96(R9), Y7
	MOVQ    SI, AX
	MOVQ    DI, BX
	MOVQ    R11, DX
ce16row:
	CENTER(0, Y0, Y4, Y8)
	CENTER(32, Y1, Y5, Y9)
	CENTER(64, Y2, Y6, Y10)
	CENTER(96, Y3, Y7, Y11)
	ADDQ R12, AX
	ADDQ R12, BX
	DECQ DX
	JNZ  ce16row
	VMOVUPD Y0, (R8)
	VMOVUPD Y1, 32(R8)
	VMOVUPD Y2, 64(R8)
	VMOVUPD Y3, 96(R8)
	ADDQ    $128, DI
	ADDQ    $128, R8
	ADDQ    $128, SI
	ADDQ    $128, R9
	SUBQ    $16, CX
	JMP     ce16
ce4:
	TESTQ CX, CX
	JZ    cedone
	VXORPD  Y0, Y0, Y0
	VMOVUPD (R9), Y4
	MOVQ    SI, AX
	MOVQ    DI, BX
	MOVQ    R11, DX
ce4row:
	CENTER(0, Y0, Y4, Y8)
	ADDQ R12, AX
	ADDQ R12, BX
	DECQ DX
	JNZ  ce4row
	VMOVUPD Y0, (R8)
	ADDQ    $32, DI
	ADDQ    $32, R8
	ADDQ    $32, SI
	ADDQ    $32, R9
	SUBQ    $4, CX
	JMP     ce4
cedone:
	VZEROUPPER
	RET

// GRADSUMS: t = dout; db += t; t = t*xn; dg += t.
#define GRADSUMS(off, db, dg, t) \
	VMOVUPD off(AX), t; \
	VADDPD  t, db, db; \
	VMULPD  off(BX), t, t; \
	VADDPD  t, dg, dg

// func bnGradSumsAVX2(dgamma, dbeta, xn, dout *float64, n, d, d4 int)
// dbeta[j] = Σ dout[i][j]; dgamma[j] = Σ xn[i][j]·dout[i][j].
TEXT ·bnGradSumsAVX2(SB), NOSPLIT, $0-56
	MOVQ dgamma+0(FP), DI
	MOVQ dbeta+8(FP), R8
	MOVQ xn+16(FP), R9
	MOVQ dout+24(FP), SI
	MOVQ n+32(FP), R11
	MOVQ d+40(FP), R12
	MOVQ d4+48(FP), CX
	SHLQ $3, R12
gs16:
	CMPQ CX, $16
	JLT  gs4
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	MOVQ   SI, AX
	MOVQ   R9, BX
	MOVQ   R11, DX
gs16row:
	GRADSUMS(0, Y0, Y4, Y8)
	GRADSUMS(32, Y1, Y5, Y9)
	GRADSUMS(64, Y2, Y6, Y10)
	GRADSUMS(96, Y3, Y7, Y11)
	ADDQ R12, AX
	ADDQ R12, BX
	DECQ DX
	JNZ  gs16row
	VMOVUPD Y0, (R8)
	VMOVUPD Y1, 32(R8)
	VMOVUPD Y2, 64(R8)
	VMOVUPD Y3, 96(R8)
	VMOVUPD Y4, (DI)
	VMOVUPD Y5, 32(DI)
	VMOVUPD Y6, 64(DI)
	VMOVUPD Y7, 96(DI)
	ADDQ    $128, DI
	ADDQ    $128, R8
	ADDQ    $128, R9
	ADDQ    $128, SI
	SUBQ    $16, CX
	JMP     gs16
gs4:
	TESTQ CX, CX
	JZ    gsdone
	VXORPD Y0, Y0, Y0
	VXORPD Y4, Y4, Y4
	MOVQ   SI, AX
	MOVQ   R9, BX
	MOVQ   R11, DX
gs4row:
	GRADSUMS(0, Y0, Y4, Y8)
	ADDQ R12, AX
	ADDQ R12, BX
	DECQ DX
	JNZ  gs4row
	VMOVUPD Y0, (R8)
	VMOVUPD Y4, (DI)
	ADDQ    $32, DI
	ADDQ    $32, R8
	ADDQ    $32, R9
	ADDQ    $32, SI
	SUBQ    $4, CX
	JMP     gs4
gsdone:
	VZEROUPPER
	RET

// DSTD: t = ((gamma*dout)*xc) / stdSq; acc += t.
#define DSTD(off, acc, g, ss, t) \
	VMULPD off(AX), g, t; \
	VMULPD off(BX), t, t; \
	VDIVPD ss, t, t; \
	VADDPD t, acc, acc

// func bnDstdSumAVX2(dstd, dout, xc, gamma, stdSq *float64, n, d, d4 int)
// dstd[j] = Σ ((gamma[j]·dout[i][j])·xc[i][j]) / stdSq[j].
TEXT ·bnDstdSumAVX2(SB), NOSPLIT, $0-64
	MOVQ dstd+0(FP), DI
	MOVQ dout+8(FP), SI
	MOVQ xc+16(FP), R8
	MOVQ gamma+24(FP), R9
	MOVQ stdSq+32(FP), R10
	MOVQ n+40(FP), R11
	MOVQ d+48(FP), R12
	MOVQ d4+56(FP), CX
	SHLQ $3, R12
ds16:
	CMPQ CX, $16
	JLT  ds4
	VXORPD  Y0, Y0, Y0
	VXORPD  Y1, Y1, Y1
	VXORPD  Y2, Y2, Y2
	VXORPD  Y3, Y3, Y3
	VMOVUPD (R9), Y4
	VMOVUPD 32(R9), Y5
	VMOVUPD 64(R9), Y6
	VMOVUPD 96(R9), Y7
	VMOVUPD (R10), Y8
	VMOVUPD 32(R10), Y9
	VMOVUPD 64(R10), Y10
	VMOVUPD 96(R10), Y11
	MOVQ    SI, AX
	MOVQ    R8, BX
	MOVQ    R11, DX
ds16row:
	DSTD(0, Y0, Y4, Y8, Y12)
	DSTD(32, Y1, Y5, Y9, Y13)
	DSTD(64, Y2, Y6, Y10, Y14)
	DSTD(96, Y3, Y7, Y11, Y15)
	ADDQ R12, AX
	ADDQ R12, BX
	DECQ DX
	JNZ  ds16row
	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	ADDQ    $128, DI
	ADDQ    $128, SI
	ADDQ    $128, R8
	ADDQ    $128, R9
	ADDQ    $128, R10
	SUBQ    $16, CX
	JMP     ds16
ds4:
	TESTQ CX, CX
	JZ    dsdone
	VXORPD  Y0, Y0, Y0
	VMOVUPD (R9), Y4
	VMOVUPD (R10), Y8
	MOVQ    SI, AX
	MOVQ    R8, BX
	MOVQ    R11, DX
ds4row:
	DSTD(0, Y0, Y4, Y8, Y12)
	ADDQ R12, AX
	ADDQ R12, BX
	DECQ DX
	JNZ  ds4row
	VMOVUPD Y0, (DI)
	ADDQ    $32, DI
	ADDQ    $32, SI
	ADDQ    $32, R8
	ADDQ    $32, R9
	ADDQ    $32, R10
	SUBQ    $4, CX
	JMP     ds4
dsdone:
	VZEROUPPER
	RET

// DXC: t = (gamma*dout) / std; u = (two*xc)*dvar; t = t + u; dst = t;
// acc += t.
#define DXC(off, acc, g, s, dv, t, u) \
	VMULPD  off(SI)(AX*1), g, t; \
	VDIVPD  s, t, t; \
	VMULPD  off(R8)(AX*1), Y15, u; \
	VMULPD  dv, u, u; \
	VADDPD  u, t, t; \
	VMOVUPD t, off(DI)(AX*1); \
	VADDPD  t, acc, acc

// func bnDxcSumAVX2(dst, dmu, dout, xc, gamma, std, dvar *float64, two float64, n, d, d4 int)
// dst[i][j] = (gamma[j]·dout[i][j]) / std[j] + (two·xc[i][j])·dvar[j];
// dmu[j] = Σ dst[i][j].
TEXT ·bnDxcSumAVX2(SB), NOSPLIT, $0-88
	MOVQ         dst+0(FP), DI
	MOVQ         dmu+8(FP), R13
	MOVQ         dout+16(FP), SI
	MOVQ         xc+24(FP), R8
	MOVQ         gamma+32(FP), R9
	MOVQ         std+40(FP), R10
	MOVQ         dvar+48(FP), R14
	VBROADCASTSD two+56(FP), Y15
	MOVQ         n+64(FP), R11
	MOVQ         d+72(FP), R12
	MOVQ         d4+80(FP), CX
	SHLQ         $3, R12
dx8:
	CMPQ CX, $8
	JLT  dx4
	VXORPD  Y0, Y0, Y0
	VXORPD  Y1, Y1, Y1
	VMOVUPD (R9), Y2
	VMOVUPD 32(R9), Y3
	VMOVUPD (R10), Y4
	VMOVUPD 32(R10), Y5
	VMOVUPD (R14), Y6
	VMOVUPD 32(R14), Y7
	XORQ    AX, AX
	MOVQ    R11, DX
dx8row:
	DXC(0, Y0, Y2, Y4, Y6, Y8, Y9)
	DXC(32, Y1, Y3, Y5, Y7, Y10, Y11)
	ADDQ R12, AX
	DECQ DX
	JNZ  dx8row
	VMOVUPD Y0, (R13)
	VMOVUPD Y1, 32(R13)
	ADDQ    $64, DI
	ADDQ    $64, R13
	ADDQ    $64, SI
	ADDQ    $64, R8
	ADDQ    $64, R9
	ADDQ    $64, R10
	ADDQ    $64, R14
	SUBQ    $8, CX
	JMP     dx8
dx4:
	TESTQ CX, CX
	JZ    dxdone
	VXORPD  Y0, Y0, Y0
	VMOVUPD (R9), Y2
	VMOVUPD (R10), Y4
	VMOVUPD (R14), Y6
	XORQ    AX, AX
	MOVQ    R11, DX
dx4row:
	DXC(0, Y0, Y2, Y4, Y6, Y8, Y9)
	ADDQ R12, AX
	DECQ DX
	JNZ  dx4row
	VMOVUPD Y0, (R13)
dxdone:
	VZEROUPPER
	RET

// func subRowAVX2(dst, x, row *float64, n, d, d4 int)
// dst[i][j] = x[i][j] - row[j].
TEXT ·subRowAVX2(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ n+24(FP), R11
	MOVQ d+32(FP), R12
	MOVQ d4+40(FP), R13
	SHLQ $3, R12
srow:
	MOVQ row+16(FP), R9
	XORQ AX, AX
	MOVQ R13, CX
scol:
	VMOVUPD (SI)(AX*1), Y0
	VSUBPD  (R9)(AX*1), Y0, Y0
	VMOVUPD Y0, (DI)(AX*1)
	ADDQ    $32, AX
	SUBQ    $4, CX
	JNZ     scol
	ADDQ    R12, SI
	ADDQ    R12, DI
	DECQ    R11
	JNZ     srow
	VZEROUPPER
	RET

// func bnInferAVX2(out, xn, x, mean, std, gamma, beta *float64, n, d, d4, relu int)
// v = (x - mean) / std; xn = v; out = (gamma*v) + beta, then 0 where
// out <= 0 when relu is not 0 (NaN kept).
TEXT ·bnInferAVX2(SB), NOSPLIT, $0-88
	MOVQ   out+0(FP), DI
	MOVQ   xn+8(FP), R8
	MOVQ   x+16(FP), SI
	MOVQ   n+56(FP), R11
	MOVQ   d+64(FP), R12
	MOVQ   d4+72(FP), R13
	SHLQ   $3, R12
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	MOVQ   relu+80(FP), DX
	TESTQ  DX, DX
	JZ     birow
	VPCMPEQQ Y7, Y7, Y7 // the ReLU's mask kept
birow:
	MOVQ mean+24(FP), R9
	MOVQ std+32(FP), R10
	MOVQ gamma+40(FP), R14
	MOVQ beta+48(FP), BX
	XORQ AX, AX
	MOVQ R13, CX
bicol:
	VMOVUPD (SI)(AX*1), Y0
	VSUBPD  (R9)(AX*1), Y0, Y0
	VDIVPD  (R10)(AX*1), Y0, Y0
	VMOVUPD Y0, (R8)(AX*1)
	VMULPD  (R14)(AX*1), Y0, Y1
	VADDPD  (BX)(AX*1), Y1, Y1
	VCMPPD  $2, Y6, Y1, Y2
	VANDPD  Y7, Y2, Y2
	VANDNPD Y1, Y2, Y1
	VMOVUPD Y1, (DI)(AX*1)
	ADDQ    $32, AX
	SUBQ    $4, CX
	JNZ     bicol
	ADDQ    R12, SI
	ADDQ    R12, R8
	ADDQ    R12, DI
	DECQ    R11
	JNZ     birow
	VZEROUPPER
	RET

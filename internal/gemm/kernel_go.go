package gemm

import "math"

func fma(x, y, z float64) float64 { return math.FMA(x, y, z) }

// kernGo4x2 is the pure-Go micro-kernel of the packed kernel: a 4×2 tile of
// C in eight scalar accumulators, the k loop unrolled four times.
//
// Go's amd64 register allocator has 15 usable XMM registers (X15 is the
// fixed zero register), so a tile must leave room for the values of op(A)
// and op(B) being multiplied: 4×4 (16 accumulators) spills on every
// iteration. Measured on the development machine (Xeon, ~2 GHz), kc = 256,
// operands in L1: 4×4 4.7-6.8 GFLOP/s, 2×4 9.5, 1×8 7.5, 3×2 10.5,
// 2×3 10.2, 4×2 10.2 (unrolled four times; 6.2 without unrolling).
// Using math.FMA is slower (5.3 for 4×2): on amd64 it is a call guarded by
// a CPU-feature test. 4×2 needs 6 loads per 16 flops, which suits the two
// load ports of Zen 2 better than 3×2 (5 loads per 12 flops).
func kernGo4x2(kc int, a, b, c []float64, ldc int, alpha, beta float64) {
	var c00, c01 float64
	var c10, c11 float64
	var c20, c21 float64
	var c30, c31 float64
	a = a[:4*kc]
	b = b[:2*kc]
	for len(a) >= 16 && len(b) >= 8 {
		{
			b0, b1 := b[0], b[1]
			ai0 := a[0]
			c00 += ai0 * b0
			c01 += ai0 * b1
			ai1 := a[1]
			c10 += ai1 * b0
			c11 += ai1 * b1
			ai2 := a[2]
			c20 += ai2 * b0
			c21 += ai2 * b1
			ai3 := a[3]
			c30 += ai3 * b0
			c31 += ai3 * b1
		}
		{
			b0, b1 := b[2], b[3]
			ai0 := a[4]
			c00 += ai0 * b0
			c01 += ai0 * b1
			ai1 := a[5]
			c10 += ai1 * b0
			c11 += ai1 * b1
			ai2 := a[6]
			c20 += ai2 * b0
			c21 += ai2 * b1
			ai3 := a[7]
			c30 += ai3 * b0
			c31 += ai3 * b1
		}
		{
			b0, b1 := b[4], b[5]
			ai0 := a[8]
			c00 += ai0 * b0
			c01 += ai0 * b1
			ai1 := a[9]
			c10 += ai1 * b0
			c11 += ai1 * b1
			ai2 := a[10]
			c20 += ai2 * b0
			c21 += ai2 * b1
			ai3 := a[11]
			c30 += ai3 * b0
			c31 += ai3 * b1
		}
		{
			b0, b1 := b[6], b[7]
			ai0 := a[12]
			c00 += ai0 * b0
			c01 += ai0 * b1
			ai1 := a[13]
			c10 += ai1 * b0
			c11 += ai1 * b1
			ai2 := a[14]
			c20 += ai2 * b0
			c21 += ai2 * b1
			ai3 := a[15]
			c30 += ai3 * b0
			c31 += ai3 * b1
		}
		a = a[16:]
		b = b[8:]
	}
	for len(a) >= 4 && len(b) >= 2 {
		b0, b1 := b[0], b[1]
		ai0 := a[0]
		c00 += ai0 * b0
		c01 += ai0 * b1
		ai1 := a[1]
		c10 += ai1 * b0
		c11 += ai1 * b1
		ai2 := a[2]
		c20 += ai2 * b0
		c21 += ai2 * b1
		ai3 := a[3]
		c30 += ai3 * b0
		c31 += ai3 * b1
		a = a[4:]
		b = b[2:]
	}
	r0 := c[0*ldc : 0*ldc+2 : 0*ldc+2]
	r1 := c[1*ldc : 1*ldc+2 : 1*ldc+2]
	r2 := c[2*ldc : 2*ldc+2 : 2*ldc+2]
	r3 := c[3*ldc : 3*ldc+2 : 3*ldc+2]
	if beta == 0 {
		r0[0] = alpha * c00
		r0[1] = alpha * c01
		r1[0] = alpha * c10
		r1[1] = alpha * c11
		r2[0] = alpha * c20
		r2[1] = alpha * c21
		r3[0] = alpha * c30
		r3[1] = alpha * c31
		return
	}
	r0[0] = float64(alpha*c00) + float64(beta*r0[0])
	r0[1] = float64(alpha*c01) + float64(beta*r0[1])
	r1[0] = float64(alpha*c10) + float64(beta*r1[0])
	r1[1] = float64(alpha*c11) + float64(beta*r1[1])
	r2[0] = float64(alpha*c20) + float64(beta*r2[0])
	r2[1] = float64(alpha*c21) + float64(beta*r2[1])
	r3[0] = float64(alpha*c30) + float64(beta*r3[0])
	r3[1] = float64(alpha*c31) + float64(beta*r3[1])
}

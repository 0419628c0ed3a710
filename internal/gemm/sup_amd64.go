//go:build !purego

package gemm

// Blocking of the unpacked ("small/unpacked", BLIS's sup) path of the avx2
// kernel. The op(A) rows and op(B) columns are read in place by kern6x8s,
// so no block is copied; blocking only keeps the reused operands in cache:
// a supKC×supNC block of op(B) (256·128·8 B = 256 KiB, half the 512 KiB L2
// of the reference Zen cores) is reused from L2 by every 6-row panel of
// op(A), and one 6×supKC sliver of op(A) (12-24 KiB of cache lines) is
// reused from L1 by the supNC/8 column panels. Measured (one thread):
// supKC 128, 256 and 512 are within noise on 100×784·784×50, 57600×25·25×30
// and 25×57600ᵀ·57600×30; packing the whole op(B) block instead of reading
// it in place was no faster (25×57600ᵀ: 25.1 vs 26.6 GFLOP/s).
const (
	supKC = 256
	supNC = 128
)

// supRun computes rows [i0, i1) × columns [j0, j1) of C for !transB without
// packing, except the last, partial row panel of op(A) and column panel of
// op(B), which are copied zero-padded into ws.ap and ws.bp. i0 must be a
// multiple of 6 and j0 of 8, so that an element's computation does not
// depend on the partition.
func supRun(ws *workspace, p *problem, i0, i1, j0, j1 int) {
	if i0 >= i1 || j0 >= j1 {
		return
	}
	const mr, nr = 6, 8
	a, b, c, lda, ldb, ldc := p.a, p.b, p.c, p.lda, p.ldb, p.ldc
	rsa, csa := lda, 1 // op(A)[i][q] = a[i*rsa+q*csa]
	if p.transA {
		rsa, csa = 1, lda
	}
	kcMax := min(supKC, p.k)
	ws.ap = growBuf(ws.ap, mr*kcMax)
	ws.bp = growBuf(ws.bp, nr*kcMax)
	ws.tile = growBuf(ws.tile, mr*nr)
	mFull := i0 + (i1-i0)/mr*mr
	edge := problem{transA: p.transA, a: a, lda: lda, b: b, ldb: ldb}
	for jc := j0; jc < j1; jc += supNC {
		jEnd := min(jc+supNC, j1)
		nFull := jc + (jEnd-jc)/nr*nr
		for pc := 0; pc < p.k; pc += supKC {
			kc := min(supKC, p.k-pc)
			beta := p.beta
			if pc > 0 {
				beta = 1
			}
			ap, bp := ws.ap[:mr*kc], ws.bp[:nr*kc]
			if nFull < jEnd {
				packB(&edge, bp, pc, kc, nFull, jEnd-nFull, nr)
			}
			if mFull < i1 {
				packA(&edge, ap, mFull, i1-mFull, pc, kc, mr)
			}
			for ir := i0; ir < i1; ir += mr {
				mrEff := min(mr, i1-ir)
				var aPanel []float64
				ars, acs := 1, mr
				if mrEff == mr {
					off := ir*rsa + pc*csa
					aPanel = a[off : off+5*rsa+(kc-1)*csa+1]
					ars, acs = rsa, csa
				} else {
					aPanel = ap
				}
				for jr := jc; jr < jEnd; jr += nr {
					nrEff := min(nr, jEnd-jr)
					var bPanel []float64
					brs := nr
					if nrEff == nr {
						off := pc*ldb + jr
						bPanel = b[off : off+(kc-1)*ldb+nr]
						brs = ldb
					} else {
						bPanel = bp
					}
					coff := ir*ldc + jr
					if mrEff == mr && nrEff == nr {
						cTile := c[coff : coff+5*ldc+nr]
						kern6x8s(kc, &aPanel[0], ars, acs, &bPanel[0], brs, &cTile[0], ldc, p.alpha, beta)
						continue
					}
					kern6x8s(kc, &aPanel[0], ars, acs, &bPanel[0], brs, &ws.tile[0], nr, p.alpha, 0)
					avxConfig.mergeTile(ws.tile, c[coff:], ldc, mrEff, nrEff, beta)
				}
			}
		}
	}
}

// avx2Sup and avx2Packed are the avx2 kernel forced onto one path (tests
// and benchmarks; avx2 chooses by shape).
func avx2Sup(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	p := problem{transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, beta: beta, a: a, b: b, c: c, lda: lda, ldb: ldb, ldc: ldc}
	pn := avxSupPlan
	if transB {
		pn = avxPackedPlan
	}
	pn.kchunk = kChunk(&p, supKC)
	pn.execute(&p)
}

func avx2Packed(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	p := problem{transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, beta: beta, a: a, b: b, c: c, lda: lda, ldb: ldb, ldc: ldc}
	pn := avxPackedPlan
	pn.kchunk = kChunk(&p, supKC)
	pn.execute(&p)
}

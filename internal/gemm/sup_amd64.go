//go:build !purego

package gemm

// Blocking of the unpacked ("small/unpacked", BLIS's sup) path of the avx2
// and avx512 kernels. The op(A) rows and op(B) columns are read in place by
// kern6x8s (or kern6x16zs), so no block is copied; blocking only keeps the
// reused operands in cache: a supKC×supNC block of op(B) (256·128·8 B = 256
// KiB, half the 512 KiB L2 of the reference Zen cores) is reused from L2 by
// every 6-row panel of op(A), and one 6×supKC sliver of op(A) (12-24 KiB of
// cache lines) is reused from L1 by the supNC/8 column panels. Measured (one
// thread): supKC 128, 256 and 512 are within noise on 100×784·784×50,
// 57600×25·25×30 and 25×57600ᵀ·57600×30; packing the whole op(B) block
// instead of reading it in place was no faster with avx2 (25×57600ᵀ: 25.1 vs
// 26.6 GFLOP/s); avx512 packs it from supPackBMinM rows on
// (avx512_amd64.go).
const (
	supKC = 256
	supNC = 128
)

// stridedKernel is the signature of the in-place micro-kernels (kern6x8s
// and its AVX-512 twins): op(A)[i][p] is a[i*rsa+p*csa] and row p of the
// tile's block of op(B) is the values at b[p*rsb]; the tile is 6 rows high.
type stridedKernel func(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

// stridedNKernel is the signature of the multi-tile in-place kernels
// (kern6x8sn, kern6x16zsn): ns tiles, tile s reading op(B) at b[s*bs]
// (row p at b[s*bs+p*rsb]) and writing C from column s·nr.
type stridedNKernel func(ns, kc int, a *float64, rsa, csa int, b *float64, rsb, bs int, c *float64, ldc int, alpha, beta float64)

// supConfig is one unpacked path: its 6×nr in-place kernel, and an optional
// 6×edgeNR kernel for a last column panel of at most edgeNR columns, which
// is otherwise computed, zero-padded, by the full-width kernel.
type supConfig struct {
	nr   int
	kern stridedKernel
	// kernN is kern on several tiles side by side: one call computes
	// every full column panel of a full 6-row panel.
	kernN  stridedNKernel
	edgeNR int
	edge   stridedKernel
	// edge2NR and edge2 are a narrower edge kernel still, for a last
	// column panel of at most edge2NR columns (with edge2Rows for fewer
	// rows), when set.
	edge2NR   int
	edge2     stridedKernel
	edge2Rows [6]stridedKernel
	// rows and edgeRows are kern and edge on fewer rows: rows[r] computes
	// r rows (1 ≤ r < 6) for the last rows of a product, nil where the
	// zero-padded 6-row tile is computed instead.
	rows, edgeRows [6]stridedKernel
	// packB copies every column panel of op(B) into ws.bp, not only the
	// last, partial one.
	packB bool
	// colEdge computes a last, partial column panel of at most eight
	// columns with the column kernels (columnEdge) when op(A) is
	// transposed and op(B) is not.
	colEdge bool
	// off are the row-offset forms of kernN and rows, for a problem whose
	// op(B) rows are placed by boff (nil: none; packB must be false).
	off *supOffsets
}

// supAVX2 is the unpacked path of the avx2 kernel: 6×8 tiles, and a 6×4
// kernel for a last column panel of at most four columns.
var supAVX2 = &supConfig{nr: 8, kern: kern6x8s, kernN: kern6x8sn, edgeNR: 4, edge: kern6x4s, rows: rowsAVX2x8, edgeRows: rowsAVX2x4, off: offAVX2}

// supAVX2PB is supAVX2 packing every column panel of op(B): the unpacked
// path of a transposed op(B), whose rows it cannot read in place.
var supAVX2PB = &supConfig{nr: 8, kern: kern6x8s, kernN: kern6x8sn, edgeNR: 4, edge: kern6x4s, rows: rowsAVX2x8, edgeRows: rowsAVX2x4, packB: true, off: offAVX2}

// run computes rows [i0, i1) × columns [j0, j1) of C without packing,
// except the last, partial row panel of op(A) and column panel of op(B),
// which are copied zero-padded into ws.ap and ws.bp (with packB, every
// column panel of op(B) is copied, which a transposed op(B) needs: without
// packB, transB must be false). i0 must be a multiple of 6 and j0
// of nr, so that an element's computation does not depend on the partition.
// (Every lane of a kernel computes its element of C with the same
// operations, so an element's value does not depend on which kernel, of
// which width, computes it either.)
func (sc *supConfig) run(ws *workspace, p *problem, i0, i1, j0, j1 int) {
	if i0 >= i1 || j0 >= j1 {
		return
	}
	const mr = 6
	nr := sc.nr
	a, b, c, lda, ldb, ldc := p.a, p.b, p.c, p.lda, p.ldb, p.ldc
	rsa, csa := lda, 1 // op(A)[i][q] = a[i*rsa+q*csa]
	if p.transA {
		rsa, csa = 1, lda
	}
	kcMax := min(supKC, p.k)
	ws.ap = growBuf(ws.ap, mr*kcMax)
	if sc.packB {
		ws.bp = growBuf(ws.bp, roundUp(min(supNC, p.n), nr)*kcMax) // the whole problem's size (see config.run)
	} else {
		ws.bp = growBuf(ws.bp, nr*kcMax)
	}
	ws.tile = growBuf(ws.tile, mr*nr)
	mFull := i0 + (i1-i0)/mr*mr
	edge := problem{transA: p.transA, transB: p.transB, a: a, lda: lda, b: b, ldb: ldb}
	for jc := j0; jc < j1; jc += supNC {
		jEnd := min(jc+supNC, j1)
		nFull := jc + (jEnd-jc)/nr*nr
		// The last, partial column panel: w columns wide, zero-padded, computed
		// by ekern.
		w, ekern, erows := nr, sc.kern, &sc.rows
		if sc.edge != nil && jEnd-nFull <= sc.edgeNR {
			w, ekern, erows = sc.edgeNR, sc.edge, &sc.edgeRows
		}
		if sc.edge2 != nil && jEnd-nFull <= sc.edge2NR {
			w, ekern, erows = sc.edge2NR, sc.edge2, &sc.edge2Rows
		}
		byColumn := sc.colEdge && p.transA && !p.transB && nFull < jEnd && jEnd-nFull <= 8
		for pc := 0; pc < p.k; pc += supKC {
			kc := min(supKC, p.k-pc)
			beta := p.beta
			if pc > 0 {
				beta = 1
			}
			ap, bp := ws.ap[:mr*kc], ws.bp[:w*kc]
			if sc.packB { // the full panels, then the partial one after them
				if nFull > jc {
					packB(&edge, ws.bp, pc, kc, jc, nFull-jc, nr)
				}
				if nFull < jEnd {
					bp = ws.bp[(nFull-jc)*kc:][:w*kc]
				}
			}
			switch {
			case nFull >= jEnd || byColumn:
			case p.boff != nil:
				packRowsAt(bp, b, p.boff[pc:pc+kc], nFull, jEnd-nFull, w)
			default:
				packB(&edge, bp, pc, kc, nFull, jEnd-nFull, w)
			}
			if mFull < i1 {
				packA(&edge, ap, mFull, i1-mFull, pc, kc, mr)
			}
			for ir := i0; ir < i1; ir += mr {
				mrEff := min(mr, i1-ir)
				kern, ekernR := sc.kern, ekern
				if mrEff < mr && sc.rows[mrEff] != nil {
					kern = sc.rows[mrEff]
					ekernR = erows[mrEff]
				}
				var aPanel []float64
				ars, acs := 1, mr
				switch {
				case p.aoff != nil: // read by kernNA (every panel full)
				case mrEff == mr:
					off := ir*rsa + pc*csa
					aPanel = a[off : off+5*rsa+(kc-1)*csa+1]
					ars, acs = rsa, csa
				default:
					aPanel = ap
				}
				for jr := jc; jr < jEnd; jr += nr {
					coff := ir*ldc + jr
					if mrEff == mr && jr+nr <= nFull {
						// Every full column panel of the row panel, in one call.
						ns := (nFull - jr) / nr
						if p.boff != nil {
							cTile := c[coff : coff+5*ldc+ns*nr]
							sc.off.kernN(ns, kc, &aPanel[0], ars, acs, &b[jr], &p.boff[pc], nr, &cTile[0], ldc, p.alpha, beta)
							jr = nFull - nr
							continue
						}
						var bPanel []float64
						brs, bs := ldb, nr
						if sc.packB {
							bPanel, brs, bs = ws.bp[(jr-jc)*kc:(nFull-jc)*kc], nr, nr*kc
						} else {
							off := pc*ldb + jr
							bPanel = b[off : off+(kc-1)*ldb+ns*nr]
						}
						cTile := c[coff : coff+5*ldc+ns*nr]
						if p.aoff != nil {
							sc.off.kernNA(ns, kc, &a[pc], &p.aoff[ir], 1, &bPanel[0], brs, bs, &cTile[0], ldc, p.alpha, beta)
							jr = nFull - nr
							continue
						}
						sc.kernN(ns, kc, &aPanel[0], ars, acs, &bPanel[0], brs, bs, &cTile[0], ldc, p.alpha, beta)
						jr = nFull - nr // the loop goes on at nFull
						continue
					}
					if jr+nr <= jEnd { // a full column panel of the last, partial row panel
						if p.boff != nil { // rows[mrEff] is set (supOffsets)
							cTile := c[coff : coff+(mrEff-1)*ldc+nr]
							sc.off.rows[mrEff](kc, &aPanel[0], ars, acs, &b[jr], &p.boff[pc], &cTile[0], ldc, p.alpha, beta)
							continue
						}
						var bPanel []float64
						brs := ldb
						if sc.packB {
							bPanel, brs = ws.bp[(jr-jc)*kc:(jr-jc+nr)*kc], nr
						} else {
							off := pc*ldb + jr
							bPanel = b[off : off+(kc-1)*ldb+nr]
						}
						if mrEff < mr && sc.rows[mrEff] != nil {
							// The r-row kernel stores its r rows into C
							// itself, with the 6-row kernel's rounding.
							cTile := c[coff : coff+(mrEff-1)*ldc+nr]
							kern(kc, &aPanel[0], ars, acs, &bPanel[0], brs, &cTile[0], ldc, p.alpha, beta)
							continue
						}
						kern(kc, &aPanel[0], ars, acs, &bPanel[0], brs, &ws.tile[0], nr, p.alpha, 0)
						mergeTile(ws.tile, nr, c[coff:], ldc, mrEff, nr, beta, true)
						continue
					}
					if byColumn {
						break
					}
					if jEnd-jr == w && (mrEff == mr || sc.rows[mrEff] != nil) {
						// The edge fills the kernel's width (and ekernR
						// computes the rows there are): it stores into C
						// itself, as mergeTile would (beta fused). On the
						// 100-wide hidden layers of chapter 6 (a 4-column
						// edge), 200×100·100×100 took 76 µs instead of 81.5
						// (one thread, the Zen 4 VM).
						cTile := c[coff : coff+(mrEff-1)*ldc+w]
						ekernR(kc, &aPanel[0], ars, acs, &bp[0], w, &cTile[0], ldc, p.alpha, beta)
						continue
					}
					ekernR(kc, &aPanel[0], ars, acs, &bp[0], w, &ws.tile[0], w, p.alpha, 0)
					mergeTile(ws.tile, w, c[coff:], ldc, mrEff, jEnd-jr, beta, true)
				}
			}
			if byColumn {
				columnEdge(ws, p, i0, i1, nFull, jEnd-nFull, pc, kc, beta)
			}
		}
	}
}

// avx2Sup and avx2Packed are the avx2 kernel forced onto one path (tests
// and benchmarks; avx2 chooses by shape).
func avx2Sup(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	forced(avxSupPlan, avxPackedPlan, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

func avx2Packed(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	forced(avxPackedPlan, avxPackedPlan, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// forced runs the product on the plan pn, or on packed when op(B) is
// transposed (the unpacked paths read op(B)'s rows in place).
func forced(pn, packed plan, transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	p := problem{transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, beta: beta, a: a, b: b, c: c, lda: lda, ldb: ldb, ldc: ldc}
	if transB {
		pn = packed
	}
	pn.kchunk = kChunk(&p, supKC)
	pn.execute(&p)
}

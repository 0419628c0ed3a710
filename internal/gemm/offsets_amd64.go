//go:build !purego

package gemm

// The row-offset kernels of kern_amd64.s (gen_kernels.go, stridedOff,
// stridedNOff and stridedNOffA): the unpacked path's in-place kernels
// with row p of op(B) read at b + off[p] instead of b + p·rsb (or row i of
// op(A) at a + aoff[i]), the same instructions otherwise, so that each
// element of C gets the same bits as from the strided kernel on operands
// holding those rows (offsets.go).

// stridedOffKernel is stridedKernel reading op(B)'s row p at b[off[p]].
type stridedOffKernel func(kc int, a *float64, rsa, csa int, b *float64, off *int, c *float64, ldc int, alpha, beta float64)

// stridedNOffKernel is stridedNKernel reading op(B)'s row p of tile s at
// b[s*bs+off[p]].
type stridedNOffKernel func(ns, kc int, a *float64, rsa, csa int, b *float64, off *int, bs int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern6x8sno(ns, kc int, a *float64, rsa, csa int, b *float64, off *int, bs int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern6x16zsno(ns, kc int, a *float64, rsa, csa int, b *float64, off *int, bs int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern1x8so(kc int, a *float64, rsa, csa int, b *float64, off *int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern2x8so(kc int, a *float64, rsa, csa int, b *float64, off *int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern3x8so(kc int, a *float64, rsa, csa int, b *float64, off *int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern4x8so(kc int, a *float64, rsa, csa int, b *float64, off *int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern5x8so(kc int, a *float64, rsa, csa int, b *float64, off *int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern1x16zso(kc int, a *float64, rsa, csa int, b *float64, off *int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern2x16zso(kc int, a *float64, rsa, csa int, b *float64, off *int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern3x16zso(kc int, a *float64, rsa, csa int, b *float64, off *int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern4x16zso(kc int, a *float64, rsa, csa int, b *float64, off *int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern5x16zso(kc int, a *float64, rsa, csa int, b *float64, off *int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern6x8sna(ns, kc int, a *float64, aoff *int, csa int, b *float64, rsb, bs int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern6x16zsna(ns, kc int, a *float64, aoff *int, csa int, b *float64, rsb, bs int, c *float64, ldc int, alpha, beta float64)

// stridedNOffAKernel is stridedNKernel reading op(A)'s row i at
// a[aoff[i]:] (csa 1, not read).
type stridedNOffAKernel func(ns, kc int, a *float64, aoff *int, csa int, b *float64, rsb, bs int, c *float64, ldc int, alpha, beta float64)

// supOffsets are the row-offset kernels of an unpacked path: kernN's and
// rows' with op(B)'s rows at offsets (rows[r] must all be set), and
// kernN's with op(A)'s (kernNA).
type supOffsets struct {
	kernN  stridedNOffKernel
	rows   [6]stridedOffKernel
	kernNA stridedNOffAKernel
}

var (
	offAVX2   = &supOffsets{kernN: kern6x8sno, rows: [6]stridedOffKernel{nil, kern1x8so, kern2x8so, kern3x8so, kern4x8so, kern5x8so}, kernNA: kern6x8sna}
	offAVX512 = &supOffsets{kernN: kern6x16zsno, rows: [6]stridedOffKernel{nil, kern1x16zso, kern2x16zso, kern3x16zso, kern4x16zso, kern5x16zso}, kernNA: kern6x16zsna}
)

// offsetPath returns the unpacked path (with its row-offset kernels,
// supConfig.off) that Gemm takes for C = A·op(B) (m×n, inner size k,
// alpha 1, A not transposed and dense: see RowOffsetsOK), or nil when
// Gemm takes another path there.
func offsetPath(transB bool, m, n, k int) *supConfig {
	mnk := m * n * k
	if sel.only != nil || mnk <= smallMaxMNK || !sel.avx2 || mnk <= blockedMaxMNK {
		return nil
	}
	p := problem{transB: transB, m: m, n: n, k: k, alpha: 1, lda: k, ldb: n, ldc: n}
	if transB {
		p.ldb = k
	}
	var pn plan
	if sel.avx512 {
		pn = avx512Plan(&p)
	} else {
		pn = avx2Plan(&p)
	}
	for _, sc := range []*supConfig{supAVX512, supAVX2, supAVX512PB, supAVX2PB} {
		if pn.kchunk == 0 && pn.sup == sc {
			return sc
		}
	}
	return nil
}

// packRowsAt writes the last, partial column panel of a problem whose
// op(B) rows are placed by off (op(B)'s row q of the block at
// b[off[q]:]): cols columns from j0, zero-padded to w, row by row.
func packRowsAt(dst, b []float64, off []int, j0, cols, w int) {
	for q, o := range off {
		t := dst[q*w : (q+1)*w]
		n := copy(t, b[o+j0:o+j0+cols])
		clear(t[n:])
	}
}

// rowOffsets computes C = A·B on the unpacked path Gemm takes for the
// shape, op(B)'s row q at b[off[q]:], on this goroutine; it returns false,
// computing nothing, when Gemm takes another path (offsetPath).
func rowOffsets(m, n, k int, a []float64, lda int, b []float64, off []int, c []float64, ldc int) bool {
	sc := offsetPath(false, m, n, k)
	if sc == nil || sc.packB {
		return false
	}
	p := problem{m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b, ldb: n, c: c, ldc: ldc, boff: off}
	ws, slot := wsSlots.get()
	sc.run(ws, &p, 0, m, 0, n)
	wsSlots.put(ws, slot)
	return true
}

// rowOffsetsPath reports whether rowOffsets has a path for the shape.
func rowOffsetsPath(m, n, k int) bool {
	sc := offsetPath(false, m, n, k)
	return sc != nil && !sc.packB
}

// rowOffsetsAT computes C = A·Bᵀ + beta·C on the unpacked path Gemm takes
// for the shape, op(A)'s row i at a[aoff[i]:], on this goroutine; it
// returns false, computing nothing, where Gemm takes another path or the
// shape has partial panels (m not a multiple of 6, n of the kernel's
// width), which only the in-place kernel of full panels reads at offsets.
func rowOffsetsAT(m, n, k int, a []float64, aoff []int, b []float64, ldb int, beta float64, c []float64, ldc int) bool {
	sc := atPath(m, n, k)
	if sc == nil {
		return false
	}
	p := problem{transB: true, m: m, n: n, k: k, alpha: 1, beta: beta, a: a, lda: k, b: b, ldb: ldb, c: c, ldc: ldc, aoff: aoff}
	ws, slot := wsSlots.get()
	sc.run(ws, &p, 0, m, 0, n)
	wsSlots.put(ws, slot)
	return true
}

// haveRowOffsets says whether this build has row-offset kernels.
const haveRowOffsets = true

// rowOffsetsATPath reports whether rowOffsetsAT computes the shape.
func rowOffsetsATPath(m, n, k int) bool { return atPath(m, n, k) != nil }

// atPath returns the unpacked path rowOffsetsAT runs a shape on, or nil
// where Gemm takes another path or a panel would be partial.
func atPath(m, n, k int) *supConfig {
	if sc := offsetPath(true, m, n, k); sc != nil && m%6 == 0 && n%sc.nr == 0 {
		return sc
	}
	return nil
}

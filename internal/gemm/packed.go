package gemm

// The packed kernels follow GotoBLAS/BLIS: C is computed in panels of nc
// columns (loop jc); for each panel, k is taken kc at a time (loop pc) and
// the kc×nc block of op(B) is packed into micro-panels of nr columns; for
// each block, op(A) is taken mc rows at a time (loop ic) and the mc×kc
// block is packed into micro-panels of mr rows; then every mr×nr tile of
// the block of C is computed by the micro-kernel from one A micro-panel and
// one B micro-panel (loops jr, ir). Packing absorbs transA and transB (both
// packed layouts are the same whatever the transposes), makes the
// micro-kernel's reads sequential, and zero-pads the last micro-panels so
// that the micro-kernel always computes whole tiles; partial tiles are
// computed into a tile buffer and merged into C.
//
// The blocking targets the reference machines, AMD EPYC (Zen 2/3) cores
// with a 32 KiB L1D, a 512 KiB L2 and an L3 of 16-32 MiB shared by the
// cores:
//
//   - kc×nr (one B micro-panel) stays in L1 while the ir loop streams the
//     A micro-panels (mr×kc) through it from L2;
//   - mc×kc (the packed A block) stays in L2 for the whole jr loop, about
//     half of it at most, leaving room for the B micro-panel and C;
//   - kc×nc (the packed B block) stays in L3, one per worker.
//
// The sizes of each kernel are given with its configuration (goConfig
// below, avxConfig in avx2_amd64.go).

// goConfig is the pure-Go packed kernel: the 4×2 micro-kernel kernGo4x2
// (see kernel_go.go for the tile choice). kc = 256: a B micro-panel is
// 256·2·8 B = 4 KiB and an A micro-panel 256·4·8 B = 8 KiB, both in L1;
// mc = 128: the A block is 128·256·8 B = 256 KiB, half of L2; nc = 2048:
// the B block is 256·2048·8 B = 4 MiB, in L3. The scalar micro-kernel
// needs far less bandwidth than the AVX2 one, so these sizes matter little
// (within 5% for mc 64-256, kc 128-512 at n = 1024).
var (
	goConfig = &config{mr: 4, nr: 2, mc: 128, kc: 256, nc: 2048, kern: kernGo4x2}
	goPlan   = goConfig.plan()
)

// packed is the GotoBLAS/BLIS-structured pure-Go kernel.
func packed(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	p := problem{transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, beta: beta, a: a, b: b, c: c, lda: lda, ldb: ldb, ldc: ldc}
	pn := goPlan
	pn.kchunk = kChunk(&p, goConfig.kc)
	pn.execute(&p)
}

// problem holds the arguments of one GEMM call.
type problem struct {
	transA, transB bool
	m, n, k        int
	alpha, beta    float64
	a, b, c        []float64
	lda, ldb, ldc  int
	// boff, when set, places op(B)'s rows: row q is b[boff[q]:][:n]
	// (ldb unused; B not transposed). Only the unpacked path's run reads
	// it (GemmRowOffsets).
	boff []int
	// aoff, when set, places op(A)'s rows: row i is a[aoff[i]:][:k] (lda
	// unused; A not transposed; full panels only). Only the unpacked
	// path's run reads it (GemmRowOffsetsAT).
	aoff []int
}

// microKernel computes the mr×nr tile
//
//	C[i][j] = alpha·Σ_p a[p*mr+i]·b[p*nr+j] + beta·C[i][j]   (i < mr, j < nr)
//
// from an mr-interleaved micro-panel a of op(A) and an nr-interleaved
// micro-panel b of op(B), both kc long; c starts at the tile's top-left
// corner and has row stride ldc. When beta == 0, C is not read.
type microKernel func(kc int, a, b, c []float64, ldc int, alpha, beta float64)

// config describes one packed kernel: its register tile, its cache blocking
// and its micro-kernel.
type config struct {
	mr, nr     int
	mc, kc, nc int
	kern       microKernel
	// fused reports whether kern computes beta·C + alpha·acc with one fused
	// multiply-add, so that edge tiles merged from the tile buffer round the
	// same way as full tiles.
	fused bool
}

// workspace holds one worker's packing buffers. They grow to the largest
// size needed and are then reused, so steady state allocates nothing.
type workspace struct {
	ap, bp, tile []float64
	scratch      []float64 // partial results of k-splitting (serial runs)
	sub          problem   // the (sub-)problem being run
}

func growBuf(buf []float64, n int) []float64 {
	if cap(buf) < n {
		return make([]float64, n)
	}
	return buf[:n]
}

func roundUp(x, m int) int { return (x + m - 1) / m * m }

// packA copies the mc×kc block of op(A) starting at (ic, pc) into dst as
// ceil(mc/mr) micro-panels; micro-panel r holds rows ic+r·mr .. ic+r·mr+mr-1,
// column by column (mr consecutive values per column), zero-padded past mc.
func packA(p *problem, dst []float64, ic, mc, pc, kc, mr int) {
	a, lda := p.a, p.lda
	if p.transA {
		packRows(dst, a[pc*lda+ic:], lda, kc, mc, mr)
		return
	}
	for ir := 0; ir < mc; ir += mr {
		panel := dst[ir*kc : (ir+mr)*kc]
		rows := min(mr, mc-ir)
		// op(A)[i][q] = a[i*lda+q]: each row of the panel is contiguous.
		if rows == 6 && mr == 6 {
			o := (ic+ir)*lda + pc
			r0 := a[o : o+kc]
			r1 := a[o+lda : o+lda+kc]
			r2 := a[o+2*lda : o+2*lda+kc]
			r3 := a[o+3*lda : o+3*lda+kc]
			r4 := a[o+4*lda : o+4*lda+kc]
			r5 := a[o+5*lda : o+5*lda+kc]
			for q := range r0 {
				d := panel[q*6 : q*6+6 : q*6+6]
				d[0], d[1], d[2], d[3], d[4], d[5] = r0[q], r1[q], r2[q], r3[q], r4[q], r5[q]
			}
			continue
		}
		if rows == 4 && mr == 4 {
			o := (ic+ir)*lda + pc
			r0 := a[o : o+kc]
			r1 := a[o+lda : o+lda+kc]
			r2 := a[o+2*lda : o+2*lda+kc]
			r3 := a[o+3*lda : o+3*lda+kc]
			for q := range r0 {
				d := panel[q*4 : q*4+4 : q*4+4]
				d[0], d[1], d[2], d[3] = r0[q], r1[q], r2[q], r3[q]
			}
			continue
		}
		for i := 0; i < rows; i++ {
			src := a[(ic+ir+i)*lda+pc:][:kc]
			for q, v := range src {
				panel[q*mr+i] = v
			}
		}
		for i := rows; i < mr; i++ {
			for q := 0; q < kc; q++ {
				panel[q*mr+i] = 0
			}
		}
	}
}

// packB copies the kc×nc block of op(B) starting at (pc, jc) into dst as
// ceil(nc/nr) micro-panels; micro-panel r holds columns jc+r·nr ..
// jc+r·nr+nr-1, row by row (nr consecutive values per row), zero-padded past
// nc.
func packB(p *problem, dst []float64, pc, kc, jc, nc, nr int) {
	b, ldb := p.b, p.ldb
	if !p.transB {
		packRows(dst, b[pc*ldb+jc:], ldb, kc, nc, nr)
		return
	}
	for jr := 0; jr < nc; jr += nr {
		panel := dst[jr*kc : (jr+nr)*kc]
		cols := min(nr, nc-jr)
		// op(B)[q][j] = b[j*ldb+q]: each column of the panel is contiguous.
		if nr%8 == 0 {
			packT(panel, b[(jc+jr)*ldb+pc:], ldb, kc, nr, cols)
			continue
		}
		for j := 0; j < cols; j++ {
			src := b[(jc+jr+j)*ldb+pc:][:kc]
			for q, v := range src {
				panel[q*nr+j] = v
			}
		}
		for j := cols; j < nr; j++ {
			for q := 0; q < kc; q++ {
				panel[q*nr+j] = 0
			}
		}
	}
}

// plan returns how cfg runs a problem: the packed loop nest, packing
// counted at the cost of about eight multiply-adds per value (one FMA issue
// cycle of the AVX2 kernel) when choosing the partition. Plans are built
// once, at initialisation: the method value allocates.
func (cfg *config) plan() plan {
	return plan{run: cfg.run, mr: cfg.mr, nr: cfg.nr, packWeight: 8, fused: cfg.fused}
}

// run computes rows [i0, i1) × columns [j0, j1) of C with the
// GotoBLAS/BLIS loop nest: jc (nc columns) → pc (kc deep, pack op(B)) → ic
// (mc rows, pack op(A)) → jr (nr) → ir (mr) → micro-kernel. i0 must be a
// multiple of mr and j0 a multiple of nr, so that every element of C is
// computed by the same sequence of operations whatever the partition.
func (cfg *config) run(ws *workspace, p *problem, i0, i1, j0, j1 int) {
	if i0 >= i1 || j0 >= j1 {
		return
	}
	mr, nr := cfg.mr, cfg.nr
	kcMax := min(cfg.kc, p.k)
	// The packing buffers take the size the whole problem needs, not
	// this block's: a later call of the same shape that the pool runs on
	// fewer workers (bigger blocks) then finds them large enough.
	ws.bp = growBuf(ws.bp, roundUp(min(cfg.nc, p.n), nr)*kcMax)
	ws.ap = growBuf(ws.ap, roundUp(min(cfg.mc, p.m), mr)*kcMax)
	ws.tile = growBuf(ws.tile, mr*nr)
	c, ldc, alpha := p.c, p.ldc, p.alpha
	for jc := j0; jc < j1; jc += cfg.nc {
		nc := min(cfg.nc, j1-jc)
		for pc := 0; pc < p.k; pc += cfg.kc {
			kc := min(cfg.kc, p.k-pc)
			beta := p.beta
			if pc > 0 {
				beta = 1
			}
			bp := ws.bp[:roundUp(nc, nr)*kc]
			packB(p, bp, pc, kc, jc, nc, nr)
			for ic := i0; ic < i1; ic += cfg.mc {
				mc := min(cfg.mc, i1-ic)
				ap := ws.ap[:roundUp(mc, mr)*kc]
				packA(p, ap, ic, mc, pc, kc, mr)
				for jr := 0; jr < nc; jr += nr {
					nrEff := min(nr, nc-jr)
					bpanel := bp[jr*kc : (jr+nr)*kc]
					for ir := 0; ir < mc; ir += mr {
						mrEff := min(mr, mc-ir)
						apanel := ap[ir*kc : (ir+mr)*kc]
						off := (ic+ir)*ldc + jc + jr
						if mrEff == mr && nrEff == nr {
							cfg.kern(kc, apanel, bpanel, c[off:off+(mr-1)*ldc+nr], ldc, alpha, beta)
							continue
						}
						cfg.kern(kc, apanel, bpanel, ws.tile, nr, alpha, 0)
						cfg.mergeTile(ws.tile, c[off:], ldc, mrEff, nrEff, beta)
					}
				}
			}
		}
	}
}

// mergeTile stores the mrEff×nrEff top-left part of the tile t (alpha·acc,
// row stride nr) into C as t + beta·C, rounding like the micro-kernel does
// for full tiles.
func (cfg *config) mergeTile(t, c []float64, ldc, mrEff, nrEff int, beta float64) {
	mergeTile(t, cfg.nr, c, ldc, mrEff, nrEff, beta, cfg.fused)
}

// mergeTile stores the mrEff×nrEff top-left part of the tile t (alpha·acc,
// row stride ldt) into C as t + beta·C, with one rounding (fused) or two.
func mergeTile(t []float64, ldt int, c []float64, ldc, mrEff, nrEff int, beta float64, fused bool) {
	for i := 0; i < mrEff; i++ {
		row := c[i*ldc : i*ldc+nrEff]
		src := t[i*ldt : i*ldt+nrEff]
		switch {
		case beta == 0:
			copy(row, src)
		case fused:
			for j, v := range src {
				row[j] = fma(beta, row[j], v)
			}
		default:
			for j, v := range src {
				row[j] = v + float64(beta*row[j])
			}
		}
	}
}

// packRows packs a rows×cols block of a row-major matrix src (leading
// dimension ld) whose rows are the k direction of the product, i.e. op(B)
// without transB or op(A) with transA: micro-panel r holds columns
// r·w .. r·w+w-1, row by row (w values per row), zero-padded past cols.
// It walks src row by row, so the reads are sequential (the prefetchers
// stream them) and each row is scattered into the micro-panels; reading
// down the columns instead touches a new page for every value once ld is
// large.
func packRows(dst, src []float64, ld, rows, cols, w int) {
	full := cols / w * w
	stride := w * rows // distance between micro-panels in dst
	for q := 0; q < rows; q++ {
		row := src[q*ld : q*ld+cols]
		d := q * w
		j := 0
		switch w {
		case 8:
			for ; j < full; j += 8 {
				s := row[j : j+8 : j+8]
				t := dst[d : d+8 : d+8]
				t[0], t[1], t[2], t[3] = s[0], s[1], s[2], s[3]
				t[4], t[5], t[6], t[7] = s[4], s[5], s[6], s[7]
				d += stride
			}
		case 6:
			for ; j < full; j += 6 {
				s := row[j : j+6 : j+6]
				t := dst[d : d+6 : d+6]
				t[0], t[1], t[2], t[3], t[4], t[5] = s[0], s[1], s[2], s[3], s[4], s[5]
				d += stride
			}
		case 4:
			for ; j < full; j += 4 {
				s := row[j : j+4 : j+4]
				t := dst[d : d+4 : d+4]
				t[0], t[1], t[2], t[3] = s[0], s[1], s[2], s[3]
				d += stride
			}
		case 2:
			for ; j < full; j += 2 {
				s := row[j : j+2 : j+2]
				t := dst[d : d+2 : d+2]
				t[0], t[1] = s[0], s[1]
				d += stride
			}
		default:
			for ; j < full; j += w {
				copy(dst[d:d+w], row[j:j+w])
				d += stride
			}
		}
		if j < cols {
			t := dst[d : d+w]
			n := copy(t, row[j:])
			clear(t[n:])
		}
	}
}

// packT writes the kc×nr block whose column j < cols is src[j*ld :
// j*ld+kc], zero-padded to nr columns, to dst row by row (nr values per
// row, nr a multiple of 8): the transposing packB of one micro-panel,
// eight columns at a time, so that every read is sequential and the
// writes of a row land together, then the columns that remain (a last,
// partial panel: 9 of 16 for the 25 filter values of a 5×5 convolution's
// dW) and the zeros, row by row.
func packT(dst, src []float64, ld, kc, nr, cols int) {
	dst = dst[:nr*kc]
	j8 := cols &^ 7
	for j := 0; j < j8; j += 8 {
		q0 := packT8(dst, src, ld, kc, nr, j) // the first rows, in vector code
		if q0 == kc {
			continue
		}
		r0 := src[j*ld : j*ld+kc]
		r1 := src[(j+1)*ld : (j+1)*ld+kc]
		r2 := src[(j+2)*ld : (j+2)*ld+kc]
		r3 := src[(j+3)*ld : (j+3)*ld+kc]
		r4 := src[(j+4)*ld : (j+4)*ld+kc]
		r5 := src[(j+5)*ld : (j+5)*ld+kc]
		r6 := src[(j+6)*ld : (j+6)*ld+kc]
		r7 := src[(j+7)*ld : (j+7)*ld+kc]
		for q := q0; q < kc; q++ {
			o := q*nr + j
			d := dst[o : o+8 : o+8]
			d[0], d[1], d[2], d[3] = r0[q], r1[q], r2[q], r3[q]
			d[4], d[5], d[6], d[7] = r4[q], r5[q], r6[q], r7[q]
		}
	}
	if j8 == nr {
		return
	}
	var rest []float64 // the columns after the groups of eight, if any
	if cols > j8 {
		rest = src[j8*ld:]
	}
	for q := range kc {
		d := dst[q*nr+j8 : (q+1)*nr]
		j := 0
		for ; j < cols-j8; j++ {
			d[j] = rest[j*ld+q]
		}
		for ; j < len(d); j++ {
			d[j] = 0
		}
	}
}

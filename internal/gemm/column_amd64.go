//go:build !purego

package gemm

// The column kernels of kern_amd64.s (gen_kernels.go, column): the last
// nc ≤ 8 columns of a product whose op(A) is transposed, up to 64 rows
// of C at a time, eight rows to a vector (as many vectors as keep 16
// sums in flight). The unpacked path of the avx512 kernel computes such
// an edge with them instead of a zero-padded 6×8 tile per six rows
// (supConfig.colEdge). One thread, µs: (288×64)ᵀ·64×49, DeepConvNet's
// fifth dcolT of one image, 23.7-24.1 → 19.5 (48 columns: 17.5-17.8);
// (144×32)ᵀ·32×196, its third, 20.5-20.7 → 19.7-19.8 (192 columns:
// 18.0-18.3). The rest of the difference is the unaligned rows of B and C.
//
//go:noescape
func kernCol1x1z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol1x2z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol1x3z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol1x4z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol1x5z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol1x6z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol1x7z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol1x8z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol2x1z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol2x2z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol2x3z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol2x4z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol2x5z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol2x6z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol2x7z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol2x8z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol3x1z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol3x2z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol3x3z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol3x4z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol3x5z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol4x1z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol4x2z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol4x3z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol4x4z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol5x1z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol5x2z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol5x3z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol6x1z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol6x2z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol7x1z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol7x2z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol8x1z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

//go:noescape
func kernCol8x2z(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

// columnKernel is the signature of the column kernels.
type columnKernel func(kc int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

// columnZ[nc][nv] computes nc columns of 8·nv rows, nv up to
// columnVectors(nc) of gen_kernels.go (the declarations above follow it).
var columnZ = [9][]columnKernel{nil,
	{nil, kernCol1x1z, kernCol1x2z, kernCol1x3z, kernCol1x4z, kernCol1x5z, kernCol1x6z, kernCol1x7z, kernCol1x8z},
	{nil, kernCol2x1z, kernCol2x2z, kernCol2x3z, kernCol2x4z, kernCol2x5z, kernCol2x6z, kernCol2x7z, kernCol2x8z},
	{nil, kernCol3x1z, kernCol3x2z, kernCol3x3z, kernCol3x4z, kernCol3x5z},
	{nil, kernCol4x1z, kernCol4x2z, kernCol4x3z, kernCol4x4z},
	{nil, kernCol5x1z, kernCol5x2z, kernCol5x3z},
	{nil, kernCol6x1z, kernCol6x2z},
	{nil, kernCol7x1z, kernCol7x2z},
	{nil, kernCol8x1z, kernCol8x2z}}

// columnEdge computes rows [i0, i1) × columns [j0, j0+nc) of C over k in
// [pc, pc+kc) with the column kernels, op(A) transposed: C = alpha·sums +
// beta·C, as a row kernel's epilogue stores it (C not read when beta is 0).
func columnEdge(ws *workspace, p *problem, i0, i1, j0, nc, pc, kc int, beta float64) {
	ws.tile = growBuf(ws.tile, 64*8)
	kerns := columnZ[nc]
	step := 8 * (len(kerns) - 1)
	for ir := i0; ir < i1; ir += step {
		rows := min(step, i1-ir)
		nv := (rows + 7) / 8
		a := p.a[pc*p.lda+ir:]
		b := p.b[pc*p.ldb+j0:]
		_ = a[(kc-1)*p.lda+rows-1]
		_ = b[(kc-1)*p.ldb+nc-1]
		kerns[nv](kc, &a[0], p.lda, &b[0], p.ldb, 1<<(rows-8*(nv-1))-1, &ws.tile[0])
		if p.alpha == 1 && beta == 0 {
			storeColumns(p.c[ir*p.ldc+j0:], p.ldc, ws.tile, rows, nc)
			continue
		}
		for j := range nc {
			col := ws.tile[64*j : 64*j+rows]
			for i, s := range col {
				storeC(&p.c[(ir+i)*p.ldc+j0+j], s, p.alpha, beta)
			}
		}
	}
}

// storeColumns copies the rows×nc column-major tile (columns 64 apart) into
// C (row stride ldc), four columns at a time.
func storeColumns(c []float64, ldc int, tile []float64, rows, nc int) {
	j := 0
	for ; j+4 <= nc; j += 4 {
		t0, t1 := tile[64*j:][:rows], tile[64*(j+1):][:rows]
		t2, t3 := tile[64*(j+2):][:rows], tile[64*(j+3):][:rows]
		for i := range t0 {
			r := c[i*ldc+j:][:4]
			r[0], r[1], r[2], r[3] = t0[i], t1[i], t2[i], t3[i]
		}
	}
	for ; j+2 <= nc; j += 2 {
		t0, t1 := tile[64*j:][:rows], tile[64*(j+1):][:rows]
		for i := range t0 {
			r := c[i*ldc+j:][:2]
			r[0], r[1] = t0[i], t1[i]
		}
	}
	if j < nc {
		for i, v := range tile[64*j:][:rows] {
			c[i*ldc+j] = v
		}
	}
}

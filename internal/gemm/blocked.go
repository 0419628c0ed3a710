package gemm

// Block sizes of the blocked kernel. A blockedKC×blockedNC block of op(B)
// (256·256·8 B = 512 KiB) is streamed once per row of C in the block, from L2;
// the blockedKC-long piece of a row of op(A) stays in L1; a row segment of C
// of blockedNC values (2 KiB) stays in L1 while the four rows of op(B) that
// update it are streamed.
const (
	blockedKC = 256
	blockedNC = 256
)

// blocked is the cache-blocked, loop-reordered pure-Go kernel. It first
// scales C by beta, then accumulates alpha·op(A)·op(B) block by block. When
// op(B)'s rows are contiguous (!transB) it uses the i-k-j order: four values
// of op(A) times four rows of op(B) update a row segment of C in one pass.
// When transB it uses the i-j-k (dot product) order on 2×2 tiles of C, with
// op(B)'s columns contiguous.
func blocked(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	scaleC(m, n, beta, c, ldc)
	// op(A)[i][p] = a[i*ars + p*acs].
	ars, acs := lda, 1
	if transA {
		ars, acs = 1, lda
	}
	if !transB {
		blockedIKJ(m, n, k, alpha, a, ars, acs, b, ldb, c, ldc)
	} else {
		blockedIJK(m, n, k, alpha, a, ars, acs, b, ldb, c, ldc)
	}
}

// blockedIKJ handles !transB: op(B)[p][j] = b[p*ldb+j].
func blockedIKJ(m, n, k int, alpha float64, a []float64, ars, acs int, b []float64, ldb int, c []float64, ldc int) {
	for jc := 0; jc < n; jc += blockedNC {
		nc := min(blockedNC, n-jc)
		for pc := 0; pc < k; pc += blockedKC {
			kc := min(blockedKC, k-pc)
			for i := 0; i < m; i++ {
				crow := c[i*ldc+jc : i*ldc+jc+nc]
				ai := i*ars + pc*acs
				p := 0
				for ; p+4 <= kc; p += 4 {
					a0 := alpha * a[ai+p*acs]
					a1 := alpha * a[ai+(p+1)*acs]
					a2 := alpha * a[ai+(p+2)*acs]
					a3 := alpha * a[ai+(p+3)*acs]
					bo := (pc+p)*ldb + jc
					b0 := b[bo : bo+nc]
					b1 := b[bo+ldb : bo+ldb+nc]
					b2 := b[bo+2*ldb : bo+2*ldb+nc]
					b3 := b[bo+3*ldb : bo+3*ldb+nc]
					for j := range crow {
						crow[j] += a0*b0[j] + a1*b1[j] + a2*b2[j] + a3*b3[j]
					}
				}
				for ; p < kc; p++ {
					a0 := alpha * a[ai+p*acs]
					bo := (pc+p)*ldb + jc
					b0 := b[bo : bo+nc]
					for j := range crow {
						crow[j] += a0 * b0[j]
					}
				}
			}
		}
	}
}

// blockedIJK handles transB: op(B)[p][j] = b[j*ldb+p].
func blockedIJK(m, n, k int, alpha float64, a []float64, ars, acs int, b []float64, ldb int, c []float64, ldc int) {
	for pc := 0; pc < k; pc += blockedKC {
		kc := min(blockedKC, k-pc)
		for jc := 0; jc < n; jc += blockedNC {
			nc := min(blockedNC, n-jc)
			i := 0
			for ; i+2 <= m; i += 2 {
				a0o, a1o := i*ars+pc*acs, (i+1)*ars+pc*acs
				j := jc
				for ; j+2 <= jc+nc; j += 2 {
					b0 := b[j*ldb+pc : j*ldb+pc+kc]
					b1 := b[(j+1)*ldb+pc : (j+1)*ldb+pc+kc]
					var s00, s01, s10, s11 float64
					for p := range b0 {
						x0, x1 := a[a0o+p*acs], a[a1o+p*acs]
						y0, y1 := b0[p], b1[p]
						s00 += x0 * y0
						s01 += x0 * y1
						s10 += x1 * y0
						s11 += x1 * y1
					}
					c[i*ldc+j] += alpha * s00
					c[i*ldc+j+1] += alpha * s01
					c[(i+1)*ldc+j] += alpha * s10
					c[(i+1)*ldc+j+1] += alpha * s11
				}
				for ; j < jc+nc; j++ {
					b0 := b[j*ldb+pc : j*ldb+pc+kc]
					var s0, s1 float64
					for p, y := range b0 {
						s0 += a[a0o+p*acs] * y
						s1 += a[a1o+p*acs] * y
					}
					c[i*ldc+j] += alpha * s0
					c[(i+1)*ldc+j] += alpha * s1
				}
			}
			for ; i < m; i++ {
				ao := i*ars + pc*acs
				for j := jc; j < jc+nc; j++ {
					b0 := b[j*ldb+pc : j*ldb+pc+kc]
					var s float64
					for p, y := range b0 {
						s += a[ao+p*acs] * y
					}
					c[i*ldc+j] += alpha * s
				}
			}
		}
	}
}

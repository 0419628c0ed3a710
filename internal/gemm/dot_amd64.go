//go:build !purego

package gemm

//go:generate go run gen_dot.go

import "unsafe"

// The dot path. When op(B) is transposed and op(A) is not, row i of A and
// row j of B both run along k, contiguous in memory, and C[i,j] is their
// dot product. The packed and unpacked paths pack op(B) (transposing it)
// into 16-wide micro-panels first; for a C of few columns and a long k,
// such as a convolution's dW of one image, dout·colTᵀ (30×576·(25×576)ᵀ
// for SimpleConvNet, 16×784·(9×784)ᵀ for DeepConvNet's first layer), that
// transposition costs as much as the product, and the 25 or 9 columns are
// padded to 32 or 16. The dot path reads both operands in place instead,
// a tile of C at a time (dot_amd64.s, gen_dot.go): up to 5×5 on AVX-512,
// 2×3 on AVX2, eight partial sums per element in the lanes of a vector,
// added at the end in a fixed order. An element's result depends only on
// k (not on the tile, the kernel or the number of workers), and the AVX2
// and AVX-512 kernels agree bit for bit.
//
// When it is taken (dotWorth): op(B) transposed, op(A) not, k at least
// dotMinK, and C's columns at most dotMaxN and a quarter fewer than the
// columns the other paths' tiles compute (n rounded up to 16, or to 8 for
// a last tile of at most eight). Measured with BenchmarkDot (one thread,
// µs, the other path against the dot path, the same kernel set) on the
// 2-vCPU AMD EPYC "Turin-like" VM:
//
//	                             avx512       dot-avx512   avx2    dot-avx2
//	30×576·(25×576)ᵀ             15.6-15.7    10.9-11.1    22.9    25.1
//	16×784·(9×784)ᵀ              10.6-10.8    3.5-3.6      12.1    6.4
//	30×256·(25×256)ᵀ             7.0-7.1      5.7-5.8
//	30×196·(25×196)ᵀ             5.4-5.6      4.9          7.8     9.7
//	30×128·(25×128)ᵀ             3.6          3.5          5.1     6.7
//	30×576·(32×576)ᵀ             15.3-15.5    18.7-18.8    22.9    31.3
//	30×576·(40×576)ᵀ             18.9-19.2    17.4-17.9    28.9    38.6
//	16×784·(144×784)ᵀ            61.4-62.4    59.7-60.7    93.9    104.4
//	100×576·(16×576)ᵀ            21.4-21.6    25.2-25.7    37.5    51.0
//	100×100·(100×100)ᵀ           27.2-29.3    55.2-56.0
//
// The AVX2 kernels, twice the registers per sum, trail where a column
// tile is full and win at nine columns; the rule is the same for both,
// which keeps their results identical.
const (
	dotMinK = 256
	dotMaxN = 64
)

// dotKernel is the signature of the kernels of dot_amd64.s.
type dotKernel func(k8 int, a *float64, lda int, b *float64, ldb int, mask uintptr, out *float64)

// dotKernels is the dot path on one register file: its kernels by tile
// (tiles[mr][nr] up to mr×nr), and the mask argument of the last k%8
// values of a row.
type dotKernels struct {
	tiles  [][]dotKernel
	mr, nr int
	mask   func(r int) uintptr
}

var (
	dotZ = &dotKernels{tiles: dotTilesZ, mr: 5, nr: 5, mask: func(r int) uintptr { return 1<<r - 1 }}
	dotY = &dotKernels{tiles: dotTilesY, mr: 2, nr: 3, mask: func(r int) uintptr {
		if r == 0 {
			return 0
		}
		return uintptr(unsafe.Pointer(&ymask8[r]))
	}}
	dotZPlan = plan{run: dotZ.run, mr: 5, nr: 5, packWeight: 1, fused: true}
	dotYPlan = plan{run: dotY.run, mr: 2, nr: 3, packWeight: 1, fused: true}
)

// ymask8[r] is the VMASKMOVPD mask of the first r of eight lanes, as two
// YMM vectors.
var ymask8 = [8][8]int64{{}, {-1}, {-1, -1}, {-1, -1, -1}, {-1, -1, -1, -1},
	{-1, -1, -1, -1, -1}, {-1, -1, -1, -1, -1, -1}, {-1, -1, -1, -1, -1, -1, -1}}

// dotWorth reports whether the dot path computes p.
func dotWorth(p *problem) bool {
	if !p.transB || p.transA || p.k < dotMinK || p.n > dotMaxN {
		return false
	}
	padded := (p.n + 15) / 16 * 16
	if r := p.n % 16; r > 0 && r <= 8 {
		padded -= 8
	}
	return 4*padded >= 5*p.n
}

// run computes the rows [i0, i1) × columns [j0, j1) of p's C, a tile at a
// time: the nr rows of op(B) of a column of tiles stay in cache while the
// rows of op(A) go by.
func (ks *dotKernels) run(ws *workspace, p *problem, i0, i1, j0, j1 int) {
	k8, msk := p.k/8, ks.mask(p.k%8)
	// The sums of a tile, in the workspace: a local array would escape
	// to the heap through the indirect call of the kernel.
	ws.tile = growBuf(ws.tile, ks.mr*ks.nr)
	tile := ws.tile
	for jb := j0; jb < j1; jb += ks.nr {
		nr := min(ks.nr, j1-jb)
		b := p.b[jb*p.ldb : (jb+nr-1)*p.ldb+p.k]
		for ib := i0; ib < i1; ib += ks.mr {
			mr := min(ks.mr, i1-ib)
			a := p.a[ib*p.lda : (ib+mr-1)*p.lda+p.k]
			ks.tiles[mr][nr](k8, &a[0], p.lda, &b[0], p.ldb, msk, &tile[0])
			for i := range mr {
				row := p.c[(ib+i)*p.ldc+jb : (ib+i)*p.ldc+jb+nr]
				for j := range row {
					storeC(&row[j], tile[i*nr+j], p.alpha, p.beta)
				}
			}
		}
	}
}

// storeC stores a sum s of the dot or column kernels into *c as the
// micro-kernels' epilogue does: alpha·s when beta is 0 (C not used), else
// beta·C + alpha·s rounded once.
func storeC(c *float64, s, alpha, beta float64) {
	v := alpha * s
	if beta == 0 {
		*c = v
		return
	}
	*c = fma(beta, *c, v)
}

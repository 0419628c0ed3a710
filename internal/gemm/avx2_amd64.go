//go:build !purego

package gemm

//go:generate go run gen_kernels.go

// kern6x8 is the AVX2/FMA micro-kernel: a 6×8 tile of C held in twelve YMM
// accumulators (two per row); per step of k it loads two vectors of the
// packed op(B) micro-panel, broadcasts six values of the op(A) micro-panel
// and issues twelve VFMADD231PD. It stores C = alpha·acc + beta·C, fused
// (one rounding for beta·C + alpha·acc), without reading C when beta == 0.
//
//go:noescape
func kern6x8(kc int, a, b, c *float64, ldc int, alpha, beta float64)

// kern4x12 is the 4×12 variant (three vectors per row, four broadcasts).
//
//go:noescape
func kern4x12(kc int, a, b, c *float64, ldc int, alpha, beta float64)

func kernAVX6x8(kc int, a, b, c []float64, ldc int, alpha, beta float64) {
	_ = a[6*kc-1]
	_ = b[8*kc-1]
	_ = c[5*ldc+7]
	kern6x8(kc, &a[0], &b[0], &c[0], ldc, alpha, beta)
}

func kernAVX4x12(kc int, a, b, c []float64, ldc int, alpha, beta float64) {
	_ = a[4*kc-1]
	_ = b[12*kc-1]
	_ = c[3*ldc+11]
	kern4x12(kc, &a[0], &b[0], &c[0], ldc, alpha, beta)
}

// avxConfig is the packed path of the avx2 kernel.
//
// Tile: 6×8, twelve YMM accumulators, plus two registers for the op(B)
// vectors and two for the op(A) broadcasts: all sixteen YMM registers. Per
// step of k it issues 12 FMAs (6 cycles on two FMA pipes) against 8 loads,
// so it is FMA-bound on Zen 2/3 (2-3 loads per cycle). The 4×12 tile
// (kern4x12: 3 vector loads + 4 broadcasts per 12 FMAs) runs at the same
// speed in the micro-kernel benchmark (63 GFLOP/s at kc = 256 on the
// development machine), but was slower in whole products (1024³: 43 vs 52
// GFLOP/s) and wastes more of the skinny shapes' edges (m = 25, n = 30:
// 6×8 tiles cover 30×32, 4×12 tiles 28×36), so 6×8 it is.
//
// Blocking (reference: Zen 2/3, 32 KiB L1D, 512 KiB L2, 16-32 MiB L3):
//
//   - kc = 256: one B micro-panel is 256·8·8 B = 16 KiB, half of L1, and
//     the A micro-panel streamed past it 256·6·8 B = 12 KiB; a tile's C is
//     loaded and stored once per 256·12 FMAs;
//   - mc = 96 (a multiple of 6): the A block is 96·256·8 B = 192 KiB, about
//     3/8 of L2, which leaves room for the B micro-panel, C and the next
//     block's prefetches (BLIS uses 72 on Zen, OpenBLAS similar);
//   - nc = 2048: the B block is 256·2048·8 B = 4 MiB, in L3 with room for a
//     second worker's; every layer shape of the engine has n ≤ 2048, so op(B)
//     is packed once per kc block.
//
// Measured on the development machine (whose 2 MiB L2 makes it less
// sensitive than the reference): mc 72, 96, 144 and kc 192, 256, 384, 512
// are all within ±5% at 256³, 1024³, 2000×200·200×200 and 200×200·200×2000.
var avxConfig = &config{mr: 6, nr: 8, mc: 96, kc: 256, nc: 2048, kern: kernAVX6x8, fused: true}

// avxConfig4x12 is the 4×12 alternative, kept for measurements and tested.
var avxConfig4x12 = &config{mr: 4, nr: 12, mc: 96, kc: 256, nc: 2040, kern: kernAVX4x12, fused: true}

var (
	avxPackedPlan = avxConfig.plan()
	// The unpacked path copies only edge panels, so partitions are chosen
	// almost purely by tile count.
	avxSupPlan = plan{run: supAVX2.run, mr: 6, nr: 8, edgeNR: 4, packWeight: 1, fused: true, sup: supAVX2}
	// avxSupPBPlan packs op(B) (transposed) and reads op(A) in place.
	avxSupPBPlan = plan{run: supAVX2PB.run, mr: 6, nr: 8, edgeNR: 4, packWeight: 1, fused: true, sup: supAVX2PB}
)

// The avx2 kernel reads op(A) and op(B) in place (the unpacked path,
// sup_amd64.go) when op(B) is either narrow (n ≤ supMaxN: a kc×n block of
// op(B) stays in L2 and the op(A) rows are read once) or the product is
// small (m·n·k ≤ supMaxMNK: packing would cost more than it saves), a
// transposed op(B) being packed (only op(A) read in place). Otherwise it
// packs both. Measured with BenchmarkPaths, one
// thread, GFLOP/s packed vs unpacked (m×k×n):
//
//	100×784×50   36.2 vs 41.7    57600×25×30  31.3 vs 39.7
//	784×100×50   45.0 vs 47.8    25×57600×30  23.6 vs 30.0
//	100×50×10    18.2 vs 19.0    96³          44.6 vs 49.2
//	128³         46.6 vs 49.9    256³         54.6 vs 52.6
//	1024³        53.5 vs 39.5    256×64×1024  52.1 vs 47.9
//	10×10×1000   16.6 vs 12.9    200×200×2000 50.4 vs 47.4
//
// A short op(A), at most supShortM rows, also takes the unpacked path when
// op(B) has at most supShortKN elements (1 MiB): so few rows cannot repay
// the pass that packs op(B). On an AMD EPYC (Zen 4), one thread, µs,
// packed against sup: 32×288·288×256 131 against 96, 64×288·288×256 214
// against 177; beyond the bound the two are even (32×288·288×1024 524
// against 516) or packing wins (64×576·576×1024 1790 against 1943).
const (
	supMaxN    = 64
	supMaxMNK  = 128 * 128 * 128
	supShortM  = 64
	supShortKN = 1 << 17
)

// avx2Plan chooses the avx2 kernel's path for a shape: unpacked when op(B)
// is narrow or the product small (packing op(B) first when it is
// transposed: 100×100·(100×100)ᵀ 48.5 → 41-43 µs, one thread), packed
// otherwise; k-split when C is tiny and k long. It depends on the shape only, never on the worker count.
func avx2Plan(p *problem) plan {
	if dotWorth(p) {
		return dotYPlan
	}
	return avxPlanNoDot(p)
}

// avxPlanNoDot is avx2Plan without the dot path.
func avxPlanNoDot(p *problem) plan {
	pn := avxPackedPlan
	if (p.n <= supMaxN || p.m*p.n*p.k <= supMaxMNK || p.m <= supShortM && p.k*p.n <= supShortKN) && !aliasedA(p) {
		pn = avxSupPlan
		if p.transB {
			pn = avxSupPBPlan
		}
	}
	pn.kchunk = kChunk(p, supKC)
	return pn
}

// aliasedA reports whether the unpacked path would read a transposed
// op(A) down columns of A whose rows lie a multiple of 4 KiB apart: its
// cache lines then fall into a few sets of L1 and evict one another, and
// the packed path, which copies op(A) once per block, is faster. Measured
// with the avx512 kernel (one thread, µs, unpacked against packed), the
// dW = xᵀ·dout of DeepConvNet's 1024-wide hidden layer, (1024×100)ᵀ·100×50:
// 237-241 against 180-184 (OpenBLAS 193-196), and (512×100)ᵀ·100×50
// 108-111 against 91; with rows 1000 wide the unpacked path runs at 134
// µs.
func aliasedA(p *problem) bool { return p.transA && p.lda%512 == 0 && p.k > 8 }

// avx2 is the packed kernel with the AVX2/FMA micro-kernel.
func avx2(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	p := problem{transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, beta: beta, a: a, b: b, c: c, lda: lda, ldb: ldb, ldc: ldc}
	avx2Plan(&p).execute(&p)
}

func avx2Func() Func { return avx2 }

// kern6x8s is kern6x8 reading op(A) and op(B) in place instead of from
// packed micro-panels: op(A)[i][p] is a[i*rsa+p*csa] and row p of the 6×8
// block of op(B) is the eight consecutive values at b[p*rsb].
//
//go:noescape
func kern6x8s(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

// kern6x8sn is kern6x8s on ns tiles side by side (gen_kernels.go
// stridedN): tile s reads op(B) from b[s*bs:] and writes C from column
// 8·s, with kern6x8s's instructions; one call for a row panel's full
// column panels instead of one per tile.
//
//go:noescape
func kern6x8sn(ns, kc int, a *float64, rsa, csa int, b *float64, rsb, bs int, c *float64, ldc int, alpha, beta float64)

// kern6x4s is kern6x8s four columns wide (one vector per row).
//
//go:noescape
func kern6x4s(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

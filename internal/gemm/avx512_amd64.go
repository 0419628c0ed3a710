//go:build !purego

package gemm

// kern6x16z is kern6x8 on ZMM registers: a 6×16 tile of C in twelve ZMM
// accumulators, two vector loads of op(B) and six broadcasts of op(A) per
// step of k. Every lane performs the operations of a lane of kern6x8, in
// the same order, so the two kernels give identical results.
//
//go:noescape
func kern6x16z(kc int, a, b, c *float64, ldc int, alpha, beta float64)

// kern6x16zs and kern6x8zs are kern6x8s on ZMM registers, 16 and 8
// columns wide (two and one vectors per row).
//
//go:noescape
func kern6x16zs(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

// kern6x16zsn is kern6x8sn on ZMM registers: ns tiles of 6×16.
//
//go:noescape
func kern6x16zsn(ns, kc int, a *float64, rsa, csa int, b *float64, rsb, bs int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern6x8zs(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

func kernAVX512x16(kc int, a, b, c []float64, ldc int, alpha, beta float64) {
	_ = a[6*kc-1]
	_ = b[16*kc-1]
	_ = c[5*ldc+15]
	kern6x16z(kc, &a[0], &b[0], &c[0], ldc, alpha, beta)
}

// avx512Config is the packed path of the avx512 kernel: avxConfig's loop
// nest and blocking with a tile twice as wide, except mc. A B micro-panel
// is 256·16·8 B = 32 KiB, two thirds of the development machine's 48 KiB
// L1D, so the A block is halved (mc = 48, 96 KiB) to keep more of L2 for
// the B block. Measured with BenchmarkPaths (packed512, one thread,
// GFLOP/s, runs vary by ±5): 1024³ 70.5 with mc 48, 62.2 with 96, 63.4
// with 192; 256³ and 200×200·200×2000 within noise (74-83, 68-73); nc 256
// or 512 instead of 2048 no better. The micro-kernel alone reaches about
// 97 GFLOP/s, so the packed path leaves room; the MNIST layers take the
// unpacked path. (kc stays 256, as in avx2, which keeps the two kernels'
// results identical.)
var avx512Config = &config{mr: 6, nr: 16, mc: 48, kc: 256, nc: 2048, kern: kernAVX512x16, fused: true}

// supAVX512 is the unpacked path of the avx512 kernel: 6×16 tiles, and a
// 6×8 kernel for a last column panel of at most eight columns (the n = 50
// of the MNIST layers is 3·16 + 2: the two columns cost a 6×8 tile rather
// than a 6×16 one), and the avx2 path's 6×4 kernel for one of at most four
// (the n = 100 of the chapter 6 networks is 6·16 + 4).
var supAVX512 = &supConfig{nr: 16, kern: kern6x16zs, kernN: kern6x16zsn, edgeNR: 8, edge: kern6x8zs, rows: rowsAVX512x16, edgeRows: rowsAVX512x8,
	edge2NR: 4, edge2: kern6x4s, edge2Rows: rowsAVX2x4, colEdge: true, off: offAVX512}

// supAVX512PB is supAVX512 packing op(B) (every kc×supNC block, into
// 16-wide micro-panels read sequentially) while still reading op(A) in
// place. It pays when many row panels reuse each block: measured with
// BenchmarkPaths (one thread, GFLOP/s, in place vs packed op(B)),
// 1000×784·784×50 58.4 vs 63.2, 784×100·100×50 59.2 vs 63.3 (transposed A
// 57.1 vs 60.2), 57600×25·25×30 50.9 vs 52.5, but 100×784·784×50 57.9 vs
// 56.1. So op(B) is packed from m = supPackBMinM rows on, and always when
// it is transposed (dx = dout·Wᵀ of every Affine backward): one thread,
// 100×100·(100×100)ᵀ 30.8 µs on the packed path, 24.7-25.0 µs here;
// 100×50·(784×50)ᵀ, which stays packed, 102 → 92 µs from packT.
var supAVX512PB = &supConfig{nr: 16, kern: kern6x16zs, kernN: kern6x16zsn, edgeNR: 8, edge: kern6x8zs, rows: rowsAVX512x16, edgeRows: rowsAVX512x8,
	edge2NR: 4, edge2: kern6x4s, edge2Rows: rowsAVX2x4, packB: true, colEdge: true, off: offAVX512}

const supPackBMinM = 512

// The avx512 kernel also takes the unpacked path for an op(B) of at most
// supMaxN512 columns (one supNC block) when op(A) is long, m or k at least
// supLongMin512: its packed path trails there. Measured with
// BenchmarkPaths (one thread, µs, packed512 against sup512 or, from
// supPackBMinM rows, sup512pb): 100×4320·4320×100 (SimpleConvNet's hidden
// layer) 1434-1453 against 1213-1229, 4320×100ᵀ·100×100 (its dW)
// 1201-1283 against 1101-1115; with BenchmarkGemm, two threads, the first
// went from 1172 to 590 µs. Shorter products such as the 1000×100·100×100
// of a chapter 6 evaluation stay packed: taking them unpacked made the
// batch_norm_test and weight_init_compare twins no faster (three
// alternating runs each, 4.96-5.31 s against 4.52-5.10, 4.28-4.46 against
// 4.05-4.39), although 128³ alone ran at 46.6 µs unpacked against 57.2.
const (
	supMaxN512    = 128
	supLongMin512 = 2048
)

// It also takes it for a short op(A), at most supShortM rows, whatever the
// rest of the shape: packing op(B) costs a pass over it that so few rows
// cannot repay. Measured with BenchmarkPaths on an AMD EPYC (Zen 4), one
// thread, µs, packed512 against sup512: 32×288·288×256 (DeepConvNet's
// fourth convolution, per image) 126-143 against 86-94, 64×288·288×256
// 232 against 179, 32×288·288×1024 572 against 434, 64×576·576×1024 1727
// against 1589.

var (
	avx512PackedPlan = avx512Config.plan()
	avx512SupPlan    = plan{run: supAVX512.run, mr: 6, nr: 16, edgeNR: 8, packWeight: 1, fused: true, sup: supAVX512}
	avx512SupPBPlan  = plan{run: supAVX512PB.run, mr: 6, nr: 16, edgeNR: 8, packWeight: 1, fused: true, sup: supAVX512PB}
)

// avx512Plan chooses the avx512 kernel's path for a shape, by the rules of
// avx2Plan and the long-operand rule above, packing op(B) on the unpacked
// path from supPackBMinM rows on.
func avx512Plan(p *problem) plan {
	if dotWorth(p) {
		return dotZPlan
	}
	return avx512PlanNoDot(p)
}

// avx512PlanNoDot is avx512Plan without the dot path.
func avx512PlanNoDot(p *problem) plan {
	pn := avx512PackedPlan
	if (p.n <= supMaxN || p.m*p.n*p.k <= supMaxMNK || p.m <= supShortM || p.n <= supMaxN512 && max(p.m, p.k) >= supLongMin512) && !aliasedA(p) {
		pn = avx512SupPlan
		if p.m >= supPackBMinM || p.transB {
			pn = avx512SupPBPlan
		}
	}
	pn.kchunk = kChunk(p, supKC)
	return pn
}

// avx512 is the avx2 kernel with the AVX-512 micro-kernels: the same
// paths, blocking and results, twice the vector width.
func avx512(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	p := problem{transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, beta: beta, a: a, b: b, c: c, lda: lda, ldb: ldb, ldc: ldc}
	avx512Plan(&p).execute(&p)
}

func avx512Func() Func { return avx512 }

// avx512Sup, avx512SupPB and avx512Packed are the avx512 kernel forced
// onto one path (tests and benchmarks; avx512Sup falls back to packed for
// transB, as it reads op(B)'s rows in place).
func avx512Sup(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	forced(avx512SupPlan, avx512PackedPlan, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

func avx512SupPB(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	forced(avx512SupPBPlan, avx512SupPBPlan, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

func avx512Packed(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	forced(avx512PackedPlan, avx512PackedPlan, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

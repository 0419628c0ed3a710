package gemm

import (
	"unsafe"
)

// The sparse path. Inputs such as MNIST's images are mostly zeros (about
// 81% of an MNIST image's pixels are background), and a network's first
// layer multiplies them twice per training step: x·W forward and xᵀ·dout
// for dW. When op(A) of a product C = op(A)·B is mostly zeros, Gemm
// gathers A's nonzeros (row by row of A as stored) and lets the sparse
// kernels of sparse_amd64.s (gen_sparse.go) add val·(a row of B) for each:
//
//   - A not transposed (x·W): C[i,:] = Σ A[i,j]·B[j,:] over the nonzero
//     A[i,j] of row i;
//   - A transposed (xᵀ·dout): C[j,:] = Σ A[r,j]·B[r,:] over the nonzero
//     A[r,j] of column j (the nonzeros are sorted by column first).
//
// The nonzeros of a row of op(A) are added in a fixed order: for A as
// stored (x·W), in the order of their column; for A transposed (xᵀ·dout),
// from both ends of the list alternately: first, last, second, second to
// last, and so on to the middle (gen_sparse.go says why: on the Zen 5 VM,
// MNIST's runs of neighbouring pixels, read in order, made the kernel a
// third slower; x·W took that order too until the blocked path below,
// which needs the order of the columns). Every element of C is a sum of
// fused multiply-adds in that order, which depends only on which values
// of A are zero, so the result is the same for every number of workers
// and, the kernels being lane for lane alike, for the avx2 and avx512
// kernels and for the blocked path (TestSparseOrder checks the order bit
// for bit, TestSparseBlocked the blocked path). It differs from the dense
// kernels' only by rounding (the order of the sum).
//
// The blocked path (runBlocked) serves a Sparse kept for many products
// (CompactCopy, what an evaluation keeps of each batch of a data set):
// its nonzeros are copied once, ordered by block of spBlockRows columns of
// A, and each row of C adds its nonzeros of one block (the kernels
// continuing the sum from C) before the next block, so that the block's
// rows of B are read from L1 rather than L2 once per nonzero. Built for
// each product, the copy would cost more than it saves (a counting sort
// in Go took 8 ns per nonzero, the product 9).
//
// Skipping A's zeros is exact unless B holds an infinity or a NaN (0·inf
// is NaN): the path is taken only when every value of B is finite, so NaN
// and Inf propagate as cblas_dgemm's. -0 in A is skipped as +0 is, which
// can change the sign of a zero in C and nothing else.
//
// When it is taken (sparseWorth): the avx2 or avx512 kernel is selected,
// alpha = 1 and beta = 0 (C = op(A)·B, what every layer computes), B is not
// transposed, the product has at least sparseMinMNK multiply-adds and C
// at least sparseMinN columns, and at most sparseMaxDensity of A's values
// are nonzero, which gathering stops finding out after the first row that
// passes the bound. Measured with BenchmarkSparse (sparse_test.go: A
// holds 19% nonzeros at random places, as many as an MNIST batch), one
// thread, the 2-vCPU AMD EPYC "Turin-like" VM with AVX-512, four runs
// each, µs:
//
//	                         dense (avx512)   sparse
//	x·W    100×784·784×100   221-237          107-112
//	x·W   1000×784·784×100   2180-2264        1025-1037
//	x·W    100×784·784×50    122-127          71-73
//	xᵀ·dout 784×100·100×100  210-217          115-118
//
// and, later, on strokeImages (nonzeros in runs, as MNIST's digits; a
// batch of 128, each call gathering A again), in the order below:
//
//	x·W    128×784·784×100   291-302          149-154
//	xᵀ·dout 784×128·128×100  275-289          201-219
//
// The gather kernel reads a row of B for every nonzero of A, so it is
// bound by the cache's bandwidth, not by its multiply-adds (about 27
// cycles per nonzero for a 100-wide B in L2). Two alternatives were
// dropped: scattering into the rows of C for xᵀ·dout (no faster, on a
// noisy machine), and going over A's columns with a block of C held in L1,
// so that each row of B is read once (160-167 µs for the first shape: the
// bucketing and the read-modify-write of C cost more than the reads
// saved). Three more were measured and dropped later:
//
//   - B in blocks of rows that fit in L1, each row of C adding the
//     nonzeros of one block (kernels continuing the sum from C) before
//     the next block, the rows' nonzeros read in place (gathered for each
//     product): 128×784·784×100 took 136-140 µs in one pass, 139-154 µs
//     with 40 KiB blocks, 165-173 µs with 24 KiB (the blocked path, later,
//     reads a copy ordered by block, made once);
//   - two rows of C per kernel call from the union of two rows' nonzeros
//     (a row of B read once for both; MNIST digits overlap, so the union
//     of two images holds 1.53 times the nonzeros of one, and of two
//     neighbouring pixels' columns 1.17 times): on a batch of 128 MNIST
//     images x·W took 143-149 µs instead of 177-183, but building the
//     column pairs for xᵀ·dout cost what the kernel saved, and the
//     weight_init_compare and batch_norm_test twins ran no faster (four
//     alternating runs each, 4.22-4.49 s against 4.24-4.33 s); four rows
//     per call (two passes over C's columns for the registers) was no
//     faster than one. Pairs for x·W alone, their union gathered with
//     VCOMPRESSPD as the rows are, were tried again later: 147 µs instead
//     of 98-114 for the first shape above (a union of two random rows
//     holds 1.8 times the nonzeros of one, and each pair doubles the
//     multiply-adds per row of B read), and on MNIST no faster end to end
//     (four alternating runs: weight_init_compare 4.38-4.91 s against
//     4.37-4.69, batch_norm_test 5.09-5.75 s against 4.85-5.53);
//   - prefetching the rows of B 2, 4 or 8 nonzeros ahead, or every other
//     line of the row: within noise of no prefetching, in either order
//     (the kernels prefetched 4 ahead until they took the order above;
//     now they prefetch only the next row's nonzeros, gen_sparse.go's
//     nextLines).
//
// Measured later on the Zen 4 VM (one thread, 50 batches of 200
// strokeImages multiplied in turn by a 784×100 B, as an evaluation goes
// over a data set's batches kept gathered; ns per nonzero, three runs):
//
//   - pairs of rows with their unions built once (as kept batches could
//     hold them), a two-row kernel reading each row of B once for both:
//     18% faster on one batch multiplied again and again, but 9.5-10.0
//     against 9.1-9.8 on the 50 in turn, with the next pair's nonzeros
//     prefetched whole;
//   - rows of B aligned on 64 bytes (ldb 104): 8.4-9.3 either way;
//   - nonzeros stored in 3 bytes instead of 12 (uint16 columns, and
//     MNIST's values k/255 as byte codes into a table of 256): 7.9-8.7
//     against 8.7-9.0, not worth a second format.
const (
	sparseMinMNK     = 1 << 16
	sparseMinN       = 8
	sparseMaxDensity = 0.35
)

// sparseWork holds the gathered nonzeros of A: those of stored row i are
// val[ptr[i]:ptr[i+1]] in columns idx[ptr[i]:ptr[i+1]].
type sparseWork struct {
	ptr []int
	idx []int32
	val []float64
	// The same nonzeros by column (transpose): those of column j are
	// tval[tptr[j]:tptr[j+1]] in rows tidx[...], in the order of the rows.
	tptr []int
	tidx []int32
	tval []float64
	// bpad holds a copy of B with aligned rows (alignedB).
	bpad []float64
}

// sparseSlots are the workspaces of the sparse path, one per concurrent
// caller up to their number (two goroutines each training a network take
// one each).
var sparseSlots slots[sparseWork]

// sparseWorth reports whether the sparse path may be tried for a product.
func sparseWorth(transB bool, m, n, k int, alpha, beta float64) bool {
	return !transB && alpha == 1 && beta == 0 && n >= sparseMinN && m*n*k >= sparseMinMNK && sel.only == nil
}

// trySparse computes C = op(A)·B on the sparse path and returns true, or
// returns false without touching C when A is not sparse enough, B holds a
// value that is not finite, or no sparse kernel runs here.
func trySparse(transA bool, m, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) bool {
	ks := sparseKernels()
	if ks == nil {
		return false
	}
	return ks.try(transA, m, n, k, a, lda, b, ldb, c, ldc)
}

// spKernel is the signature of the sparse kernels of sparse_amd64.s (see
// gen_sparse.go): nv vectors of columns, the last limited by mask.
type spKernel func(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

// spKernels is a set of sparse kernels: gather by number of vectors
// (index 0 unused; one pass covers up to len(gather)-1 vectors of
// columns), the lanes of a vector, and the mask argument that limits a
// vector to its first r lanes.
type spKernels struct {
	gather []spKernel // zigzag order, for op(A) transposed
	asc    []spKernel // ascending order, for op(A) as stored
	// acc, when the set has them (AVX-512), are the ascending kernels
	// that add to C instead of setting it: the blocked path.
	acc   []spKernel
	lanes int
	mask  func(r int) uintptr
}

// try is trySparse with the kernels of ks.
func (ks *spKernels) try(transA bool, m, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) bool {
	rows, cols := m, k // A as stored
	if transA {
		rows, cols = k, m
	}
	w, slot := sparseSlots.get()
	defer sparseSlots.put(w, slot)
	if !w.gather(a, lda, rows, cols) || !finite(b, ldb, k, n) {
		return false
	}
	if transA {
		w.transpose(rows, cols)
	}
	ks.run(w, transA, m, n, k, b, ldb, c, ldc)
	return true
}

// run computes C = op(A)·B from A's gathered nonzeros in w (transposed
// already when transA): m rows of C, n columns, B k×n.
func (ks *spKernels) run(w *sparseWork, transA bool, m, n, k int, b []float64, ldb int, c []float64, ldc int) {
	ptr, idxs, vals := w.ptr, w.idx, w.val
	if transA {
		// C[j,:] = Σ_r A[r,j]·B[r,:]: the gather kernel over the nonzeros
		// of column j of A, in the order of r.
		ptr, idxs, vals = w.tptr, w.tidx, w.tval
	}
	if ptr[m] >= alignCopyRatio*k && !ks.aligned(b, ldb) {
		// Another workspace: w may be read by several goroutines at once
		// (Sparse), and the copy is this call's own.
		ws, slot := sparseSlots.get()
		defer sparseSlots.put(ws, slot)
		b, ldb = ws.alignedB(b, ldb, k, n, ks.lanes)
	}
	kerns := ks.asc
	if transA {
		kerns = ks.gather
	}
	// The columns of C in chunks of as many vectors as a kernel holds, the
	// last vector of the last chunk limited to the columns that remain.
	chunk := (len(kerns) - 1) * ks.lanes
	for j0 := 0; j0 < n; j0 += chunk {
		width := min(chunk, n-j0)
		nv := (width + ks.lanes - 1) / ks.lanes
		msk := ks.mask(width - (nv-1)*ks.lanes)
		kern := kerns[nv]
		for i := range m {
			lo, hi := ptr[i], ptr[i+1]
			var idx *int32
			var val *float64
			if hi > lo {
				idx, val = &idxs[lo], &vals[lo]
			}
			kern(&c[i*ldc+j0], ldb, &b[j0], idx, val, hi-lo, msk)
		}
	}
}

// runBlocked computes C = A·B (A m×k as gathered in w, B k×n) from the
// blocked copy of A's nonzeros, bl: block by block of spBlockRows rows of
// B, each row of C adding the block's nonzeros of its row of A to the sum
// of the blocks before (kept in C). Every element of C gets the fused
// multiply-adds of run's ascending kernels in the same order, so the
// result is run's, bit for bit. ks.acc must be set.
func (ks *spKernels) runBlocked(bl *spBlocked, m, n int, b []float64, ldb int, c []float64, ldc int) {
	chunk := (len(ks.acc) - 1) * ks.lanes
	for j0 := 0; j0 < n; j0 += chunk {
		width := min(chunk, n-j0)
		nv := (width + ks.lanes - 1) / ks.lanes
		msk := ks.mask(width - (nv-1)*ks.lanes)
		first, acc := ks.asc[nv], ks.acc[nv]
		for _, sg := range bl.segs {
			kern := acc
			if sg.first {
				kern = first // the row's first nonzeros: the sums start from zero
			}
			kern(&c[int(sg.row)*ldc+j0], ldb, &b[j0], &bl.idx[sg.lo], &bl.val[sg.lo], int(sg.n), msk)
		}
		for _, i := range bl.empty {
			clear(c[int(i)*ldc+j0 : int(i)*ldc+j0+width])
		}
	}
}

// spBlockRows is the number of rows of B (784×100 for MNIST's first
// layer: 800 bytes each) one block of the blocked path reads: 48 rows,
// 37.5 KiB, mostly stay in a 32 KiB L1 cache while the rows of C add
// their nonzeros of the block. Measured with BenchmarkSparseKept (one
// thread, the Zen 4 VM, ns per nonzero, two runs each; the whole rows of
// the unblocked path 8.7-9.6 in the same runs): 32 rows 7.7-7.8, 40
// 7.5-7.5, 48 6.4-7.4, 56 7.1-7.3, 64 7.2-7.7. Smaller blocks cost more
// calls of the kernels (each loads and stores its row of C), larger ones
// read B from L2 again.
const spBlockRows = 48

// spBlocked is a copy of a gathered A's nonzeros (A as stored, not
// transposed) ordered for the blocked path: by block of spBlockRows
// columns of A (rows of B), then by row, then by column. segs lists the
// runs of one row within one block, in that order.
type spBlocked struct {
	segs  []spSegment
	idx   []int32
	val   []float64
	empty []int32 // the rows without a nonzero
}

// spSegment is the nonzeros idx[lo:lo+n], val[lo:lo+n] of row row in one
// block; first marks the row's first block with a nonzero.
type spSegment struct {
	row, lo, n int32
	first      bool
}

// bytes is the memory bl holds.
func (bl *spBlocked) bytes() int64 {
	return int64(16*cap(bl.segs) + 12*cap(bl.idx) + 4*cap(bl.empty))
}

// blocked returns the nonzeros of w (rows×cols, as gathered) ordered for
// the blocked path, in memory of their size: a counting sort by block,
// stable in the rows.
func (w *sparseWork) blocked(rows, cols int) *spBlocked {
	nb := (cols + spBlockRows - 1) / spBlockRows
	nz := w.ptr[rows]
	idx, val := w.idx[:nz], w.val[:nz]
	// starts[q] and segStarts[q]: where block q's nonzeros and segments
	// start, counted first.
	starts := make([]int, nb+1)
	segStarts := make([]int, nb+1)
	nseg, nempty := 0, 0
	for i := range rows {
		last := -1
		for _, j := range idx[w.ptr[i]:w.ptr[i+1]] {
			q := int(j) / spBlockRows
			starts[q+1]++
			if q != last {
				segStarts[q+1]++
				last = q
				nseg++
			}
		}
		if last < 0 {
			nempty++
		}
	}
	for q := range nb {
		starts[q+1] += starts[q]
		segStarts[q+1] += segStarts[q]
	}
	bl := &spBlocked{
		segs:  make([]spSegment, nseg),
		idx:   make([]int32, nz),
		val:   make([]float64, nz),
		empty: make([]int32, 0, nempty),
	}
	for i := range rows {
		lo, hi := w.ptr[i], w.ptr[i+1]
		if lo == hi {
			bl.empty = append(bl.empty, int32(i))
			continue
		}
		last := -1
		var sg *spSegment
		for t := lo; t < hi; t++ {
			q := int(idx[t]) / spBlockRows
			if q != last {
				sg = &bl.segs[segStarts[q]]
				segStarts[q]++
				*sg = spSegment{row: int32(i), lo: int32(starts[q]), first: last < 0}
				last = q
			}
			d := starts[q]
			bl.idx[d], bl.val[d] = idx[t], val[t]
			starts[q]++
			sg.n++
		}
	}
	return bl
}

// Sparse holds the nonzeros of one matrix A gathered once for several
// products, as Gemm's sparse path gathers them for one: a network's first
// layer multiplies its input x by W forward and xᵀ by dout backward. The
// results are those of Gemm's sparse path. A Sparse is not safe for
// concurrent use (but see Transpose); its zero value is ready.
type Sparse struct {
	w          sparseWork
	rows, cols int
	ok         bool // a matrix is gathered
	transposed bool // w's columns are current
	// bl is the nonzeros ordered for the blocked path, which a compact
	// copy holds where the kernels have it (a Sparse kept for many
	// products); nil otherwise.
	bl *spBlocked
}

// Gather gathers the nonzeros of the rows×cols matrix a (leading dimension
// lda) and reports whether it did: false when no sparse kernel runs here
// (or $DLFS_GEMM_KERNEL chose a plain kernel) or a is not sparse enough;
// then Mul and MulT report false until the next Gather.
func (s *Sparse) Gather(rows, cols int, a []float64, lda int) bool {
	s.ok, s.transposed, s.bl = false, false, nil
	if sparseKernels() == nil || sel.only != nil || rows <= 0 || cols <= 0 {
		return false
	}
	s.ok = s.w.gather(a, lda, rows, cols)
	s.rows, s.cols = rows, cols
	return s.ok
}

// Compact trims the storage of the gathered nonzeros to their number, for
// a Sparse kept for long (Gather reserves room for sparseMaxDensity of the
// matrix), and drops their transpose, which MulT makes again.
func (s *Sparse) Compact() { *s = *s.CompactCopy() }

// CompactCopy returns a copy of s holding its gathered nonzeros in
// memory of their size (as after Compact), without their transpose, and
// leaves s as it is: a Sparse gathered again and again into the same
// memory gives copies to keep. Where the kernels have a blocked path
// (AVX-512), the copy also holds the nonzeros ordered for it, which
// doubles its memory (Bytes) and makes Mul faster: on the Zen 4 VM, x·W
// on 50 MNIST-like batches of 200 in turn took 6.4-7.4 ns per nonzero
// instead of 8.7-9.6 (BenchmarkSparseKept, see spBlockRows).
func (s *Sparse) CompactCopy() *Sparse {
	c := &Sparse{rows: s.rows, cols: s.cols, ok: s.ok}
	if s.ok {
		nz := s.w.ptr[s.rows]
		c.w.ptr = append([]int(nil), s.w.ptr[:s.rows+1]...)
		c.w.idx = append([]int32(nil), s.w.idx[:nz]...)
		c.w.val = append([]float64(nil), s.w.val[:nz]...)
		if ks := sparseKernels(); ks != nil && ks.acc != nil {
			c.bl = c.w.blocked(c.rows, c.cols)
		}
	}
	return c
}

// Bytes returns the memory that holds s's gathered nonzeros (with their
// blocked order and transpose, when it has them).
func (s *Sparse) Bytes() int64 {
	w := &s.w
	n := int64(8*cap(w.ptr) + 12*cap(w.idx) + 8*cap(w.tptr) + 12*cap(w.tidx))
	if s.bl != nil {
		n += s.bl.bytes()
	}
	return n
}

// NonZeros returns the number of nonzeros gathered, 0 when the last
// Gather failed.
func (s *Sparse) NonZeros() int {
	if !s.ok {
		return 0
	}
	return s.w.ptr[s.rows]
}

// Mul sets C = A·B (B cols×n, C rows×n) from the gathered A and reports
// whether it did: false, with C untouched, when nothing is gathered, the
// product is too small for the sparse path, or B holds a value that is not
// finite (the caller then takes the dense path, as Gemm does).
func (s *Sparse) Mul(n int, b []float64, ldb int, c []float64, ldc int) bool {
	ks := sparseKernels()
	if !s.ok || ks == nil || !sparseWorth(false, s.rows, n, s.cols, 1, 0) || !finite(b, ldb, s.cols, n) {
		return false
	}
	if s.bl != nil && ks.acc != nil {
		ks.runBlocked(s.bl, s.rows, n, b, ldb, c, ldc)
		return true
	}
	ks.run(&s.w, false, s.rows, n, s.cols, b, ldb, c, ldc)
	return true
}

// MulT sets C = Aᵀ·B (B rows×n, C cols×n) from the gathered A, and
// reports whether it did, as Mul.
func (s *Sparse) MulT(n int, b []float64, ldb int, c []float64, ldc int) bool {
	ks := sparseKernels()
	if !s.ok || ks == nil || !sparseWorth(false, s.cols, n, s.rows, 1, 0) || !finite(b, ldb, s.rows, n) {
		return false
	}
	s.Transpose()
	ks.run(&s.w, true, s.cols, n, s.rows, b, ldb, c, ldc)
	return true
}

// Transpose orders the gathered nonzeros by column too, as MulT needs
// them (MulT does it itself when it has not been done). Afterwards Mul
// and MulT only read s, so that several goroutines may call them at once
// until the next Gather.
func (s *Sparse) Transpose() {
	if s.ok && !s.transposed {
		s.w.transpose(s.rows, s.cols)
		s.transposed = true
	}
}

// alignCopyRatio is how many nonzeros of A per row of B make it worth
// copying B to rows aligned on the vectors' size (alignedB) when they are
// not: the kernels read a row of B for each nonzero, and a vector load
// that straddles two cache lines costs about two. A row of 100 values
// (800 bytes) leaves every other row straddling 64-byte lines. Measured
// on strokeImages, one thread, the AMD EPYC "Turin-like" VM: xᵀ·dout of
// a batch of 128 (150 nonzeros per row of B) took 80.6-81.7 µs on aligned
// rows against 104-107 µs in place, the copy costing a few; x·W (24.5
// per row of W) 106-109 against 117-122 µs, which the 627 KB copy of W
// would eat, and BenchmarkSparse's 1000×784·784×100 (191 per row) 941-973
// against 1060-1140 µs with the copy.
const alignCopyRatio = 64

// aligned reports whether every row of B starts on a vector's boundary.
func (ks *spKernels) aligned(b []float64, ldb int) bool {
	vb := uintptr(8 * ks.lanes)
	return uintptr(unsafe.Pointer(unsafe.SliceData(b)))%vb == 0 && uintptr(8*ldb)%vb == 0
}

// alignedB copies the k×n matrix B (leading dimension ldb) to w.bpad with
// each row aligned on lanes values (the leading dimension rounded up to
// lanes) and returns the copy and its leading dimension. The values past
// n in a row are never read: the kernels mask the last vector.
func (w *sparseWork) alignedB(b []float64, ldb, k, n, lanes int) ([]float64, int) {
	ld := (n + lanes - 1) / lanes * lanes
	need := k*ld + lanes
	if cap(w.bpad) < need {
		w.bpad = make([]float64, need)
	}
	buf := w.bpad[:need]
	vb := uintptr(8 * lanes)
	off := int((vb - uintptr(unsafe.Pointer(&buf[0]))%vb) % vb / 8)
	buf = buf[off : off+k*ld]
	for i := range k {
		copy(buf[i*ld:i*ld+n], b[i*ldb:i*ldb+n])
	}
	return buf, ld
}

// gather collects the nonzeros of the rows×cols matrix a (leading
// dimension lda) row by row, and returns false as soon as more than
// sparseMaxDensity of its values are found to be nonzero, or the rows
// gathered so far are clearly denser than that.
func (w *sparseWork) gather(a []float64, lda, rows, cols int) bool {
	limit := int(sparseMaxDensity * float64(rows*cols))
	// compressRow stores whole vectors: room for cols+16 more than the
	// limit.
	room := limit + cols + 16
	if cap(w.idx) < room {
		w.idx = make([]int32, room)
		w.val = make([]float64, room)
	}
	idx, val := w.idx[:room], w.val[:room]
	if cap(w.ptr) < rows+1 {
		w.ptr = make([]int, rows+1)
	}
	ptr := w.ptr[:rows+1]
	nz := 0
	for i := range rows {
		ptr[i] = nz
		nz += compressRow(val[nz:], idx[nz:], a[i*lda:i*lda+cols])
		// Give up as soon as the rows so far are clearly denser than the
		// bound (a tenth of a row of slack, so that one dense row among
		// sparse ones does not stop it): a ReLU output, half zeros, is
		// given up after its first row, not after 70% of them.
		if nz > limit || float64(nz) > (sparseMaxDensity*float64(i+1)+0.1)*float64(cols) {
			return false
		}
	}
	ptr[rows] = nz
	return true
}

// transpose fills tptr, tidx and tval from the gathered nonzeros of a
// rows×cols matrix (a counting sort by column, stable in the rows).
func (w *sparseWork) transpose(rows, cols int) {
	nz := w.ptr[rows]
	if cap(w.tptr) < cols+1 {
		w.tptr = make([]int, cols+1)
	}
	if cap(w.tidx) < nz {
		w.tidx = make([]int32, nz, max(cap(w.idx), nz))
		w.tval = make([]float64, nz, max(cap(w.idx), nz))
	}
	w.tptr, w.tidx, w.tval = w.tptr[:cols+1], w.tidx[:nz], w.tval[:nz]
	tptr, tidx, tval := w.tptr, w.tidx, w.tval
	clear(tptr)
	idx, val := w.idx[:nz], w.val[:nz]
	for _, j := range idx {
		tptr[j+1]++
	}
	for j := range cols {
		tptr[j+1] += tptr[j]
	}
	// tptr[j] is now where column j starts; fill, moving it to the end,
	// then shift back.
	for r := range rows {
		for t := w.ptr[r]; t < w.ptr[r+1]; t++ {
			j := idx[t]
			p := tptr[j]
			tidx[p], tval[p] = int32(r), val[t]
			tptr[j] = p + 1
		}
	}
	copy(tptr[1:], tptr[:cols])
	tptr[0] = 0
}

// compressRowGo writes the values of row that are not zero (NaN included)
// to val and their indices to idx, in order, and returns how many there
// are; val and idx must have room for len(row) values.
func compressRowGo(val []float64, idx []int32, row []float64) int {
	val, idx = val[:len(row)], idx[:len(row)]
	n := 0
	for j, v := range row {
		idx[n], val[n] = int32(j), v
		if v != 0 || v != v {
			n++
		}
	}
	return n
}

// finite reports whether every value of the rows×cols matrix b is finite.
func finite(b []float64, ldb, rows, cols int) bool {
	if ldb == cols {
		return finiteRow(b[:rows*cols])
	}
	for i := range rows {
		if !finiteRow(b[i*ldb : i*ldb+cols]) {
			return false
		}
	}
	return true
}

// finiteRowGo reports whether every value of row is finite.
func finiteRowGo(row []float64) bool {
	// v*0 is NaN for an infinity or a NaN, ±0 otherwise; four sums keep
	// four additions in flight.
	var s0, s1, s2, s3 float64
	j := 0
	for ; j+4 <= len(row); j += 4 {
		s0 += row[j] * 0
		s1 += row[j+1] * 0
		s2 += row[j+2] * 0
		s3 += row[j+3] * 0
	}
	for ; j < len(row); j++ {
		s0 += row[j] * 0
	}
	return s0+s1+s2+s3 == 0
}

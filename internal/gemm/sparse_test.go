package gemm

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// sparseMatrix returns rows×cols values of which about density are
// nonzero; a few zeros are -0, and every fifth row is all zeros.
func sparseMatrix(r *rand.Rand, rows, cols int, density float64) []float64 {
	a := make([]float64, rows*cols)
	for i := range rows {
		if i%5 == 3 {
			continue
		}
		for j := range cols {
			switch u := r.Float64(); {
			case u < density:
				a[i*cols+j] = r.NormFloat64()
			case u < density+0.02:
				a[i*cols+j] = math.Copysign(0, -1)
			}
		}
	}
	return a
}

// strokeImages returns n 28×28 images, one per row, drawn as MNIST's
// digits are laid out: the nonzeros of each image row are one or two runs
// of neighbouring pixels, in the middle 20 rows and columns, about 19% of
// the pixels in all. The kernels meet such runs on real MNIST batches:
// the rows of B they read then follow one another in memory.
func strokeImages(r *rand.Rand, n int) []float64 {
	const side = 28
	a := make([]float64, n*side*side)
	for i := range n {
		for y := 4; y < 24; y++ {
			for range 1 + r.IntN(2) {
				x0, run := 4+r.IntN(16), 3+r.IntN(6)
				for x := x0; x < min(x0+run, 24); x++ {
					a[i*side*side+y*side+x] = float64(1+r.IntN(255)) / 255
				}
			}
		}
	}
	return a
}

func denseMatrix(r *rand.Rand, n int) []float64 {
	b := make([]float64, n)
	for i := range b {
		b[i] = r.NormFloat64()
	}
	return b
}

// TestSparseKernels checks the sparse path of every kernel set this CPU
// runs against the naive loop, for both forms (A plain and transposed)
// and widths that leave every number of vectors and of last lanes, and
// that the AVX2 and AVX-512 kernels agree bit for bit.
func TestSparseKernels(t *testing.T) {
	sets := sparseKernelSets()
	if len(sets) == 0 {
		t.Skip("no sparse kernels on this CPU or build")
	}
	r := rand.New(rand.NewPCG(1, 2))
	for _, transA := range []bool{false, true} {
		for _, sh := range [][3]int{{7, 1, 40}, {13, 5, 31}, {20, 8, 50}, {9, 33, 64}, {31, 64, 17}, {10, 65, 90}, {16, 100, 120}, {5, 131, 60}, {3, 200, 300},
			// At least alignCopyRatio nonzeros per row of B (whose rows
			// are not aligned): B is copied (alignedB).
			{900, 37, 40}, {700, 100, 30}} {
			m, n, k := sh[0], sh[1], sh[2]
			rows, cols := m, k
			if transA {
				rows, cols = k, m
			}
			lda, ldb, ldc := cols+3, n+2, n+1
			a := make([]float64, rows*lda)
			sp := sparseMatrix(r, rows, cols, 0.15)
			for i := range rows {
				copy(a[i*lda:], sp[i*cols:(i+1)*cols])
			}
			b := denseMatrix(r, k*ldb)
			want := make([]float64, m*ldc)
			naive(transA, false, m, n, k, 1, a, lda, b, ldb, 0, want, ldc)
			results := map[string][]float64{}
			for name, ks := range sets {
				c := denseMatrix(r, m*ldc) // garbage C: beta = 0 must not read it
				pad := append([]float64(nil), c...)
				if !ks.try(transA, m, n, k, a, lda, b, ldb, c, ldc) {
					t.Fatalf("%s transA=%v %v: the sparse path refused a 15%% dense A", name, transA, sh)
				}
				for i := range m {
					for j := range ldc {
						got, w := c[i*ldc+j], want[i*ldc+j]
						if j >= n {
							w = pad[i*ldc+j] // the padding of C is left alone
							if got != w {
								t.Fatalf("%s transA=%v %v: C[%d][%d] (padding) changed from %v to %v", name, transA, sh, i, j, w, got)
							}
							continue
						}
						if math.Abs(got-w) > 1e-12*(1+math.Abs(w)) {
							t.Fatalf("%s transA=%v %v: C[%d][%d] = %v, naive %v", name, transA, sh, i, j, got, w)
						}
					}
				}
				results[name] = c
			}
			if y, z := results["avx2"], results["avx512"]; y != nil && z != nil {
				for i := range m {
					for j := range n {
						if math.Float64bits(y[i*ldc+j]) != math.Float64bits(z[i*ldc+j]) {
							t.Fatalf("transA=%v %v: C[%d][%d] is %v with avx2, %v with avx512", transA, sh, i, j, y[i*ldc+j], z[i*ldc+j])
						}
					}
				}
			}
		}
	}
}

// TestSparseAlignedCopy checks that the copy of B to aligned rows
// (alignedB) changes nothing: C is the same, bit for bit, as with B
// already stored with aligned rows, on every kernel set.
func TestSparseAlignedCopy(t *testing.T) {
	sets := sparseKernelSets()
	if len(sets) == 0 {
		t.Skip("no sparse kernels on this CPU or build")
	}
	r := rand.New(rand.NewPCG(5, 6))
	for _, transA := range []bool{false, true} {
		for _, sh := range [][3]int{{800, 100, 40}, {640, 13, 24}, {1000, 65, 30}} {
			m, n, k := sh[0], sh[1], sh[2]
			rows, cols := m, k
			if transA {
				rows, cols = k, m
			}
			a := sparseMatrix(r, rows, cols, 0.2)
			ldb := n + 1
			b := denseMatrix(r, k*ldb)
			for name, ks := range sets {
				if ks.aligned(b, ldb) {
					t.Fatalf("%s: B with leading dimension %d counts as aligned", name, ldb)
				}
				var w sparseWork
				ab, ald := w.alignedB(b, ldb, k, n, ks.lanes)
				if !ks.aligned(ab, ald) {
					t.Fatalf("%s: alignedB gave rows that are not aligned (ld %d)", name, ald)
				}
				got, want := make([]float64, m*n), make([]float64, m*n)
				if !ks.try(transA, m, n, k, a, cols, b, ldb, got, n) || !ks.try(transA, m, n, k, a, cols, ab, ald, want, n) {
					t.Fatalf("%s transA=%v %v: the sparse path refused", name, transA, sh)
				}
				for i := range got {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
						t.Fatalf("%s transA=%v %v: C[%d] = %v from a copied B, %v from an aligned one", name, transA, sh, i, got[i], want[i])
					}
				}
			}
		}
	}
}

// TestSparseOrder checks that every kernel set adds the nonzeros of a row
// of op(A) in the order the package documents (in the order of their
// column for A as stored; for A transposed first, last, second, second to
// last, ..., see sparse.go), each with one fused multiply-add, bit for
// bit, on rows of 0 to 9 nonzeros and on MNIST-like ones.
func TestSparseOrder(t *testing.T) {
	sets := sparseKernelSets()
	if len(sets) == 0 {
		t.Skip("no sparse kernels on this CPU or build")
	}
	r := rand.New(rand.NewPCG(15, 16))
	few := make([]float64, 10*30) // row i: i nonzeros
	for i := range 10 {
		for _, j := range r.Perm(30)[:i] {
			few[i*30+j] = r.NormFloat64()
		}
	}
	for _, tc := range []struct {
		name       string
		a          []float64
		rows, cols int
	}{
		{"few", few, 10, 30},
		{"strokes", strokeImages(r, 12), 12, 784},
	} {
		for _, transA := range []bool{false, true} {
			m, k := tc.rows, tc.cols
			if transA {
				m, k = k, m
			}
			for _, n := range []int{9, 37, 100} {
				b := denseMatrix(r, k*n)
				// The nonzeros of row i of op(A), in the order of their
				// column, summed in that order (A as stored) or from both
				// ends alternately (A transposed).
				want := make([]float64, m*n)
				for i := range m {
					var vals []float64
					var rowsB []int
					for p := range k {
						var v float64
						if transA {
							v = tc.a[p*tc.cols+i]
						} else {
							v = tc.a[i*tc.cols+p]
						}
						if v != 0 {
							vals, rowsB = append(vals, v), append(rowsB, p)
						}
					}
					for j := range n {
						sum := 0.0
						for t := range vals {
							q := t
							if transA {
								q = t / 2 // from the front
								if t%2 == 1 {
									q = len(vals) - 1 - t/2 // from the back
								}
							}
							sum = math.FMA(vals[q], b[rowsB[q]*n+j], sum)
						}
						want[i*n+j] = sum
					}
				}
				for name, ks := range sets {
					c := make([]float64, m*n)
					if !ks.try(transA, m, n, k, tc.a, tc.cols, b, n, c, n) {
						t.Fatalf("%s %s transA=%v n=%d: the sparse path refused", name, tc.name, transA, n)
					}
					for i := range c {
						if math.Float64bits(c[i]) != math.Float64bits(want[i]) {
							t.Fatalf("%s %s transA=%v n=%d: C[%d][%d] = %v, want %v (the documented order)",
								name, tc.name, transA, n, i/n, i%n, c[i], want[i])
						}
					}
				}
			}
		}
	}
}

// TestSparseRefuses checks that the sparse path leaves C alone and says
// no when A is too dense or B holds a value that is not finite (0·inf is
// NaN, which skipping the zeros would lose), and that Gemm then gives
// the dense result, NaN included.
func TestSparseRefuses(t *testing.T) {
	sets := sparseKernelSets()
	if len(sets) == 0 {
		t.Skip("no sparse kernels on this CPU or build")
	}
	r := rand.New(rand.NewPCG(3, 4))
	m, n, k := 40, 50, 60
	sparse := sparseMatrix(r, m, k, 0.1)
	dense := sparseMatrix(r, m, k, 0.6)
	finiteB := denseMatrix(r, k*n)
	for _, tc := range []struct {
		name string
		a    []float64
		bad  float64 // put into B[7][3] when not 0
	}{
		{"dense A", dense, 0},
		{"B holds +Inf", sparse, math.Inf(1)},
		{"B holds -Inf", sparse, math.Inf(-1)},
		{"B holds NaN", sparse, math.NaN()},
	} {
		b := append([]float64(nil), finiteB...)
		if tc.bad != 0 {
			b[7*n+3] = tc.bad
		}
		for name, ks := range sets {
			c := make([]float64, m*n)
			c[0] = 42
			if ks.try(false, m, n, k, tc.a, k, b, n, c, n) {
				t.Errorf("%s, %s: the sparse path accepted", tc.name, name)
			}
			if c[0] != 42 {
				t.Errorf("%s, %s: C was written", tc.name, name)
			}
		}
		want := make([]float64, m*n)
		naive(false, false, m, n, k, 1, tc.a, k, b, n, 0, want, n)
		got := make([]float64, m*n)
		Gemm(false, false, m, n, k, 1, tc.a, k, b, n, 0, got, n)
		for i := range want {
			if w, g := want[i], got[i]; math.IsNaN(w) != math.IsNaN(g) || !math.IsNaN(w) && math.Abs(g-w) > 1e-12*(1+math.Abs(w)) {
				t.Fatalf("%s: Gemm C[%d] = %v, naive %v", tc.name, i, g, w)
			}
		}
	}
}

// TestGemmSparseInputs runs Gemm itself (which takes the sparse path
// where it is selected) on MNIST-like shapes with a mostly-zero A.
func TestGemmSparseInputs(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, transA := range []bool{false, true} {
		for _, sh := range [][3]int{{100, 100, 784}, {784, 100, 100}, {64, 50, 784}} {
			m, n, k := sh[0], sh[1], sh[2]
			if transA {
				m, k = sh[2], sh[0] // dW = xᵀ·dout: A is the N×784 input
			}
			rows, cols := m, k
			if transA {
				rows, cols = k, m
			}
			a := sparseMatrix(r, rows, cols, 0.19)
			b := denseMatrix(r, k*n)
			want := make([]float64, m*n)
			naive(transA, false, m, n, k, 1, a, cols, b, n, 0, want, n)
			got := make([]float64, m*n)
			Gemm(transA, false, m, n, k, 1, a, cols, b, n, 0, got, n)
			for i := range want {
				if math.Abs(got[i]-want[i]) > 1e-12*(1+math.Abs(want[i])) {
					t.Fatalf("transA=%v %dx%dx%d: C[%d] = %v, naive %v", transA, m, n, k, i, got[i], want[i])
				}
			}
		}
	}
}

// BenchmarkSparse compares the dense kernel the CPU selects with Gemm's
// sparse path on the first layer of the book's MNIST networks: A holds
// 19% nonzeros at random places, as an MNIST batch does (x·W forward for
// batches of 100 and 1000, and dW = xᵀ·dout for a batch of 100), or, for
// the "strokes" shapes, in runs of neighbouring pixels as MNIST's digits
// (strokeImages; a batch of 128, as weight_init_compare's).
//
//	go test -run '^$' -bench Sparse -cpu 1 ./internal/gemm
func BenchmarkSparse(b *testing.B) {
	if sparseKernels() == nil {
		b.Skip("no sparse kernels on this CPU or build")
	}
	r := rand.New(rand.NewPCG(7, 8))
	dense, _ := Lookup(sel.name)
	for _, sh := range []struct {
		name    string
		transA  bool
		m, n, k int
		strokes bool // A is strokeImages, not random places
	}{
		{"x·W/100x784x100", false, 100, 100, 784, false},
		{"x·W/1000x784x100", false, 1000, 100, 784, false},
		{"x·W/100x784x50", false, 100, 50, 784, false},
		{"xT·dout/784x100x100", true, 784, 100, 100, false},
		{"x·W/strokes/128x784x100", false, 128, 100, 784, true},
		{"xT·dout/strokes/784x128x100", true, 784, 100, 128, true},
	} {
		rows, cols := sh.m, sh.k
		if sh.transA {
			rows, cols = sh.k, sh.m
		}
		a := sparseMatrix(r, rows, cols, 0.19)
		if sh.strokes {
			a = strokeImages(r, rows)
		}
		bm := denseMatrix(r, sh.k*sh.n)
		c := make([]float64, sh.m*sh.n)
		flops := 2 * float64(sh.m*sh.n*sh.k)
		for _, path := range []string{"dense", "sparse"} {
			b.Run(sh.name+"/"+path, func(b *testing.B) {
				for b.Loop() {
					if path == "dense" {
						dense.Func(sh.transA, false, sh.m, sh.n, sh.k, 1, a, cols, bm, sh.n, 0, c, sh.n)
					} else {
						Gemm(sh.transA, false, sh.m, sh.n, sh.k, 1, a, cols, bm, sh.n, 0, c, sh.n)
					}
				}
				b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "dense-GFLOP/s")
			})
		}
	}
}

// TestCompressAndFinite checks compressRow and finiteRow (AVX-512 where
// the CPU has it) against their Go versions on rows of every length up to
// 70, with zeros, -0, NaN and infinities in every position.
func TestCompressAndFinite(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	specials := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 1e-310}
	for n := range 71 {
		for trial := range 20 {
			row := make([]float64, n)
			for j := range row {
				if r.IntN(3) == 0 {
					row[j] = r.NormFloat64()
				}
			}
			if n > 0 && trial > 0 {
				row[r.IntN(n)] = specials[trial%len(specials)]
			}
			wantVal, wantIdx := make([]float64, n+16), make([]int32, n+16)
			gotVal, gotIdx := make([]float64, n+16), make([]int32, n+16)
			wn := compressRowGo(wantVal, wantIdx, row)
			gn := compressRow(gotVal, gotIdx, row)
			if gn != wn {
				t.Fatalf("n=%d trial %d: %d nonzeros, want %d", n, trial, gn, wn)
			}
			for j := range wn {
				if gotIdx[j] != wantIdx[j] || math.Float64bits(gotVal[j]) != math.Float64bits(wantVal[j]) {
					t.Fatalf("n=%d trial %d: nonzero %d is (%d, %v), want (%d, %v)", n, trial, j, gotIdx[j], gotVal[j], wantIdx[j], wantVal[j])
				}
			}
			wantFin := true
			for _, v := range row {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					wantFin = false
				}
			}
			if got := finiteRow(row); got != wantFin || finiteRowGo(row) != wantFin {
				t.Fatalf("n=%d trial %d: finiteRow %v, finiteRowGo %v, want %v (row %v)", n, trial, got, finiteRowGo(row), wantFin, row)
			}
		}
	}
}

// TestSparseAllocatesNothing: once its workspace has grown, the sparse
// path allocates nothing.
func TestSparseAllocatesNothing(t *testing.T) {
	if sparseKernels() == nil {
		t.Skip("no sparse kernels on this CPU or build")
	}
	r := rand.New(rand.NewPCG(11, 12))
	a := sparseMatrix(r, 100, 784, 0.19)
	b := denseMatrix(r, 784*100)
	c := make([]float64, 100*100)
	dw := make([]float64, 784*100)
	run := func() {
		Gemm(false, false, 100, 100, 784, 1, a, 784, b, 100, 0, c, 100)
		Gemm(true, false, 784, 100, 100, 1, a, 784, c, 100, 0, dw, 100)
	}
	run()
	if n := testing.AllocsPerRun(20, run); n != 0 {
		t.Errorf("%v allocations per run", n)
	}
}

// TestSparseReuse checks a Sparse gathered once against the naive loop
// for both products it serves (A·B and Aᵀ·B, twice each, the transpose
// made once), the same products to the bit after Compact and from a
// CompactCopy, its refusals
// (a dense A, a B holding Inf, a product too small) and that a refused
// Gather leaves nothing to multiply, compacted or not.
func TestSparseReuse(t *testing.T) {
	if sparseKernels() == nil {
		t.Skip("no sparse kernels on this CPU or build")
	}
	r := rand.New(rand.NewPCG(13, 14))
	const rows, cols, n = 60, 300, 40
	a := sparseMatrix(r, rows, cols, 0.15)
	b := denseMatrix(r, cols*n)  // for A·B
	bt := denseMatrix(r, rows*n) // for Aᵀ·B
	var s Sparse
	if !s.Gather(rows, cols, a, cols) {
		t.Fatal("a 15% dense A was not gathered")
	}
	check := func(what string, got, want []float64) {
		t.Helper()
		for i := range want {
			if math.Abs(got[i]-want[i]) > 1e-12*(1+math.Abs(want[i])) {
				t.Fatalf("%s: C[%d] = %v, naive %v", what, i, got[i], want[i])
			}
		}
	}
	var first, firstT []float64
	for round := range 4 {
		if round == 2 {
			s.Compact()
			if len(s.w.idx) != s.w.ptr[rows] {
				t.Errorf("Compact kept room for %d nonzeros, %d gathered", len(s.w.idx), s.w.ptr[rows])
			}
		}
		c := make([]float64, rows*n)
		want := make([]float64, rows*n)
		naive(false, false, rows, n, cols, 1, a, cols, b, n, 0, want, n)
		if !s.Mul(n, b, n, c, n) {
			t.Fatal("Mul refused")
		}
		check("A·B", c, want)
		ct := make([]float64, cols*n)
		wantT := make([]float64, cols*n)
		naive(true, false, cols, n, rows, 1, a, cols, bt, n, 0, wantT, n)
		if !s.MulT(n, bt, n, ct, n) {
			t.Fatal("MulT refused")
		}
		check("Aᵀ·B", ct, wantT)
		if round == 0 {
			first, firstT = c, ct
		} else if !slices.Equal(c, first) || !slices.Equal(ct, firstT) {
			t.Errorf("round %d: the products differ from the first round's", round)
		}
		// A compact copy multiplies as s does, and holds just the nonzeros.
		cp := s.CompactCopy()
		cc, cct := make([]float64, rows*n), make([]float64, cols*n)
		if !cp.Mul(n, b, n, cc, n) || !cp.MulT(n, bt, n, cct, n) {
			t.Fatalf("round %d: the compact copy refused", round)
		}
		if !slices.Equal(cc, c) || !slices.Equal(cct, ct) || cp.NonZeros() != s.NonZeros() || len(cp.w.idx) != s.NonZeros() {
			t.Errorf("round %d: the compact copy multiplies otherwise or holds %d values for %d nonzeros", round, len(cp.w.idx), s.NonZeros())
		}
	}
	inf := append([]float64(nil), b...)
	inf[5] = math.Inf(1)
	if s.Mul(n, inf, n, make([]float64, rows*n), n) {
		t.Error("Mul accepted a B holding +Inf")
	}
	if s.Mul(2, b, 2, make([]float64, rows*2), 2) {
		t.Error("Mul accepted a product of 2 columns")
	}
	if s.Gather(rows, cols, sparseMatrix(r, rows, cols, 0.7), cols) {
		t.Error("a 70% dense A was gathered")
	}
	if s.Mul(n, b, n, make([]float64, rows*n), n) || s.MulT(n, bt, n, make([]float64, cols*n), n) {
		t.Error("a Sparse whose last Gather failed still multiplied")
	}
	s.Compact()
	if s.Mul(n, b, n, make([]float64, rows*n), n) || s.MulT(n, bt, n, make([]float64, cols*n), n) {
		t.Error("a compacted Sparse whose last Gather failed still multiplied")
	}
}

// TestSparseBlocked checks that a compact copy, which multiplies through
// the blocked path where the kernels have it, gives the products of the
// Sparse it was copied from (the whole rows of the unblocked path) bit
// for bit: MNIST-like batches, rows without a nonzero (first, last and
// among others), a number of columns of A that is not a multiple of the
// block, and C wider than one pass of the kernels (two chunks of columns).
func TestSparseBlocked(t *testing.T) {
	ks := sparseKernels()
	if ks == nil || ks.acc == nil {
		t.Skip("no blocked sparse path on this CPU or build")
	}
	r := rand.New(rand.NewPCG(17, 18))
	withEmpty := sparseMatrix(r, 50, 230, 0.2)
	for _, i := range []int{0, 7, 8, 30, 49} {
		clear(withEmpty[i*230 : (i+1)*230])
	}
	for _, tc := range []struct {
		name       string
		a          []float64
		rows, cols int
	}{
		{"strokes", strokeImages(r, 200), 200, 784},
		{"empty rows", withEmpty, 50, 230},
		{"random", sparseMatrix(r, 33, 784, 0.05), 33, 784},
	} {
		var s Sparse
		if !s.Gather(tc.rows, tc.cols, tc.a, tc.cols) {
			t.Fatalf("%s: not gathered", tc.name)
		}
		cp := s.CompactCopy()
		if cp.bl == nil {
			t.Fatalf("%s: the compact copy has no blocked order", tc.name)
		}
		for _, n := range []int{9, 37, 100, 130} {
			b := denseMatrix(r, tc.cols*n)
			want := make([]float64, tc.rows*n)
			got := make([]float64, tc.rows*n)
			for i := range got {
				got[i] = math.NaN() // every element must be written
			}
			if !s.Mul(n, b, n, want, n) || !cp.Mul(n, b, n, got, n) {
				t.Fatalf("%s n=%d: Mul refused", tc.name, n)
			}
			for i := range want {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
					t.Fatalf("%s n=%d: C[%d][%d] = %v blocked, %v in whole rows", tc.name, n, i/n, i%n, got[i], want[i])
				}
			}
		}
	}
}

// BenchmarkSparseKept measures x·W as an evaluation makes it over a data
// set kept gathered (train.Evaluator.KeepSparse): 50 batches of 200
// strokeImages multiplied in turn by a 784×100 W, from Sparse values
// gathered once ("rows": the whole rows of the unblocked path) and from
// their compact copies ("blocked", where the kernels have the blocked
// path). The metric is the time per nonzero.
//
//	go test -run '^$' -bench SparseKept -cpu 1 ./internal/gemm
func BenchmarkSparseKept(b *testing.B) {
	if sparseKernels() == nil {
		b.Skip("no sparse kernels on this CPU or build")
	}
	r := rand.New(rand.NewPCG(7, 8))
	const batches, rows, k, n = 50, 200, 784, 100
	gathered := make([]*Sparse, batches)
	kept := make([]*Sparse, batches)
	nnz := 0
	for i := range gathered {
		gathered[i] = new(Sparse)
		if !gathered[i].Gather(rows, k, strokeImages(r, rows), k) {
			b.Fatal("strokeImages were not gathered")
		}
		kept[i] = gathered[i].CompactCopy()
		nnz += gathered[i].NonZeros()
	}
	w := denseMatrix(r, k*n)
	c := make([]float64, rows*n)
	for _, tc := range []struct {
		name string
		s    []*Sparse
	}{{"rows", gathered}, {"blocked", kept}} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				for _, s := range tc.s {
					s.Mul(n, w, n, c, n)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(nnz), "ns/nonzero")
		})
	}
}

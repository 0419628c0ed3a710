package gemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// guardBits is the NaN payload written around and between the matrices;
// it must never change and never leak into a result.
const guardBits = 0x7ff8_dead_beef_0001

var guardNaN = math.Float64frombits(guardBits)

const guardLen = 9

// mat is a rows×cols row-major matrix with leading dimension ld, stored in
// buf after guardLen guard values and followed by guardLen more; the padding
// columns between rows also hold guard values.
type mat struct {
	buf              []float64
	rows, cols, ld   int
	rowsSet, colsSet bool
}

func span(rows, cols, ld int) int {
	if rows == 0 || cols == 0 {
		return 0
	}
	return (rows-1)*ld + cols
}

func newMat(rows, cols, ld int, fill func(i, j int) float64) mat {
	buf := make([]float64, 2*guardLen+span(rows, cols, ld))
	for i := range buf {
		buf[i] = guardNaN
	}
	m := mat{buf: buf, rows: rows, cols: cols, ld: ld}
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			buf[guardLen+i*ld+j] = fill(i, j)
		}
	}
	return m
}

// data is the slice handed to a kernel: exactly the span of the matrix.
func (m mat) data() []float64 {
	n := span(m.rows, m.cols, m.ld)
	return m.buf[guardLen : guardLen+n : guardLen+n]
}

func (m mat) at(i, j int) float64 { return m.buf[guardLen+i*m.ld+j] }

func (m mat) clone() mat { m.buf = slices.Clone(m.buf); return m }

func (m mat) isElem(idx int) bool {
	idx -= guardLen
	if idx < 0 || idx >= span(m.rows, m.cols, m.ld) {
		return false
	}
	return idx%m.ld < m.cols
}

// checkGuards reports changes outside the matrix elements of got relative to
// orig (all of them when whole is set).
func checkGuards(t *testing.T, what string, orig, got mat, whole bool) {
	t.Helper()
	for i := range orig.buf {
		if !whole && orig.isElem(i) {
			continue
		}
		if math.Float64bits(orig.buf[i]) != math.Float64bits(got.buf[i]) {
			t.Fatalf("%s: value at buffer index %d changed from %v to %v (guard or padding, or input modified)", what, i, orig.buf[i], got.buf[i])
		}
	}
}

type gemmCase struct {
	transA, transB bool
	m, n, k        int
	alpha, beta    float64
	lda, ldb, ldc  int
}

func (tc gemmCase) String() string {
	return fmt.Sprintf("tA=%v,tB=%v,%dx%dx%d,alpha=%v,beta=%v,ld=%d,%d,%d", tc.transA, tc.transB, tc.m, tc.k, tc.n, tc.alpha, tc.beta, tc.lda, tc.ldb, tc.ldc)
}

// operands builds A, B and C for the case with values drawn from rng. When
// beta == 0 the elements of C are NaN: they must be overwritten unread.
func (tc gemmCase) operands(rng *rand.Rand) (a, b, c mat) {
	rnd := func(int, int) float64 { return rng.Float64()*2 - 1 }
	ar, ac := tc.m, tc.k
	if tc.transA {
		ar, ac = ac, ar
	}
	br, bc := tc.k, tc.n
	if tc.transB {
		br, bc = bc, br
	}
	a = newMat(ar, ac, tc.lda, rnd)
	b = newMat(br, bc, tc.ldb, rnd)
	if tc.beta == 0 {
		c = newMat(tc.m, tc.n, tc.ldc, func(int, int) float64 { return math.NaN() })
	} else {
		c = newMat(tc.m, tc.n, tc.ldc, rnd)
	}
	return a, b, c
}

func (tc gemmCase) call(f Func, a, b, c mat) {
	f(tc.transA, tc.transB, tc.m, tc.n, tc.k, tc.alpha, a.data(), tc.lda, b.data(), tc.ldb, tc.beta, c.data(), tc.ldc)
}

// reference returns naive's result and, per element, the error bound
// 1e-12·(|alpha|·Σ_p|a_ip·b_pj| + |beta·c_ij|), which covers the different
// summation orders and fused multiply-adds of the optimised kernels.
func (tc gemmCase) reference(a, b, c mat) (want mat, bound []float64) {
	want = c.clone()
	naive(tc.transA, tc.transB, tc.m, tc.n, tc.k, tc.alpha, a.data(), tc.lda, b.data(), tc.ldb, tc.beta, want.data(), tc.ldc)
	abs := func(x mat) mat {
		y := x.clone()
		for i, v := range y.buf {
			y.buf[i] = math.Abs(v)
		}
		return y
	}
	absC := abs(c)
	if tc.beta == 0 {
		absC = newMat(tc.m, tc.n, tc.ldc, func(int, int) float64 { return 0 })
	}
	if tc.k > 0 {
		naive(tc.transA, tc.transB, tc.m, tc.n, tc.k, math.Abs(tc.alpha), abs(a).data(), tc.lda, abs(b).data(), tc.ldb, math.Abs(tc.beta), absC.data(), tc.ldc)
	}
	bound = make([]float64, tc.m*tc.n)
	for i := 0; i < tc.m; i++ {
		for j := 0; j < tc.n; j++ {
			bound[i*tc.n+j] = 1e-12*absC.at(i, j) + 1e-300
		}
	}
	return want, bound
}

func compareC(t *testing.T, what string, tc gemmCase, got, want mat, bound []float64) {
	t.Helper()
	bad := 0
	for i := 0; i < tc.m; i++ {
		for j := 0; j < tc.n; j++ {
			g, w := got.at(i, j), want.at(i, j)
			ok := g == w || math.Abs(g-w) <= bound[i*tc.n+j] || (math.IsNaN(g) && math.IsNaN(w))
			if !ok {
				if bad < 5 {
					t.Errorf("%s %v: C[%d][%d] = %v, want %v (diff %g, bound %g)", what, tc, i, j, g, w, g-w, bound[i*tc.n+j])
				}
				bad++
			}
		}
	}
	if bad > 0 {
		t.Fatalf("%s %v: %d wrong elements", what, tc, bad)
	}
}

type namedFunc struct {
	name string
	f    Func
}

// functionsUnderTest are every available kernel but naive, then Gemm.
func functionsUnderTest() []namedFunc {
	var fs []namedFunc
	for _, k := range Kernels() {
		if k.Available && k.Name != "naive" {
			fs = append(fs, namedFunc{k.Name, k.Func})
		}
	}
	return append(fs, namedFunc{"Gemm", Gemm})
}

// runCase runs every function under test on the case and checks the result
// against naive, the guards and the inputs.
func runCase(t *testing.T, tc gemmCase, rng *rand.Rand, fs []namedFunc) {
	t.Helper()
	a, b, c := tc.operands(rng)
	a0, b0 := a.clone(), b.clone()
	want, bound := tc.reference(a, b, c)
	for _, f := range fs {
		if f.name != "Gemm" && (tc.m == 0 || tc.n == 0 || tc.k == 0) {
			continue
		}
		got := c.clone()
		tc.call(f.f, a, b, got)
		compareC(t, f.name, tc, got, want, bound)
		checkGuards(t, f.name+" C", c, got, false)
		checkGuards(t, f.name+" A", a0, a, true)
		checkGuards(t, f.name+" B", b0, b, true)
	}
}

func allConfigs() []*config { return []*config{goConfig, avxConfig} }

// extraBlockingDims are blocking sizes of architecture-specific paths.
var extraBlockingDims []int

// blockingDims are the sizes around every blocking parameter of every
// kernel.
func blockingDims() []int {
	var ds []int
	add := func(xs ...int) {
		for _, x := range xs {
			for _, d := range []int{x - 1, x, x + 1} {
				if d >= 1 && !slices.Contains(ds, d) {
					ds = append(ds, d)
				}
			}
		}
	}
	for _, cfg := range allConfigs() {
		add(cfg.mr, cfg.nr, cfg.mc, cfg.kc, cfg.nc)
	}
	add(blockedKC, blockedNC)
	add(extraBlockingDims...)
	slices.Sort(ds)
	return ds
}

// testCases is a covering set rather than a cartesian product: each size of
// interest appears in each of the three dimensions with small partners,
// plus a few shapes that cross several block boundaries at once; transposes,
// alpha/beta and leading-dimension padding cycle over the cases.
func testCases() []gemmCase {
	sizes := []int{1, 2, 3, 7, 13, 31, 64, 65, 127, 257}
	for _, d := range blockingDims() {
		if !slices.Contains(sizes, d) {
			sizes = append(sizes, d)
		}
	}
	small := []int{1, 3, 7, 2, 5}
	var shapes [][3]int // m, n, k
	for i, v := range sizes {
		s, u := small[i%len(small)], small[(i+2)%len(small)]
		shapes = append(shapes, [3]int{v, s, u}, [3]int{s, v, u}, [3]int{s, u, v})
	}
	for _, cfg := range allConfigs() {
		shapes = append(shapes,
			[3]int{cfg.mc + 1, 3*cfg.nr + 1, cfg.kc + 1},
			[3]int{2*cfg.mr + 1, cfg.nc + 1, 3},
			[3]int{cfg.mc - 1, 2*cfg.nr - 1, 2*cfg.kc + 3},
		)
	}
	shapes = append(shapes, [3]int{65, 127, 31}, [3]int{31, 65, 127}, [3]int{127, 31, 65}, [3]int{257, 64, 65}, [3]int{100, 50, 784},
		// The dot path (dot_amd64.go) when op(B) is transposed: tiles of every
		// size, k with and without a remainder of eight.
		[3]int{30, 25, 576}, [3]int{16, 9, 784}, [3]int{11, 17, 263}, [3]int{7, 1, 300},
		// A short op(A) beyond supMaxMNK, which the unpacked path takes
		// (both kernels; the second beyond supShortKN, avx512 only).
		[3]int{33, 257, 290}, [3]int{20, 700, 300})
	ab := [][2]float64{{1, 0}, {1, 1}, {-0.7, 1.3}, {1.3, 0}, {0, 1.3}, {-0.7, 1}, {0, 0}, {1, -0.7}}
	var cases []gemmCase
	for si, s := range shapes {
		for tr := 0; tr < 4; tr++ {
			tc := gemmCase{transA: tr&1 != 0, transB: tr&2 != 0, m: s[0], n: s[1], k: s[2]}
			// Over the shapes, every transpose combination meets every
			// alpha/beta pair and every padding.
			tc.alpha, tc.beta = ab[(si+3*tr)%len(ab)][0], ab[(si+3*tr)%len(ab)][1]
			tc.setLD([]int{1, 3, 0, 2}[(si+tr)%4])
			cases = append(cases, tc)
		}
	}
	return cases
}

func (tc *gemmCase) setLD(pad int) {
	if tc.transA {
		tc.lda = tc.m + pad
	} else {
		tc.lda = tc.k + pad
	}
	if tc.transB {
		tc.ldb = tc.k + pad
	} else {
		tc.ldb = tc.n + pad
	}
	tc.ldc = tc.n + (pad+1)%4
	tc.lda, tc.ldb, tc.ldc = max(tc.lda, 1), max(tc.ldb, 1), max(tc.ldc, 1)
}

func TestKernelsAgainstNaive(t *testing.T) {
	fs := functionsUnderTest()
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tc := range testCases() {
		runCase(t, tc, rng, fs)
	}
}

func TestNaiveSmall(t *testing.T) {
	// [1 2; 3 4]·[5 6; 7 8] = [19 22; 43 50]
	a := []float64{1, 2, 3, 4}
	b := []float64{5, 6, 7, 8}
	c := []float64{1, 1, 1, 1}
	naive(false, false, 2, 2, 2, 2, a, 2, b, 2, -1, c, 2)
	if want := []float64{37, 43, 85, 99}; !slices.Equal(c, want) {
		t.Fatalf("got %v, want %v", c, want)
	}
	c = []float64{1, 1, 1, 1}
	naive(true, true, 2, 2, 2, 1, a, 2, b, 2, 0, c, 2) // Aᵀ·Bᵀ = (B·A)ᵀ
	if want := []float64{23, 31, 34, 46}; !slices.Equal(c, want) {
		t.Fatalf("transposed: got %v, want %v", c, want)
	}
}

func TestGemmEmpty(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	fs := []namedFunc{{"Gemm", Gemm}}
	for _, s := range [][3]int{{0, 3, 4}, {3, 0, 4}, {3, 4, 0}, {0, 0, 0}, {5, 7, 0}} {
		for _, ab := range [][2]float64{{1, 0}, {1, 1}, {1.3, -0.7}} {
			for tr := 0; tr < 4; tr++ {
				tc := gemmCase{transA: tr&1 != 0, transB: tr&2 != 0, m: s[0], n: s[1], k: s[2], alpha: ab[0], beta: ab[1]}
				tc.setLD(2)
				runCase(t, tc, rng, fs)
			}
		}
	}
}

// TestNaNSemantics: beta == 0 ignores NaN in C; NaN and Inf in A or B
// propagate to exactly the affected elements.
func TestNaNSemantics(t *testing.T) {
	for _, f := range append(functionsUnderTest(), namedFunc{"naive", naive}) {
		for _, s := range [][3]int{{2, 2, 2}, {9, 17, 5}, {70, 40, 300}} {
			m, n, k := s[0], s[1], s[2]
			for tr := 0; tr < 4; tr++ {
				tc := gemmCase{transA: tr&1 != 0, transB: tr&2 != 0, m: m, n: n, k: k, alpha: 1.5, beta: 0}
				tc.setLD(1)
				rng := rand.New(rand.NewPCG(5, uint64(tr)))
				a, b, c := tc.operands(rng) // C is all NaN, beta == 0
				// Poison op(A)[1][k-1] with NaN and op(B)[0][n-1] with +Inf.
				setOp := func(x mat, trans bool, i, j int, v float64) {
					if trans {
						i, j = j, i
					}
					x.buf[guardLen+i*x.ld+j] = v
				}
				setOp(a, tc.transA, 1, k-1, math.NaN())
				setOp(b, tc.transB, 0, n-1, math.Inf(1))
				tc.call(f.f, a, b, c)
				for i := 0; i < m; i++ {
					for j := 0; j < n; j++ {
						v := c.at(i, j)
						switch {
						case i == 1:
							if !math.IsNaN(v) {
								t.Fatalf("%s %v: C[1][%d] = %v, want NaN from A", f.name, tc, j, v)
							}
						case j == n-1:
							if !math.IsInf(v, 0) && !math.IsNaN(v) {
								t.Fatalf("%s %v: C[%d][%d] = %v, want ±Inf or NaN from B", f.name, tc, i, j, v)
							}
						default:
							if math.IsNaN(v) || math.IsInf(v, 0) {
								t.Fatalf("%s %v: C[%d][%d] = %v, NaN in C leaked with beta == 0", f.name, tc, i, j, v)
							}
						}
					}
				}
			}
		}
	}
}

func FuzzGemm(f *testing.F) {
	f.Add(uint8(3), uint8(4), uint8(5), uint8(0), uint8(0), uint64(1))
	f.Add(uint8(17), uint8(9), uint8(255), uint8(3), uint8(2), uint64(2))
	f.Add(uint8(70), uint8(33), uint8(1), uint8(1), uint8(5), uint64(3))
	f.Add(uint8(0), uint8(12), uint8(7), uint8(2), uint8(1), uint64(4))
	f.Add(uint8(6), uint8(8), uint8(0), uint8(6), uint8(4), uint64(5))
	f.Add(uint8(61), uint8(47), uint8(200), uint8(0x31), uint8(0x85), uint64(6))
	f.Add(uint8(13), uint8(11), uint8(255), uint8(0xf0), uint8(0xc9), uint64(7))
	fs := functionsUnderTest()
	ab := []float64{0, 1, -0.7, 1.3, 2.5, -1}
	f.Fuzz(func(t *testing.T, m8, n8, k8, flags, abSel uint8, seed uint64) {
		tc := gemmCase{
			transA: flags&1 != 0, transB: flags&2 != 0,
			m: int(m8) % 80, n: int(n8) % 80, k: int(k8) + int(flags>>4)*64,
			alpha: ab[int(abSel)%len(ab)], beta: ab[int(abSel/8)%len(ab)],
		}
		tc.setLD(int(flags>>2) & 3)
		// abSel's top bits force 1, 2 or 3 workers (0: the default count).
		nw := int(abSel >> 6)
		withWorkers(nw, func() { runCase(t, tc, rand.New(rand.NewPCG(seed, 7)), fs) })
	})
}

// TestSmallKernel covers small, which Gemm only uses for tiny shapes, on
// the whole case list.
func TestSmallKernel(t *testing.T) {
	fs := []namedFunc{{"small", small}}
	rng := rand.New(rand.NewPCG(21, 22))
	for _, tc := range testCases() {
		if tc.m*tc.n*tc.k <= 1<<16 {
			runCase(t, tc, rng, fs)
		}
	}
}

package gemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/dlfs-go/dlfs/internal/cpu"
	"github.com/dlfs-go/dlfs/internal/parallel"
)

// withWorkers runs f with the worker count forced to nw.
func withWorkers(nw int, f func()) {
	old, oldPool := forceWorkers, parallel.ForceWorkers(nw)
	forceWorkers = nw
	defer func() { forceWorkers = old; parallel.ForceWorkers(oldPool) }()
	f()
}

// parallelFuncs are the functions whose result must not depend on the
// worker count.
func parallelFuncs() []namedFunc {
	fs := []namedFunc{{"packed", packed}, {"Gemm", Gemm}}
	return append(fs, archParallelFuncs...)
}

// archParallelFuncs are added by architecture-specific test files.
var archParallelFuncs []namedFunc

// parallelShapes include the skinny deep-learning shapes (scaled down where
// the full one is slow under the race detector) and k-split shapes.
var parallelShapes = []gemmCase{
	{m: 300, n: 200, k: 300},
	{m: 257, n: 129, k: 513, transA: true, transB: true},
	{m: 5760, n: 30, k: 25},
	{m: 25, n: 30, k: 57600, transA: true},
	{m: 25, n: 30, k: 9000, transB: true},
	{m: 100, n: 50, k: 784},
	{m: 784, n: 50, k: 100, transA: true},
	{m: 100, n: 784, k: 50, transB: true},
	{m: 3, n: 2000, k: 40},
	{m: 13, n: 11, k: 4097},
}

// TestWorkerCountBitIdentical checks that the result is bit-for-bit the
// same with 1, 2, 3 and 7 workers.
func TestWorkerCountBitIdentical(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for i, tc := range parallelShapes {
		tc.alpha, tc.beta = 1.3, []float64{0, -0.7}[i%2]
		tc.setLD(i % 3)
		a, b, c := tc.operands(rng)
		if tc.beta == 0 {
			c = newMat(tc.m, tc.n, tc.ldc, func(int, int) float64 { return 0 })
		}
		for _, f := range parallelFuncs() {
			var ref mat
			for _, nw := range []int{1, 2, 3, 7} {
				got := c.clone()
				withWorkers(nw, func() { tc.call(f.f, a, b, got) })
				if nw == 1 {
					ref = got
					continue
				}
				for idx := range got.buf {
					if math.Float64bits(got.buf[idx]) != math.Float64bits(ref.buf[idx]) {
						t.Fatalf("%s %v: %d workers differ from 1 worker at buffer index %d: %v vs %v", f.name, tc, nw, idx, got.buf[idx], ref.buf[idx])
					}
				}
			}
		}
	}
}

// TestParallelAgainstNaive checks the parallel and k-split paths against
// naive with several worker counts.
func TestParallelAgainstNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	cases := []gemmCase{
		{m: 13, n: 11, k: 4097, alpha: -0.7, beta: 1.3},
		{m: 7, n: 9, k: 5000, transA: true, alpha: 1, beta: 0},
		{m: 5, n: 70, k: 4500, transB: true, alpha: 1.3, beta: 1},
		{m: 64, n: 64, k: 4096, transA: true, transB: true, alpha: 1, beta: 0},
		{m: 150, n: 70, k: 90, alpha: 1, beta: -0.7},
	}
	for i, tc := range cases {
		tc.setLD(i%3 + 1)
		for _, nw := range []int{1, 2, 3} {
			withWorkers(nw, func() { runCase(t, tc, rng, parallelFuncs()) })
		}
	}
}

// TestConcurrentCalls runs GEMMs from several goroutines at once: all but
// one find the pool busy and run alone; every result must equal the serial
// one.
func TestConcurrentCalls(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	tc := gemmCase{m: 120, n: 90, k: 200, alpha: 1, beta: 0}
	tc.setLD(1)
	a, b, c := tc.operands(rng)
	want := c.clone()
	withWorkers(1, func() { tc.call(Gemm, a, b, want) })
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < 5; r++ {
				got := c.clone()
				tc.call(Gemm, a, b, got)
				for i := range got.buf {
					if math.Float64bits(got.buf[i]) != math.Float64bits(want.buf[i]) {
						errs <- "concurrent result differs from serial"
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

// TestZeroAllocs: after warm-up, GEMM allocates nothing, with one and two
// workers, on every path: plain products, a transposed op(A) with a
// column edge (DeepConvNet's dcolT) and a transposed op(B) on the dot
// path (its dW).
func TestZeroAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync primitives allocate")
	}
	shapes := []struct {
		m, n, k        int
		transA, transB bool
	}{
		{256, 256, 256, false, false}, {100, 50, 784, false, false}, {25, 30, 57600, false, false},
		{288, 49, 64, true, false}, {144, 196, 32, true, false},
		{30, 25, 576, false, true}, {16, 9, 784, false, true},
	}
	for _, f := range parallelFuncs() {
		for _, s := range shapes {
			m, n, k := s.m, s.n, s.k
			a := make([]float64, m*k)
			b := make([]float64, k*n)
			c := make([]float64, m*n)
			lda, ldb := k, n
			if s.transA {
				lda = m
			}
			if s.transB {
				ldb = k
			}
			for _, nw := range []int{1, 2} {
				withWorkers(nw, func() {
					call := func() { f.f(s.transA, s.transB, m, n, k, 1, a, lda, b, ldb, 0, c, n) }
					call() // warm-up: grows buffers, starts workers
					if allocs := testing.AllocsPerRun(5, call); allocs != 0 {
						t.Errorf("%s %dx%dx%d (transA %v, transB %v) with %d workers: %v allocations per call",
							f.name, m, k, n, s.transA, s.transB, nw, allocs)
					}
				})
			}
		}
	}
}

// TestBusyCallKeepsWorkspaceAcrossGC: a product that finds the pool's
// job taken (another goroutine's product running) computes with a
// workspace that survives garbage collections: after two collections the
// call runs on the same buffers, grown once (a sync.Pool, which the busy
// calls used, is emptied by them, and the convolutions' concurrent
// per-image products grew new buffers after each one). The buffers are
// compared, not the heap's allocation count, which the collector's own
// workers move.
func TestBusyCallKeepsWorkspaceAcrossGC(t *testing.T) {
	m, n, k := 256, 256, 256 // a packed product: packing buffers on every kernel
	a, b, c := make([]float64, m*k), make([]float64, k*n), make([]float64, m*n)
	for i := range a {
		a[i] = 1 // dense, not for the sparse path
	}
	call := func() { Gemm(false, false, m, n, k, 1, a, k, b, n, 0, c, n) }
	theJob.mu.Lock() // as if another goroutine's product were running
	defer theJob.mu.Unlock()
	call() // warm-up: grows the buffers of the first slot
	ws := &wsSlots.s[0].w
	first := func(b []float64) *float64 {
		if cap(b) == 0 {
			return nil
		}
		return &b[:1][0]
	}
	bufs := func() [3]*float64 { return [3]*float64{first(ws.ap), first(ws.bp), first(ws.tile)} }
	want := bufs()
	if want == [3]*float64{} {
		t.Fatal("the busy call did not use the first slot's workspace")
	}
	for r := range 3 {
		runtime.GC()
		runtime.GC()
		call()
		if got := bufs(); got != want {
			t.Fatalf("round %d: the call after two collections ran on new buffers", r)
		}
	}
}

// TestSlots: concurrent holders get distinct workspaces, the slots first
// and then the pool's, and a freed slot comes back with its buffers.
func TestSlots(t *testing.T) {
	var sl slots[workspace]
	var held []*workspace
	var idx []int
	for range len(sl.s) + 2 {
		w, i := sl.get()
		for _, h := range held {
			if h == w {
				t.Fatal("two holders share a workspace")
			}
		}
		held, idx = append(held, w), append(idx, i)
	}
	for j, i := range idx {
		want := j
		if j >= len(sl.s) {
			want = -1 // from the pool
		}
		if i != want {
			t.Errorf("holder %d: slot %d, want %d", j, i, want)
		}
	}
	held[1].tile = make([]float64, 10)
	for j := range held {
		sl.put(held[j], idx[j])
	}
	runtime.GC()
	runtime.GC()
	w0, i0 := sl.get()
	w1, i1 := sl.get()
	if i0 != 0 || i1 != 1 || w1 != held[1] || cap(w1.tile) != 10 {
		t.Errorf("after a collection: slots %d, %d; the second keeps its buffer: %v", i0, i1, w1 == held[1] && cap(w1.tile) == 10)
	}
	sl.put(w0, i0)
	sl.put(w1, i1)
}

// panicTask panics in its first piece that runs on the chosen goroutine
// (the caller of parallel.Run, or a worker); the other pieces wait for the
// panic, so that the chosen goroutine takes a piece.
type panicTask struct {
	onWorker bool
	panicked atomic.Bool
}

func (p *panicTask) Run(w, _ int) {
	if (w != 0) == p.onWorker && p.panicked.CompareAndSwap(false, true) {
		panic("planned panic")
	}
	for !p.panicked.Load() {
		runtime.Gosched()
	}
}

// TestProductAfterPanic is the regression test of issue 8 point 7: a
// panic inside a parallel task, recovered by its caller, used to leave the
// pool's job set, and the next 200×200 product came out all zeros. Now the
// panic reaches the caller and products after it are right, with the panic
// on the caller's goroutine and on a worker.
func TestProductAfterPanic(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	tc := gemmCase{m: 200, n: 200, k: 200, alpha: 1, beta: 0}
	tc.setLD(0)
	a, b, c := tc.operands(rng)
	want, bound := tc.reference(a, b, c)
	for _, onWorker := range []bool{false, true} {
		withWorkers(2, func() {
			for range 5 {
				func() {
					defer func() {
						if recover() == nil {
							t.Fatalf("onWorker=%v: the panic did not reach the caller", onWorker)
						}
					}()
					parallel.Run(8, &panicTask{onWorker: onWorker})
				}()
				for _, f := range parallelFuncs() {
					got := c.clone()
					tc.call(f.f, a, b, got)
					compareC(t, fmt.Sprintf("%s after a panic (onWorker=%v)", f.name, onWorker), tc, got, want, bound)
				}
			}
		})
	}
}

func TestSplitRange(t *testing.T) {
	for _, n := range []int{1, 5, 6, 7, 25, 100} {
		for _, parts := range []int{1, 2, 3, 7} {
			prev := 0
			for q := 0; q < parts; q++ {
				lo, hi := splitRange(n, 6, parts, q)
				if lo != prev || hi < lo || (lo%6 != 0 && lo != n) {
					t.Fatalf("splitRange(%d, 6, %d, %d) = %d, %d after %d", n, parts, q, lo, hi, prev)
				}
				prev = hi
			}
			if prev != n {
				t.Fatalf("splitRange(%d, 6, %d, ·) covers [0, %d)", n, parts, prev)
			}
		}
	}
}

// BenchmarkWorkers compares one and two workers on small products, to set
// minFlopsPerWorker: go test -run '^$' -bench Workers ./internal/gemm
func BenchmarkWorkers(b *testing.B) {
	for _, s := range [][3]int{{32, 32, 32}, {48, 48, 48}, {64, 64, 64}, {80, 80, 80}, {100, 50, 100}, {96, 96, 96}, {128, 128, 128}, {100, 784, 50}} {
		m, k, n := s[0], s[1], s[2]
		x := make([]float64, m*k)
		y := make([]float64, k*n)
		z := make([]float64, m*n)
		for _, nw := range []int{1, 2} {
			b.Run(fmt.Sprintf("%dx%dx%d/workers=%d", m, k, n, nw), func(b *testing.B) {
				withWorkers(nw, func() {
					for b.Loop() {
						Gemm(false, false, m, n, k, 1, x, k, y, n, 0, z, n)
					}
				})
				b.ReportMetric(2*float64(m*n*k)*float64(b.N)/float64(b.Elapsed().Nanoseconds()), "GFLOP/s")
			})
		}
	}
}

// TestWorkspaceFitsWholeProblem: a worker's packing buffers take the size
// the whole product needs, so that the same product run later on fewer
// workers (when the pool pauses), with bigger blocks, grows nothing: a
// training step allocated 400 KB after dozens of steps when DeepConvNet's
// first Affine's dx = dout·Wᵀ (100×50 times (1024×50)ᵀ) went from its two
// workers' halves of the columns to one worker.
func TestWorkspaceFitsWholeProblem(t *testing.T) {
	if !cpu.AVX512 && !cpu.AVX2FMA {
		t.Skip("the packed kernels of this test need AVX2")
	}
	m, n, k := 100, 1024, 50
	a, b, c := make([]float64, m*k), make([]float64, n*k), make([]float64, m*n)
	for i := range a {
		a[i] = 1 // dense
	}
	call := func() { Gemm(false, true, m, n, k, 1, a, k, b, k, 0, c, n) }
	withWorkers(2, call)
	ws := theJob.job.ws(0)
	ap, bp := cap(ws.ap), cap(ws.bp)
	withWorkers(1, call)
	if cap(ws.ap) != ap || cap(ws.bp) != bp {
		t.Errorf("the one-worker product grew worker 0's buffers: ap %d → %d, bp %d → %d values", ap, cap(ws.ap), bp, cap(ws.bp))
	}
}

package gemm

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// forceWorkers, when positive, replaces runtime.GOMAXPROCS(0) as the number
// of workers of the packed kernels. Tests use it; it must not be changed
// while a GEMM is running.
var forceWorkers int

func maxWorkers() int {
	if forceWorkers > 0 {
		return forceWorkers
	}
	return min(runtime.GOMAXPROCS(0), claimTaskMask)
}

// minFlopsPerWorker is the least work (2·m·n·k flops) worth handing to one
// more worker. Measured with BenchmarkWorkers (one vs two workers, workers
// already polling, GFLOP/s): 32³ (65 kflop) 41.8 vs 44.5, 48³ (221 kflop)
// 54.8 vs 81.1, 64³ 52.7 vs 87.7, 100×784·784×50 47.4 vs 87.2. Waking a
// parked worker adds about 4 µs to the call (~200 kflop of one core), so a
// second worker is used from 256 kflop (about 50³) on.
const minFlopsPerWorker = 1 << 17

// part is a block of C given to one worker: rows [i0, i1) × columns
// [j0, j1), with i0 a multiple of mr and j0 a multiple of nr.
type part struct{ i0, i1, j0, j1 int }

// runner computes the rows [i0, i1) × columns [j0, j1) of p's C with the
// workspace ws.
type runner func(ws *workspace, p *problem, i0, i1, j0, j1 int)

// job is one parallel GEMM, cut into tasks. Without k-splitting (chunks ==
// 0) task t computes the block parts[t] of C. With k-splitting task t
// computes chunk t of k into scratch block t, and the caller then sums the
// blocks into C in chunk order. Which goroutine runs which task does not
// matter: a task's result depends only on the task.
type job struct {
	run     runner
	p       problem
	parts   []part
	chunks  int
	kchunk  int
	scratch []float64
	// fn, when set, is a Parallel job: task t is fn.Run(t).
	fn Task
	// done counts finished tasks.
	done atomic.Int32
}

// task runs task t of the job.
func (j *job) task(ws *workspace, t int) {
	if j.fn != nil {
		j.fn.Run(t)
		return
	}
	if j.chunks == 0 {
		pt := j.parts[t]
		j.run(ws, &j.p, pt.i0, pt.i1, pt.j0, pt.j1)
		return
	}
	ws.sub = chunkProblem(&j.p, t, j.kchunk, j.scratch)
	j.run(ws, &ws.sub, 0, ws.sub.m, 0, ws.sub.n)
	ws.sub = problem{}
}

// chunkProblem is the part of p over k in [q·kchunk, (q+1)·kchunk),
// computed as alpha·op(A)·op(B) (beta = 0) into scratch block q.
func chunkProblem(p *problem, q, kchunk int, scratch []float64) problem {
	k0 := q * kchunk
	sub := *p
	sub.k = min(kchunk, p.k-k0)
	if p.transA {
		sub.a = p.a[k0*p.lda:]
	} else {
		sub.a = p.a[k0:]
	}
	if p.transB {
		sub.b = p.b[k0:]
	} else {
		sub.b = p.b[k0*p.ldb:]
	}
	mn := p.m * p.n
	sub.c, sub.ldc, sub.beta = scratch[q*mn:(q+1)*mn], p.n, 0
	return sub
}

// reduceChunks sets C = beta·C + T_0 + T_1 + … in this order, T_q being
// scratch block q. The first step rounds once (fused), like a micro-kernel
// storing beta·C + alpha·acc.
func reduceChunks(p *problem, chunks int, scratch []float64, fused bool) {
	m, n, mn := p.m, p.n, p.m*p.n
	for i := 0; i < m; i++ {
		row := p.c[i*p.ldc : i*p.ldc+n]
		t0 := scratch[i*n : i*n+n]
		switch {
		case p.beta == 0:
			copy(row, t0)
		case fused:
			for j, v := range t0 {
				row[j] = fma(p.beta, row[j], v)
			}
		default:
			for j, v := range t0 {
				row[j] = v + float64(p.beta*row[j])
			}
		}
		for q := 1; q < chunks; q++ {
			t := scratch[q*mn+i*n : q*mn+i*n+n]
			for j, v := range t {
				row[j] += v
			}
		}
	}
}

// The pool hands out tasks through one atomic word, claim:
//
//	bits 63..32: job sequence number
//	bits 31..16: number of tasks of the job
//	bits 15..0:  next task to hand out
//
// A goroutine takes a task by incrementing the word with compare-and-swap
// while next < tasks. The caller of a GEMM takes tasks like the workers do,
// then waits until job.done reaches the task count; a worker that arrives
// late finds no task left and never touches the job, so the caller can
// return (and reuse the job) as soon as every task is done. A worker that
// starts late therefore costs nothing, and one that is already polling
// starts within a microsecond.
const (
	claimTaskBits = 16
	claimTaskMask = 1<<claimTaskBits - 1
	claimSeqShift = 2 * claimTaskBits
)

// tryClaim takes the next task of the published job, if any.
func (pl *pool) tryClaim() (task int, ok bool) {
	for {
		c := pl.claim.Load()
		next, tasks := int(c&claimTaskMask), int(c>>claimTaskBits&claimTaskMask)
		if next >= tasks {
			return 0, false
		}
		if pl.claim.CompareAndSwap(c, c+1) {
			return next, true
		}
	}
}

// runTasks runs tasks of the published job until none is left.
func (pl *pool) runTasks(ws *workspace) (ran bool) {
	for {
		t, ok := pl.tryClaim()
		if !ok {
			return ran
		}
		pl.job.task(ws, t)
		pl.job.done.Add(1)
		ran = true
	}
}

type worker struct {
	ws     workspace
	wake   chan struct{} // capacity 1: a wake-up token
	parked atomic.Bool
}

// spinTime is how long a worker keeps polling for tasks after its last one
// before it parks. A parked goroutine woken by the caller is queued on the
// caller's own processor (runnext), and another processor takes it over
// only after tens of microseconds (measured: a worker woken for a
// 100×784·784×50 product started 89 µs later, when the caller had done the
// whole product alone). A polling worker starts within a microsecond, and
// the GEMMs of a training step, which come one after another, keep it
// polling. It yields the processor on every poll, so it does not hold up
// other goroutines.
const spinTime = 200 * time.Microsecond

func (w *worker) loop(pl *pool) {
	for {
		idleSince := time.Now()
		for !pl.runTasks(&w.ws) {
			if time.Since(idleSince) < spinTime {
				runtime.Gosched()
				continue
			}
			w.parked.Store(true)
			if !pl.hasTask() { // re-check: the caller may have missed parked
				<-w.wake
			}
			w.parked.Store(false)
			idleSince = time.Now()
		}
	}
}

func (pl *pool) hasTask() bool {
	c := pl.claim.Load()
	return c&claimTaskMask < c>>claimTaskBits&claimTaskMask
}

// pool is the persistent worker pool shared by the packed kernels. Its
// goroutines are started on first use and live for the life of the
// process, polling for a while after each task and then parked. The
// caller of a GEMM works too. One GEMM uses the pool at a time: a call
// that finds it busy (a GEMM running concurrently on another goroutine)
// runs alone on its own goroutine with a workspace from wsPool, which
// gives the same result.
type pool struct {
	mu      sync.Mutex
	ws0     workspace // the caller's workspace
	workers []*worker
	job     job
	claim   atomic.Uint64
	scratch []float64
}

var thePool pool

var wsPool = sync.Pool{New: func() any { return new(workspace) }}

// ensure starts workers up to n.
func (pl *pool) ensure(n int) {
	for len(pl.workers) < n {
		w := &worker{wake: make(chan struct{}, 1)}
		go w.loop(pl)
		pl.workers = append(pl.workers, w)
	}
}

// splitRange cuts [0, n) into parts pieces made of whole tiles of size
// unit, as equal as possible, and returns piece q.
func splitRange(n, unit, parts, q int) (lo, hi int) {
	tiles := (n + unit - 1) / unit
	per, extra := tiles/parts, tiles%parts
	t0 := q*per + min(q, extra)
	t1 := t0 + per
	if q < extra {
		t1++
	}
	return min(t0*unit, n), min(t1*unit, n)
}

// grid chooses how to cut C into pm×pn blocks for at most nw workers. It
// minimises the estimated time of the slowest worker: the rows and columns
// its tiles compute, partial tiles padded (the last column tile to edgeNR
// columns when it has at most edgeNR, else to nr), plus the packing it
// does (each worker packs the op(A) rows and op(B) columns of its own
// block; packWeight is the cost of packing one value in multiply-adds, per
// step of k).
func grid(mr, nr, edgeNR, m, n, nw int, packWeight float64) (pm, pn int) {
	mt := (m + mr - 1) / mr
	nt := (n + nr - 1) / nr
	padded := func(lo, hi, unit, edge int) float64 {
		w := hi - lo
		full := w / unit * unit
		switch {
		case w == full:
		case edge > 0 && w-full <= edge:
			full += edge
		default:
			full += unit
		}
		return float64(full)
	}
	best := -1.0
	pm, pn = 1, 1
	for tm := 1; tm <= nw && tm <= mt; tm++ {
		tn := min(nw/tm, nt)
		cost := 0.0
		for qm := range tm {
			i0, i1 := splitRange(m, mr, tm, qm)
			rows := padded(i0, i1, mr, 0)
			for qn := range tn {
				j0, j1 := splitRange(n, nr, tn, qn)
				cols := padded(j0, j1, nr, edgeNR)
				cost = max(cost, rows*cols+packWeight*(rows+cols))
			}
		}
		if best < 0 || cost < best {
			best, pm, pn = cost, tm, tn
		}
	}
	return pm, pn
}

// workersFor is the number of workers worth using for the problem.
func workersFor(p *problem) int {
	flops := 2 * float64(p.m) * float64(p.n) * float64(p.k)
	if forceWorkers > 0 {
		return forceWorkers
	}
	return max(1, min(maxWorkers(), int(flops/minFlopsPerWorker)))
}

// plan describes how one kernel runs a problem: the runner for a block of
// C, its tile, the packing weight for grid and, when kchunk > 0, k-splitting
// into chunks of kchunk (a multiple of the kernel's kc).
type plan struct {
	run        runner
	mr, nr     int
	edgeNR     int // the width of the last column tile's kernel when narrower, or 0
	packWeight float64
	kchunk     int
	fused      bool
}

// execute runs the plan on p over the worker pool.
func (pn plan) execute(p *problem) {
	chunks := 0
	if pn.kchunk > 0 {
		chunks = (p.k + pn.kchunk - 1) / pn.kchunk
	}
	nw := workersFor(p)
	pl := &thePool
	if !pl.mu.TryLock() {
		ws := wsPool.Get().(*workspace)
		pn.serial(ws, p, chunks)
		wsPool.Put(ws)
		return
	}
	defer pl.mu.Unlock()
	if nw == 1 {
		pn.serial(&pl.ws0, p, chunks)
		return
	}
	j := &pl.job
	j.run, j.p, j.chunks, j.kchunk = pn.run, *p, chunks, pn.kchunk
	tasks := chunks
	if chunks > 0 {
		nw = min(nw, chunks)
		pl.scratch = growBuf(pl.scratch, chunks*p.m*p.n)
		j.scratch = pl.scratch
	} else {
		gm, gn := grid(pn.mr, pn.nr, pn.edgeNR, p.m, p.n, nw, pn.packWeight)
		tasks = gm * gn
		if cap(j.parts) < tasks {
			j.parts = make([]part, tasks)
		}
		j.parts = j.parts[:tasks]
		for q := range j.parts {
			i0, i1 := splitRange(p.m, pn.mr, gm, q/gn)
			j0, j1 := splitRange(p.n, pn.nr, gn, q%gn)
			j.parts[q] = part{i0, i1, j0, j1}
		}
		nw = tasks
	}
	pl.runJob(tasks, nw)
	if chunks > 0 {
		reduceChunks(p, chunks, j.scratch, pn.fused)
	}
	j.p, j.scratch = problem{}, nil // drop references to the caller's slices
}

// runJob publishes the job in pl.job, cut into tasks, wakes nw-1 workers,
// takes tasks itself and returns when every task is done. The caller holds
// pl.mu.
func (pl *pool) runJob(tasks, nw int) {
	j := &pl.job
	j.done.Store(0)
	pl.ensure(nw - 1)
	seq := pl.claim.Load()>>claimSeqShift + 1
	pl.claim.Store(seq<<claimSeqShift | uint64(tasks)<<claimTaskBits) // publish
	for _, w := range pl.workers[:nw-1] {
		if w.parked.Load() {
			select {
			case w.wake <- struct{}{}:
			default:
			}
		}
	}
	pl.runTasks(&pl.ws0)
	for int(j.done.Load()) < tasks {
		runtime.Gosched()
	}
}

// Task is work cut into independent pieces, for Parallel.
type Task interface {
	// Run does piece i. Pieces may run at the same time, in any order, on
	// any goroutine. Run must not panic: check the arguments before calling
	// Parallel (a panic on a worker goroutine ends the program).
	Run(i int)
}

// Workers is the number of goroutines Parallel and the GEMM kernels share
// work between: runtime.GOMAXPROCS(0), at most.
func Workers() int { return maxWorkers() }

// Parallel calls t.Run(i) for every i in [0, pieces) and returns when all
// have returned. It runs them on the calling goroutine and the GEMM
// kernels' worker pool, so that elementwise work between two products
// (converting a batch, an optimiser step) uses the cores the products use,
// through the same goroutines, which are still polling for work then. When
// the pool is busy (another goroutine's GEMM or Parallel), the pieces run
// one after another on the calling goroutine. t escapes: to allocate
// nothing, pass a pointer to a long-lived value. pieces may be at most
// 65535.
func Parallel(pieces int, t Task) {
	if pieces <= 0 {
		return
	}
	if pieces > claimTaskMask {
		panic(fmt.Sprintf("gemm.Parallel: %d pieces, at most %d", pieces, claimTaskMask))
	}
	pl := &thePool
	if pieces == 1 || !pl.mu.TryLock() {
		for i := range pieces {
			t.Run(i)
		}
		return
	}
	defer pl.mu.Unlock()
	pl.job.fn = t
	pl.runJob(pieces, min(pieces, maxWorkers()))
	pl.job.fn = nil
}

// serial runs the plan on the calling goroutine alone. It computes exactly
// what the parallel execution computes.
func (pn plan) serial(ws *workspace, p *problem, chunks int) {
	// The problem is copied into the workspace: a pointer to the caller's
	// copy passed through the runner function value would make it escape.
	if chunks == 0 {
		ws.sub = *p
		pn.run(ws, &ws.sub, 0, p.m, 0, p.n)
		ws.sub = problem{}
		return
	}
	ws.scratch = growBuf(ws.scratch, chunks*p.m*p.n)
	for q := 0; q < chunks; q++ {
		ws.sub = chunkProblem(p, q, pn.kchunk, ws.scratch)
		pn.run(ws, &ws.sub, 0, ws.sub.m, 0, ws.sub.n)
	}
	ws.sub = problem{}
	reduceChunks(p, chunks, ws.scratch, pn.fused)
}

// K-splitting: when C is tiny (m·n ≤ kSplitMaxMN) there are too few tiles
// of C to share between workers, and each worker would stream all of a long
// op(A) or op(B). Such a product is computed as kSplitChunks (at most)
// independent partial products over consecutive chunks of k, each a
// multiple of the kernel's kc, summed into C in chunk order afterwards. The
// chunking depends only on the shape, so the result is the same whatever
// the number of workers (one worker computes the same chunks in turn).
const (
	kSplitMaxMN  = 64 * 64
	kSplitMinK   = 4096
	kSplitChunks = 16
)

// kChunk returns the chunk length for k-splitting p, or 0 for none.
func kChunk(p *problem, kc int) int {
	if p.m*p.n > kSplitMaxMN || p.k < kSplitMinK {
		return 0
	}
	return roundUp((p.k+kSplitChunks-1)/kSplitChunks, kc)
}

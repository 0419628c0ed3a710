package gemm

import (
	"sync"

	"github.com/dlfs-go/dlfs/internal/parallel"
)

// forceWorkers, when positive, makes every product above the tiny ones
// use that many workers whatever its size (tests set it together with
// parallel.ForceWorkers); it must not be changed while a GEMM is running.
var forceWorkers int

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
	// wss[w] is the workspace of the pool's worker w, made on first use.
	wss [parallel.MaxWorkers]*workspace
}

// ws returns worker w's workspace.
func (j *job) ws(w int) *workspace {
	if j.wss[w] == nil {
		j.wss[w] = new(workspace)
	}
	return j.wss[w]
}

// Run runs task t of the job on worker w (the job is the pool's Task).
func (j *job) Run(w, t int) { j.task(j.ws(w), t) }

// task runs task t of the job.
func (j *job) task(ws *workspace, t int) {
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

// jobState is the GEMM kernels' use of the worker pool: the one job, its
// per-worker workspaces and the k-splitting scratch. One GEMM uses it at a
// time: a call that finds it busy (a GEMM running concurrently on another
// goroutine) runs alone on its own goroutine with a workspace from
// wsSlots, which gives the same result.
type jobState struct {
	mu      sync.Mutex
	job     job
	scratch []float64
}

var theJob jobState

// wsSlots are the workspaces of the calls that find theJob busy.
var wsSlots slots[workspace]

// slots holds a few workspaces that concurrent callers lock in turn, so
// that calls allocate nothing once each slot's buffers have grown, also
// across garbage collections (which empty a sync.Pool: two goroutines
// each running a convolution's products used to grow new buffers after
// every collection); beyond them a caller takes one from pool.
type slots[T any] struct {
	s [4]struct {
		mu sync.Mutex
		w  T
	}
	pool sync.Pool
}

// get returns a free workspace and its slot (-1 for one from the pool),
// for put.
func (sl *slots[T]) get() (*T, int) {
	for i := range sl.s {
		if s := &sl.s[i]; s.mu.TryLock() {
			return &s.w, i
		}
	}
	if w, ok := sl.pool.Get().(*T); ok {
		return w, -1
	}
	return new(T), -1
}

// put frees a workspace from get.
func (sl *slots[T]) put(w *T, slot int) {
	if slot < 0 {
		sl.pool.Put(w)
		return
	}
	sl.s[slot].mu.Unlock()
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

// workersFor is the number of workers worth using for the problem, at
// most parallel.Available().
func workersFor(p *problem) int {
	if forceWorkers > 0 {
		return forceWorkers
	}
	flops := 2 * float64(p.m) * float64(p.n) * float64(p.k)
	return max(1, min(parallel.Available(), int(flops/minFlopsPerWorker)))
}

// C is cut into up to tasksPerWorker blocks per worker, of at least
// minFlopsPerTask each. More blocks than workers would let the caller take
// over the blocks of a worker the operating system has descheduled, but
// they cost packing and cache traffic, and the pool's pauses (package
// parallel) already protect the caller from such a worker. Measured with
// bench/contention.sh on two cores of an idle Intel Xeon (medians): with
// two blocks per worker instead of one, the ch05 training step took 358
// instead of 291 µs on two quiet cores and 447 instead of 426 µs with the
// other core busy; 100×784·784×50 85 instead of 73 µs quiet.
const (
	tasksPerWorker  = 1
	minFlopsPerTask = 1 << 16
)

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
	// sup is the *supConfig whose run is run, when the plan is an
	// unpacked path (any: supConfig exists only with the assembly).
	sup any
}

// execute runs the plan on p over the worker pool.
func (pn plan) execute(p *problem) {
	chunks := 0
	if pn.kchunk > 0 {
		chunks = (p.k + pn.kchunk - 1) / pn.kchunk
	}
	nw := workersFor(p)
	g := &theJob
	if !g.mu.TryLock() {
		ws, slot := wsSlots.get()
		pn.serial(ws, p, chunks)
		wsSlots.put(ws, slot)
		return
	}
	defer g.mu.Unlock()
	j := &g.job
	if nw == 1 {
		pn.serial(j.ws(0), p, chunks)
		return
	}
	defer j.clear()
	j.run, j.p, j.chunks, j.kchunk = pn.run, *p, chunks, pn.kchunk
	tasks := chunks
	if chunks > 0 {
		g.scratch = growBuf(g.scratch, chunks*p.m*p.n)
		j.scratch = g.scratch
	} else {
		flops := 2 * float64(p.m) * float64(p.n) * float64(p.k)
		nt := max(nw, min(tasksPerWorker*nw, int(flops/minFlopsPerTask)))
		gm, gn := grid(pn.mr, pn.nr, pn.edgeNR, p.m, p.n, nt, pn.packWeight)
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
	}
	parallel.Run(tasks, j)
	if chunks > 0 {
		reduceChunks(p, chunks, j.scratch, pn.fused)
	}
}

// clear drops the job's references to the caller's slices.
func (j *job) clear() {
	j.p, j.scratch, j.run = problem{}, nil, nil
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

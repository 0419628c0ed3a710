package parallel

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"
)

// MaxWorkers bounds the number of goroutines, the caller included, that run
// the pieces of one Run: the worker index passed to Task.Run is always less
// than MaxWorkers.
const MaxWorkers = 64

// maxPieces is the most pieces one Run may have (the width of the piece
// fields of the claim word).
const maxPieces = claimTaskMask

// Task is work cut into independent pieces, for Run.
type Task interface {
	// Run does piece i. Pieces may run at the same time, in any order, on
	// any goroutine. worker identifies the goroutine among those running
	// the pieces of this call: 0 is the caller of Run, and two pieces
	// never run at the same time with the same worker, so a task can keep
	// scratch space per worker (worker < MaxWorkers).
	Run(worker, i int)
}

// forced, when positive, replaces runtime.GOMAXPROCS(0) as the number of
// workers and turns off the pauses of a losing pool.
var forced atomic.Int32

// ForceWorkers makes Workers return n (n > 0), or GOMAXPROCS again (n ==
// 0), and returns the previous setting. While it is set, Run always uses
// the workers (no pause when they do not pay off), so that tests exercise
// the parallel path. It is meant for tests.
func ForceWorkers(n int) (previous int) {
	if n < 0 || n > MaxWorkers {
		panic(fmt.Sprintf("parallel.ForceWorkers: %d workers, want 0..%d", n, MaxWorkers))
	}
	return int(forced.Swap(int32(n)))
}

// Workers is the number of goroutines, the caller included, that Run shares
// work between: runtime.GOMAXPROCS(0), at most MaxWorkers.
func Workers() int {
	if n := forced.Load(); n > 0 {
		return int(n)
	}
	return min(runtime.GOMAXPROCS(0), MaxWorkers)
}

// Available is the number of goroutines a Run starting now would use: 1
// while another Run or Each holds the pool (a Run inside an Each's call,
// or on a goroutine beside it, then runs its pieces in turn on its own
// goroutine) or while the pool pauses because the workers have cost more
// than they saved (see the package doc), otherwise Workers(). Callers use
// it to choose between their serial path and cutting work into pieces:
// work cut for two cores and then done by one costs more than work not
// cut (a product cut into blocks of C computes their edges twice).
func Available() int {
	nw := Workers()
	if nw > 1 && (thePool.busy.Load() || forced.Load() == 0 && now() < thePool.pauseUntil.Load()) {
		return 1
	}
	return nw
}

// Panic is the value Run panics with when a piece panicked on a worker
// goroutine: the worker recovered it, and Run re-panics on the calling
// goroutine once every started piece is done.
type Panic struct {
	Value any    // what the piece panicked with
	Stack []byte // the worker goroutine's stack at the panic
}

// Error describes the panic with the worker's stack.
func (p *Panic) Error() string {
	return fmt.Sprintf("panic in a parallel piece on a worker goroutine: %v\n\n%s", p.Value, p.Stack)
}

// Unwrap returns the panic value when it is an error.
func (p *Panic) Unwrap() error {
	err, _ := p.Value.(error)
	return err
}

// The pool hands out pieces through one atomic word, claim:
//
//	bits 63..32: job sequence number
//	bits 31..16: number of pieces of the job
//	bits 15..0:  next piece to hand out
//
// A goroutine takes a piece by incrementing the word with compare-and-swap
// while next < pieces; the sequence number makes a stale word never match.
// The caller takes pieces like the workers do, then waits until done
// reaches the number of pieces the workers took; a worker that arrives late
// finds no piece left and never touches the job, so the caller can return
// (and reuse its task) as soon as every piece is done.
const (
	claimTaskBits = 16
	claimTaskMask = 1<<claimTaskBits - 1
	claimSeqShift = 2 * claimTaskBits
)

// Tuning of the pool (see the package doc).
const (
	// spinMax caps a worker's polling budget, spinPerWork is the polling
	// time a worker earns per unit of time spent on pieces.
	spinMax     = 200 * time.Microsecond
	spinPerWork = 1
	// balanceMax caps the pool's saved time, so that a long lucky stretch
	// does not hide a change to losing for long.
	balanceMax = time.Millisecond
	// pauseMin and pauseMax bound the pause after the pool has lost.
	pauseMin = time.Millisecond
	pauseMax = 128 * time.Millisecond
	// pauseCredit is the balance the pool starts with after a pause: the
	// first calls after it find the workers parked and pay to wake them
	// (20-60 µs each on a 2-vCPU VM) while the smallest of them end
	// before a worker arrives, so that, starting from nothing, one such
	// call started the next pause, twice as long, and so on up to
	// pauseMax: one stall of a few milliseconds kept a quiet machine on
	// one core for a second (DeepConvNet's step, 10 steps at a time:
	// 100-115 ms, or 150-205 ms in such a stretch, the second core idle).
	pauseCredit = balanceMax / 2
)

// pool is the persistent worker pool. Its goroutines are started on first
// use and live for the life of the process.
type pool struct {
	mu      sync.Mutex  // held by the Run that owns the pool
	busy    atomic.Bool // mu is held (for Available)
	claim   atomic.Uint64
	done    atomic.Int32 // pieces finished by workers
	task    Task         // the published job; set and cleared under mu
	workers []*worker
	// panicked is the first panic recovered on a worker during the job.
	panicked atomic.Pointer[Panic]

	// The caller's progress, for the deferred clean-up.
	callerRan int  // pieces the caller finished
	callerIn  bool // the caller is inside a piece

	// balance is the time the workers saved minus what they cost, over the
	// recent jobs (capped at balanceMax); pause the current pause length.
	balance    time.Duration
	pause      time.Duration
	pauseUntil atomic.Int64 // now() until which Run does not use workers

	stats struct{ jobs, pieces, byWorkers, pauses atomic.Int64 }
}

// Stats counts what the pool has done since the program started.
type Stats struct {
	Jobs      int64 // Run calls that used the workers
	Pieces    int64 // pieces of those calls
	ByWorkers int64 // pieces of those calls run by workers, not the caller
	Pauses    int64 // times the pool paused because the workers did not pay off
}

// ReadStats returns the pool's counters, for benchmarks and diagnostics.
func ReadStats() Stats {
	s := &thePool.stats
	return Stats{Jobs: s.jobs.Load(), Pieces: s.pieces.Load(), ByWorkers: s.byWorkers.Load(), Pauses: s.pauses.Load()}
}

var thePool pool

// epoch is the origin of now, which reads the monotonic clock.
var epoch = time.Now()

func now() int64 { return int64(time.Since(epoch)) }

type worker struct {
	id     int
	wake   chan struct{} // capacity 1: a wake-up token
	parked atomic.Bool
}

// Run calls t.Run(worker, i) for every i in [0, pieces) and returns when
// all have returned. The pieces run on the calling goroutine and on the
// pool's workers, through the goroutines the GEMM kernels use, which are
// still polling for work between the products of a training step. When the
// pool is busy (another goroutine's Run, or a Run inside a piece) or pauses
// (see Available), the pieces run in order on the calling goroutine with
// worker 0. t escapes: to allocate nothing, pass a pointer to a long-lived
// value. pieces may be at most 65535.
//
// A panic in a piece is re-raised on the calling goroutine after the
// started pieces are done (as a *Panic when it happened on a worker); the
// pool is usable afterwards.
func Run(pieces int, t Task) {
	if pieces <= 0 {
		return
	}
	if pieces > maxPieces {
		panic(fmt.Sprintf("parallel.Run: %d pieces, at most %d", pieces, maxPieces))
	}
	nw := min(Available(), pieces)
	pl := &thePool
	if nw == 1 || !pl.mu.TryLock() {
		for i := range pieces {
			t.Run(0, i)
		}
		return
	}
	defer pl.unlock()
	defer pl.finish()
	pl.runJob(pieces, nw, t, true)
	if p := pl.panicked.Swap(nil); p != nil {
		panic(p)
	}
}

// Each calls f(worker, i) for every i in [0, n), sharing the calls
// between the calling goroutine and the pool's workers as Run shares
// pieces (worker identifies the goroutine, 0 the caller), and returns when
// all have returned. It is meant for coarse work, each call taking a
// millisecond or more: a whole network's training step when several are
// trained side by side, a whole training run of a search.
//
// Unlike Run it uses Workers() goroutines even while the pool pauses (a
// pause answers to fine-grained calls losing to their wake-up and waiting
// costs, which coarse calls do not have) and leaves the pool's balance
// alone. Run and Job calls made inside f find the pool busy and run on f's
// goroutine, so that each core works through a piece of its own. A call
// that finds the pool busy runs every f on its own goroutine, in order.
// Panics are handled as Run handles them. n may be at most 65535; Each
// allocates a little per call.
func Each(n int, f func(worker, i int)) {
	if n <= 0 {
		return
	}
	if n > maxPieces {
		panic(fmt.Sprintf("parallel.Each: %d calls, at most %d", n, maxPieces))
	}
	nw := min(Workers(), n)
	pl := &thePool
	if nw == 1 || !pl.mu.TryLock() {
		for i := range n {
			f(0, i)
		}
		return
	}
	defer pl.unlock()
	defer pl.finish()
	pl.runJob(n, nw, funcTask(f), false)
	if p := pl.panicked.Swap(nil); p != nil {
		panic(p)
	}
}

// funcTask makes a function a Task.
type funcTask func(worker, i int)

func (f funcTask) Run(worker, i int) { f(worker, i) }

// runJob publishes t as a job of the given number of pieces, wakes nw-1
// workers, takes pieces itself and returns when every piece is done; then
// it updates the pool's balance if account is set. The caller holds pl.mu.
func (pl *pool) runJob(pieces, nw int, t Task, account bool) {
	t0 := now()
	pl.busy.Store(true)
	pl.task = t
	pl.done.Store(0)
	pl.callerRan, pl.callerIn = 0, false
	pl.ensure(nw - 1)
	seq := pl.claim.Load()>>claimSeqShift + 1
	pl.claim.Store(seq<<claimSeqShift | uint64(pieces)<<claimTaskBits) // publish
	for _, w := range pl.workers[:nw-1] {
		if w.parked.Load() {
			select {
			case w.wake <- struct{}{}:
			default:
			}
		}
	}
	t1, c1 := now(), threadCPU()
	for {
		i, ok := pl.tryClaim()
		if !ok {
			break
		}
		pl.callerIn = true
		t.Run(0, i)
		pl.callerIn = false
		pl.callerRan++
	}
	c2, t2 := threadCPU(), now()
	for int(pl.done.Load()) < pieces-pl.callerRan {
		runtime.Gosched()
	}
	t3 := now()
	pl.stats.jobs.Add(1)
	pl.stats.pieces.Add(int64(pieces))
	pl.stats.byWorkers.Add(int64(pieces - pl.callerRan))
	if account && forced.Load() == 0 {
		// The caller's CPU time over its pieces, when it can be read, is the
		// work they took; the rest of their wall time is time the operating
		// system gave the caller's core to another thread: on a machine with
		// fewer free cores than threads, the workers' threads push the
		// caller's off its core, which one thread would not have.
		work, lost := t2-t1, int64(0)
		if cpu := c2 - c1; c1 >= 0 && c2 >= 0 && cpu >= 0 && cpu <= work {
			work, lost = cpu, work-cpu
		}
		pl.account(pieces-pl.callerRan, work, (t1-t0)+lost+(t3-t2), t3)
	}
}

// account updates the balance after a job in which the workers did
// byWorkers pieces while the caller spent work doing the others and cost
// waking the workers and waiting for them; it starts a pause when the
// balance goes negative.
func (pl *pool) account(byWorkers int, work, cost, t int64) {
	saved := int64(0)
	if pl.callerRan > 0 {
		saved = int64(byWorkers) * work / int64(pl.callerRan)
	}
	pl.balance = min(pl.balance+time.Duration(saved-cost), balanceMax)
	if pl.balance >= 0 {
		if saved > cost {
			pl.pause = max(pauseMin, pl.pause/2)
		}
		return
	}
	pl.pause = min(max(pauseMin, 2*pl.pause), pauseMax)
	pl.pauseUntil.Store(t + int64(pl.pause))
	pl.stats.pauses.Add(1)
	pl.balance = pauseCredit
}

// unlock releases the pool after a Run or Each (which set busy when they
// took it: runJob).
func (pl *pool) unlock() {
	pl.busy.Store(false)
	pl.mu.Unlock()
}

// finish runs when Run returns or panics: it stops handing out pieces,
// waits for those the workers started and forgets the job. When the caller
// panicked, a worker's panic is dropped (the caller's propagates).
func (pl *pool) finish() {
	handed := pl.closeJob()
	own := pl.callerRan
	if pl.callerIn {
		own++
	}
	for int(pl.done.Load()) < handed-own {
		runtime.Gosched()
	}
	if pl.callerIn {
		pl.panicked.Store(nil)
		pl.callerIn = false
	}
	pl.task = nil
}

// closeJob stops handing out pieces of the current job and returns how
// many were handed out.
func (pl *pool) closeJob() int {
	for {
		c := pl.claim.Load()
		next, pieces := c&claimTaskMask, c>>claimTaskBits&claimTaskMask
		if next >= pieces {
			return int(pieces)
		}
		if pl.claim.CompareAndSwap(c, c-next+pieces) {
			return int(next)
		}
	}
}

// tryClaim takes the next piece of the published job, if any.
func (pl *pool) tryClaim() (piece int, ok bool) {
	for {
		c := pl.claim.Load()
		next, pieces := int(c&claimTaskMask), int(c>>claimTaskBits&claimTaskMask)
		if next >= pieces {
			return 0, false
		}
		if pl.claim.CompareAndSwap(c, c+1) {
			return next, true
		}
	}
}

func (pl *pool) hasTask() bool {
	c := pl.claim.Load()
	return c&claimTaskMask < c>>claimTaskBits&claimTaskMask
}

// ensure starts workers up to n.
func (pl *pool) ensure(n int) {
	for len(pl.workers) < n {
		w := &worker{id: len(pl.workers) + 1, wake: make(chan struct{}, 1)}
		go w.loop(pl)
		pl.workers = append(pl.workers, w)
	}
}

// runPieces runs pieces of the published job until none is left and
// returns the time it spent, or 0 when it found none.
func (w *worker) runPieces(pl *pool) time.Duration {
	var start int64
	for {
		i, ok := pl.tryClaim()
		if !ok {
			if start == 0 {
				return 0
			}
			return time.Duration(max(now()-start, 1))
		}
		if start == 0 {
			start = now()
		}
		w.runPiece(pl, pl.task, i)
		pl.done.Add(1)
	}
}

// runPiece runs one piece, recovering a panic into pl.panicked.
func (w *worker) runPiece(pl *pool, t Task, i int) {
	defer func() {
		if r := recover(); r != nil {
			pl.panicked.CompareAndSwap(nil, &Panic{Value: r, Stack: debug.Stack()})
		}
	}()
	t.Run(w.id, i)
}

// loop is a worker's life: run pieces; poll for more while the polling
// budget lasts, yielding the processor on every poll; then park until
// woken. The budget is a balance: it grows by spinPerWork times the time
// spent on pieces (up to spinMax) and shrinks by the time spent polling, so
// that a worker never polls for longer, in all, than spinPerWork times what
// it has worked, and one that wakes to find nothing to do parks again at
// once.
func (w *worker) loop(pl *pool) {
	budget := time.Duration(0)
	idleSince := now()
	for {
		if ran := w.runPieces(pl); ran > 0 {
			budget -= time.Duration(now() - idleSince - int64(ran))
			budget = min(max(budget, 0)+spinPerWork*ran, spinMax)
			idleSince = now()
			continue
		}
		if idle := time.Duration(now() - idleSince); idle < budget {
			runtime.Gosched()
			continue
		}
		budget = 0
		w.parked.Store(true)
		if !pl.hasTask() { // re-check: the caller may have missed parked
			<-w.wake
		}
		w.parked.Store(false)
		idleSince = now()
	}
}

// Package parallel is the engine's one home for fork-join work: a
// persistent pool of worker goroutines shared by the GEMM kernels
// (internal/gemm) and the element-wise loops (internal/vec, ops,
// data/mnist).
//
// Run(pieces, t) calls t.Run(worker, i) for every piece i on the calling
// goroutine and the pool's workers and returns when all have returned.
// Job is the pattern every element-wise user needs written once: one
// long-lived task value per operation behind a mutex (so the pool runs it
// without allocating), a range cut into Pieces, and "busy or not worth it:
// do it yourself" as the fallback. Piece cuts a range into aligned pieces.
//
// # Panics
//
// A panic in a piece does not poison the pool. A panic on the calling
// goroutine propagates as usual once the pieces the workers had already
// started are done; a panic on a worker goroutine is recovered there, the
// remaining pieces run, and Run then panics on the calling goroutine with a
// *Panic holding the value and the worker's stack. Either way the pool and
// every Job are released, and the next call works normally.
//
// # Contention
//
// On a machine whose other cores are busy (another process, another
// program's benchmark), a worker may be descheduled by the operating system
// for milliseconds in the middle of a piece while the caller, having done
// its share, waits for it; and with more runnable threads than free cores,
// the workers' threads push the caller's own thread off its core, which one
// thread alone would not suffer. Three things keep two cores from being
// slower than one:
//
//   - Pieces are claimed one by one from an atomic counter, so a worker that
//     is late finds nothing left and costs nothing, and where work is cut
//     into more pieces than workers (Job uses up to four per worker, the
//     GEMM kernels' k-splitting up to 16 chunks) the caller takes most of
//     them when a worker is slow. (The GEMM kernels cut C into one block
//     per worker: more blocks cost more than they saved, see
//     internal/gemm.)
//   - The caller accounts for every parallel call: the work the workers took
//     off it (pieces done by workers × the caller's own CPU time per piece)
//     against what their help cost it (waking them, waiting for the last
//     piece, and the time its thread was descheduled while it ran its
//     pieces, from the thread's CPU clock on Linux). When the help has cost
//     more than it saved over the recent calls, the pool runs everything on
//     the calling goroutine for a while (1 ms, doubling up to 128 ms while
//     it keeps losing) and then tries again, with a credit of half a
//     millisecond: the first calls after a pause wake parked workers, and
//     the small ones end before a worker arrives, which without the credit
//     started the next pause at once, and so on (see pauseCredit).
//     Available reports 1 during such a pause, so that callers take their
//     serial path; it does too while a Run or Each holds the pool, whose
//     pieces' own Run calls would run in turn on one goroutine anyway (a
//     product cut into blocks of C for two cores, then computed by one,
//     computes the blocks' edges twice: 5% of overfit_weight_decay's
//     time, whose evaluations run each batch's products inside an Each).
//   - A worker that has finished polls for the next job only while its
//     polling budget lasts: the budget grows by the time the worker spent
//     on pieces (capped at 200 µs) and shrinks by the time it polls, so a
//     worker never polls longer, in all, than it has worked, and one that
//     wakes to find nothing to do parks again at once.
//
// Results never depend on which goroutine ran which piece, so they are bit
// for bit the same for every number of workers and with or without pauses.
//
// Measured with bench/contention.sh on two cores (taskset -c 0,1) of an
// otherwise idle 16-core Intel Xeon, quiet and with a busy loop on core 1,
// 4 rounds, both versions in the same rounds, µs per operation as minimum
// / median. Before is the pool that lived in internal/gemm (workers
// polling 200 µs after every job, no pauses):
//
//	                           quiet -cpu 1   quiet -cpu 2   busy -cpu 1    busy -cpu 2
//	TrainStep ch05   before    494 / 497      325 / 363      477 / 635      761 / 899
//	                 after     483 / 506      322 / 353      464 / 502      469 / 481
//	100x784x50       before    143 / 145       83 /  90      145 / 149      217 / 245
//	                 after     138 / 146       80 /  86      136 / 145      140 / 143
//	784x100x50/tA    before    125 / 127       66 /  79      128 / 131      178 / 218
//	                 after     119 / 127       70 /  73      119 / 127      118 / 123
//	100x50x784/tB    before    143 / 146       75 /  81      148 / 149      206 / 244
//	                 after     141 / 147       79 /  83      142 / 145      133 / 141
//	256x256x256      before    441 / 473      259 / 301      458 / 487      646 / 698
//	                 after     449 / 468      251 / 267      404 / 456      439 / 463
//
// With the other core busy the pool paused about 8 times a second and ran
// well under 1% of the training step's parallel calls on two cores; on the
// quiet cores it ran 4 calls per step, half their pieces on the worker,
// without a pause (BenchmarkPool, measured with two blocks of C per
// worker).
//
// Isolated products (100×784·784×50, 1753 a second, idle in between: what
// BenchmarkPool/isolated does), on the same two cores, process CPU time
// per second and time per product, one thread / two threads:
//
//	quiet  before  231-294 / 575-578 ms/s   126-161 / 130 µs
//	       after   252-256 / 465-472 ms/s   138-141 / 140-142 µs
//	busy   before  268-288 / 530-551 ms/s   148-160 / 247-260 µs
//	       after   241-259 / 285-318 ms/s   133-143 / 154-172 µs
//
// A parked worker woken for each product starts too late to help
// (tens of µs), so two threads gain nothing there; part of the CPU time
// they add is the Go runtime's own (waking a second processor after each
// sleep). With the other core busy the pool pauses, and what remains of
// the difference is the runtime running the caller on either core.
//
// All functions are safe for concurrent use. A call that finds the pool
// busy (another goroutine's Run, or a Run from inside a piece) runs its
// pieces one after another on its own goroutine, with the same result. In
// steady state nothing allocates.
package parallel

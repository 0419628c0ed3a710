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
// helper's benchmark), a worker may be descheduled by the operating system
// for milliseconds in the middle of a piece, and the caller, having done
// its share, waits for it. Three things keep two cores from ever being
// much slower than one:
//
//   - Work is cut into more pieces than workers (the GEMM kernels use up to
//     four per worker, Job up to eight), claimed one by one from an atomic
//     counter, so the caller takes most of them when a worker is slow, and
//     a worker that is late finds nothing left and costs nothing.
//   - The caller measures every parallel call: the work the workers took off
//     it (pieces done by workers × the caller's own time per piece) against
//     what the help cost it (waking workers, waiting for the last piece).
//     When the help has cost more than it saved over the recent calls, the
//     pool runs everything on the calling goroutine for a while (1 ms,
//     doubling up to 128 ms while it keeps losing) and then tries again.
//     Available reports 1 during such a pause so that callers can take
//     their serial path.
//   - A worker that has finished polls for the next job only as long as it
//     has recently worked: its polling budget grows by the time it spent
//     running pieces and is capped at 200 µs; when it is spent, the worker
//     parks. So polling never costs more CPU than the workers' pieces
//     saved, and workers park at once when jobs are rare.
//
// Results never depend on which goroutine ran which piece, so they are bit
// for bit the same for every number of workers and with or without the
// pauses.
//
// Measured on the development machine (AMD EPYC, 2 cores, shared with other
// jobs; figures in the bench package's doc) with bench/contention.sh.
//
// All functions are safe for concurrent use. A call that finds the pool
// busy (another goroutine's Run, or a Run from inside a piece) runs its
// pieces one after another on its own goroutine, with the same result. In
// steady state nothing allocates.
package parallel

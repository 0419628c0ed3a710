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
//   - Work is cut into more pieces than workers (the GEMM kernels use two
//     per worker, Job up to four), claimed one by one from an atomic
//     counter, so the caller takes most of them when a worker is slow, and
//     a worker that is late finds nothing left and costs nothing.
//   - The caller accounts for every parallel call: the work the workers took
//     off it (pieces done by workers × the caller's own CPU time per piece)
//     against what their help cost it (waking them, waiting for the last
//     piece, and the time its thread was descheduled while it ran its
//     pieces, from the thread's CPU clock on Linux). When the help has cost
//     more than it saved over the recent calls, the pool runs everything on
//     the calling goroutine for a while (1 ms, doubling up to 128 ms while
//     it keeps losing) and then tries again. Available reports 1 during
//     such a pause, so that callers take their serial path.
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
// 4 rounds, ns/op as minimum / median, before (the pool of internal/gemm,
// spinning 200 µs after every job, two blocks per product) and after:
//
//	                           quiet -cpu 1     quiet -cpu 2     busy -cpu 1      busy -cpu 2
//	TrainStep ch05   before    471k / 496k      350k / 371k      496k / 507k      803k / 840k
//	                 after     491k / 502k      366k / 371k      477k / 508k      485k / 502k
//	100x784x50       before    143k / 149k       82k /  86k      143k / 147k      238k / 245k
//	                 after     143k / 147k       95k /  98k      131k / 143k      144k / 145k
//	784x100x50/tA    before    126k / 127k       69k /  77k      125k / 132k      195k / 208k
//	                 after     115k / 129k       72k /  76k      112k / 128k      125k / 128k
//	256x256x256      before    459k / 463k      252k / 276k      463k / 468k      626k / 656k
//	                 after     454k / 476k      280k / 292k      426k / 443k      461k / 466k
//
// With the other core busy the pool paused about 8 times a second and ran
// 0.4% of the training step's parallel calls on two cores (BenchmarkPool);
// on the quiet cores it ran 4 calls per step, half their pieces on the
// worker, without a pause.
//
// All functions are safe for concurrent use. A call that finds the pool
// busy (another goroutine's Run, or a Run from inside a piece) runs its
// pieces one after another on its own goroutine, with the same result. In
// steady state nothing allocates.
package parallel

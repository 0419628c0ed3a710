package parallel

import (
	"errors"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// withWorkers runs f with the worker count forced to nw.
func withWorkers(nw int, f func()) {
	old := ForceWorkers(nw)
	defer ForceWorkers(old)
	f()
}

// countTask records how often each piece ran and checks that no two
// pieces run at the same time with the same worker index.
type countTask struct {
	runs   []atomic.Int32
	active [MaxWorkers]atomic.Int32
	clash  atomic.Bool
}

func (c *countTask) Run(w, i int) {
	if c.active[w].Add(1) != 1 {
		c.clash.Store(true)
	}
	c.runs[i].Add(1)
	c.active[w].Add(-1)
}

func TestRunRunsEveryPieceOnce(t *testing.T) {
	for _, nw := range []int{1, 2, 3, 7} {
		withWorkers(nw, func() {
			for _, pieces := range []int{0, 1, 2, 3, 8, 100, 1000} {
				c := &countTask{runs: make([]atomic.Int32, pieces)}
				Run(pieces, c)
				for i := range c.runs {
					if n := c.runs[i].Load(); n != 1 {
						t.Errorf("workers %d, %d pieces: piece %d ran %d times", nw, pieces, i, n)
					}
				}
				if c.clash.Load() {
					t.Errorf("workers %d, %d pieces: two pieces ran at once with one worker index", nw, pieces)
				}
			}
		})
	}
}

// TestRunConcurrentCallers calls Run from several goroutines at once, and
// from inside pieces: each call must run all its pieces (on the pool or,
// when it is busy, alone).
func TestRunConcurrentCallers(t *testing.T) {
	withWorkers(3, func() {
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 50 {
					c := &countTask{runs: make([]atomic.Int32, 4+g)}
					inner := &countTask{runs: make([]atomic.Int32, 3*len(c.runs))}
					Run(len(c.runs), funcTask(func(w, i int) {
						c.Run(w, i)
						for k := range 3 {
							inner.runs[3*i+k].Add(1)
						}
						Run(0, inner) // nothing to do
					}))
					for i := range c.runs {
						if n := c.runs[i].Load(); n != 1 {
							t.Errorf("goroutine %d: piece %d ran %d times", g, i, n)
							return
						}
					}
				}
			}()
		}
		wg.Wait()
	})
}

// TestNestedRun runs a Run inside a piece: the inner call finds the pool
// busy and runs its pieces on the piece's goroutine.
func TestNestedRun(t *testing.T) {
	withWorkers(2, func() {
		outer := make([]atomic.Int32, 6)
		inner := make([]atomic.Int32, 6*5)
		Run(len(outer), funcTask(func(_, i int) {
			outer[i].Add(1)
			Run(5, funcTask(func(_, k int) { inner[5*i+k].Add(1) }))
		}))
		for i := range outer {
			if outer[i].Load() != 1 {
				t.Errorf("outer piece %d ran %d times", i, outer[i].Load())
			}
		}
		for i := range inner {
			if inner[i].Load() != 1 {
				t.Errorf("inner piece %d ran %d times", i, inner[i].Load())
			}
		}
	})
}

// TestAvailableWhileBusy checks that Available reports one goroutine to
// calls made while the pool is held (inside a piece of Run or Each, where
// a Run would run its pieces in turn), so that they take their serial
// path, and all the workers again once the pool is free.
func TestAvailableWhileBusy(t *testing.T) {
	withWorkers(2, func() {
		for _, tc := range []struct {
			name string
			call func(f func())
		}{
			{"Run", func(f func()) { Run(4, funcTask(func(_, _ int) { f() })) }},
			{"Each", func(f func()) { Each(4, func(_, _ int) { f() }) }},
		} {
			if got := Available(); got != 2 {
				t.Fatalf("%s: Available() = %d before the call, want 2", tc.name, got)
			}
			var inside, calls atomic.Int32
			tc.call(func() {
				calls.Add(1)
				if Available() != 1 {
					inside.Add(1)
				}
			})
			if calls.Load() != 4 || inside.Load() != 0 {
				t.Errorf("%s: Available() was not 1 in %d of %d pieces", tc.name, inside.Load(), calls.Load())
			}
			if got := Available(); got != 2 {
				t.Errorf("%s: Available() = %d after the call, want 2", tc.name, got)
			}
		}
	})
}

func TestRunAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync primitives allocate")
	}
	for _, nw := range []int{1, 2} {
		withWorkers(nw, func() {
			c := &countTask{runs: make([]atomic.Int32, 8)}
			Run(8, c) // start the workers
			if n := testing.AllocsPerRun(100, func() { Run(8, c) }); n != 0 {
				t.Errorf("%d workers: Run allocates %v times per call", nw, n)
			}
		})
	}
}

func TestRunTooManyPieces(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for 65536 pieces")
		}
	}()
	Run(1<<16, &countTask{})
}

func TestForceWorkersRange(t *testing.T) {
	for _, n := range []int{-1, MaxWorkers + 1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("ForceWorkers(%d): no panic", n)
				}
			}()
			ForceWorkers(n)
		}()
	}
}

// panicTask panics in the first piece that runs on the goroutine chosen
// by onWorker (the caller's, or a worker's); the other pieces wait until
// the panic has happened, so that the chosen goroutine gets a piece and
// the panic happens while the others run.
type panicTask struct {
	onWorker bool
	panicked atomic.Bool
	runs     []atomic.Int32
}

var errBoom = errors.New("boom")

func (p *panicTask) Run(w, i int) {
	p.runs[i].Add(1)
	if (w != 0) == p.onWorker && p.panicked.CompareAndSwap(false, true) {
		panic(errBoom)
	}
	for !p.panicked.Load() { // wait for the panic on the chosen goroutine
		runtime.Gosched()
	}
}

// TestPanicLeavesPoolUsable is the regression test of issue 8 point 7: a
// panic in a piece, on the caller or on a worker, reaches the caller of
// Run as a panic, and the pool then runs every piece of the next calls.
func TestPanicLeavesPoolUsable(t *testing.T) {
	for _, tc := range []struct {
		name     string
		onWorker bool
	}{
		{"caller", false},
		{"worker", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			withWorkers(2, func() {
				for range 20 {
					p := &panicTask{onWorker: tc.onWorker, runs: make([]atomic.Int32, 8)}
					got := func() (r any) {
						defer func() { r = recover() }()
						Run(len(p.runs), p)
						return nil
					}()
					var err error
					switch v := got.(type) {
					case error:
						err = v
					default:
						t.Fatalf("Run recovered %v (%T), want a panic with errBoom", got, got)
					}
					if !errors.Is(err, errBoom) {
						t.Fatalf("Run panicked with %v, want errBoom", err)
					}
					var wp *Panic
					if isWorker := errors.As(err, &wp); isWorker != tc.onWorker {
						t.Fatalf("panic value %T: *Panic is %v, want %v", err, isWorker, tc.onWorker)
					}
					if tc.onWorker && len(wp.Stack) == 0 {
						t.Fatal("*Panic without a stack")
					}
					for i := range p.runs {
						if n := p.runs[i].Load(); n > 1 {
							t.Fatalf("piece %d ran %d times", i, n)
						}
					}
					c := &countTask{runs: make([]atomic.Int32, 50)}
					Run(len(c.runs), c)
					for i := range c.runs {
						if n := c.runs[i].Load(); n != 1 {
							t.Fatalf("after the panic: piece %d ran %d times", i, n)
						}
					}
				}
			})
		})
	}
}

// TestPiece checks that the pieces tile the range in order, start aligned
// and differ in length by at most one alignment unit.
func TestPiece(t *testing.T) {
	for _, tc := range []struct{ length, n, align int }{
		{0, 2, 8}, {1, 2, 8}, {39200, 2, 8}, {39200, 3, 8}, {100, 7, 1}, {5, 8, 1}, {17, 4, 4},
	} {
		next, minLen, maxLen := 0, tc.length, 0
		for i := range tc.n {
			lo, hi := Piece(tc.length, tc.n, i, tc.align)
			if lo != next || hi < lo || (lo%tc.align != 0 && lo != tc.length) {
				t.Fatalf("%+v: piece %d is [%d, %d) after %d", tc, i, lo, hi, next)
			}
			next = hi
			minLen, maxLen = min(minLen, hi-lo), max(maxLen, hi-lo)
		}
		if next != tc.length {
			t.Errorf("%+v: pieces end at %d", tc, next)
		}
		if tc.length >= tc.n*tc.align && maxLen-minLen > tc.align {
			t.Errorf("%+v: piece lengths from %d to %d", tc, minLen, maxLen)
		}
	}
}

// TestEach checks that Each makes every call once, shares them between
// goroutines even while the pool pauses (without touching its balance),
// and that a Run inside a call runs on the call's goroutine.
func TestEach(t *testing.T) {
	pl := &thePool
	for _, nw := range []int{1, 2, 3} {
		for _, n := range []int{0, 1, 2, 5, 40} {
			old := ForceWorkers(nw)
			runs := make([]atomic.Int32, n)
			inner := make([]atomic.Int32, 3*n)
			var active [MaxWorkers]atomic.Int32
			var clash atomic.Bool
			Each(n, func(w, i int) {
				if active[w].Add(1) != 1 {
					clash.Store(true)
				}
				runs[i].Add(1)
				Run(3, funcTask(func(_, k int) { inner[3*i+k].Add(1) }))
				active[w].Add(-1)
			})
			ForceWorkers(old)
			for i := range runs {
				if c := runs[i].Load(); c != 1 {
					t.Errorf("%d workers, %d calls: call %d made %d times", nw, n, i, c)
				}
			}
			for i := range inner {
				if c := inner[i].Load(); c != 1 {
					t.Errorf("%d workers, %d calls: inner piece %d ran %d times", nw, n, i, c)
				}
			}
			if clash.Load() {
				t.Errorf("%d workers, %d calls: two calls ran at once with one worker index", nw, n)
			}
		}
	}
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one processor: the pause case needs two")
	}
	// During a pause (not forced), Each still uses two goroutines: the
	// calls wait for each other, which one goroutine alone could not do.
	pl.mu.Lock()
	pl.pauseUntil.Store(now() + int64(time.Hour))
	balance := pl.balance
	pl.mu.Unlock()
	defer pl.pauseUntil.Store(0)
	var arrived atomic.Int32
	Each(2, func(_, i int) {
		arrived.Add(1)
		for deadline := time.Now().Add(10 * time.Second); arrived.Load() < 2; {
			if time.Now().After(deadline) {
				t.Error("call " + strconv.Itoa(i) + " waited 10 s for the other: Each ran them one after another")
				return
			}
			runtime.Gosched()
		}
	})
	if pl.balance != balance {
		t.Errorf("Each changed the pool's balance from %v to %v", balance, pl.balance)
	}
}

// TestStreams checks that Streams makes every step of every stream once,
// in order within a stream, never two steps of a stream at once.
func TestStreams(t *testing.T) {
	for _, nw := range []int{1, 2, 3} {
		for _, tc := range []struct{ streams, steps, chunk int }{{0, 5, 1}, {1, 7, 2}, {2, 10, 3}, {3, 50, 4}, {5, 9, 1}, {3, 4, 100}} {
			func() {
				defer ForceWorkers(ForceWorkers(nw))
				done := make([]int, tc.streams) // steps done per stream, in order
				active := make([]atomic.Int32, tc.streams)
				var bad atomic.Bool
				Streams(tc.streams, tc.steps, tc.chunk, func(k, i int) {
					if active[k].Add(1) != 1 {
						bad.Store(true)
					}
					if done[k] != i {
						bad.Store(true)
					}
					done[k]++
					active[k].Add(-1)
				})
				if bad.Load() {
					t.Errorf("%d workers %+v: a stream ran out of order or twice at once", nw, tc)
				}
				for k, n := range done {
					if n != tc.steps {
						t.Errorf("%d workers %+v: stream %d ran %d steps", nw, tc, k, n)
					}
				}
			}()
		}
	}
}

// TestAccountCredit checks the pool's balance around a pause: a call
// that cost more than the balance starts one, the first small losing
// calls after it (parked workers woken for nothing) do not start the next
// one by themselves, and losing on goes on pausing, for twice as long.
func TestAccountCredit(t *testing.T) {
	var pl pool
	const us = int64(time.Microsecond)
	at := int64(time.Hour) // the calls' times: far from now's origin, increasing
	// call accounts for a call in which the workers ran byWorkers pieces
	// and the caller ran one in work.
	call := func(byWorkers int, work, cost int64) (paused bool) {
		before := pl.stats.pauses.Load()
		pl.callerRan = 1
		at += 10 * int64(time.Millisecond)
		pl.account(byWorkers, work, cost, at)
		return pl.stats.pauses.Load() > before
	}
	// One worker piece saved 300 µs for 20 µs of waking: no pause, and a
	// balance capped at balanceMax.
	for range 10 {
		if call(1, 300*us, 20*us) {
			t.Fatal("a winning call paused the pool")
		}
	}
	if pl.balance != balanceMax {
		t.Fatalf("balance %v after wins, want %v", pl.balance, balanceMax)
	}
	// A worker stalled 5 ms in the middle of its piece.
	if !call(1, 300*us, 5000*us) {
		t.Fatal("a call that lost 4.7 ms did not pause the pool")
	}
	first := pl.pause
	// Small calls that woke a parked worker for nothing, 40 µs each: the
	// credit takes the first twelve, the thirteenth pauses again, twice as
	// long.
	for i := range 12 {
		if call(0, 80*us, 40*us) {
			t.Fatalf("small losing call %d after a pause paused the pool again (balance %v)", i+1, pl.balance)
		}
	}
	if !call(0, 80*us, 40*us) {
		t.Fatalf("a thirteenth losing call did not pause the pool (balance %v)", pl.balance)
	}
	if pl.pause != 2*first {
		t.Fatalf("second pause %v, want twice the first, %v", pl.pause, first)
	}
}

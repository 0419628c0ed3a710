package gemm

import (
	"sync"
	"sync/atomic"
	"testing"
)

// countTask records how often each piece ran.
type countTask struct{ runs []atomic.Int32 }

func (c *countTask) Run(i int) { c.runs[i].Add(1) }

func TestParallelRunsEveryPieceOnce(t *testing.T) {
	for _, nw := range []int{1, 2, 3, 7} {
		withWorkers(nw, func() {
			for _, pieces := range []int{0, 1, 2, 3, 8, 100} {
				c := &countTask{runs: make([]atomic.Int32, pieces)}
				Parallel(pieces, c)
				for i := range c.runs {
					if n := c.runs[i].Load(); n != 1 {
						t.Errorf("workers %d, %d pieces: piece %d ran %d times", nw, pieces, i, n)
					}
				}
			}
		})
	}
}

// TestParallelConcurrentCallers calls Parallel and Gemm from several
// goroutines at once: each call must run all its pieces (on the pool or,
// when it is busy, alone) and the products stay right.
func TestParallelConcurrentCallers(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				c := &countTask{runs: make([]atomic.Int32, 4+g)}
				Parallel(len(c.runs), c)
				for i := range c.runs {
					if n := c.runs[i].Load(); n != 1 {
						t.Errorf("goroutine %d: piece %d ran %d times", g, i, n)
						return
					}
				}
				a, b, c2 := []float64{1, 2, 3, 4}, []float64{5, 6, 7, 8}, make([]float64, 4)
				Gemm(false, false, 2, 2, 2, 1, a, 2, b, 2, 0, c2, 2)
				if c2[0] != 19 || c2[3] != 50 {
					t.Errorf("goroutine %d: product %v", g, c2)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestParallelAllocatesNothing(t *testing.T) {
	c := &countTask{runs: make([]atomic.Int32, 8)}
	Parallel(8, c) // start the workers
	if n := testing.AllocsPerRun(100, func() { Parallel(8, c) }); n != 0 {
		t.Errorf("Parallel allocates %v times per call", n)
	}
}

func TestParallelTooManyPieces(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for 65536 pieces")
		}
	}()
	Parallel(1<<16, &countTask{})
}

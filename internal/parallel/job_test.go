package parallel

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// doubleTask sets dst[i] = 2·src[i], and panics at index panicAt if set.
type doubleTask struct {
	dst, src []float64
	panicAt  int
}

func (d *doubleTask) Range(lo, hi int) {
	for i := lo; i < hi; i++ {
		if i == d.panicAt {
			panic("doubleTask: planned panic")
		}
		d.dst[i] = 2 * d.src[i]
	}
}

var doubleJob Job[doubleTask, *doubleTask]

// double runs doubleTask over src through doubleJob and reports whether
// the job ran (false: the caller must do the work).
func double(dst, src []float64, panicAt int) bool {
	return doubleJob.Try(len(src), 8, 64, func(t *doubleTask) {
		t.dst, t.src, t.panicAt = dst, src, panicAt
	})
}

func TestJobTry(t *testing.T) {
	for _, tc := range []struct {
		workers, length int
		wantRan         bool
	}{
		{1, 1000, false}, // one worker: the caller's serial path
		{2, 127, false},  // fewer than two grains
		{2, 128, true},
		{2, 1000, true},
		{3, 5000, true},
		{7, 100003, true},
	} {
		withWorkers(tc.workers, func() {
			src := make([]float64, tc.length)
			want := make([]float64, tc.length)
			for i := range src {
				src[i] = float64(i) - 3.5
				want[i] = 2*float64(i) - 7
			}
			dst := make([]float64, tc.length)
			ran := double(dst, src, -1)
			if ran != tc.wantRan {
				t.Fatalf("%d workers, length %d: Try = %v, want %v", tc.workers, tc.length, ran, tc.wantRan)
			}
			if !ran {
				return
			}
			if diff := cmp.Diff(want, dst); diff != "" {
				t.Errorf("%d workers, length %d (-want +got):\n%s", tc.workers, tc.length, diff)
			}
			if doubleJob.t.dst != nil || doubleJob.t.src != nil {
				t.Errorf("%d workers, length %d: the job keeps the caller's slices", tc.workers, tc.length)
			}
		})
	}
}

// TestJobBusy: a Try while the Job is in use returns false without
// calling set.
func TestJobBusy(t *testing.T) {
	withWorkers(2, func() {
		src := make([]float64, 1000)
		inner := true
		outer := doubleJob.Try(len(src), 8, 64, func(d *doubleTask) {
			d.dst, d.src, d.panicAt = make([]float64, 1000), src, -1
			inner = double(make([]float64, 1000), src, -1)
		})
		if !outer || inner {
			t.Errorf("Try = %v, nested Try = %v; want true, false", outer, inner)
		}
	})
}

// TestJobAfterPanic is the regression test of issue 8 point 7 for the
// element-wise users: after a panic in a piece (on the caller or on a
// worker), the Job is released and cleared and the next call works.
func TestJobAfterPanic(t *testing.T) {
	const n = 4096
	src := make([]float64, n)
	want := make([]float64, n)
	for i := range src {
		src[i] = float64(i)
		want[i] = 2 * float64(i)
	}
	// Piece 0 (index 0) is most often the caller's, the last piece a
	// worker's or the caller's: both paths are taken over the rounds.
	for _, at := range []int{0, n - 1, n / 2} {
		withWorkers(2, func() {
			for range 10 {
				func() {
					defer func() {
						if recover() == nil {
							t.Fatalf("panic at %d: not raised", at)
						}
					}()
					double(make([]float64, n), src, at)
				}()
				if doubleJob.t.src != nil {
					t.Fatalf("panic at %d: the job keeps the caller's slices", at)
				}
				dst := make([]float64, n)
				if !double(dst, src, -1) {
					t.Fatalf("panic at %d: the job is still taken", at)
				}
				if diff := cmp.Diff(want, dst); diff != "" {
					t.Fatalf("panic at %d: next call (-want +got):\n%s", at, diff)
				}
			}
		})
	}
}

func TestJobAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync primitives allocate")
	}
	src := make([]float64, 10000)
	dst := make([]float64, 10000)
	for _, nw := range []int{1, 2} {
		withWorkers(nw, func() {
			double(dst, src, -1)
			if n := testing.AllocsPerRun(100, func() { double(dst, src, -1) }); n != 0 {
				t.Errorf("%d workers: Job.Try allocates %v times per call", nw, n)
			}
		})
	}
}

package parallel

import "sync"

// Piece returns piece i of n of the range [0, length): the pieces are
// consecutive, as equal as possible, and start at multiples of align.
func Piece(length, n, i, align int) (lo, hi int) {
	units := (length + align - 1) / align
	lo = min(units*i/n*align, length)
	hi = min(units*(i+1)/n*align, length)
	return lo, hi
}

// Ranger is an operation over a range of indices, for Job.
type Ranger interface {
	// Range does the indices [lo, hi). Ranges of one call never overlap
	// and may run at the same time on different goroutines.
	Range(lo, hi int)
}

// piecesPerWorker is how many pieces Job cuts its range into per worker:
// more than one, so that the caller takes over the share of a worker
// the operating system has descheduled.
const piecesPerWorker = 4

// Job is the one long-lived task value of an operation that splits a range
// between the cores (a *P must implement Ranger). Because the value lives
// as long as the Job (a package-level variable), the pool runs it without
// allocating; a mutex guards it, and a call that finds it taken, a range
// too short to split, or the pool paused, gets false from Try and does the
// work itself. The zero Job is ready to use.
type Job[T any, P interface {
	*T
	Ranger
}] struct {
	mu                   sync.Mutex
	t                    T
	length, align, parts int
}

// Try sets the job's task with set, runs its Range over [0, length) cut
// into pieces that start at multiples of align and hold at least grain
// indices (up to piecesPerWorker per worker), and returns true; the task
// is then reset to its zero value (also when a piece panics), so that it
// keeps no reference to the caller's data. It returns false, having called
// nothing, when fewer than two pieces would run in parallel or when
// another goroutine is using the Job: the caller then does the whole range
// itself. set must not keep the pointer.
func (j *Job[T, P]) Try(length, align, grain int, set func(t *T)) bool {
	nw := Available()
	if nw < 2 || length < 2*grain {
		return false
	}
	parts := min(length/max(grain, 1), piecesPerWorker*nw, maxPieces)
	if !j.mu.TryLock() {
		return false
	}
	defer j.release()
	set(&j.t)
	j.length, j.align, j.parts = length, align, parts
	Run(parts, (*jobTask[T, P])(j))
	return true
}

func (j *Job[T, P]) release() {
	var zero T
	j.t = zero
	j.mu.Unlock()
}

// jobTask is a Job seen as the pool's Task.
type jobTask[T any, P interface {
	*T
	Ranger
}] Job[T, P]

// Run does piece i of the job's range.
func (j *jobTask[T, P]) Run(_, i int) {
	lo, hi := Piece(j.length, j.parts, i, j.align)
	P(&j.t).Range(lo, hi)
}

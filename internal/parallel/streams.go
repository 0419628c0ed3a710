package parallel

import "sync"

// Streams calls f(k, i) for every stream k in [0, streams) and every step
// i in [0, steps), the steps of one stream in order and never two of them
// at once, the streams interleaved in any way, on up to Workers()
// goroutines (the caller and the pool's workers, as Each). A goroutine
// takes up to chunk consecutive steps of one stream at a time, choosing
// the free stream that is furthest behind, so the streams advance
// together and the cores stay busy however many streams there are: three
// networks trained side by side on two cores take 1.5 network-steps of
// time per step, not 2 as with one Each per step.
//
// It is for independent sequences of coarse work, such as several
// networks each trained on batches known in advance: whatever the
// interleaving, each stream sees its own steps in order, so the results
// do not depend on the schedule. Products inside f run serially on f's
// goroutine (see Each).
func Streams(streams, steps, chunk int, f func(k, i int)) {
	if streams <= 0 || steps <= 0 {
		return
	}
	chunk = max(chunk, 1)
	s := &streamSched{next: make([]int, streams), busy: make([]bool, streams), steps: steps, chunk: chunk}
	Each(min(Workers(), streams), func(_, _ int) {
		for {
			k, lo, hi, ok := s.claim()
			if !ok {
				return
			}
			for i := lo; i < hi; i++ {
				f(k, i)
			}
			s.release(k)
		}
	})
}

// streamSched hands out chunks of steps.
type streamSched struct {
	mu           sync.Mutex
	next         []int  // the first step of each stream not yet handed out
	busy         []bool // a goroutine is running a chunk of the stream
	steps, chunk int
}

// claim returns the next chunk [lo, hi) of the free stream k furthest
// behind, or ok false when no stream is free and unfinished (the
// goroutines that run the others finish them).
func (s *streamSched) claim() (k, lo, hi int, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k = -1
	for j, n := range s.next {
		if !s.busy[j] && n < s.steps && (k < 0 || n < s.next[k]) {
			k = j
		}
	}
	if k < 0 {
		return 0, 0, 0, false
	}
	lo = s.next[k]
	hi = min(lo+s.chunk, s.steps)
	s.next[k], s.busy[k] = hi, true
	return k, lo, hi, true
}

func (s *streamSched) release(k int) {
	s.mu.Lock()
	s.busy[k] = false
	s.mu.Unlock()
}

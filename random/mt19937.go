package random

import "math"

// MT19937 parameters (Matsumoto and Nishimura, 1998).
const (
	mtN         = 624
	mtM         = 397
	mtMatrixA   = 0x9908b0df
	mtUpperMask = 0x80000000
	mtLowerMask = 0x7fffffff
)

// Generator is a Mersenne Twister (MT19937) random number generator that
// produces the same stream as NumPy's legacy RandomState (np.random with
// np.random.seed). It carries the 624-word state, the read position in it,
// and the second Gaussian of the last polar-method pair, cached for the next
// NormFloat64 exactly as NumPy caches it.
//
// A Generator is not safe for concurrent use; the package-level functions
// use a shared generator guarded by a mutex.
type Generator struct {
	state    [mtN]uint32
	pos      int
	hasGauss bool
	gauss    float64
}

// New returns a generator seeded with seed, like np.random.RandomState(seed):
// its stream is the one np.random produces after np.random.seed(seed).
func New(seed uint32) *Generator {
	g := new(Generator)
	g.Seed(seed)
	return g
}

// Clone returns a copy of g: a generator at the same point of the same
// stream, cached Gaussian included, that draws independently of g from
// then on (NumPy's RandomState.set_state(g.get_state()) on a second
// generator). A program that knows how many numbers each part of its work
// draws can clone the generator at the start of each part and run the
// parts at the same time, drawing what one sequential run would.
func (g *Generator) Clone() *Generator {
	c := *g
	return &c
}

// Seed reseeds g, like np.random.seed(seed) for an integer seed, and clears
// the cached Gaussian.
func (g *Generator) Seed(seed uint32) {
	g.state[0] = seed
	for i := 1; i < mtN; i++ {
		prev := g.state[i-1]
		g.state[i] = 1812433253*(prev^(prev>>30)) + uint32(i)
	}
	g.pos = mtN
	g.hasGauss = false
	g.gauss = 0
}

// seedState sets the whole state from key, as NumPy does when it seeds from
// OS entropy: the first word is 0x80000000 so that the state is never all
// zero, the others come from key.
func (g *Generator) seedState(key *[mtN]uint32) {
	g.state = *key
	g.state[0] = 0x80000000
	g.pos = mtN
	g.hasGauss = false
	g.gauss = 0
}

// twist refills the state with the next 624 words.
func (g *Generator) twist() {
	s := &g.state
	mag := func(y uint32) uint32 { return (y >> 1) ^ (-(y & 1) & mtMatrixA) }
	i := 0
	for ; i < mtN-mtM; i++ {
		y := s[i]&mtUpperMask | s[i+1]&mtLowerMask
		s[i] = s[i+mtM] ^ mag(y)
	}
	for ; i < mtN-1; i++ {
		y := s[i]&mtUpperMask | s[i+1]&mtLowerMask
		s[i] = s[i+mtM-mtN] ^ mag(y)
	}
	y := s[mtN-1]&mtUpperMask | s[0]&mtLowerMask
	s[mtN-1] = s[mtM-1] ^ mag(y)
	g.pos = 0
}

// Uint32 returns the next raw 32-bit output of the Mersenne Twister (what
// NumPy's bit generator calls next_uint32).
func (g *Generator) Uint32() uint32 {
	if g.pos >= mtN {
		g.twist()
	}
	y := g.state[g.pos]
	g.pos++
	return temper(y)
}

// uint64 returns two outputs as one 64-bit value, the first in the high
// half, as NumPy's mt19937_next64 does.
func (g *Generator) uint64() uint64 {
	hi := uint64(g.Uint32())
	return hi<<32 | uint64(g.Uint32())
}

// Float64 returns a uniform float64 in [0, 1) with 53 random bits, like one
// draw of np.random.rand() (NumPy's legacy random_sample): two outputs a
// and b give (a>>5 · 2^26 + b>>6) / 2^53.
func (g *Generator) Float64() float64 {
	a := g.Uint32() >> 5
	b := g.Uint32() >> 6
	// a·2^26 + b is exact (at most 53 bits), so the sum cannot be fused.
	return (float64(a)*67108864 + float64(b)) / 9007199254740992
}

// Float64s fills dst with uniform float64s in [0, 1): the values len(dst)
// calls of Float64 return, in order (np.random.rand(len(dst))), drawn
// without a call per value.
func (g *Generator) Float64s(dst []float64) {
	for i := 0; i < len(dst); {
		if g.pos >= mtN {
			g.twist()
		}
		pairs := min((mtN-g.pos)/2, len(dst)-i)
		if pairs == 0 { // one word left before the next twist
			dst[i] = g.Float64()
			i++
			continue
		}
		words := g.state[g.pos : g.pos+2*pairs]
		out := dst[i : i+pairs]
		for j := float64sVec(out, words); j < len(out); j++ {
			a := temper(words[2*j]) >> 5
			b := temper(words[2*j+1]) >> 6
			// Exact, as in Float64; scaling by 2^-53 is the division.
			out[j] = (float64(a)*67108864 + float64(b)) * (1.0 / 9007199254740992)
		}
		g.pos += 2 * pairs
		i += pairs
	}
}

// temper is the Mersenne Twister's output transformation of a state word.
func temper(y uint32) uint32 {
	y ^= y >> 11
	y ^= (y << 7) & 0x9d2c5680
	y ^= (y << 15) & 0xefc60000
	y ^= y >> 18
	return y
}

// NormFloat64 returns a standard normal float64, like one draw of
// np.random.randn() (NumPy's legacy_gauss). It uses the polar method on
// pairs of Float64 draws: each accepted pair yields two values, the first
// returned and the second cached for the next call (Seed clears the cache).
// The logarithm in the polar method is correctly rounded; NumPy's, from the
// C library, differs for a few inputs in ten thousand, and so do those
// pairs (see the package documentation).
func (g *Generator) NormFloat64() float64 {
	if g.hasGauss {
		g.hasGauss = false
		v := g.gauss
		g.gauss = 0
		return v
	}
	x1, x2, r2 := g.polarPair()
	f := math.Sqrt(-2 * log(r2) / r2)
	g.gauss = f * x1
	g.hasGauss = true
	return f * x2
}

// SkipNormals advances g past n NormFloat64 draws (n ≤ 0: none) without
// computing their values, so that g then draws what it would draw after
// them: a program that repeats a script's draws out of order (each net
// of a comparison built later from a Clone taken where its weights
// start) skips the weights it does not need yet. Only a value left in
// the cache for the next draw (n ending on the first of a pair) is
// computed.
func (g *Generator) SkipNormals(n int) {
	for n > 0 {
		if g.hasGauss {
			g.hasGauss, g.gauss = false, 0
			n--
			continue
		}
		if n == 1 {
			g.NormFloat64() // the pair's second value stays cached
			return
		}
		g.polarPair() // both values of the pair skipped
		n -= 2
	}
}

// polarPair draws the point of the polar method that NormFloat64 turns
// into two normal values: pairs of Float64 draws mapped to [-1, 1)² until
// one lies inside the unit circle and not at its centre, with r2 its
// squared distance from the centre.
func (g *Generator) polarPair() (x1, x2, r2 float64) {
	for {
		// float64(...) forbids fusing the products into an FMA, which C
		// (as NumPy is built) does not do either.
		x1 = float64(2*g.Float64()) - 1
		x2 = float64(2*g.Float64()) - 1
		r2 = float64(x1*x1) + float64(x2*x2)
		if r2 < 1 && r2 != 0 {
			return x1, x2, r2
		}
	}
}

// interval returns a uniform integer in [0, max] by masked rejection, as
// NumPy's random_interval does: 32-bit draws when max fits in 32 bits,
// 64-bit draws otherwise.
func (g *Generator) interval(max uint64) uint64 {
	if max == 0 {
		return 0
	}
	mask := bitMask(max)
	if max <= 0xffffffff {
		for {
			if v := uint64(g.Uint32()) & mask; v <= max {
				return v
			}
		}
	}
	for {
		if v := g.uint64() & mask; v <= max {
			return v
		}
	}
}

// bitMask returns the smallest 2^k-1 >= v.
func bitMask(v uint64) uint64 {
	v |= v >> 1
	v |= v >> 2
	v |= v >> 4
	v |= v >> 8
	v |= v >> 16
	v |= v >> 32
	return v
}

// boundedFill fills out with off + v, v uniform in [0, rng], as NumPy's
// random_bounded_uint64_fill does with masked rejection sampling: nothing is
// drawn when rng == 0; one raw 32-bit output per value when rng is
// 0xffffffff; masked 32-bit draws when rng fits in 32 bits; masked 64-bit
// draws otherwise (all 64 bits when rng is 2^64-1).
func (g *Generator) boundedFill(off, rng uint64, out []int) {
	switch {
	case rng == 0:
		for i := range out {
			out[i] = int(off)
		}
	case rng == 0xffffffff:
		for i := range out {
			out[i] = int(off + uint64(g.Uint32()))
		}
	case rng < 0xffffffff:
		mask := bitMask(rng)
		for i := range out {
			v := uint64(g.Uint32()) & mask
			for v > rng {
				v = uint64(g.Uint32()) & mask
			}
			out[i] = int(off + v)
		}
	case rng == 1<<64-1:
		for i := range out {
			out[i] = int(off + g.uint64())
		}
	default:
		mask := bitMask(rng)
		for i := range out {
			v := g.uint64() & mask
			for v > rng {
				v = g.uint64() & mask
			}
			out[i] = int(off + v)
		}
	}
}

// Package random is a Mersenne Twister random number generator that
// reproduces NumPy 1.24's legacy np.random stream (the global RandomState
// after np.random.seed(s)) draw for draw, so that a Go port of a NumPy
// script starts from the same weights, batches and masks as the original.
//
// # Generators and the default generator
//
// New(seed) returns a *Generator, like np.random.RandomState(seed); its
// methods mirror NumPy as follows (np. stands for np.random.):
//
//	New(s), g.Seed(s)              np.random.seed(s) / RandomState(s)
//	g.Uint32()                     one raw MT19937 output
//	g.Float64()                    np.rand()
//	g.NormFloat64()                np.randn()
//	g.Rand(d0, d1, ...)            np.rand(d0, d1, ...)
//	g.Randn(d0, d1, ...)           np.randn(d0, d1, ...)
//	g.Uniform(low, high, d0, ...)  np.uniform(low, high, (d0, ...))
//	g.Randint(low, high, n)        np.randint(low, high, n)
//	g.Choice(n, size)              np.choice(n, size)
//	g.ChoiceNoReplace(n, size)     np.choice(n, size, replace=False)
//	g.Permutation(n)               np.permutation(n)
//	g.Shuffle(n, swap)             np.shuffle(x), with len(x) == n
//	g.ShuffleDataset(x, t)         the book's shuffle_dataset(x, t) (common/util.py)
//
// Rand, Randn and Uniform fill a *tensor.Tensor in row-major order; with no
// sizes they return a tensor of shape (), where NumPy returns a scalar.
// Randint, Choice and Permutation return []int (NumPy's int64).
//
// The package-level functions Seed, Float64, NormFloat64, Rand, Randn,
// Uniform, Randint, Choice, ChoiceNoReplace, Permutation, Shuffle and
// ShuffleDataset use
// one shared default generator, like the functions in np.random use the
// global RandomState: after Seed(s) they produce the same stream as
// New(s). They are safe for concurrent use (a mutex guards the shared
// generator), although concurrent callers of course interleave their draws.
// Until Seed is called the default generator is seeded from the operating
// system's entropy (crypto/rand) at first use, as NumPy seeds itself when no
// seed is given. Default returns the shared generator itself, which is not
// safe for concurrent use.
//
// # Exactness
//
// Uniform draws, integers, choices and permutations are bit-exact: they
// depend only on integer arithmetic and on exact float64 operations, and
// they follow NumPy's algorithms step by step (53-bit doubles from two
// outputs, masked rejection sampling with 32- or 64-bit draws, the
// Fisher-Yates order of np.random.shuffle, the Gaussian cached between
// calls).
//
// Gaussians use NumPy's legacy polar method, which needs log(r2) for each
// pair. NumPy takes it from the C library; this package computes it with
// its own correctly rounded logarithm (Go's math.Log differs from glibc's
// in the last bit for several percent of inputs). glibc's log (2.36, the
// FMA variant on x86-64) is itself not correctly rounded for about 0.08%
// of inputs in (0, 1), where the exact logarithm lies within 0.02 ulp of a
// rounding boundary, so about one Gaussian pair in 1250 differs from
// NumPy's in the last bits. NumPy's own stream varies in the same way
// between machines: glibc's log without FMA rounds differently from its FMA
// variant for about 0.01% of inputs.
//
// Programmer errors (negative sizes, low >= high, a sample larger than the
// population without replacement, an empty population) panic with a
// message that names the function and the values.
package random

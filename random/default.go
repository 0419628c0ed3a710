package random

import (
	crand "crypto/rand"
	"encoding/binary"
	"fmt"
	"sync"

	"github.com/dlfs-go/dlfs/tensor"
)

// The default generator behind the package-level functions, like NumPy's
// global RandomState behind np.random.*. It is created on first use: by Seed
// with the given seed, otherwise from operating-system entropy.
var (
	defaultMu  sync.Mutex
	defaultGen *Generator
)

// lockedDefault locks defaultMu and returns the default generator, seeding
// it from crypto/rand if nothing has seeded it yet. The caller unlocks.
func lockedDefault() *Generator {
	defaultMu.Lock()
	if defaultGen == nil {
		// Like NumPy's RandomState() without a seed: fill the state from
		// OS entropy, with the first word set to 0x80000000.
		var buf [mtN * 4]byte
		crand.Read(buf[:]) // never returns an error (Go 1.24+)
		var key [mtN]uint32
		for i := range key {
			key[i] = binary.LittleEndian.Uint32(buf[4*i:])
		}
		g := new(Generator)
		g.seedState(&key)
		defaultGen = g
	}
	return defaultGen
}

// Seed reseeds the default generator, like np.random.seed(seed): afterwards
// the package-level functions produce the same stream as New(seed).
func Seed(seed uint32) {
	defaultMu.Lock()
	defer defaultMu.Unlock()
	if defaultGen == nil {
		defaultGen = New(seed)
		return
	}
	defaultGen.Seed(seed)
}

// Default returns the default generator used by the package-level
// functions (seeding it from OS entropy if Seed has not been called). The
// package-level functions are safe for concurrent use, but the returned
// *Generator itself is not: calling its methods while other goroutines use
// it or the package-level functions is a data race.
func Default() *Generator {
	g := lockedDefault()
	defaultMu.Unlock()
	return g
}

// Float64 returns Generator.Float64 of the default generator, like
// np.random.rand().
func Float64() float64 {
	g := lockedDefault()
	defer defaultMu.Unlock()
	return g.Float64()
}

// NormFloat64 returns Generator.NormFloat64 of the default generator, like
// np.random.randn().
func NormFloat64() float64 {
	g := lockedDefault()
	defer defaultMu.Unlock()
	return g.NormFloat64()
}

// Rand returns Generator.Rand of the default generator, like
// np.random.rand(d0, d1, ...).
func Rand(shape ...int) *tensor.Tensor {
	g := lockedDefault()
	defer defaultMu.Unlock()
	return g.Rand(shape...)
}

// Randn returns Generator.Randn of the default generator, like
// np.random.randn(d0, d1, ...).
func Randn(shape ...int) *tensor.Tensor {
	g := lockedDefault()
	defer defaultMu.Unlock()
	return g.Randn(shape...)
}

// Uniform returns Generator.Uniform of the default generator, like
// np.random.uniform(low, high, size).
func Uniform(low, high float64, shape ...int) *tensor.Tensor {
	g := lockedDefault()
	defer defaultMu.Unlock()
	return g.Uniform(low, high, shape...)
}

// Randint returns Generator.Randint of the default generator, like
// np.random.randint(low, high, n).
func Randint(low, high int, n int) []int {
	g := lockedDefault()
	defer defaultMu.Unlock()
	return g.Randint(low, high, n)
}

// Choice returns Generator.Choice of the default generator, like
// np.random.choice(n, size).
func Choice(n, size int) []int {
	g := lockedDefault()
	defer defaultMu.Unlock()
	return g.Choice(n, size)
}

// ChoiceNoReplace returns Generator.ChoiceNoReplace of the default
// generator, like np.random.choice(n, size, replace=False).
func ChoiceNoReplace(n, size int) []int {
	g := lockedDefault()
	defer defaultMu.Unlock()
	return g.ChoiceNoReplace(n, size)
}

// Permutation returns Generator.Permutation of the default generator, like
// np.random.permutation(n).
func Permutation(n int) []int {
	g := lockedDefault()
	defer defaultMu.Unlock()
	return g.Permutation(n)
}

// Shuffle shuffles n elements with the default generator, in the order of
// Generator.Shuffle, like np.random.shuffle. All indices are drawn under the
// generator's lock first; swap is then called without the lock held, so it
// may itself use the package-level functions.
func Shuffle(n int, swap func(i, j int)) {
	if n < 0 {
		panic(fmt.Sprintf("random.Shuffle: negative n %d", n))
	}
	if n < 2 {
		return
	}
	js := make([]int, n)
	g := lockedDefault()
	g.Shuffle(n, func(i, j int) { js[i] = j })
	defaultMu.Unlock()
	for i := n - 1; i >= 1; i-- {
		swap(i, js[i])
	}
}

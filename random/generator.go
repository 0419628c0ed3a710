package random

import (
	"fmt"
	"math"

	"github.com/dlfs-go/dlfs/tensor"
)

// newTensor returns a zero tensor of the given shape, or a tensor of shape
// () when shape is empty (NumPy returns a scalar there). Negative sizes
// panic with op's name.
func newTensor(op string, shape []int) *tensor.Tensor {
	for _, d := range shape {
		if d < 0 {
			panic(fmt.Sprintf("%s: negative dimension %d in shape %v", op, d, shape))
		}
	}
	if len(shape) == 0 {
		return tensor.Scalar(0)
	}
	return tensor.Zeros(shape...)
}

// Rand returns a tensor of the given shape filled with Float64 draws in
// row-major order, like np.random.rand(d0, d1, ...). With no arguments it
// returns a tensor of shape () holding one draw.
func (g *Generator) Rand(shape ...int) *tensor.Tensor {
	t := newTensor("random.Rand", shape)
	data := t.Data()
	for i := range data {
		data[i] = g.Float64()
	}
	return t
}

// Randn returns a tensor of the given shape filled with NormFloat64 draws in
// row-major order, like np.random.randn(d0, d1, ...). A Gaussian cached by an
// earlier call is used first, and one left over is kept for the next call,
// as in NumPy. With no arguments it returns a tensor of shape () holding one
// draw.
func (g *Generator) Randn(shape ...int) *tensor.Tensor {
	t := newTensor("random.Randn", shape)
	data := t.Data()
	for i := range data {
		data[i] = g.NormFloat64()
	}
	return t
}

// Uniform returns a tensor of the given shape whose elements are
// low + (high-low)·u for Float64 draws u, like
// np.random.uniform(low, high, size): values lie in [low, high). As in
// NumPy, high may be below low; a range high-low that is not finite panics.
// With no shape it returns a tensor of shape () holding one draw.
func (g *Generator) Uniform(low, high float64, shape ...int) *tensor.Tensor {
	rng := high - low
	if math.IsInf(rng, 0) || math.IsNaN(rng) {
		panic(fmt.Sprintf("random.Uniform: range high-low = %v - %v is not finite", high, low))
	}
	t := newTensor("random.Uniform", shape)
	data := t.Data()
	for i := range data {
		data[i] = low + float64(rng*g.Float64())
	}
	return t
}

// Randint returns n integers drawn uniformly from [low, high), like
// np.random.randint(low, high, n) with NumPy's default int64 type. It
// follows NumPy's masked rejection sampling draw for draw: for
// rng = high-1-low it draws nothing when rng is 0, masked 32-bit outputs
// when rng fits in 32 bits, and masked 64-bit outputs (two 32-bit outputs,
// the first as the high half) otherwise. It panics if low >= high or n < 0.
func (g *Generator) Randint(low, high int, n int) []int {
	if low >= high {
		panic(fmt.Sprintf("random.Randint: low %d >= high %d", low, high))
	}
	if n < 0 {
		panic(fmt.Sprintf("random.Randint: negative size %d", n))
	}
	out := make([]int, n)
	// high-1 cannot overflow since high > low; the difference is taken
	// modulo 2^64, which gives the true span in [0, 2^64-2].
	g.boundedFill(uint64(low), uint64(high-1)-uint64(low), out)
	return out
}

// Choice returns size indices drawn uniformly from [0, n) with replacement,
// like np.random.choice(n, size); NumPy's legacy generator implements that
// as randint(0, n, size), and so does Choice. It panics if n <= 0 (NumPy
// accepts n = 0 when size is 0) or size < 0.
func (g *Generator) Choice(n, size int) []int {
	if n <= 0 {
		panic(fmt.Sprintf("random.Choice: population size n = %d must be positive", n))
	}
	if size < 0 {
		panic(fmt.Sprintf("random.Choice: negative size %d", size))
	}
	out := make([]int, size)
	g.boundedFill(0, uint64(n-1), out)
	return out
}

// ChoiceInto fills dst with len(dst) draws of Choice(n, len(dst)), the
// same stream as Choice, without allocating: for a training loop that
// draws a mini-batch of indices every iteration.
func (g *Generator) ChoiceInto(dst []int, n int) {
	if n <= 0 {
		panic(fmt.Sprintf("random.ChoiceInto: population size n = %d must be positive", n))
	}
	g.boundedFill(0, uint64(n-1), dst)
}

// ChoiceNoReplace returns size distinct indices from [0, n), like
// np.random.choice(n, size, replace=False); NumPy's legacy generator
// implements that as permutation(n)[:size], so it draws a full permutation
// of n whatever size is. It panics if n < 0, size < 0 or size > n.
func (g *Generator) ChoiceNoReplace(n, size int) []int {
	if n < 0 {
		panic(fmt.Sprintf("random.ChoiceNoReplace: negative population size n = %d", n))
	}
	if size < 0 {
		panic(fmt.Sprintf("random.ChoiceNoReplace: negative size %d", size))
	}
	if size > n {
		panic(fmt.Sprintf("random.ChoiceNoReplace: size %d > population size n = %d without replacement", size, n))
	}
	p := g.Permutation(n)
	if size == n {
		return p
	}
	out := make([]int, size)
	copy(out, p)
	return out
}

// Permutation returns a random permutation of 0, 1, ..., n-1, like
// np.random.permutation(n): it shuffles the identity with Shuffle's order
// of draws. It panics if n < 0.
func (g *Generator) Permutation(n int) []int {
	if n < 0 {
		panic(fmt.Sprintf("random.Permutation: negative n %d", n))
	}
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	g.Shuffle(n, func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}

// Shuffle shuffles n elements in place by calling swap, in the order of
// np.random.shuffle: for i from n-1 down to 1 it draws j uniformly from
// [0, i] (masked rejection on 32-bit outputs when i fits in 32 bits, on
// 64-bit outputs otherwise) and calls swap(i, j), also when i == j. It
// panics if n < 0.
func (g *Generator) Shuffle(n int, swap func(i, j int)) {
	if n < 0 {
		panic(fmt.Sprintf("random.Shuffle: negative n %d", n))
	}
	for i := n - 1; i >= 1; i-- {
		swap(i, int(g.interval(uint64(i))))
	}
}

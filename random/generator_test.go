package random

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPanics checks that bad arguments panic with a message that names the
// function and the values, for the methods and the package-level functions.
func TestPanics(t *testing.T) {
	g := New(0)
	tests := []struct {
		name string
		call func()
		want []string // substrings of the panic message
	}{
		{"Randint low==high", func() { g.Randint(5, 5, 1) }, []string{"random.Randint", "low 5 >= high 5"}},
		{"Randint low>high", func() { g.Randint(3, -2, 1) }, []string{"random.Randint", "low 3 >= high -2"}},
		{"Randint negative n", func() { g.Randint(0, 5, -1) }, []string{"random.Randint", "-1"}},
		{"Choice n=0", func() { g.Choice(0, 3) }, []string{"random.Choice", "n = 0"}},
		{"Choice n<0", func() { g.Choice(-4, 3) }, []string{"random.Choice", "n = -4"}},
		{"Choice negative size", func() { g.Choice(4, -3) }, []string{"random.Choice", "-3"}},
		{"ChoiceNoReplace size>n", func() { g.ChoiceNoReplace(10, 11) }, []string{"random.ChoiceNoReplace", "size 11", "n = 10"}},
		{"ChoiceNoReplace negative size", func() { g.ChoiceNoReplace(10, -1) }, []string{"random.ChoiceNoReplace", "-1"}},
		{"ChoiceNoReplace n<0", func() { g.ChoiceNoReplace(-2, 0) }, []string{"random.ChoiceNoReplace", "n = -2"}},
		{"Permutation", func() { g.Permutation(-1) }, []string{"random.Permutation", "-1"}},
		{"Shuffle", func() { g.Shuffle(-2, func(i, j int) {}) }, []string{"random.Shuffle", "-2"}},
		{"Rand", func() { g.Rand(2, -3) }, []string{"random.Rand", "-3", "[2 -3]"}},
		{"Randn", func() { g.Randn(-1) }, []string{"random.Randn", "-1"}},
		{"Uniform shape", func() { g.Uniform(0, 1, -5) }, []string{"random.Uniform", "-5"}},
		{"Uniform infinite range", func() { g.Uniform(-math.MaxFloat64, math.MaxFloat64, 1) }, []string{"random.Uniform", "not finite"}},
		{"Uniform NaN", func() { g.Uniform(math.NaN(), 1, 1) }, []string{"random.Uniform", "NaN"}},
		{"package Randint", func() { Randint(5, 5, 3) }, []string{"random.Randint: low 5 >= high 5"}},
		{"package Choice", func() { Choice(0, 1) }, []string{"random.Choice"}},
		{"package ChoiceNoReplace", func() { ChoiceNoReplace(3, 4) }, []string{"random.ChoiceNoReplace"}},
		{"package Permutation", func() { Permutation(-3) }, []string{"random.Permutation"}},
		{"package Shuffle", func() { Shuffle(-3, func(i, j int) {}) }, []string{"random.Shuffle", "-3"}},
		{"package Rand", func() { Rand(-1) }, []string{"random.Rand"}},
		{"package Randn", func() { Randn(-1, 2) }, []string{"random.Randn"}},
		{"package Uniform", func() { Uniform(0, math.Inf(1)) }, []string{"random.Uniform"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := func() (msg string) {
				defer func() {
					if r := recover(); r != nil {
						s, ok := r.(string)
						if !ok {
							t.Fatalf("panic value %T %v, want a string", r, r)
						}
						msg = s
					}
				}()
				tt.call()
				return ""
			}()
			if msg == "" {
				t.Fatal("no panic")
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("panic %q does not contain %q", msg, w)
				}
			}
		})
	}
	// The package-level lock must have been released by the panics.
	Float64()
}

// TestZeroDraws checks the calls that NumPy answers without drawing: the
// generator state must not move.
func TestZeroDraws(t *testing.T) {
	tests := []struct {
		name string
		call func(g *Generator) any
		want any
	}{
		{"Randint one value", func(g *Generator) any { return g.Randint(7, 8, 4) }, []int{7, 7, 7, 7}},
		{"Randint n=0", func(g *Generator) any { return g.Randint(0, 100, 0) }, []int{}},
		{"Choice n=1", func(g *Generator) any { return g.Choice(1, 3) }, []int{0, 0, 0}},
		{"Choice size=0", func(g *Generator) any { return g.Choice(9, 0) }, []int{}},
		{"Permutation 0", func(g *Generator) any { return g.Permutation(0) }, []int{}},
		{"Permutation 1", func(g *Generator) any { return g.Permutation(1) }, []int{0}},
		{"ChoiceNoReplace 0 of 0", func(g *Generator) any { return g.ChoiceNoReplace(0, 0) }, []int{}},
		{"ChoiceNoReplace 1 of 1", func(g *Generator) any { return g.ChoiceNoReplace(1, 1) }, []int{0}},
		{"Rand empty", func(g *Generator) any { return g.Rand(3, 0).Data() }, []float64{}},
		{"Randn empty", func(g *Generator) any { return g.Randn(0).Data() }, []float64{}},
	}
	for _, tt := range tests {
		g := New(11)
		before := *g
		got := tt.call(g)
		if diff := cmp.Diff(got, tt.want); diff != "" {
			t.Errorf("%s (-got +want):\n%s", tt.name, diff)
		}
		if g.state != before.state || g.pos != before.pos {
			t.Errorf("%s: the generator drew numbers", tt.name)
		}
	}
}

// TestShapes checks the tensors' shapes, including shape () for no sizes.
func TestShapes(t *testing.T) {
	g := New(0)
	tests := []struct {
		name  string
		shape []int
		got   []int
	}{
		{"Rand()", []int{}, g.Rand().Shape()},
		{"Randn()", []int{}, g.Randn().Shape()},
		{"Uniform()", []int{}, g.Uniform(0, 1).Shape()},
		{"Rand(2,3,4)", []int{2, 3, 4}, g.Rand(2, 3, 4).Shape()},
		{"Randn(5)", []int{5}, g.Randn(5).Shape()},
		{"Uniform(4,1)", []int{4, 1}, g.Uniform(-1, 1, 4, 1).Shape()},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.got, tt.shape); diff != "" {
			t.Errorf("%s shape (-got +want):\n%s", tt.name, diff)
		}
	}
}

// TestStreamRelations checks the identities between calls that NumPy's
// legacy generator has: rand is Float64 in order, uniform(0, 1) is rand,
// choice is randint(0, n), choice without replacement is a prefix of
// permutation, and Permutation follows Shuffle's draws.
func TestStreamRelations(t *testing.T) {
	type pair struct{ a, b any }
	tests := []struct {
		name string
		run  func(a, b *Generator) pair
	}{
		{"Rand/Float64", func(a, b *Generator) pair {
			want := make([]float64, 7)
			for i := range want {
				want[i] = b.Float64()
			}
			return pair{a.Rand(7).Data(), want}
		}},
		{"Randn/NormFloat64", func(a, b *Generator) pair {
			want := make([]float64, 7)
			for i := range want {
				want[i] = b.NormFloat64()
			}
			return pair{a.Randn(7).Data(), want}
		}},
		{"Uniform(0,1)/Rand", func(a, b *Generator) pair {
			return pair{a.Uniform(0, 1, 6).Data(), b.Rand(6).Data()}
		}},
		{"Choice/Randint", func(a, b *Generator) pair {
			return pair{a.Choice(1000, 9), b.Randint(0, 1000, 9)}
		}},
		{"ChoiceNoReplace/Permutation", func(a, b *Generator) pair {
			return pair{a.ChoiceNoReplace(300, 20), b.Permutation(300)[:20]}
		}},
		{"Permutation/Shuffle", func(a, b *Generator) pair {
			s := make([]int, 500)
			for i := range s {
				s[i] = i
			}
			b.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
			return pair{a.Permutation(500), s}
		}},
		{"Shuffle order", func(a, b *Generator) pair {
			var calls [][2]int
			a.Shuffle(6, func(i, j int) { calls = append(calls, [2]int{i, j}) })
			var want [][2]int
			for i := 5; i >= 1; i-- {
				want = append(want, [2]int{i, int(b.interval(uint64(i)))})
			}
			return pair{calls, want}
		}},
	}
	for _, tt := range tests {
		p := tt.run(New(21), New(21))
		if diff := cmp.Diff(p.a, p.b, bitsEqual); diff != "" {
			t.Errorf("%s (-got +want):\n%s", tt.name, diff)
		}
	}
}

// TestMT19937Reference checks raw outputs against well-known values for
// MT19937 seeded with 5489, the reference implementation's default seed
// (C++'s std::mt19937 default-constructed gives the same stream).
func TestMT19937Reference(t *testing.T) {
	g := New(5489)
	want := []uint32{3499211612, 581869302, 3890346734, 3586334585, 545404204}
	got := make([]uint32, len(want))
	for i := range got {
		got[i] = g.Uint32()
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("MT19937(5489) outputs (-got +want):\n%s", diff)
	}
	// The 10000th output for seed 5489 is 4123659995 (C++ std::mt19937).
	g = New(5489)
	var v uint32
	for i := 0; i < 10000; i++ {
		v = g.Uint32()
	}
	if v != 4123659995 {
		t.Errorf("10000th output = %d, want 4123659995", v)
	}
}

// TestRandintRange checks the bounds and the spread of Randint over ranges
// that use the 32-bit, full-32-bit and 64-bit paths.
func TestRandintRange(t *testing.T) {
	g := New(1)
	ranges := [][2]int{{-3, 4}, {0, 1 << 32}, {-1 << 40, 1 << 40}, {math.MinInt64, math.MaxInt64}, {math.MaxInt64 - 2, math.MaxInt64}}
	for _, r := range ranges {
		vals := g.Randint(r[0], r[1], 2000)
		seenLow, seenHigh := false, false
		mid := r[0] + int(uint64(r[1]-r[0])/2)
		for _, v := range vals {
			if v < r[0] || v >= r[1] {
				t.Fatalf("Randint(%d, %d): %d out of range", r[0], r[1], v)
			}
			seenLow = seenLow || v < mid
			seenHigh = seenHigh || v >= mid
		}
		if !seenLow || !seenHigh {
			t.Errorf("Randint(%d, %d): values all on one side of %d", r[0], r[1], mid)
		}
	}
}

func TestChoiceIntoMatchesChoice(t *testing.T) {
	a, b := New(5), New(5)
	dst := make([]int, 100)
	for range 3 {
		want := a.Choice(60000, 100)
		b.ChoiceInto(dst, 60000)
		if !cmp.Equal(want, dst) {
			t.Fatalf("ChoiceInto differs from Choice")
		}
	}
	if n := testing.AllocsPerRun(10, func() { b.ChoiceInto(dst, 60000) }); n != 0 {
		t.Errorf("ChoiceInto allocates %v times", n)
	}
}

func TestClone(t *testing.T) {
	g := New(7)
	g.NormFloat64() // leaves the second Gaussian of a pair cached
	c := g.Clone()
	want := []float64{g.NormFloat64(), g.Float64(), g.NormFloat64()}
	got := []float64{c.NormFloat64(), c.Float64(), c.NormFloat64()}
	if !slices.Equal(got, want) {
		t.Errorf("clone drew %v, the original %v", got, want)
	}
	if a, b := g.Uint32(), New(7).Uint32(); a == b {
		t.Errorf("the original drew %d after its clone, the same as a fresh generator", a)
	}
}

// TestFloat64s checks that Float64s draws what as many Float64 calls
// draw, from every position in the state (after an odd number of words,
// a pair straddles a twist) and for lengths across several twists.
func TestFloat64s(t *testing.T) {
	for _, skip := range []int{0, 1, 2, 311, 622, 623} {
		for _, n := range []int{0, 1, 5, 311, 312, 313, 1000, 2500} {
			g, h := New(3), New(3)
			for range skip {
				g.Uint32()
				h.Uint32()
			}
			got := make([]float64, n)
			g.Float64s(got)
			for i, v := range got {
				if w := h.Float64(); v != w {
					t.Fatalf("skip %d, n %d: value %d is %v, Float64 gives %v", skip, n, i, v, w)
				}
			}
			if a, b := g.Uint32(), h.Uint32(); a != b {
				t.Fatalf("skip %d, n %d: the next word is %d after Float64s, %d after Float64", skip, n, a, b)
			}
		}
	}
}

// TestSkipNormals: after SkipNormals(n), a generator draws what one that
// made n NormFloat64 draws draws next, whether it starts with a cached
// value or not, for n even and odd.
func TestSkipNormals(t *testing.T) {
	for _, cached := range []bool{false, true} {
		for _, n := range []int{-1, 0, 1, 2, 3, 10, 1001} {
			g, h := New(11), New(11)
			if cached {
				g.NormFloat64()
				h.NormFloat64()
			}
			g.SkipNormals(n)
			for range n {
				h.NormFloat64()
			}
			got := []float64{g.NormFloat64(), g.NormFloat64(), g.Float64(), g.NormFloat64()}
			want := []float64{h.NormFloat64(), h.NormFloat64(), h.Float64(), h.NormFloat64()}
			if !slices.Equal(got, want) {
				t.Errorf("cached %v, n %d: drew %v after SkipNormals, %v after NormFloat64s", cached, n, got, want)
			}
		}
	}
}

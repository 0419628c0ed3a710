package random

import (
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The tests in this file use the shared default generator; none of them
// runs in parallel with another.

func TestNumpyFixturePackage(t *testing.T) {
	runNumpyFixture(t, Seed, packageDrawer())
}

// TestPackageMatchesNew checks that after Seed(s) the package-level
// functions give the same stream as New(s), call for call.
func TestPackageMatchesNew(t *testing.T) {
	for _, seed := range []uint32{0, 1, 42, 1 << 31, 4294967295} {
		Seed(seed)
		g := New(seed)
		type draws struct {
			F, N               float64
			R, RN, U           []float64
			I, C, CN, P, Shuff []int
		}
		shuffled := func(shuffle func(int, func(i, j int))) []int {
			s := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
			shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
			return s
		}
		got := draws{
			F: Float64(), N: NormFloat64(),
			R: Rand(3, 2).Data(), RN: Randn(5).Data(), U: Uniform(-1, 3, 4).Data(),
			I: Randint(-7, 1<<40, 6), C: Choice(1000, 5), CN: ChoiceNoReplace(50, 5),
			P: Permutation(20), Shuff: shuffled(Shuffle),
		}
		want := draws{
			F: g.Float64(), N: g.NormFloat64(),
			R: g.Rand(3, 2).Data(), RN: g.Randn(5).Data(), U: g.Uniform(-1, 3, 4).Data(),
			I: g.Randint(-7, 1<<40, 6), C: g.Choice(1000, 5), CN: g.ChoiceNoReplace(50, 5),
			P: g.Permutation(20), Shuff: shuffled(g.Shuffle),
		}
		if diff := cmp.Diff(got, want, bitsEqual); diff != "" {
			t.Errorf("seed %d: package-level stream differs from New (-package +New):\n%s", seed, diff)
		}
		if d := Default(); d.pos != g.pos || d.state != g.state || d.hasGauss != g.hasGauss {
			t.Errorf("seed %d: Default() state differs from New's after the same draws", seed)
		}
	}
}

// TestSeedClearsGauss checks that Seed drops a cached Gaussian, for the
// method and for the package-level function, as np.random.seed does.
func TestSeedClearsGauss(t *testing.T) {
	g := New(3)
	g.NormFloat64() // leaves one cached
	g.Seed(3)
	if got, want := g.NormFloat64(), New(3).NormFloat64(); got != want {
		t.Errorf("after Seed: NormFloat64 = %v, want %v", got, want)
	}
	Seed(3)
	NormFloat64()
	Seed(3)
	if got, want := NormFloat64(), New(3).NormFloat64(); got != want {
		t.Errorf("after package Seed: NormFloat64 = %v, want %v", got, want)
	}
}

// TestDefaultUnseeded checks the entropy-seeded default generator: a fresh
// one (as at first use without Seed) draws valid values and differs from
// another fresh one.
func TestDefaultUnseeded(t *testing.T) {
	defaultMu.Lock()
	saved := defaultGen
	defaultGen = nil
	defaultMu.Unlock()
	defer func() {
		defaultMu.Lock()
		defaultGen = saved
		defaultMu.Unlock()
	}()

	a := Default()
	if a.state[0] != 0x80000000 || a.pos != mtN {
		t.Errorf("entropy seeding: state[0] = %#x, pos = %d; want 0x80000000, %d", a.state[0], a.pos, mtN)
	}
	if Default() != a {
		t.Error("Default returned a different generator on the second call")
	}
	for i := 0; i < 1000; i++ {
		if v := Float64(); v < 0 || v >= 1 {
			t.Fatalf("Float64 = %v, outside [0, 1)", v)
		}
	}
	first := Rand(8).Data()
	defaultMu.Lock()
	defaultGen = nil
	defaultMu.Unlock()
	second := Rand(8).Data()
	if cmp.Equal(first, second) {
		t.Errorf("two entropy-seeded generators gave the same draws %v", first)
	}
}

// TestPackageConcurrent calls every package-level function from several
// goroutines at once; run with -race it checks the locking.
func TestPackageConcurrent(t *testing.T) {
	Seed(7)
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				Float64()
				NormFloat64()
				Rand(2, 2)
				Randn(3)
				Uniform(0, 2, 2)
				Randint(0, 10, 3)
				Choice(10, 3)
				ChoiceNoReplace(10, 3)
				Permutation(10)
				s := make([]int, 10)
				// swap may itself use the package-level functions.
				Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i]; Float64() })
			}
		}()
	}
	wg.Wait()
}

package main

import (
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// noise is the rounding noise of one central difference of the loss:
// the loss (about 2.3) rounded to within 2⁻⁵³ of itself, over 2h with
// h = 1e-4, about 1.3e-12. The smallest printed differences (W2, W3:
// 5e-11 to 9e-11) are of the order of 50 such errors, so the products'
// summation order moves them by more than a relative 1e-3.
const noise = 0x1p-53 * 2.3 / 2e-4

// TestTwin compares the printed differences with NumPy's for seeds 0 and
// 3 (testdata/gradient_check_seed{0,3}.txt): the same names in the same
// order, each value within a relative 1e-3 plus noise (the differences
// are rounding noise of the loss, which the products' summation order
// moves a little).
func TestTwin(t *testing.T) {
	for _, seed := range []string{"0", "3"} {
		raw, err := os.ReadFile("testdata/gradient_check_seed" + seed + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		want := parse(t, string(raw))
		got := parse(t, clitest.Run(t, run, "-seed", seed))
		if len(got) != 6 || len(got) != len(want) {
			t.Fatalf("seed %s: %d lines, NumPy %d (want 6)", seed, len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			if g.name != w.name {
				t.Errorf("seed %s: line %d names %s, NumPy's %s", seed, i+1, g.name, w.name)
			}
			if math.Abs(g.v-w.v) > 1e-3*math.Abs(w.v)+noise {
				t.Errorf("seed %s: %s: %v, NumPy %v (relative %.2g)", seed, w.name, g.v, w.v, math.Abs(g.v-w.v)/math.Abs(w.v))
			}
		}
	}
	clitest.CheckBadInputs(t, run, clitest.BadInputs{
		{"seed", []string{"-seed", "-1"}, "-seed", true},
		{"stray argument", []string{"extra"}, "extra", true},
	})
}

type line struct {
	name string
	v    float64
}

// parse reads "name value" lines, skipping "#" lines and blank ones.
func parse(t *testing.T, s string) []line {
	t.Helper()
	var out []line
	for _, l := range strings.Split(s, "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		name, v, ok := strings.Cut(l, " ")
		f, err := strconv.ParseFloat(v, 64)
		if !ok || err != nil {
			t.Fatalf("line %q is not \"name value\"", l)
		}
		out = append(out, line{name, f})
	}
	return out
}

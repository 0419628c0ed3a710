package main

import (
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestTwin compares the printed differences with NumPy's
// (testdata/gradient_check_seed0.txt): the same names in the same order,
// each value within a relative 1e-3 (the differences are rounding noise
// of the loss, which the products' summation order moves a little).
func TestTwin(t *testing.T) {
	raw, err := os.ReadFile("testdata/gradient_check_seed0.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := parse(t, string(raw))
	got := parse(t, clitest.Run(t, run, "-seed", "0"))
	if len(got) != 6 || len(got) != len(want) {
		t.Fatalf("%d lines, NumPy %d (want 6)", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.name != w.name {
			t.Errorf("line %d names %s, NumPy's %s", i+1, g.name, w.name)
		}
		if math.Abs(g.v-w.v) > 1e-3*math.Abs(w.v) {
			t.Errorf("%s: %v, NumPy %v (relative %.2g)", w.name, g.v, w.v, math.Abs(g.v-w.v)/math.Abs(w.v))
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

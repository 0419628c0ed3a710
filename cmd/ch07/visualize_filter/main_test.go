package main

import (
	"path/filepath"
	"testing"

	"github.com/dlfs-go/dlfs/cmd/ch07/internal/filters/filterstest"
	"github.com/dlfs-go/dlfs/internal/cli/clitest"
	"github.com/dlfs-go/dlfs/internal/testenv"
)

// TestTwin draws the two figures from a params.pkl the test saves, and
// from the book's ch07/params.pkl when it is there: 30 filters each.
func TestTwin(t *testing.T) {
	dir := t.TempDir()
	o1, o2 := filepath.Join(dir, "1.svg"), filepath.Join(dir, "2.svg")
	out := clitest.Run(t, run, "-weights", filterstest.Weights(t, dir, 3), "-o1", o1, "-o2", o2)
	if want := "figure: " + o1 + "\nfigure: " + o2 + "\n"; out != want {
		t.Errorf("output %q, want %q", out, want)
	}
	for _, p := range []string{o1, o2} {
		clitest.CheckSVG(t, p)
		if n := filterstest.CountImages(t, p); n != 30 {
			t.Errorf("%s shows %d filters, want 30", p, n)
		}
	}
	t.Run("book weights", func(t *testing.T) {
		book := testenv.BookWeights(t, "ch07_params.pkl")
		clitest.Run(t, run, "-weights", book, "-o1", o1, "-o2", o2)
		clitest.CheckSVG(t, o2)
	})
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	o1, o2 := filepath.Join(dir, "1.svg"), filepath.Join(dir, "2.svg")
	clitest.CheckBadInputs(t, run, clitest.BadInputs{
		{"missing weights", []string{"-weights", filepath.Join(dir, "missing.pkl"), "-o1", o1, "-o2", o2}, "ch07/params.pkl of its code repository", false},
		{"another network", []string{"-weights", filterstest.OtherWeights(t, dir), "-o1", o1, "-o2", o2}, `"W1" has shape (16,1,3,3) in the file, the network needs (30,1,5,5)`, false},
		{"unwritable -o2", []string{"-o2", filepath.Join(dir, "no", "such", "2.svg")}, "2.svg", false},
		{"bad seed", []string{"-seed", "x"}, "-seed", true},
		{"stray argument", []string{"extra"}, "extra", true},
	})
}

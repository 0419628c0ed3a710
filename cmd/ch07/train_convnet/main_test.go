package main

import (
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/data/pickle"
	"github.com/dlfs-go/dlfs/internal/cli/clitest"
	"github.com/dlfs-go/dlfs/internal/testenv"
)

// TestTwin runs 20 iterations with -seed 0 against NumPy's
// (testdata/train_convnet_20it_seed0.txt: the script with max_iter 20),
// and a whole epoch as a full-length check against
// ../shared/reference/book/ch07_train_convnet_1epoch_seed0.txt (copied
// into testdata): every train loss within a relative 1e-6, the
// accuracies within 0.002, the other lines exactly. The saved pickle
// must hold the six parameters.
func TestTwin(t *testing.T) {
	data := testenv.MNIST(t)
	t.Run("20 iterations", func(t *testing.T) {
		dir := t.TempDir()
		save := filepath.Join(dir, "params.pkl")
		out := clitest.FigureRun(t, run, "train_convnet.svg", "-data", data, "-iters", "20", "-save", save)
		compare(t, out, "testdata/train_convnet_20it_seed0.txt")
		params, err := pickle.ReadWeightsFile(save)
		if err != nil {
			t.Fatal(err)
		}
		for name, shape := range map[string][]int{"W1": {30, 1, 5, 5}, "b1": {30}, "W2": {4320, 100}, "b2": {100}, "W3": {100, 10}, "b3": {10}} {
			if p := params[name]; p == nil || !equalInts(p.Shape(), shape) {
				t.Errorf("saved %s: %v, want shape %v", name, p, shape)
			}
		}
	})
	t.Run("one epoch", func(t *testing.T) {
		testenv.Full(t, "train_convnet for one epoch (600 iterations)")
		out := clitest.FigureRun(t, run, "train_convnet.svg", "-data", data, "-epochs", "1", "-save", filepath.Join(t.TempDir(), "params.pkl"))
		compare(t, out, "testdata/train_convnet_1epoch_seed0.txt")
	})
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	clitest.CheckBadInputs(t, run, clitest.BadInputs{
		{"epochs 0", []string{"-epochs", "0"}, "-epochs", true},
		{"iters negative", []string{"-iters", "-1"}, "-iters", true},
		{"save unwritable", []string{"-save", filepath.Join(dir, "no", "such", "params.pkl")}, "params.pkl", false},
		{"figure unwritable", []string{"-o", filepath.Join(dir, "no", "such", "f.svg")}, "f.svg", false},
		{"stray argument", []string{"extra"}, "extra", true},
	})
}

// compare checks out (with its figure line) against the fixture at path
// (after its "#" lines).
func compare(t *testing.T, out, path string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, l := range strings.Split(strings.TrimRight(string(raw), "\n"), "\n") {
		if !strings.HasPrefix(l, "#") {
			want = append(want, l)
		}
	}
	got := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if n := len(got); n == 0 || !strings.HasPrefix(got[n-1], "figure: ") {
		t.Fatalf("the output does not end with the figure line:\n%s", out)
	}
	got = got[:len(got)-1]
	if len(got) != len(want) {
		t.Fatalf("%d lines, NumPy %d:\n%s", len(got), len(want), out)
	}
	for i, w := range want {
		g := got[i]
		switch {
		case strings.HasPrefix(w, "train loss:"):
			gv, wv := value(t, g, "train loss:"), value(t, w, "train loss:")
			if math.Abs(gv-wv) > 1e-6*math.Abs(wv) {
				t.Errorf("line %d: %s, NumPy %s", i+1, g, w)
			}
		case strings.HasPrefix(w, "=== epoch:") || strings.HasPrefix(w, "test acc:"):
			gf, wf := accuracies(g), accuracies(w)
			if len(gf) != len(wf) || strings.Count(g, ":") != strings.Count(w, ":") {
				t.Errorf("line %d: %s, NumPy %s", i+1, g, w)
				continue
			}
			for k := range wf {
				if math.Abs(gf[k]-wf[k]) > 0.002 {
					t.Errorf("line %d: %s, NumPy %s", i+1, g, w)
				}
			}
		case g != w:
			t.Errorf("line %d: %q, NumPy %q", i+1, g, w)
		}
	}
}

// value parses the number after prefix.
func value(t *testing.T, line, prefix string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(strings.TrimPrefix(line, prefix), 64)
	if err != nil || !strings.HasPrefix(line, prefix) {
		t.Fatalf("line %q: want %s and a number", line, prefix)
	}
	return v
}

// accuracies returns the numbers after "acc:" in a line.
func accuracies(line string) []float64 {
	var out []float64
	for _, part := range strings.Split(line, "acc:")[1:] {
		end := strings.IndexAny(part, ", ")
		if end < 0 {
			end = len(part)
		}
		v, err := strconv.ParseFloat(part[:end], 64)
		if err != nil {
			return nil
		}
		out = append(out, v)
	}
	return out
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Package convtraintest holds the tests the convolutional training twins
// (ch07/train_convnet, ch08/train_deepnet) share.
package convtraintest

import (
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// CheckBadInputs checks that bad flags are refused before any work.
func CheckBadInputs(t *testing.T, run func(args []string, stdout, stderr io.Writer) error) {
	dir := t.TempDir()
	clitest.CheckBadInputs(t, run, clitest.BadInputs{
		{"epochs 0", []string{"-epochs", "0"}, "-epochs", true},
		{"iters negative", []string{"-iters", "-1"}, "-iters", true},
		{"save unwritable", []string{"-save", filepath.Join(dir, "no", "such", "params.pkl")}, "params.pkl", false},
		{"stray argument", []string{"extra"}, "extra", true},
	})
}

// Compare checks out, a twin's output, against the fixture at path (the
// book's script under NumPy, after the fixture's "#" lines): every train
// loss within a relative 1e-6, the accuracies within 0.002, the other
// lines exactly. A "figure: " line at the end of out is left out.
func Compare(t *testing.T, out, path string) {
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
	if n := len(got); n > 0 && strings.HasPrefix(got[n-1], "figure: ") {
		got = got[:n-1]
	}
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

// EqualInts reports whether two shapes are equal.
func EqualInts(a, b []int) bool {
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

// Package comparetest checks the output of the mnistcompare twins against
// what the book's scripts printed under NumPy.
package comparetest

import (
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// Rel is the relative tolerance on each printed loss: the Go and NumPy
// runs sum their matrix products in different orders, so the losses
// agree to about 1e-12 and drift apart slowly over 2000 updates.
const Rel = 1e-6

// line is one printed line: a "===========iteration:i===========" header
// (key holds it, no value) or "key:loss".
type line struct {
	key   string
	value float64
	isVal bool
}

// parse reads the book's lines from text, skipping "#" header lines and
// the closing "figure: ..." line of a twin.
func parse(t *testing.T, what, text string) []line {
	t.Helper()
	var out []line
	for _, s := range strings.Split(strings.TrimSpace(text), "\n") {
		if strings.HasPrefix(s, "#") || strings.HasPrefix(s, "figure: ") {
			continue
		}
		if strings.HasPrefix(s, "===========iteration:") {
			out = append(out, line{key: s})
			continue
		}
		i := strings.LastIndex(s, ":")
		if i < 0 {
			t.Fatalf("%s: line %q is neither an iteration header nor key:loss", what, s)
		}
		v, err := strconv.ParseFloat(s[i+1:], 64)
		if err != nil {
			t.Fatalf("%s: line %q: %v", what, s, err)
		}
		out = append(out, line{key: s[:i], value: v, isVal: true})
	}
	return out
}

// Check runs the twin with args, writing its figure to a temporary folder
// (checked with clitest.CheckSVG), and compares what it prints with the
// fixture at path: the same lines in the same order, each loss within a
// relative Rel of NumPy's.
func Check(t *testing.T, run func(args []string, stdout, stderr io.Writer) error, path string, args ...string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	svg := t.TempDir() + "/figure.svg"
	got := parse(t, "output", clitest.Run(t, run, append(args, "-o", svg)...))
	want := parse(t, path, string(b))
	if len(got) != len(want) {
		t.Fatalf("%d lines, %s has %d", len(got), path, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.key != w.key || g.isVal != w.isVal {
			t.Errorf("line %d is %q, %s has %q", i+1, g.key, path, w.key)
			continue
		}
		if w.isVal && !(math.Abs(g.value-w.value) <= Rel*math.Abs(w.value)) {
			t.Errorf("line %d: %s:%v, NumPy %v (relative difference %.2g)", i+1, g.key, g.value, w.value,
				math.Abs(g.value-w.value)/math.Abs(w.value))
		}
	}
	clitest.CheckSVG(t, svg)
}

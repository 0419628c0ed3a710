// Package overfittest checks the output of the overfit twins against what
// the book's scripts printed under NumPy.
package overfittest

import (
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// The tolerances of issue 9: a loss within a relative LossRel of NumPy's,
// an accuracy within AccAbs. The Go and NumPy runs sum their matrix
// products in different orders, so the losses agree to about 1e-15 at
// first and drift apart slowly; the accuracies, exact counts over a set,
// are equal until a sample's two largest scores come within that drift.
const (
	LossRel = 1e-6
	AccAbs  = 0.001
)

// number matches a number as Python prints an int or a float (nan and inf
// included).
var number = regexp.MustCompile(`-?(?:nan|inf|\d+(?:\.\d*)?(?:e[-+]?\d+)?)`)

// Line is one printed line: its text with each number replaced by "#",
// and the numbers with what each is, by the word before it: "loss" (a
// line's "loss:X"), "acc" ("acc:X") or "" (an epoch counter, compared
// exactly).
type Line struct {
	Text   string
	Values []Value
}

// Value is one number of a Line.
type Value struct {
	Kind string // "loss", "acc" or ""
	S    string // as printed
	V    float64
}

// Parse reads the book's lines from text, skipping "#" header lines and
// the closing "figure: ..." line of a twin.
func Parse(t testing.TB, what, text string) []Line {
	t.Helper()
	var out []Line
	for _, s := range strings.Split(strings.TrimSpace(text), "\n") {
		if strings.HasPrefix(s, "#") || strings.HasPrefix(s, "figure: ") {
			continue
		}
		var l Line
		last := 0
		var b strings.Builder
		for _, m := range number.FindAllStringIndex(s, -1) {
			before := s[last:m[0]]
			b.WriteString(before)
			b.WriteString("#")
			prefix := s[:m[0]]
			kind := ""
			switch {
			case strings.HasSuffix(prefix, "loss:"):
				kind = "loss"
			case strings.HasSuffix(prefix, "acc:"):
				kind = "acc"
			}
			str := s[m[0]:m[1]]
			v, err := strconv.ParseFloat(str, 64)
			if err != nil {
				t.Fatalf("%s: line %q: %v", what, s, err)
			}
			l.Values = append(l.Values, Value{Kind: kind, S: str, V: v})
			last = m[1]
		}
		b.WriteString(s[last:])
		l.Text = b.String()
		out = append(out, l)
	}
	return out
}

// Compare compares the lines got with the lines want (from the fixture
// named what): the same lines in the same order, each loss within a
// relative LossRel, each accuracy within AccAbs and every other number
// exactly. It returns the largest relative difference of the losses and
// the largest difference of the accuracies (-1 where there is none), for
// the test's log.
func Compare(t testing.TB, got, want []Line, what string) (lossRel, accAbs float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d lines, %s has %d", len(got), what, len(want))
	}
	lossRel, accAbs = -1, -1
	for i, w := range want {
		g := got[i]
		if g.Text != w.Text || len(g.Values) != len(w.Values) {
			t.Errorf("line %d is %q, %s has %q", i+1, g.Text, what, w.Text)
			continue
		}
		for j, wv := range w.Values {
			gv := g.Values[j]
			switch wv.Kind {
			case "loss":
				d := math.Abs(gv.V-wv.V) / math.Abs(wv.V)
				lossRel = max(lossRel, d)
				if !(d <= LossRel) {
					t.Errorf("line %d: loss %s, NumPy %s (relative difference %.2g)", i+1, gv.S, wv.S, d)
				}
			case "acc":
				d := math.Abs(gv.V - wv.V)
				accAbs = max(accAbs, d)
				if !(d <= AccAbs) {
					t.Errorf("line %d: accuracy %s, NumPy %s", i+1, gv.S, wv.S)
				}
			default:
				if gv.S != wv.S {
					t.Errorf("line %d: %s, NumPy %s", i+1, gv.S, wv.S)
				}
			}
		}
	}
	return lossRel, accAbs
}

// Check runs the twin with args, writing its figure to a temporary folder
// (checked with clitest.CheckSVG), and compares what it prints with the
// fixture at path (Compare).
func Check(t *testing.T, run func(args []string, stdout, stderr io.Writer) error, path string, args ...string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	svg := t.TempDir() + "/figure.svg"
	out := clitest.Run(t, run, append(args, "-o", svg)...)
	if !strings.HasSuffix(out, "figure: "+svg+"\n") {
		t.Errorf("output does not end with the figure's line %q", "figure: "+svg)
	}
	lossRel, accAbs := Compare(t, Parse(t, "output", out), Parse(t, path, string(b)), path)
	if lossRel >= 0 {
		t.Logf("largest relative difference of a loss: %.2g", lossRel)
	}
	if accAbs >= 0 {
		t.Logf("largest difference of an accuracy: %.2g", accAbs)
	}
	clitest.CheckSVG(t, svg)
}

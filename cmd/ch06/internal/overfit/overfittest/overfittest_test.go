package overfittest

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParse: each number of a line is found, named by the word before it,
// and replaced by "#" in the line's text; "#" header lines and the figure's
// line are skipped.
func TestParse(t *testing.T) {
	text := "# header\ntrain loss:2.309550632938209\n" +
		"=== epoch:1, train acc:0.11, test acc:0.1016 ===\n" +
		"epoch:0, train acc:0.12333333333333334, test acc:nan\n" +
		"train loss:inf\ntrain loss:1e-05\nfigure: x.svg\n"
	inf := math.Inf(1)
	want := []Line{
		{"train loss:#", []Value{{"loss", "2.309550632938209", 2.309550632938209}}},
		{"=== epoch:#, train acc:#, test acc:# ===", []Value{{"", "1", 1}, {"acc", "0.11", 0.11}, {"acc", "0.1016", 0.1016}}},
		{"epoch:#, train acc:#, test acc:#", []Value{{"", "0", 0}, {"acc", "0.12333333333333334", 0.12333333333333334}, {"acc", "nan", math.NaN()}}},
		{"train loss:#", []Value{{"loss", "inf", inf}}},
		{"train loss:#", []Value{{"loss", "1e-05", 1e-05}}},
	}
	got := Parse(t, "text", text)
	if d := cmp.Diff(want, got, cmp.Comparer(func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) })); d != "" {
		t.Errorf("Parse (-want +got):\n%s", d)
	}
}

// TestCompare: differences within the tolerances pass, and Compare
// returns the largest of them.
func TestCompare(t *testing.T) {
	want := Parse(t, "want", "train loss:2.0\n=== epoch:1, train acc:0.5, test acc:0.25 ===")
	got := Parse(t, "got", "train loss:2.000000001\n=== epoch:1, train acc:0.5, test acc:0.2505 ===")
	lossRel, accAbs := Compare(t, got, want, "want")
	if !(lossRel > 4e-10 && lossRel < 6e-10) || !(accAbs > 4e-4 && accAbs < 6e-4) {
		t.Errorf("Compare returned %g and %g, want 5e-10 and 5e-4", lossRel, accAbs)
	}
}

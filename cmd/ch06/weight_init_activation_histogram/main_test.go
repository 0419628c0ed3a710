package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
	"github.com/dlfs-go/dlfs/random"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestTwin checks the output (the script prints nothing) and the SVG figure.
func TestTwin(t *testing.T) {
	clitest.FigureTwin(t, run, "weight_init_activation_histogram.svg",
		"figure: DIR/weight_init_activation_histogram.svg\n")
}

// series returns, for the activations of the five layers, the arrays of
// the fixtures: each histogram's counts, the first 100 activations and
// their sum.
func series(prefix string, acts [][]float64) map[string][]float64 {
	_, counts := figure(acts)
	out := map[string][]float64{}
	for i, a := range acts {
		c := make([]float64, len(counts[i]))
		for j, n := range counts[i] {
			c[j] = float64(n)
		}
		sum := 0.0
		for _, v := range a {
			sum += v
		}
		key := fmt.Sprintf("%shist%d.", prefix, i)
		out[key+"counts"] = c
		out[key+"0[:100]"] = a[:100]
		out[key+"0.sum"] = []float64{sum}
	}
	return out
}

// approx is how close an activation must be to NumPy's. np.dot sums the
// 100 products of each value in another order than the kernels here, so
// values of size 1 differ by a few 1e-15; where they cancel to almost 0
// (a ReLU's small outputs) that is a large relative difference, hence the
// absolute 1e-12. Counts must be equal.
var approx = cmpopts.EquateApprox(1e-12, 1e-12)

// compare checks the arrays of the run named prefix against the fixture.
func compare(t *testing.T, want map[string][]float64, prefix string, acts [][]float64) int {
	t.Helper()
	n := 0
	for key, got := range series(prefix, acts) {
		w, ok := want[key]
		if !ok {
			t.Errorf("the fixture has no %s", key)
			continue
		}
		n++
		var opts []cmp.Option
		if !strings.HasSuffix(key, ".counts") {
			opts = append(opts, approx)
		}
		if diff := cmp.Diff(w, got, opts...); diff != "" {
			t.Errorf("%s (-NumPy +twin):\n%s", key, diff)
		}
	}
	return n
}

// TestFigureData compares the five histograms, bar for bar, and the
// activations behind them with the script run with np.random.seed(0)
// (testdata/numpy_figure.txt).
func TestFigureData(t *testing.T) {
	want := clitest.ReadArrays(t, clitest.FigureFixture)
	acts := activations(random.New(0), activationFuncs["sigmoid"], 1)
	if n := compare(t, want, "", acts); n != len(want) {
		t.Errorf("compared %d arrays of %s's %d", n, clitest.FigureFixture, len(want))
	}
}

// TestVariants does the same for the settings the script's comments
// suggest and other seeds (testdata/numpy_variants.txt): ReLU with He's
// scale, tanh with Xavier's, a sigmoid with weights of 0.01 (whose values
// crowd at the bin edge 0.5), and so on.
func TestVariants(t *testing.T) {
	want := clitest.ReadArrays(t, "testdata/numpy_variants.txt")
	tests := []struct {
		prefix     string
		activation string
		scale      string
		seed       uint32
	}{
		{"relu_he_seed0.", "relu", "he", 0},
		{"tanh_xavier_seed0.", "tanh", "xavier", 0},
		{"sigmoid_0.01_seed0.", "sigmoid", "0.01", 0},
		{"sigmoid_1_seed7.", "sigmoid", "1", 7},
		{"relu_0.01_seed42.", "RELU", "0.01", 42},
	}
	seen := 0
	for _, tc := range tests {
		t.Run(strings.TrimSuffix(tc.prefix, "."), func(t *testing.T) {
			var act activationValue
			var scale scaleValue
			if err := act.Set(tc.activation); err != nil {
				t.Fatal(err)
			}
			if err := scale.Set(tc.scale); err != nil {
				t.Fatal(err)
			}
			seen += compare(t, want, tc.prefix, activations(random.New(tc.seed), act.fn(), scale.v))
		})
	}
	if seen != len(want) {
		t.Errorf("compared %d arrays of numpy_variants.txt's %d", seen, len(want))
	}
}

// TestBadInputs: a flag out of range, an unknown activation or an -o that
// cannot be written is one error line, found before any work.
func TestBadInputs(t *testing.T) {
	tmp := t.TempDir()
	missing := filepath.Join(tmp, "nope", "h.svg")
	clitest.CheckBadInputs(t, run, clitest.BadInputs{
		{"negative seed", []string{"-seed", "-1"}, "-seed -1 is out of range: NumPy's seeds are 0 to 4294967295", true},
		{"seed too large", []string{"-seed", "4294967296"}, "-seed 4294967296 is out of range", true},
		{"seed not a number", []string{"-seed", "x"}, `-seed "x" is not a whole number`, true},
		{"unknown activation", []string{"-activation", "softmax"}, `-activation "softmax" is not one of sigmoid, relu, tanh`, true},
		{"scale not a number", []string{"-scale", "big"}, `-scale "big" is not a finite number, xavier or he`, true},
		{"scale NaN", []string{"-scale", "NaN"}, `-scale "NaN" is not a finite number, xavier or he`, true},
		{"scale infinite", []string{"-scale", "1e999"}, `-scale "1e999" is not a finite number, xavier or he`, true},
		{"stray argument", []string{"x"}, `unexpected argument "x"`, true},
		{"-o in a missing folder", []string{"-o", missing}, "-o: cannot write " + missing + ": the folder " + filepath.Dir(missing) + " does not exist", false},
		{"-o is a folder", []string{"-o", tmp}, "-o: cannot write " + tmp + ": it is a folder", false},
	})
}

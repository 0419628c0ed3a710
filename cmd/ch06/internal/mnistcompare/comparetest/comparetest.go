// Package comparetest checks the output of the mnistcompare twins against
// what the book's scripts printed under NumPy.
package comparetest

import (
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/data/mnist/mnisttest"
	"github.com/dlfs-go/dlfs/internal/cli/clitest"
	"github.com/dlfs-go/dlfs/internal/testenv"
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

// CheckTwin runs the tests both twins share. Seeded runs are compared with
// the book's script run with NumPy after np.random.seed(0) and
// np.random.seed(3), every printed loss within a relative Rel: a run of
// 201 iterations (three report blocks) with the script shortened to
// max_iterations = 201 (testdata/numpy_iters201_seed{0,3}.txt), and, as
// full-length checks (DLFS_FULL=1; full names them), the script's whole
// run of 2000 iterations (testdata/<reference>, whose name ends in
// _seed0.txt, and the same name ending in _seed3.txt). Bad flags, MNIST
// folders and -o paths must be errors that say what is wrong, found before
// the training starts.
func CheckTwin(t *testing.T, run func(args []string, stdout, stderr io.Writer) error, reference, full string) {
	tests := []struct {
		name, fixture, seed string
		full                bool
		args                []string
	}{
		{"201 iterations", "testdata/numpy_iters201_seed0.txt", "0", false, []string{"-iters", "201"}},
		{"201 iterations, seed 3", "testdata/numpy_iters201_seed3.txt", "3", false, []string{"-iters", "201"}},
		{"full run", filepath.Join("testdata", reference), "0", true, nil},
		{"full run, seed 3", filepath.Join("testdata", strings.TrimSuffix(reference, "_seed0.txt")+"_seed3.txt"), "3", true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.full {
				testenv.Full(t, full)
			} else if testing.Short() {
				t.Skip("trains on MNIST")
			}
			dir := testenv.MNIST(t)
			Check(t, run, tt.fixture, append([]string{"-seed", tt.seed, "-data", dir}, tt.args...)...)
		})
	}
	t.Run("BadInputs", func(t *testing.T) {
		files := mnisttest.Files(3, 1)
		small := mnisttest.WriteDir(t, mnisttest.With(files, mnist.TrainImagesFile, mnisttest.Images(3, 27, 27)))
		missing := filepath.Join(t.TempDir(), "nope")
		clitest.CheckBadInputs(t, run, clitest.BadInputs{
			{"27x27 images", []string{"-data", small},
				filepath.Join(small, mnist.TrainImagesFile) + ": images of 27x27 pixels, but MNIST's are 28x28", false},
			{"-data does not exist", []string{"-data", missing}, "the data directory " + missing + " does not exist", false},
			{"-iters 0", []string{"-iters", "0"}, "-iters 0 must be at least 1 (allowed: 1 to 1000000)", true},
			{"-iters too large", []string{"-iters", "1000001"}, "-iters 1000001 is out of range (allowed: 1 to 1000000)", true},
			{"-seed -1", []string{"-seed", "-1"}, "-seed -1 is out of range: NumPy's seeds are 0 to 4294967295", true},
			{"-o in a missing folder", []string{"-o", filepath.Join(missing, "f.svg")}, missing, false},
			{"stray argument", []string{"stray"}, `unexpected argument "stray"`, true},
		})
	})
}

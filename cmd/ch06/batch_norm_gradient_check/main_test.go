package main

import (
	"bytes"
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

// TestMatchesBook runs the twin with -seed 0 and -seed 3 on MNIST and
// compares every printed line with the book's script run with
// np.random.seed(0) or np.random.seed(3) prepended
// (testdata/ch06_batch_norm_gradient_check_seed{0,3}.txt): the same keys
// in the same order, and each difference within a relative 1e-3 (the
// differences of central differences are noisy; the exact zeros must be
// exact). It takes about five seconds a seed on two cores (two forward
// passes per parameter): a full-length check, run with DLFS_FULL=1.
func TestMatchesBook(t *testing.T) {
	testenv.Full(t, "central differences over 89610 parameters, two seeds")
	dir := testenv.MNIST(t)
	for _, seed := range []string{"0", "3"} {
		t.Run("seed "+seed, func(t *testing.T) {
			var out bytes.Buffer
			if err := run([]string{"-seed", seed, "-data", dir}, &out, io.Discard); err != nil {
				t.Fatal(err)
			}
			got := parseLines(t, "stdout", out.String())
			want := parseLines(t, "reference", readFile(t, "testdata/ch06_batch_norm_gradient_check_seed"+seed+".txt"))
			if len(got) != len(want) {
				t.Fatalf("%d lines, reference has %d:\n%s", len(got), len(want), out.String())
			}
			for i, d := range got {
				if d.name != want[i].name {
					t.Errorf("line %d is %s, reference %s", i+1, d.name, want[i].name)
				}
				if !(math.Abs(d.diff-want[i].diff) <= 1e-3*math.Abs(want[i].diff)) {
					t.Errorf("%s: %v, reference %v", d.name, d.diff, want[i].diff)
				}
			}
		})
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// parseLines reads "key:diff" lines.
func parseLines(t *testing.T, what, s string) []paramDiff {
	t.Helper()
	var out []paramDiff
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		name, v, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("%s: line %q is not key:diff", what, line)
		}
		d, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatalf("%s: line %q: %v", what, line, err)
		}
		out = append(out, paramDiff{name, d})
	}
	return out
}

// TestBadInputs: bad MNIST folders and flags are errors that say what is
// wrong, found before the check starts, never a panic.
func TestBadInputs(t *testing.T) {
	files := mnisttest.Files(3, 1)
	small := mnisttest.WriteDir(t, mnisttest.With(files, mnist.TrainImagesFile, mnisttest.Images(3, 27, 27)))
	noImages := mnisttest.WriteDir(t, mnisttest.With(mnisttest.With(files,
		mnist.TrainImagesFile, mnisttest.Images(0, 28, 28)), mnist.TrainLabelsFile, mnisttest.Labels()))
	missing := filepath.Join(t.TempDir(), "nope")
	tests := clitest.BadInputs{
		{"27x27 images", []string{"-data", small},
			filepath.Join(small, mnist.TrainImagesFile) + ": images of 27x27 pixels, but MNIST's are 28x28", false},
		{"no images", []string{"-data", noImages}, filepath.Join(noImages, mnist.TrainImagesFile) + ": holds no images", false},
		{"-data does not exist", []string{"-data", missing}, "the data directory " + missing + " does not exist", false},
		{"-seed -1", []string{"-seed", "-1"}, "-seed -1 is out of range: NumPy's seeds are 0 to 4294967295", true},
		{"stray argument", []string{"stray"}, `unexpected argument "stray"`, true},
	}
	clitest.CheckBadInputs(t, run, tests)
}

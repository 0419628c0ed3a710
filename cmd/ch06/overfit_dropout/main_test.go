package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/cmd/ch06/internal/overfit/overfittest"
	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/data/mnist/mnisttest"
	"github.com/dlfs-go/dlfs/internal/cli/clitest"
	"github.com/dlfs-go/dlfs/internal/testenv"
)

// TestTwin compares seeded runs with the book's script run with NumPy
// after np.random.seed(0) and np.random.seed(3) (see testdata/README.md):
// the same lines, each loss within a relative 1e-6 and each accuracy
// within 0.001 (issue 9). Shortened to 4 epochs (12 iterations) with the
// script's Dropout (both seeds), without it and with a ratio of 0.5; and,
// as full-length checks (DLFS_FULL=1), the whole run of 301 epochs with
// each seed.
func TestTwin(t *testing.T) {
	tests := []struct {
		name, fixture, seed string
		full                bool
		args                []string
	}{
		{"4 epochs", "numpy_epochs4_seed0.txt", "0", false, []string{"-epochs", "4"}},
		{"4 epochs without Dropout", "numpy_epochs4_nodropout_seed0.txt", "0", false, []string{"-epochs", "4", "-dropout=false"}},
		{"4 epochs, ratio 0.5", "numpy_epochs4_ratio05_seed0.txt", "0", false, []string{"-epochs", "4", "-ratio", "0.5"}},
		{"4 epochs, seed 3", "numpy_epochs4_seed3.txt", "3", false, []string{"-epochs", "4"}},
		{"full run", "ch06_overfit_dropout_seed0.txt", "0", true, nil},
		{"full run, seed 3", "ch06_overfit_dropout_seed3.txt", "3", true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.full {
				testenv.Full(t, "301 epochs of overfit_dropout")
			} else if testing.Short() {
				t.Skip("trains on MNIST")
			}
			dir := testenv.MNIST(t)
			overfittest.Check(t, run, filepath.Join("testdata", tt.fixture), append([]string{"-seed", tt.seed, "-data", dir}, tt.args...)...)
		})
	}
}

// TestSmallTrainingSet: with fewer than 300 training images the script's
// x_train[:300] keeps them all, and the Trainer's iter_per_epoch is
// max(3/100, 1) = 1: an epoch line after each loss line.
func TestSmallTrainingSet(t *testing.T) {
	dir := mnisttest.Dir(t, 3, 2)
	out := clitest.Run(t, run, "-data", dir, "-epochs", "2", "-o", filepath.Join(t.TempDir(), "f.svg"))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want := []string{"train loss:", "=== epoch:1, train acc:", "train loss:", "=== epoch:2, train acc:",
		"=============== Final Test Accuracy ===============", "test acc:", "figure: "}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), out)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d is %q, want it to start with %q", i+1, lines[i], w)
		}
	}
}

// TestBadInputs: bad flags, MNIST folders and -o paths are errors that say
// what is wrong, found before the training starts.
func TestBadInputs(t *testing.T) {
	files := mnisttest.Files(3, 1)
	small := mnisttest.WriteDir(t, mnisttest.With(files, mnist.TrainImagesFile, mnisttest.Images(3, 27, 27)))
	missing := filepath.Join(t.TempDir(), "nope")
	clitest.CheckBadInputs(t, run, clitest.BadInputs{
		{"27x27 images", []string{"-data", small},
			filepath.Join(small, mnist.TrainImagesFile) + ": images of 27x27 pixels, but MNIST's are 28x28", false},
		{"-data does not exist", []string{"-data", missing}, "the data directory " + missing + " does not exist", false},
		{"-epochs 0", []string{"-epochs", "0"}, "-epochs 0 must be at least 1 (allowed: 1 to 1000000)", true},
		{"-epochs too large", []string{"-epochs", "1000001"}, "-epochs 1000001 is out of range (allowed: 1 to 1000000)", true},
		{"-ratio negative", []string{"-ratio", "-0.1"}, "-ratio -0.1 must be a number from 0 to 1", true},
		{"-ratio above 1", []string{"-ratio", "1.5"}, "-ratio 1.5 must be a number from 0 to 1", true},
		{"-ratio NaN", []string{"-ratio", "NaN"}, "-ratio NaN must be a number from 0 to 1", true},
		{"-dropout not a boolean", []string{"-dropout=maybe"}, "-dropout", true},
		{"-seed -1", []string{"-seed", "-1"}, "-seed -1 is out of range: NumPy's seeds are 0 to 4294967295", true},
		{"-o in a missing folder", []string{"-o", filepath.Join(missing, "f.svg")}, missing, false},
		{"stray argument", []string{"stray"}, `unexpected argument "stray"`, true},
	})
}

package main

import (
	"fmt"
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
// the same lines, each accuracy within 0.001 (issue 9; they agree digit
// for digit today). Shortened to max_epochs = 6 (16 iterations) with
// λ = 0.1 (both seeds) and with the script's alternative λ = 0; and, as
// full-length checks (DLFS_FULL=1), the whole run of 201 epochs with
// each seed.
func TestTwin(t *testing.T) {
	tests := []struct {
		name, fixture, seed string
		full                bool
		args                []string
	}{
		{"6 epochs", "numpy_epochs6_seed0.txt", "0", false, []string{"-epochs", "6"}},
		{"6 epochs, lambda 0", "numpy_epochs6_lambda0_seed0.txt", "0", false, []string{"-epochs", "6", "-lambda", "0"}},
		{"6 epochs, seed 3", "numpy_epochs6_seed3.txt", "3", false, []string{"-epochs", "6"}},
		{"full run", "ch06_overfit_weight_decay_seed0.txt", "0", true, nil},
		{"full run, seed 3", "ch06_overfit_weight_decay_seed3.txt", "3", true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.full {
				testenv.Full(t, "201 epochs of overfit_weight_decay")
			} else if testing.Short() {
				t.Skip("trains on MNIST")
			}
			dir := testenv.MNIST(t)
			overfittest.Check(t, run, filepath.Join("testdata", tt.fixture), append([]string{"-seed", tt.seed, "-data", dir}, tt.args...)...)
		})
	}
}

// TestSmallTrainingSet: with fewer than 300 training images the script's
// x_train[:300] keeps them all and iter_per_epoch is max(3/100, 1) = 1,
// an epoch line after every iteration.
func TestSmallTrainingSet(t *testing.T) {
	dir := mnisttest.Dir(t, 3, 2)
	out := clitest.Run(t, run, "-data", dir, "-epochs", "3", "-o", filepath.Join(t.TempDir(), "f.svg"))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 3 epoch lines and the figure's:\n%s", len(lines), out)
	}
	for i, l := range lines[:3] {
		if !strings.HasPrefix(l, fmt.Sprintf("epoch:%d, train acc:", i)) || !strings.Contains(l, ", test acc:") {
			t.Errorf("line %d is %q", i+1, l)
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
		{"-lambda negative", []string{"-lambda", "-0.1"}, "-lambda -0.1 must be a finite number, at least 0", true},
		{"-lambda NaN", []string{"-lambda", "NaN"}, "-lambda NaN must be a finite number, at least 0", true},
		{"-lambda Inf", []string{"-lambda", "Inf"}, "-lambda +Inf must be a finite number, at least 0", true},
		{"-lambda not a number", []string{"-lambda", "x"}, `-lambda "x" is not a number`, true},
		{"-seed -1", []string{"-seed", "-1"}, "-seed -1 is out of range: NumPy's seeds are 0 to 4294967295", true},
		{"-o in a missing folder", []string{"-o", filepath.Join(missing, "f.svg")}, missing, false},
		{"stray argument", []string{"stray"}, `unexpected argument "stray"`, true},
	})
}

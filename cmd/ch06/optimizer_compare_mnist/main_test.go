package main

import (
	"path/filepath"
	"testing"

	"github.com/dlfs-go/dlfs/cmd/ch06/internal/mnistcompare/comparetest"
	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/data/mnist/mnisttest"
	"github.com/dlfs-go/dlfs/internal/cli/clitest"
	"github.com/dlfs-go/dlfs/internal/testenv"
)

// TestTwin compares seeded runs with the book's script run with NumPy
// after np.random.seed(0), every printed loss within a relative 1e-6: a
// run of 201 iterations (three report blocks) with the script shortened
// to max_iterations = 201 (testdata/numpy_iters201_seed0.txt), and, as a
// full-length check (DLFS_FULL=1), the script's whole run of 2000
// iterations (testdata/ch06_optimizer_compare_mnist_seed0.txt).
func TestTwin(t *testing.T) {
	tests := []struct {
		name, fixture string
		full          bool
		args          []string
	}{
		{"201 iterations", "testdata/numpy_iters201_seed0.txt", false, []string{"-iters", "201"}},
		{"full run", "testdata/ch06_optimizer_compare_mnist_seed0.txt", true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.full {
				testenv.Full(t, "2000 iterations of four nets")
			} else if testing.Short() {
				t.Skip("trains on MNIST")
			}
			dir := testenv.MNIST(t)
			comparetest.Check(t, run, tt.fixture, append([]string{"-seed", "0", "-data", dir}, tt.args...)...)
		})
	}
}

// TestBadInputs: bad flags, MNIST folders and -o paths are errors that
// say what is wrong, found before the training starts, never a panic.
func TestBadInputs(t *testing.T) {
	files := mnisttest.Files(3, 1)
	small := mnisttest.WriteDir(t, mnisttest.With(files, mnist.TrainImagesFile, mnisttest.Images(3, 27, 27)))
	missing := filepath.Join(t.TempDir(), "nope")
	tests := clitest.BadInputs{
		{"27x27 images", []string{"-data", small},
			filepath.Join(small, mnist.TrainImagesFile) + ": images of 27x27 pixels, but MNIST's are 28x28", false},
		{"-data does not exist", []string{"-data", missing}, "the data directory " + missing + " does not exist", false},
		{"-iters 0", []string{"-iters", "0"}, "-iters 0 must be at least 1 (allowed: 1 to 1000000)", true},
		{"-iters too large", []string{"-iters", "1000001"}, "-iters 1000001 is out of range (allowed: 1 to 1000000)", true},
		{"-seed -1", []string{"-seed", "-1"}, "-seed -1 is out of range: NumPy's seeds are 0 to 4294967295", true},
		{"-o in a missing folder", []string{"-o", filepath.Join(missing, "f.svg")}, missing, false},
		{"stray argument", []string{"stray"}, `unexpected argument "stray"`, true},
	}
	clitest.CheckBadInputs(t, run, tests)
}

package main

import (
	"path/filepath"
	"testing"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/data/mnist/mnisttest"
	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestBadInputs: issue 8, bad MNIST folders and flags are errors that say
// what is wrong, never a panic.
func TestBadInputs(t *testing.T) {
	files := mnisttest.Files(3, 1)
	two := mnisttest.Dir(t, 2, 1)
	small := mnisttest.WriteDir(t, mnisttest.With(files, mnist.TrainImagesFile, mnisttest.Images(3, 27, 27)))
	noImages := mnisttest.WriteDir(t, mnisttest.With(mnisttest.With(files,
		mnist.TrainImagesFile, mnisttest.Images(0, 28, 28)), mnist.TrainLabelsFile, mnisttest.Labels()))
	missing := filepath.Join(t.TempDir(), "nope")
	tests := clitest.BadInputs{
		{"2 training images", []string{"-data", two}, "the MNIST training set holds 2 images; the check needs 3", false},
		{"27x27 images", []string{"-data", small},
			filepath.Join(small, mnist.TrainImagesFile) + ": images of 27x27 pixels, but MNIST's are 28x28", false},
		{"no images", []string{"-data", noImages}, filepath.Join(noImages, mnist.TrainImagesFile) + ": holds no images", false},
		{"-data does not exist", []string{"-data", missing}, "the data directory " + missing + " does not exist", false},
		{"-seed -1", []string{"-seed", "-1"}, "-seed -1 is out of range: NumPy's seeds are 0 to 4294967295", true},
	}
	clitest.CheckBadInputs(t, run, tests)
}

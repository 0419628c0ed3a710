package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/data/mnist/mnisttest"
	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestBadInputs: issue 8, a bad MNIST folder or an -o that cannot be
// written is an error naming what is wrong, found before any work, never
// a panic.
func TestBadInputs(t *testing.T) {
	files := mnisttest.Files(2, 1)
	data := mnisttest.WriteDir(t, files)
	noImages := mnisttest.WriteDir(t, mnisttest.With(mnisttest.With(files,
		mnist.TrainImagesFile, mnisttest.Images(0, 28, 28)), mnist.TrainLabelsFile, mnisttest.Labels()))
	small := mnisttest.WriteDir(t, mnisttest.With(files, mnist.TrainImagesFile, mnisttest.Images(2, 27, 27)))
	badLabel := mnisttest.WriteDir(t, mnisttest.With(files, mnist.TrainLabelsFile, mnisttest.Labels(12, 1)))
	tmp := t.TempDir()
	missing := filepath.Join(tmp, "nope")
	png := filepath.Join(tmp, "out.png")
	tests := clitest.BadInputs{
		{"training set without images", []string{"-data", noImages, "-o", png},
			filepath.Join(noImages, mnist.TrainImagesFile) + ": holds no images", false},
		{"27x27 images", []string{"-data", small, "-o", png},
			filepath.Join(small, mnist.TrainImagesFile) + ": images of 27x27 pixels, but MNIST's are 28x28", false},
		{"label 12", []string{"-data", badLabel, "-o", png},
			filepath.Join(badLabel, mnist.TrainLabelsFile) + ": label 12 at index 0 is not a digit 0..9", false},
		{"-data does not exist", []string{"-data", missing, "-o", png}, "the data directory " + missing + " does not exist", false},
		// -o is checked before MNIST is read: the missing -data is not
		// reached
		{"-o in a missing folder", []string{"-data", missing, "-o", filepath.Join(missing, "x.png")},
			"-o: cannot write " + filepath.Join(missing, "x.png") + ": the folder " + missing + " does not exist", false},
		{"-o is a folder", []string{"-data", data, "-o", tmp}, "-o: cannot write " + tmp + ": it is a folder", false},
		{"stray argument", []string{"-data", data, "-o", png, "x"}, `unexpected argument "x"`, true},
	}
	clitest.CheckBadInputs(t, run, tests)
	if _, err := os.Stat(png); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed run left %s behind: %v", png, err)
	}
	// The well-formed folder: label 0 (mnisttest's first digit), the
	// shapes, and the image.
	var stdout bytes.Buffer
	if err := run([]string{"-data", data, "-o", png}, &stdout, io.Discard); err != nil {
		t.Fatal(err)
	}
	if want := "0\n(784,)\n(28, 28)\nimage: " + png + "\n"; stdout.String() != want {
		t.Errorf("output %q, want %q", stdout.String(), want)
	}
}

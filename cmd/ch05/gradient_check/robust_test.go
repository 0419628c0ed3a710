package main

import (
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/data/mnist/mnisttest"
	"github.com/dlfs-go/dlfs/internal/cli"
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
	tests := []struct {
		name  string
		args  []string
		err   string
		usage bool
	}{
		{"2 training images", []string{"-data", two}, "the MNIST training set holds 2 images; the check needs 3", false},
		{"27x27 images", []string{"-data", small},
			filepath.Join(small, mnist.TrainImagesFile) + ": images of 27x27 pixels, but MNIST's are 28x28", false},
		{"no images", []string{"-data", noImages}, filepath.Join(noImages, mnist.TrainImagesFile) + ": holds no images", false},
		{"-data does not exist", []string{"-data", missing}, "the data directory " + missing + " does not exist", false},
		{"-seed -1", []string{"-seed", "-1"}, "-seed -1 is out of range: NumPy's seeds are 0 to 4294967295", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout bytes.Buffer
			err := run(tt.args, &stdout, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("run(%q) error\n%v\nwant it to contain\n%s", tt.args, err, tt.err)
			}
			var u cli.UsageError
			if errors.As(err, &u) != tt.usage {
				t.Errorf("usage error: %v, want %v", !tt.usage, tt.usage)
			}
			if stdout.Len() != 0 {
				t.Errorf("printed %q before failing", stdout.String())
			}
		})
	}
}

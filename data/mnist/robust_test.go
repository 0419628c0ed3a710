package mnist_test

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/data/mnist/mnisttest"
)

// TestLoadRejectsWhatIsNotMNIST: issue 8, every case a file can hold that
// would crash or mislead a program is an error naming the file.
func TestLoadRejectsWhatIsNotMNIST(t *testing.T) {
	good := mnisttest.Files(3, 2)
	tests := []struct {
		name   string
		files  map[string][]byte
		file   string // the file the error names
		msg    string // what it says about it
		format bool   // matches ErrFormat
	}{
		{"no training images", mnisttest.With(mnisttest.With(good, mnist.TrainImagesFile, mnisttest.Images(0, 28, 28)),
			mnist.TrainLabelsFile, mnisttest.Labels()),
			mnist.TrainImagesFile, "holds no images (the header says 0)", true},
		{"no test images", mnisttest.With(mnisttest.With(good, mnist.TestImagesFile, mnisttest.Images(0, 28, 28)),
			mnist.TestLabelsFile, mnisttest.Labels()),
			mnist.TestImagesFile, "holds no images (the header says 0)", true},
		{"27x27 images", mnisttest.With(good, mnist.TrainImagesFile, mnisttest.Images(3, 27, 27)),
			mnist.TrainImagesFile, "images of 27x27 pixels, but MNIST's are 28x28", true},
		{"28x27 test images", mnisttest.With(good, mnist.TestImagesFile, mnisttest.Images(2, 28, 27)),
			mnist.TestImagesFile, "images of 28x27 pixels, but MNIST's are 28x28", true},
		{"label 10", mnisttest.With(good, mnist.TrainLabelsFile, mnisttest.Labels(1, 10, 2)),
			mnist.TrainLabelsFile, "label 10 at index 1 is not a digit 0..9", true},
		{"label 255", mnisttest.With(good, mnist.TestLabelsFile, mnisttest.Labels(0, 255)),
			mnist.TestLabelsFile, "label 255 at index 1 is not a digit 0..9", true},
		{"fewer labels than images", mnisttest.With(good, mnist.TrainLabelsFile, mnisttest.Labels(1, 2)),
			mnist.TrainLabelsFile, "holds 2 labels, but ", true},
		{"more labels than images", mnisttest.With(good, mnist.TestLabelsFile, mnisttest.Labels(1, 2, 3)),
			mnist.TestLabelsFile, "holds 3 labels, but ", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := mnisttest.WriteDir(t, tt.files)
			ds, err := mnist.Load(dir)
			want := "mnist: " + filepath.Join(dir, tt.file) + ": " + tt.msg
			if err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Fatalf("Load = %v, %v; want an error starting %q", ds, err, want)
			}
			if errors.Is(err, mnist.ErrFormat) != tt.format {
				t.Errorf("errors.Is(%v, ErrFormat) = %v, want %v", err, !tt.format, tt.format)
			}
		})
	}
	if _, err := mnist.Load(mnisttest.WriteDir(t, good)); err != nil {
		t.Errorf("Load of the well-formed folder: %v", err)
	}
}

// TestMissingOrFileFolder: issue 8, a -data folder that does not exist, or
// that is a file, says so instead of listing the four files it lacks.
func TestMissingOrFileFolder(t *testing.T) {
	tmp := t.TempDir()
	missing := filepath.Join(tmp, "nope")
	file := filepath.Join(tmp, "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		dir, env string
		err      string
		notExist bool
	}{
		{"flag missing", missing, "", "mnist: the data directory " + missing + " does not exist\n", true},
		{"flag is a file", file, "", "mnist: the data directory " + file + " is a file, not a folder\n", false},
		{"MNIST_DIR missing", "", missing, "mnist: $MNIST_DIR " + missing + " does not exist\n", true},
		{"MNIST_DIR is a file", "", file, "mnist: $MNIST_DIR " + file + " is a file, not a folder\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(mnist.EnvVar, tt.env)
			_, err := mnist.LoadDefault(tt.dir, io.Discard)
			if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
				t.Fatalf("LoadDefault(%q) error %v, want %q...", tt.dir, err, tt.err)
			}
			if strings.Contains(err.Error(), " lacks ") {
				t.Errorf("error lists missing files:\n%v", err)
			}
			if errors.Is(err, fs.ErrNotExist) != tt.notExist {
				t.Errorf("errors.Is(err, fs.ErrNotExist) = %v, want %v", !tt.notExist, tt.notExist)
			}
		})
	}
	for _, dir := range []string{missing, file} {
		if _, err := mnist.Load(dir); err == nil || !strings.HasPrefix(err.Error(), "mnist: the data directory "+dir+" ") {
			t.Errorf("Load(%q) error %v, want one saying what %s is", dir, err, dir)
		}
	}
}

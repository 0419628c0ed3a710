// Package robusttest checks that a training twin (ch04 and ch05
// train_neuralnet) turns every bad flag, MNIST folder and output path of
// issue 8 into an error that says what is wrong, before the training
// starts, and never panics.
package robusttest

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/cmd/internal/mnisttrain"
	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/data/mnist/mnisttest"
	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// RunFunc is a twin's run function.
type RunFunc = func(args []string, stdout, stderr io.Writer) error

// Check runs the twin with each bad input and checks the error it returns
// (its text, and whether it is a usage error, exit status 2, or another,
// exit status 1), that nothing was printed to stdout, and then that a
// short run on a small well-formed folder succeeds.
func Check(t *testing.T, run RunFunc) {
	t.Helper()
	files := mnisttest.Files(3, 2)
	data := mnisttest.WriteDir(t, files)
	tmp := t.TempDir()
	missing := filepath.Join(tmp, "nope")
	file := filepath.Join(tmp, "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	svg := filepath.Join(tmp, "curves.svg")
	noImages := mnisttest.WriteDir(t, mnisttest.With(mnisttest.With(files,
		mnist.TrainImagesFile, mnisttest.Images(0, 28, 28)), mnist.TrainLabelsFile, mnisttest.Labels()))
	small := mnisttest.WriteDir(t, mnisttest.With(files, mnist.TrainImagesFile, mnisttest.Images(3, 27, 27)))
	badLabel := mnisttest.WriteDir(t, mnisttest.With(files, mnist.TrainLabelsFile, mnisttest.Labels(0, 1, 10)))
	mismatch := mnisttest.WriteDir(t, mnisttest.With(files, mnist.TrainLabelsFile, mnisttest.Labels(0, 1, 2, 3)))
	tests := clitest.BadInputs{
		{"-hidden huge", []string{"-hidden", "1000000000000"}, "-hidden 1000000000000 is out of range (allowed: 1 to 100000)", true},
		{"-iters huge", []string{"-iters", "1000000000000"}, "-iters 1000000000000 is out of range (allowed: 1 to 10000000)", true},
		{"-batch huge", []string{"-batch", "1000000000000"}, "-batch 1000000000000 must be between 1 and 60000", true},
		{"-batch times -hidden too large", []string{"-batch", "60000", "-hidden", "100000"},
			"-batch 60000 with -hidden 100000 gives layers of 6000000000 values, more than the 50000000 allowed", true},
		{"-hidden beyond int64", []string{"-hidden", "99999999999999999999"}, `-hidden "99999999999999999999" is out of range for a whole number`, true},
		{"-seed -1", []string{"-seed", "-1"}, "-seed -1 is out of range: NumPy's seeds are 0 to 4294967295", true},
		{"-seed not a number", []string{"-seed", "zero"}, `-seed "zero" is not a whole number: NumPy's seeds are 0 to 4294967295`, true},
		{"training set without images", []string{"-data", noImages, "-o", svg},
			filepath.Join(noImages, mnist.TrainImagesFile) + ": holds no images", false},
		{"27x27 images", []string{"-data", small, "-o", svg},
			filepath.Join(small, mnist.TrainImagesFile) + ": images of 27x27 pixels, but MNIST's are 28x28", false},
		{"label 10", []string{"-data", badLabel, "-o", svg},
			filepath.Join(badLabel, mnist.TrainLabelsFile) + ": label 10 at index 2 is not a digit 0..9", false},
		{"more labels than images", []string{"-data", mismatch, "-o", svg},
			filepath.Join(mismatch, mnist.TrainLabelsFile) + ": holds 4 labels, but", false},
		{"-data does not exist", []string{"-data", missing, "-o", svg}, "the data directory " + missing + " does not exist", false},
		{"-data is a file", []string{"-data", file, "-o", svg}, "the data directory " + file + " is a file, not a folder", false},
		// -o is checked before MNIST is read and the training starts
		{"-o in a missing folder", []string{"-data", data, "-iters", "2", "-o", filepath.Join(missing, "c.svg")},
			"-o: cannot write " + filepath.Join(missing, "c.svg") + ": the folder " + missing + " does not exist", false},
		{"-o in a file", []string{"-data", missing, "-o", filepath.Join(file, "c.svg")},
			"-o: cannot write " + filepath.Join(file, "c.svg") + ": " + file + " is not a folder", false},
	}
	clitest.CheckBadInputs(t, run, tests)
	if _, err := os.Stat(svg); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed run left %s behind: %v", svg, err)
	}

	// 3 training images in batches of 2: iter_per_epoch = 1.5, so, as in
	// Python, of iterations 0 and 1 only 0 prints an epoch line.
	var stdout bytes.Buffer
	if err := run([]string{"-data", data, "-iters", "2", "-batch", "2", "-hidden", "3", "-o", svg}, &stdout, io.Discard); err != nil {
		t.Fatalf("a short run on a well-formed folder: %v", err)
	}
	acc, err := mnisttrain.ParseAccuracies(stdout.String())
	if err != nil || len(acc) != 1 || !strings.Contains(stdout.String(), "figure: "+svg+"\n") {
		t.Errorf("a short run printed\n%s\nwant one epoch line and the figure's path (%v)", stdout.String(), err)
	}
	if _, err := os.Stat(svg); err != nil {
		t.Errorf("no figure: %v", err)
	}
}

// Package deeptest holds the tests the chapter 8 twins that load the
// book's DeepConvNet weights share.
package deeptest

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/data/pickle"
	"github.com/dlfs-go/dlfs/internal/cli/clitest"
	"github.com/dlfs-go/dlfs/internal/testenv"
	"github.com/dlfs-go/dlfs/tensor"
)

// Run is a twin's run function.
type Run = func(args []string, stdout, stderr io.Writer) error

// CheckTwin runs the twin on the book's weights and MNIST (a full-length
// check: passes over the 10000 test images) with extra arguments, and
// compares its output, without a "figure: " line, with the fixture
// testdata/<name>.txt (after its "#" lines).
func CheckTwin(t *testing.T, run Run, name string, extra ...string) {
	weights := testenv.BookWeights(t, "ch08_deep_convnet_params.pkl")
	testenv.Full(t, name+" over MNIST's test set with the book's DeepConvNet")
	data := testenv.MNIST(t)
	raw, err := os.ReadFile(filepath.Join("testdata", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := string(raw)
	for strings.HasPrefix(want, "#") {
		_, want, _ = strings.Cut(want, "\n")
	}
	got := clitest.Run(t, run, append([]string{"-weights", weights, "-data", data}, extra...)...)
	var kept []string
	for _, line := range strings.SplitAfter(got, "\n") {
		if !strings.HasPrefix(line, "figure: ") {
			kept = append(kept, line)
		}
	}
	if g := strings.Join(kept, ""); g != want {
		t.Errorf("output:\n%s\nwant (NumPy):\n%s", g, want)
	}
}

// CheckBadWeights checks that a missing weights file, a file that is not
// a pickle and the weights of another network are each refused with one
// clear error before any data is read, and a stray argument as a usage
// error.
func CheckBadWeights(t *testing.T, run Run) {
	dir := t.TempDir()
	notPickle := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notPickle, []byte("W1 = [0.1]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.pkl")
	if err := pickle.WriteWeightsFile(other, []pickle.Array{{Name: "W1", Value: tensor.Zeros(30, 1, 5, 5)}}); err != nil {
		t.Fatal(err)
	}
	noData := filepath.Join(dir, "no-mnist")
	clitest.CheckBadInputs(t, run, clitest.BadInputs{
		{"missing weights", []string{"-weights", filepath.Join(dir, "missing.pkl"), "-data", noData}, "ch08/deep_convnet_params.pkl of its code repository", false},
		{"not a pickle", []string{"-weights", notPickle, "-data", noData}, "not a pickle file", false},
		{"another network", []string{"-weights", other, "-data", noData}, `"W1" has shape (30,1,5,5) in the file, the network needs (16,1,3,3)`, false},
		{"stray argument", []string{"extra"}, "extra", true},
	})
}

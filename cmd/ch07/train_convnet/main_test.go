package main

import (
	"path/filepath"
	"testing"

	"github.com/dlfs-go/dlfs/cmd/internal/convtrain/convtraintest"
	"github.com/dlfs-go/dlfs/data/pickle"
	"github.com/dlfs-go/dlfs/internal/cli/clitest"
	"github.com/dlfs-go/dlfs/internal/testenv"
)

// TestTwin runs 20 iterations with -seed 0 and with -seed 3 against
// NumPy's (testdata/train_convnet_20it_seed{0,3}.txt: the script with
// max_iter 20), and a whole epoch with each seed as a full-length check
// against ../shared/reference/book/ch07_train_convnet_1epoch_seed0.txt
// (copied into testdata) and testdata/train_convnet_1epoch_seed3.txt:
// every train loss within a relative 1e-6, the accuracies within 0.002,
// the other lines exactly. The saved pickle must hold the six parameters.
func TestTwin(t *testing.T) {
	data := testenv.MNIST(t)
	t.Run("20 iterations", func(t *testing.T) {
		dir := t.TempDir()
		save := filepath.Join(dir, "params.pkl")
		out := clitest.FigureRun(t, run, "train_convnet.svg", "-data", data, "-iters", "20", "-save", save)
		convtraintest.Compare(t, out, "testdata/train_convnet_20it_seed0.txt")
		params, err := pickle.ReadWeightsFile(save)
		if err != nil {
			t.Fatal(err)
		}
		for name, shape := range map[string][]int{"W1": {30, 1, 5, 5}, "b1": {30}, "W2": {4320, 100}, "b2": {100}, "W3": {100, 10}, "b3": {10}} {
			if p := params[name]; p == nil || !convtraintest.EqualInts(p.Shape(), shape) {
				t.Errorf("saved %s: %v, want shape %v", name, p, shape)
			}
		}
	})
	t.Run("20 iterations, seed 3", func(t *testing.T) {
		out := clitest.FigureRun(t, run, "train_convnet.svg", "-data", data, "-iters", "20", "-seed", "3", "-save", filepath.Join(t.TempDir(), "params.pkl"))
		convtraintest.Compare(t, out, "testdata/train_convnet_20it_seed3.txt")
	})
	for _, seed := range []string{"0", "3"} {
		t.Run("one epoch, seed "+seed, func(t *testing.T) {
			testenv.Full(t, "train_convnet for one epoch (600 iterations)")
			out := clitest.FigureRun(t, run, "train_convnet.svg", "-data", data, "-epochs", "1", "-seed", seed, "-save", filepath.Join(t.TempDir(), "params.pkl"))
			convtraintest.Compare(t, out, "testdata/train_convnet_1epoch_seed"+seed+".txt")
		})
	}
}

func TestBadInputs(t *testing.T) {
	convtraintest.CheckBadInputs(t, run)
	clitest.CheckBadInputs(t, run, clitest.BadInputs{
		{"figure unwritable", []string{"-o", filepath.Join(t.TempDir(), "no", "such", "f.svg")}, "f.svg", false},
	})
}

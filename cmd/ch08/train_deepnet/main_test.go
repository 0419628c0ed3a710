package main

import (
	"path/filepath"
	"testing"

	"github.com/dlfs-go/dlfs/cmd/internal/convtrain/convtraintest"
	"github.com/dlfs-go/dlfs/internal/cli/clitest"
	"github.com/dlfs-go/dlfs/internal/testenv"
)

// TestTwin runs the script's first 30 iterations with -seed 0 and with
// -seed 3 (a full-length check: 30 DeepConvNet steps and the final
// accuracy over the 10000 test images, each) against NumPy's
// (testdata/train_deepnet_30it_seed0.txt, from
// ../shared/reference/book/ch08_train_deepnet_30it_seed0.txt, and
// testdata/train_deepnet_30it_seed3.txt).
func TestTwin(t *testing.T) {
	data := testenv.MNIST(t)
	testenv.Full(t, "train_deepnet for 30 iterations, two seeds")
	for _, seed := range []string{"0", "3"} {
		t.Run("seed "+seed, func(t *testing.T) {
			out := clitest.Run(t, run, "-data", data, "-iters", "30", "-seed", seed, "-save", filepath.Join(t.TempDir(), "deep_convnet_params.pkl"))
			convtraintest.Compare(t, out, "testdata/train_deepnet_30it_seed"+seed+".txt")
		})
	}
}

func TestBadInputs(t *testing.T) { convtraintest.CheckBadInputs(t, run) }

package train_test

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/internal/testenv"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/train"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// numpyRun is one run of testdata/trainer_numpy.txt: the settings and the
// lines the book's Trainer printed.
type numpyRun struct {
	settings                         string
	optimizer                        string
	lr                               float64
	train, test, epochs, batch, eval int
	seed                             uint32
	hidden                           int
	nan                              int // the training image whose first pixel is NaN; -1 for none
	lines                            []string
}

// readNumPyRuns parses testdata/trainer_numpy.txt.
func readNumPyRuns(t *testing.T) []numpyRun {
	t.Helper()
	data, err := os.ReadFile("testdata/trainer_numpy.txt")
	if err != nil {
		t.Fatal(err)
	}
	var runs []numpyRun
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		switch {
		case strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "run: "):
			r := numpyRun{settings: line}
			var seed uint64
			_, err := fmt.Sscanf(line, "run: optimizer=%s lr=%g train=%d test=%d epochs=%d batch=%d eval=%d seed=%d hidden=%d nan=%d",
				&r.optimizer, &r.lr, &r.train, &r.test, &r.epochs, &r.batch, &r.eval, &seed, &r.hidden, &r.nan)
			if err != nil {
				t.Fatalf("testdata/trainer_numpy.txt: %q: %v", line, err)
			}
			r.seed = uint32(seed)
			runs = append(runs, r)
		case len(runs) == 0:
			t.Fatalf("testdata/trainer_numpy.txt: %q before the first run: line", line)
		default:
			runs[len(runs)-1].lines = append(runs[len(runs)-1].lines, line)
		}
	}
	if len(runs) == 0 {
		t.Fatal("testdata/trainer_numpy.txt holds no run")
	}
	return runs
}

// printed is a printed line split into its text and, for "train loss:"
// lines, the loss, which is compared to a relative 1e-6 (the issue's
// tolerance: NumPy's own sums round differently from one BLAS to another);
// every other line is compared exactly.
type printed struct {
	Text string
	Loss float64
}

func splitLines(lines []string) []printed {
	out := make([]printed, len(lines))
	for i, l := range lines {
		if v, ok := strings.CutPrefix(l, "train loss:"); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err == nil {
				out[i] = printed{Text: "train loss:", Loss: f}
				continue
			}
		}
		out[i] = printed{Text: l}
	}
	return out
}

// TestTrainerMatchesNumPy runs the Trainer as the book's Trainer ran for
// testdata/trainer_numpy.txt (the book's TwoLayerNet on the first images of
// MNIST) and compares every line it prints: the losses to a relative 1e-6,
// the accuracies and the other lines exactly. Each run goes once over the
// book's float64 arrays (FromTensor) and once over MNIST's bytes converted
// per batch (mnist.Set.Sources); both must print the same.
func TestTrainerMatchesNumPy(t *testing.T) {
	runs := readNumPyRuns(t)
	ds, err := mnist.Load(testenv.MNIST(t))
	if err != nil {
		t.Fatal(err)
	}
	opts := mnist.Options{Normalize: true, Flatten: true, OneHotLabel: true} // load_mnist(normalize=True, one_hot_label=True)
	for _, r := range runs {
		trainSet, testSet := ds.Train.Slice(0, r.train), ds.Test.Slice(0, r.test)
		x := trainSet.Images(opts)
		sources := map[string][4]train.Source{
			"tensors": {train.FromTensor(x), train.FromTensor(trainSet.Labels(opts)),
				train.FromTensor(testSet.Images(opts)), train.FromTensor(testSet.Labels(opts))},
		}
		if r.nan >= 0 {
			x.Set(math.NaN(), r.nan, 0) // x_train[nan, 0] = np.nan
		} else {
			bytesX, bytesT := trainSet.Sources(opts)
			bytesXt, bytesTt := testSet.Sources(opts)
			sources["bytes"] = [4]train.Source{bytesX, bytesT, bytesXt, bytesTt}
		}
		for name, src := range sources {
			t.Run(r.settings[len("run: "):]+"/"+name, func(t *testing.T) {
				g := random.New(r.seed)
				net := nets.NewTwoLayerNet(784, r.hidden, 10, 0.01, g)
				var out bytes.Buffer
				cfg := train.DefaultConfig()
				cfg.Epochs, cfg.MiniBatchSize = r.epochs, r.batch
				cfg.OptimizerName, cfg.LR = r.optimizer, r.lr
				cfg.EvaluateSampleNumPerEpoch = r.eval
				cfg.Out, cfg.Rand = &out, g
				cfg.EvalBatch = 7 // batches that do not divide the sets, to test the tail
				tr, err := train.New(net, src[0], src[1], src[2], src[3], cfg)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := tr.Train(); err != nil {
					t.Fatal(err)
				}
				got := splitLines(strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n"))
				if diff := cmp.Diff(splitLines(r.lines), got, cmpopts.EquateApprox(1e-6, 1e-300), cmpopts.EquateNaNs()); diff != "" {
					t.Errorf("printed lines (-NumPy +Go):\n%s", diff)
				}
			})
		}
	}
}

package mnisttrain

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
)

// fakeNet records the loop's calls; its loss turns NaN at iteration nanAt.
type fakeNet struct {
	w       *tensor.Tensor
	calls   int
	nanAt   int
	batches int
}

func (f *fakeNet) Gradient(x, t *tensor.Tensor) { f.batches++ }
func (f *fakeNet) Params() []layers.Param {
	return []layers.Param{{Name: "W1", Value: f.w, Grad: tensor.ZerosLike(f.w)}}
}
func (f *fakeNet) Loss(x, t *tensor.Tensor) float64 {
	f.calls++
	if f.calls-1 == f.nanAt {
		return math.NaN()
	}
	return 1 / float64(f.calls)
}
func (f *fakeNet) Correct(x, t *tensor.Tensor) int { return x.Size(0) / 2 }

// tinySet is a dataset of n 2×2 images labelled i%10.
func tinySet(t *testing.T, n int) *mnist.Set {
	img := make([]byte, 4*n)
	lbl := make([]byte, n)
	for i := range lbl {
		lbl[i] = byte(i % 10)
	}
	s, err := mnist.NewSet(2, 2, img, lbl)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestLoopEpochsAndNaN(t *testing.T) {
	ds := &mnist.Dataset{Train: tinySet(t, 60), Test: tinySet(t, 10)}
	line := func(a, b float64) string { return tensor.FormatFloat(a) + " " + tensor.FormatFloat(b) }
	// batch 8: iter_per_epoch = 60/8 = 7.5, so, as in Python, an epoch line
	// appears only where i % 7.5 == 0: i = 0, 15, 30
	var out bytes.Buffer
	net := &fakeNet{w: tensor.Zeros(1), nanAt: -1}
	res, err := Run(Config{Iters: 31, BatchSize: 8, LR: 0.1, EvalBatch: 7, Line: line}, net, random.New(0), ds, &out)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(out.String(), "\n"); got != 3 || len(res.TrainAcc) != 3 {
		t.Errorf("%d epoch lines (%d recorded), want 3:\n%s", got, len(res.TrainAcc), out.String())
	}
	// The 60 rows are evaluated in nine batches of at most 7, as equal as
	// possible (6 or 7 rows); the fake counts half of each batch, rounded
	// down: 3 each, so 27 of 60.
	if diff := cmp.Diff([]float64{27.0 / 60, 27.0 / 60, 27.0 / 60}, res.TrainAcc); diff != "" {
		t.Errorf("train accuracies (-want +got):\n%s", diff)
	}
	if len(res.TrainLoss) != 31 || net.batches != 31 {
		t.Errorf("%d losses, %d gradient calls, want 31", len(res.TrainLoss), net.batches)
	}

	net = &fakeNet{w: tensor.Zeros(1), nanAt: 4}
	_, err = Run(Config{Iters: 10, BatchSize: 8, LR: 0.1, Line: line}, net, random.New(0), ds, &out)
	if err == nil || !strings.Contains(err.Error(), "NaN at iteration 4") {
		t.Errorf("error %v, want one naming iteration 4", err)
	}
}

func TestParseAccuracies(t *testing.T) {
	got, err := ParseAccuracies("0.109 0.1136\ntrain acc, test acc | 0.7823333333333333, 0.7915\nelapsed: 3s\nfigure: x.svg\n")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][2]float64{{0.109, 0.1136}, {0.7823333333333333, 0.7915}}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := ParseAccuracies("nothing here"); err == nil {
		t.Error("no error for text without accuracy lines")
	}
}

package train_test

import (
	"fmt"
	"testing"

	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/dlfs-go/dlfs/train"
)

// TestEvaluatorAllocatesNothing: once every goroutine that takes batches
// has its inference copy and buffers, an evaluation on two cores in
// batches of one size allocates nothing. (It comes first in the package:
// a test that forced more workers would leave goroutines behind that can
// still take a first batch, and make a copy, in the middle of the count.)
func TestEvaluatorAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync primitives allocate")
	}
	defer parallel.ForceWorkers(parallel.ForceWorkers(2))
	g := random.New(3)
	x := g.Rand(400, 12)
	lbl := tensor.Zeros(400)
	net := nets.NewMultiLayerNet(12, []int{9, 7}, 3, nets.Config{}, g)
	e := train.NewEvaluator(train.FromTensor(x), train.FromTensor(lbl), 50)
	for range 5 {
		e.Accuracy(net, 0)
	}
	if a := testing.AllocsPerRun(20, func() { e.Accuracy(net, 0) }); a != 0 {
		t.Errorf("an evaluation on two cores allocates %v times", a)
	}
}

// TestEvaluatorOnCores checks that an evaluation shared between cores
// (inference copies of the network) counts what one core counts, for a
// network with Batch Normalization (running statistics) and Dropout
// trained a few steps, and that the copies follow further training and a
// change of layers.
func TestEvaluatorOnCores(t *testing.T) {
	g := random.New(1)
	x := g.Rand(530, 12)
	lbl := tensor.Zeros(530)
	for i := range 530 {
		lbl.Set(float64((i*7)%3), i)
	}
	cfg := nets.DefaultExtendConfig()
	cfg.UseBatchnorm, cfg.UseDropout, cfg.DropoutRation = true, true, 0.3
	net := nets.NewMultiLayerNetExtend(12, []int{9, 7}, 3, cfg, g)
	opt := optim.NewSGD(0.5)
	b := train.NewBatcher(train.FromTensor(x), train.FromTensor(lbl), 50, g)
	trainSome := func() {
		for range 5 {
			bx, bt := b.Next()
			net.Gradient(bx, bt)
			opt.Update(net.Params())
		}
	}
	accuracy := func(workers, batch, n int) float64 {
		defer parallel.ForceWorkers(parallel.ForceWorkers(workers))
		return train.NewEvaluator(train.FromTensor(x), train.FromTensor(lbl), batch).Accuracy(net, n)
	}
	shared := train.NewEvaluator(train.FromTensor(x), train.FromTensor(lbl), 53)
	// Another Evaluator, of the first 300 samples, that uses shared's
	// inference copies (as the Trainer's two do).
	other := train.NewEvaluator(train.FromTensor(x), train.FromTensor(lbl), 29)
	other.ShareCopies(shared)
	for round := range 3 {
		trainSome()
		if round == 2 { // a new last layer: the copies must follow it
			net.Layers[len(net.Layers)-1] = layers.NewAffine(7, 3, g)
		}
		for _, tc := range []struct{ batch, n int }{{40, 0}, {7, 0}, {40, 333}, {1000, 0}} {
			want := accuracy(1, tc.batch, tc.n)
			for _, workers := range []int{2, 3} {
				if got := accuracy(workers, tc.batch, tc.n); got != want {
					t.Errorf("round %d, batch %d, n %d: %d workers count %v, one %v", round, tc.batch, tc.n, workers, got, want)
				}
			}
		}
		func() {
			defer parallel.ForceWorkers(parallel.ForceWorkers(2))
			if got, want := shared.Accuracy(net, 0), accuracy(1, 53, 0); got != want {
				t.Errorf("round %d: a kept Evaluator counts %v, a new one %v", round, got, want)
			}
			if got, want := other.Accuracy(net, 300), accuracy(1, 29, 300); got != want {
				t.Errorf("round %d: an Evaluator sharing copies counts %v, a new one %v", round, got, want)
			}
		}()
	}
}

// TestInferenceCopy checks layers.Network.InferenceCopy on a network
// built from layers: the same predictions, shared parameters, reuse of a
// copy that is still current, and nil for a layer that cannot be shared.
func TestInferenceCopy(t *testing.T) {
	g := random.New(2)
	x := g.Rand(6, 4)
	net := nets.NewTwoLayerNet(4, 5, 3, 1, g)
	c := net.InferenceCopy(nil)
	if c == nil {
		t.Fatal("no copy")
	}
	same := func(what string) {
		t.Helper()
		want, got := net.Predict(x).Data(), c.Predict(x).Data()
		if fmt.Sprint(want) != fmt.Sprint(got) {
			t.Errorf("%s: the copy predicts %v, the network %v", what, got, want)
		}
	}
	same("fresh copy")
	net.Params()[0].Value.Data()[0] += 1
	same("after a parameter changed")
	if c2 := net.InferenceCopy(c); c2 != c {
		t.Error("a current copy was not reused")
	}
	net.Layers = append(net.Layers, notShared{})
	if c3 := net.InferenceCopy(c); c3 != nil {
		t.Error("a network with a layer that cannot be shared was copied")
	}
}

type notShared struct{}

func (notShared) Forward(x *tensor.Tensor, train bool) *tensor.Tensor { return x }
func (notShared) Backward(d *tensor.Tensor) *tensor.Tensor            { return d }

// copying hides TensorSource's Range, so that an Evaluator copies batches.
type copying struct{ *train.TensorSource }

func (c copying) Range() {}

// TestEvaluatorViews checks that an evaluation through views of a
// TensorSource (no copies) counts what one through copied batches counts,
// for every batch size and prefix, on one core and on two.
func TestEvaluatorViews(t *testing.T) {
	g := random.New(4)
	x := g.Rand(97, 6)
	lbl := tensor.Zeros(97, 3)
	for i := range 97 {
		lbl.Set(1, i, (i*5)%3)
	}
	net := nets.NewMultiLayerNet(6, []int{5}, 3, nets.Config{}, g)
	for _, workers := range []int{1, 2} {
		func() {
			defer parallel.ForceWorkers(parallel.ForceWorkers(workers))
			for _, size := range []int{1, 10, 97, 200} {
				views := train.NewEvaluator(train.FromTensor(x), train.FromTensor(lbl), size)
				copies := train.NewEvaluator(copying{train.FromTensor(x)}, copying{train.FromTensor(lbl)}, size)
				for _, n := range []int{0, 50, 97, 13, 0} {
					if a, b := views.Accuracy(net, n), copies.Accuracy(net, n); a != b {
						t.Errorf("%d workers, batch %d, n %d: %v through views, %v through copies", workers, size, n, a, b)
					}
				}
			}
		}()
	}
}

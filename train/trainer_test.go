package train_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/loss"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/dlfs-go/dlfs/train"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var _ train.Net = (*nets.TwoLayerNet)(nil)
var _ train.Net = (*layers.Network)(nil)

// fakeNet returns the losses of its list in turn (then 1) and counts as
// correct the samples whose target is 1.
type fakeNet struct {
	w         layers.Param
	losses    []float64
	calls     int
	gradients int
}

func newFakeNet(losses ...float64) *fakeNet {
	return &fakeNet{w: layers.Param{Name: "W1", Value: tensor.Zeros(1), Grad: tensor.Zeros(1)}, losses: losses}
}

func (f *fakeNet) Gradient(x, t *tensor.Tensor) float64 { f.gradients++; return 0 }
func (f *fakeNet) Params() []layers.Param               { return []layers.Param{f.w} }
func (f *fakeNet) Loss(x, t *tensor.Tensor) float64 {
	f.calls++
	if f.calls <= len(f.losses) {
		return f.losses[f.calls-1]
	}
	return 1
}
func (f *fakeNet) Correct(x, t *tensor.Tensor) int {
	n := 0
	for _, v := range t.Data() {
		if v == 1 {
			n++
		}
	}
	return n
}

// set returns n samples (x the sample's index, shape (n, 1)) whose target
// is 1 for the indices in ones below n and 0 otherwise.
func set(n int, ones ...int) (x, t train.Source) {
	xs, ts := tensor.Zeros(n, 1), tensor.Zeros(n)
	for i := range n {
		xs.Set(float64(i), i, 0)
	}
	for _, i := range ones {
		if i < n {
			ts.Set(1, i)
		}
	}
	return train.FromTensor(xs), train.FromTensor(ts)
}

func TestTrainerLoop(t *testing.T) {
	for _, tc := range []struct {
		name                  string
		trainN, batch, epochs int
		eval                  int
		maxIter               int
		wantIterPerEpoch      float64
		wantMaxIter           int
		wantEpochs            int // epoch lines
		wantTrainAcc          float64
		wantTestAcc           float64
	}{
		// iter_per_epoch = 60/8 = 7.5 and max_iter = int(2*7.5) = 15, so,
		// as in Python, current_iter % 7.5 == 0 at 0 only (15 is not run)
		{"fractional iter_per_epoch", 60, 8, 2, 0, 0, 7.5, 15, 1, 6.0 / 60, 3.0 / 20},
		// three epochs: int(22.5) = 22 iterations, epochs at 0 and 15
		{"three epochs", 60, 8, 3, 0, 0, 7.5, 22, 2, 6.0 / 60, 3.0 / 20},
		// a batch larger than the set: max(5/8, 1) = 1, every step an epoch
		{"batch above the set", 5, 8, 2, 0, 0, 1, 2, 2, 2.0 / 5, 3.0 / 20},
		// evaluate_sample_num_per_epoch = 10: the first 10 samples of each
		// set, which hold 2 and 3 ones
		{"first samples", 60, 10, 2, 10, 0, 6, 12, 2, 2.0 / 10, 3.0 / 10},
		// more than a set holds: the whole set, as x[:t] in Python
		{"more samples than the set", 60, 10, 1, 1000, 0, 6, 6, 1, 6.0 / 60, 3.0 / 20},
		// MaxIter in place of epochs (the ch04/ch05 scripts' iters_num)
		{"max_iter", 60, 10, 0, 0, 13, 6, 13, 3, 6.0 / 60, 3.0 / 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			xTrain, tTrain := set(tc.trainN, 0, 1, 50, 51, 52, 53)
			xTest, tTest := set(20, 0, 2, 4)
			var out bytes.Buffer
			net := newFakeNet()
			cfg := train.DefaultConfig()
			cfg.Epochs, cfg.MiniBatchSize, cfg.EvaluateSampleNumPerEpoch, cfg.MaxIter = tc.epochs, tc.batch, tc.eval, tc.maxIter
			cfg.Out, cfg.Rand, cfg.EvalBatch = &out, random.New(1), 3
			var epochs []int
			cfg.OnEpoch = func(epoch int, trainAcc, testAcc float64) { epochs = append(epochs, epoch) }
			tr, err := train.New(net, xTrain, tTrain, xTest, tTest, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if tr.IterPerEpoch != tc.wantIterPerEpoch || tr.MaxIter != tc.wantMaxIter {
				t.Errorf("iter_per_epoch %v, max_iter %d; want %v, %d", tr.IterPerEpoch, tr.MaxIter, tc.wantIterPerEpoch, tc.wantMaxIter)
			}
			final, err := tr.Train()
			if err != nil {
				t.Fatal(err)
			}
			if net.gradients != tc.wantMaxIter || len(tr.TrainLossList) != tc.wantMaxIter || tr.CurrentIter != tc.wantMaxIter {
				t.Errorf("%d gradients, %d losses, current_iter %d; want %d", net.gradients, len(tr.TrainLossList), tr.CurrentIter, tc.wantMaxIter)
			}
			wantAcc := func(v float64) []float64 {
				s := make([]float64, tc.wantEpochs)
				for i := range s {
					s[i] = v
				}
				return s
			}
			if diff := cmp.Diff(wantAcc(tc.wantTrainAcc), tr.TrainAccList); diff != "" {
				t.Errorf("train_acc_list (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(wantAcc(tc.wantTestAcc), tr.TestAccList); diff != "" {
				t.Errorf("test_acc_list (-want +got):\n%s", diff)
			}
			if tr.CurrentEpoch != tc.wantEpochs || len(epochs) != tc.wantEpochs {
				t.Errorf("current_epoch %d, %d OnEpoch calls; want %d", tr.CurrentEpoch, len(epochs), tc.wantEpochs)
			}
			if final != 3.0/20 {
				t.Errorf("final test accuracy %v, want 3/20 (the whole test set)", final)
			}
			lines := strings.Split(out.String(), "\n")
			if got, want := len(lines), tc.wantMaxIter+tc.wantEpochs+3; got != want {
				t.Errorf("%d lines, want %d:\n%s", got, want, out.String())
			}
		})
	}
}

// TestTrainerPrints checks the book's lines, a non-finite loss printed as
// NumPy prints it while the loop runs on, as the book's does.
func TestTrainerPrints(t *testing.T) {
	xTrain, tTrain := set(4, 0, 1, 2)
	xTest, tTest := set(3, 0)
	var out bytes.Buffer
	cfg := train.DefaultConfig()
	cfg.Epochs, cfg.MiniBatchSize, cfg.Out = 2, 2, &out
	tr, err := train.New(newFakeNet(2.5, math.NaN(), math.Inf(1), 1e-5), xTrain, tTrain, xTest, tTest, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tr.Train(); err != nil {
		t.Fatal(err)
	}
	want := `train loss:2.5
=== epoch:1, train acc:0.75, test acc:0.3333333333333333 ===
train loss:nan
train loss:inf
=== epoch:2, train acc:0.75, test acc:0.3333333333333333 ===
train loss:1e-05
=============== Final Test Accuracy ===============
test acc:0.3333333333333333
`
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]float64{2.5, math.NaN(), math.Inf(1), 1e-5}, tr.TrainLossList, cmpopts.EquateNaNs()); diff != "" {
		t.Errorf("train_loss_list (-want +got):\n%s", diff)
	}
}

// TestStopOnNonFinite: asked to, the loop stops at the first NaN or
// infinite loss with an error naming the iteration, before recording it.
func TestStopOnNonFinite(t *testing.T) {
	for _, tc := range []struct {
		losses []float64
		iter   int
		msg    string
	}{
		{[]float64{1, 2, 3, 4, math.NaN()}, 4, "the loss became NaN at iteration 4 (of 10)"},
		{[]float64{1, math.Inf(1)}, 1, "the loss became +Inf at iteration 1 (of 10)"},
		{[]float64{math.Inf(-1)}, 0, "the loss became -Inf at iteration 0 (of 10)"},
	} {
		xTrain, tTrain := set(20)
		cfg := train.DefaultConfig()
		cfg.Epochs, cfg.MiniBatchSize, cfg.Out, cfg.StopOnNonFinite = 1, 2, io.Discard, true
		tr, err := train.New(newFakeNet(tc.losses...), xTrain, tTrain, xTrain, tTrain, cfg)
		if err != nil {
			t.Fatal(err)
		}
		_, err = tr.Train()
		var nf *train.NonFiniteError
		if !errors.As(err, &nf) || nf.Iter != tc.iter || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("losses %v: error %v, want a *NonFiniteError with %q", tc.losses, err, tc.msg)
		}
		if len(tr.TrainLossList) != tc.iter {
			t.Errorf("losses %v: %d recorded, want %d", tc.losses, len(tr.TrainLossList), tc.iter)
		}
	}
}

func TestNewErrors(t *testing.T) {
	x4, t4 := set(4)
	_, t3 := set(3)
	x0, t0 := set(0)
	for _, tc := range []struct {
		name                  string
		xTrain, tTrain, xTest train.Source
		tTest                 train.Source
		change                func(*train.Config)
		want                  string
	}{
		{"batch", x4, t4, x4, t4, func(c *train.Config) { c.MiniBatchSize = 0 }, "mini-batch size 0 must be at least 1"},
		{"epochs", x4, t4, x4, t4, func(c *train.Config) { c.Epochs = -1 }, "epochs -1 must not be negative"},
		{"eval", x4, t4, x4, t4, func(c *train.Config) { c.EvaluateSampleNumPerEpoch = -1 }, "evaluate_sample_num_per_epoch -1 must not be negative"},
		{"max_iter", x4, t4, x4, t4, func(c *train.Config) { c.MaxIter = -1 }, "max_iter -1 must not be negative"},
		{"optimizer", x4, t4, x4, t4, func(c *train.Config) { c.OptimizerName = "sgdd" }, `unknown optimizer "sgdd" (valid names: sgd, momentum, nesterov, adagrad, rmsprop, adam)`},
		{"targets", x4, t3, x4, t4, nil, "the training data holds 4 inputs but 3 targets"},
		{"test targets", x4, t4, x4, t3, nil, "the test data holds 4 inputs but 3 targets"},
		{"empty", x0, t0, x4, t4, nil, "the training data holds no samples"},
		{"empty test", x4, t4, x0, t0, nil, "the test data holds no samples"},
		{"missing", nil, t4, x4, t4, nil, "the training data is missing"},
	} {
		cfg := train.DefaultConfig()
		if tc.change != nil {
			tc.change(&cfg)
		}
		_, err := train.New(newFakeNet(), tc.xTrain, tc.tTrain, tc.xTest, tc.tTest, cfg)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}

// TestOptimizerByName: names are case-insensitive, and a given optimizer
// value wins over the name.
func TestOptimizerByName(t *testing.T) {
	x, tt := set(4)
	for _, tc := range []struct {
		name string
		opt  optim.Optimizer
		want string // the optimizer's type
	}{
		{"SGD", nil, "*optim.SGD"},
		{"", nil, "*optim.SGD"},
		{"momentum", nil, "*optim.Momentum"},
		{"NESTEROV", nil, "*optim.Nesterov"},
		{"AdaGrad", nil, "*optim.AdaGrad"},
		{"RMSprop", nil, "*optim.RMSprop"},
		{"Adam", nil, "*optim.Adam"},
		{"no such name", optim.NewAdam(0.1, 0.9, 0.999), "*optim.Adam"},
	} {
		cfg := train.DefaultConfig()
		cfg.OptimizerName, cfg.Optimizer = tc.name, tc.opt
		tr, err := train.New(newFakeNet(), x, tt, x, tt, cfg)
		if err != nil {
			t.Fatalf("%q: %v", tc.name, err)
		}
		if got := typeName(tr.Optimizer()); got != tc.want {
			t.Errorf("%q: optimizer %s, want %s", tc.name, got, tc.want)
		}
	}
}

func typeName(v any) string { return fmt.Sprintf("%T", v) }

// TestDefaultLR: without a learning rate the optimizer gets the book's
// optimizer_param={'lr': 0.01}.
func TestDefaultLR(t *testing.T) {
	x, tt := set(4)
	cfg := train.DefaultConfig()
	cfg.LR = 0
	tr, err := train.New(newFakeNet(), x, tt, x, tt, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if sgd, ok := tr.Optimizer().(*optim.SGD); !ok || sgd.LR != 0.01 {
		t.Errorf("optimizer %#v, want SGD with lr 0.01", tr.Optimizer())
	}
}

// TestStepAllocatesNothing: a steady-state step of the book's TwoLayerNet
// (quiet: printing formats strings) allocates nothing, over tensors and
// over MNIST-like bytes converted per batch.
func TestStepAllocatesNothing(t *testing.T) {
	g := random.New(0)
	x := g.Rand(1000, 20)
	lbl := tensor.Zeros(1000, 4)
	for i := range 1000 {
		lbl.Set(1, i, i%4)
	}
	net := nets.NewTwoLayerNet(20, 8, 4, 0.01, g)
	cfg := train.DefaultConfig()
	cfg.Verbose, cfg.MiniBatchSize, cfg.OptimizerName, cfg.Rand = false, 10, "adam", g
	tr, err := train.New(net, train.FromTensor(x), train.FromTensor(lbl), train.FromTensor(x), train.FromTensor(lbl), cfg)
	if err != nil {
		t.Fatal(err)
	}
	// iter_per_epoch is 100: the first step evaluates, the next 99 do not
	if err := tr.Step(); err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(50, func() {
		if err := tr.Step(); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("a training step allocates %v times, want 0", allocs)
	}
}

func TestTensorSource(t *testing.T) {
	x := tensor.Arange(0, 24, 1).Reshape(4, 3, 2)
	s := train.FromTensor(x)
	if s.Len() != 4 {
		t.Errorf("Len %d, want 4", s.Len())
	}
	if diff := cmp.Diff([]int{2, 3, 2}, s.BatchShape(2)); diff != "" {
		t.Errorf("BatchShape (-want +got):\n%s", diff)
	}
	dst := tensor.Zeros(3, 3, 2)
	s.RowsInto(dst, []int{3, 0, 3}) // x[[3, 0, 3]]
	want := []float64{18, 19, 20, 21, 22, 23, 0, 1, 2, 3, 4, 5, 18, 19, 20, 21, 22, 23}
	if diff := cmp.Diff(want, dst.Data()); diff != "" {
		t.Errorf("RowsInto (-want +got):\n%s", diff)
	}
	v := train.FromTensor(tensor.Vector(5, 6, 7))
	d := tensor.Zeros(2)
	v.RowsInto(d, []int{2, 1})
	if diff := cmp.Diff([]float64{7, 6}, d.Data()); diff != "" {
		t.Errorf("RowsInto of a vector (-want +got):\n%s", diff)
	}
}

func TestTensorSourcePanics(t *testing.T) {
	s := train.FromTensor(tensor.Zeros(4, 3))
	for _, tc := range []struct {
		name string
		f    func()
		want string
	}{
		{"shape", func() { s.RowsInto(tensor.Zeros(2, 4), []int{0, 1}) }, "train.TensorSource.RowsInto: dst shape (2,4) does not hold 2 samples of a source of shape (4,3)"},
		{"count", func() { s.RowsInto(tensor.Zeros(3, 3), []int{0, 1}) }, "dst shape (3,3) does not hold 2 samples"},
		{"index", func() { s.RowsInto(tensor.Zeros(1, 3), []int{4}) }, "train.TensorSource.RowsInto: index 4 out of range for 4 samples"},
		{"negative index", func() { s.RowsInto(tensor.Zeros(1, 3), []int{-1}) }, "index -1 out of range"},
		{"scalar", func() { train.FromTensor(tensor.Scalar(1)) }, "train.FromTensor: a tensor of shape () has no samples"},
		{"batch size", func() { train.NewBatcher(s, s, 0, nil) }, "train.NewBatcher: batch size 0 must be at least 1"},
	} {
		got := func() (msg string) {
			defer func() { msg = fmt.Sprint(recover()) }()
			tc.f()
			return ""
		}()
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s: panic %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestBatcher: the mini-batches are np.random.choice(train_size,
// batch_size) draws, gathered from the sources.
func TestBatcher(t *testing.T) {
	xs, ts := set(50, 7)
	b := train.NewBatcher(xs, ts, 5, random.New(3))
	want := random.New(3) // the same stream, drawn through Choice
	for range 3 {
		x, lbl := b.Next()
		idx := want.Choice(50, 5)
		if diff := cmp.Diff(idx, b.Indices()); diff != "" {
			t.Errorf("indices (-want +got):\n%s", diff)
		}
		for k, i := range idx {
			isSeven := 0.0
			if i == 7 {
				isSeven = 1
			}
			if x.At(k, 0) != float64(i) || lbl.At(k) != isSeven {
				t.Errorf("row %d: x %v, t %v; want sample %d", k, x.At(k, 0), lbl.At(k), i)
			}
		}
	}
}

// TestEvaluator: the accuracy over batches that do not divide the set, and
// over its first samples, counts each sample once.
func TestEvaluator(t *testing.T) {
	xs, ts := set(23, 0, 5, 10, 15, 20, 22)
	for _, tc := range []struct {
		batch, n int
		want     float64
	}{
		{4, 0, 6.0 / 23},
		{0, 0, 6.0 / 23}, // DefaultEvalBatch, larger than the set
		{23, 0, 6.0 / 23},
		{5, 11, 3.0 / 11},
		{5, 100, 6.0 / 23},
		{1, 1, 1},
	} {
		e := train.NewEvaluator(xs, ts, tc.batch)
		for range 2 { // the second pass reuses the buffers
			if got := e.Accuracy(newFakeNet(), tc.n); got != tc.want {
				t.Errorf("batch %d, n %d: accuracy %v, want %v", tc.batch, tc.n, got, tc.want)
			}
		}
	}
	x0, t0 := set(0)
	if got := train.NewEvaluator(x0, t0, 3).Accuracy(newFakeNet(), 0); !math.IsNaN(got) {
		t.Errorf("accuracy of an empty set %v, want NaN (NumPy's 0/0.0)", got)
	}
}

// TestStepsBackground checks that Steps measuring each epoch's accuracies
// on another goroutine (two workers) prints, records and reports through
// OnEpoch exactly what it does in the steps (one worker): the book's lines
// in the book's order, the three lists, OnEpoch once per epoch in order
// with the same values. Two runs of each: one to its end, and one whose
// loss becomes NaN in the third epoch and stops with the same error.
func TestStepsBackground(t *testing.T) {
	type run struct {
		out         string
		err         string
		loss, accs  []float64
		onEpoch     []float64
		currentIter int
	}
	trainRun := func(workers int, nanAt int) run {
		defer parallel.ForceWorkers(parallel.ForceWorkers(workers))
		g := random.New(5)
		x := g.Rand(120, 6)
		lbl := tensor.Zeros(120)
		for i := range 120 {
			lbl.Set(float64(i%3), i)
		}
		xs, ts := train.FromTensor(x), train.FromTensor(lbl)
		ext := nets.DefaultExtendConfig()
		ext.UseBatchnorm, ext.UseDropout, ext.DropoutRation = true, true, 0.2
		net := nets.NewMultiLayerNetExtend(6, []int{7, 5}, 3, ext, g)
		var out bytes.Buffer
		var r run
		cfg := train.DefaultConfig()
		cfg.Epochs, cfg.MiniBatchSize, cfg.Out, cfg.Rand, cfg.LR = 6, 20, &out, g, 0.1
		cfg.StopOnNonFinite = nanAt >= 0
		cfg.OnEpoch = func(epoch int, trainAcc, testAcc float64) {
			r.onEpoch = append(r.onEpoch, float64(epoch), trainAcc, testAcc)
		}
		tr, err := train.New(nanNet{net, nanAt, new(int)}, xs, ts, xs, ts, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tr.Train(); err != nil {
			r.err = err.Error()
		}
		r.out, r.loss, r.currentIter = out.String(), tr.TrainLossList, tr.CurrentIter
		r.accs = append(append(r.accs, tr.TrainAccList...), tr.TestAccList...)
		return r
	}
	for _, nanAt := range []int{-1, 15} {
		want, got := trainRun(1, nanAt), trainRun(2, nanAt)
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(run{}), cmpopts.EquateNaNs()); diff != "" {
			t.Errorf("NaN at %d: two workers (-one +two):\n%s", nanAt, diff)
		}
		if (nanAt >= 0) != (want.err != "") {
			t.Errorf("NaN at %d: error %q", nanAt, want.err)
		}
		if len(want.onEpoch) < 3*3 {
			t.Errorf("NaN at %d: %d epochs reported", nanAt, len(want.onEpoch)/3)
		}
	}
}

// nanNet is a network whose loss is NaN at call nanAt (counted from 0).
type nanNet struct {
	*nets.MultiLayerNetExtend
	nanAt int
	calls *int
}

func (n nanNet) Loss(x, t *tensor.Tensor) float64 {
	l := n.MultiLayerNetExtend.Loss(x, t)
	if *n.calls++; *n.calls-1 == n.nanAt {
		return math.NaN()
	}
	return l
}

// inferencePanic is a layer that panics in an inference Forward, as a
// broken layer of a network being evaluated would.
type inferencePanic struct{}

func (inferencePanic) Forward(x *tensor.Tensor, train bool) *tensor.Tensor {
	if !train {
		panic("inferencePanic.Forward")
	}
	return x
}
func (inferencePanic) Backward(d *tensor.Tensor) *tensor.Tensor { return d }
func (l inferencePanic) Share() layers.Layer                    { return l }

// TestStepsBackgroundPanic: a panic while the accuracies are measured on
// another goroutine is raised on the goroutine that called Steps, as in
// the steps.
func TestStepsBackgroundPanic(t *testing.T) {
	for _, workers := range []int{1, 2} {
		func() {
			defer parallel.ForceWorkers(parallel.ForceWorkers(workers))
			g := random.New(1)
			net := layers.NewNetwork(loss.NewSoftmaxWithLoss(), layers.NewAffine(4, 3, g), inferencePanic{})
			xs, ts := train.FromTensor(g.Rand(10, 4)), train.FromTensor(tensor.Zeros(10, 3))
			cfg := train.DefaultConfig()
			cfg.Epochs, cfg.MiniBatchSize, cfg.Out, cfg.Rand = 2, 5, io.Discard, g
			tr, err := train.New(net, xs, ts, xs, ts, cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer func() {
				if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "inferencePanic.Forward") {
					t.Errorf("%d workers: Steps recovered %v, want the layer's panic", workers, r)
				}
			}()
			tr.Steps(4)
		}()
	}
}

// TestBackground checks Background on its own: nil where it would not pay
// off (one worker, a network not built on layers.Network), with methods
// that do nothing; on two workers, accuracies equal to those of the
// network when Start took its snapshot, however far it trains meanwhile;
// Start refused while busy and for a convolutional network.
func TestBackground(t *testing.T) {
	g := random.New(9)
	x := g.Rand(90, 6)
	lbl := tensor.Zeros(90)
	for i := range 90 {
		lbl.Set(float64(i%3), i)
	}
	xs, ts := train.FromTensor(x), train.FromTensor(lbl)
	net := nets.NewMultiLayerNet(6, []int{8}, 3, nets.Config{}, g)
	e1, e2 := train.NewEvaluator(xs, ts, 20), train.NewEvaluator(xs, ts, 0)

	func() {
		defer parallel.ForceWorkers(parallel.ForceWorkers(1))
		var bg *train.Background = train.NewBackground(net, e1)
		if bg != nil {
			t.Fatal("a Background on one worker")
		}
		if bg.Start(0) || bg.Wait() != nil || bg.Busy() {
			t.Error("a nil Background did something")
		}
		bg.Close()
	}()
	defer parallel.ForceWorkers(parallel.ForceWorkers(2))
	if train.NewBackground(newFakeNet(), e1) != nil {
		t.Error("a Background for a network not built on layers.Network")
	}
	bg := train.NewBackground(net, e1, e2)
	if bg == nil {
		t.Fatal("no Background on two workers")
	}
	defer bg.Close()
	opt := optim.NewSGD(0.5)
	moved := 0 // rounds whose training changed the accuracy
	for round := range 3 {
		want := train.NewEvaluator(xs, ts, 0).Accuracy(net, 60)
		if !bg.Start(60) {
			t.Fatal("Start refused a MultiLayerNet")
		}
		func() {
			defer func() {
				if recover() == nil {
					t.Error("Start while busy did not panic")
				}
			}()
			bg.Start(60)
		}()
		for range 5 { // the network trains on meanwhile
			tb := tensor.Zeros(90, 3)
			for i := range 90 {
				tb.Set(1, i, (i+round)%3)
			}
			net.Gradient(x, tb)
			opt.Update(net.Params())
		}
		accs := bg.Wait()
		if len(accs) != 2 || accs[0] != want || accs[1] != want {
			t.Errorf("round %d: accuracies %v, want %v from both Evaluators", round, accs, want)
		}
		if train.NewEvaluator(xs, ts, 0).Accuracy(net, 60) != want {
			moved++
		}
		if bg.Busy() || bg.Wait() != nil {
			t.Errorf("round %d: still busy after Wait", round)
		}
	}
	if moved == 0 {
		t.Error("the training between Start and Wait never changed the accuracy: the test shows nothing")
	}
	conv := nets.NewSimpleConvNet([3]int{1, 6, 6}, nets.ConvParam{FilterNum: 2, FilterSize: 3, Pad: 0, Stride: 1}, 4, 3, 0.01, g)
	cbg := train.NewBackground(conv, e1)
	if cbg == nil || cbg.Start(0) {
		t.Error("Start took a convolutional network")
	}
	cbg.Close()
}

package nets

import (
	"encoding/json"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/gradient"
	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/dlfs-go/dlfs/train"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Both networks are what the book's Trainer trains.
var (
	_ train.Net = (*MultiLayerNet)(nil)
	_ train.Net = (*MultiLayerNetExtend)(nil)
)

// hexFloat is a Python float.hex() string, decoded exactly.
type hexFloat float64

func (h *hexFloat) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := strconv.ParseFloat(s, 64)
	*h = hexFloat(v)
	return err
}

type namedArray struct {
	Name   string     `json:"name"`
	Shape  []int      `json:"shape"`
	Values []hexFloat `json:"values"`
}

func (a namedArray) floats() []float64 {
	out := make([]float64, len(a.Values))
	for i, v := range a.Values {
		out[i] = float64(v)
	}
	return out
}

// multiLayerCase mirrors one case of testdata/multilayer.json, made by
// testdata/gen_multilayer.py from the book's classes with NumPy 1.24.
type multiLayerCase struct {
	Name   string `json:"name"`
	Extend bool   `json:"extend"`
	Seed   uint32 `json:"seed"`
	Input  int    `json:"input"`
	Hidden []int  `json:"hidden"`
	Output int    `json:"output"`
	Kwargs struct {
		Activation        string   `json:"activation"`
		WeightInitStd     any      `json:"weight_init_std"`
		WeightDecayLambda float64  `json:"weight_decay_lambda"`
		UseDropout        bool     `json:"use_dropout"`
		DropoutRation     *float64 `json:"dropout_ration"`
		UseBatchnorm      bool     `json:"use_batchnorm"`
	} `json:"kwargs"`
	X         []hexFloat   `json:"x"`
	XShape    []int        `json:"x_shape"`
	T         []hexFloat   `json:"t"`
	TShape    []int        `json:"t_shape"`
	Optimizer string       `json:"optimizer"`
	LR        float64      `json:"lr"`
	Initial   []namedArray `json:"initial"`
	Loss      hexFloat     `json:"loss"`
	LossTrain *hexFloat    `json:"loss_train"`
	Accuracy  hexFloat     `json:"accuracy"`
	Gradient  []namedArray `json:"gradient"`
	Numerical []namedArray `json:"numerical"`
	Steps     []struct {
		Loss hexFloat `json:"loss"`
	} `json:"steps"`
	Final         []namedArray `json:"final"`
	State         []namedArray `json:"state"`
	AccuracyFinal hexFloat     `json:"accuracy_final"`
}

func loadMultiLayer(t *testing.T) []multiLayerCase {
	t.Helper()
	b, err := os.ReadFile("testdata/multilayer.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Cases []multiLayerCase `json:"cases"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("testdata/multilayer.json: %v", err)
	}
	if len(f.Cases) == 0 {
		t.Fatal("testdata/multilayer.json: no cases")
	}
	return f.Cases
}

func floatsOf(h []hexFloat) []float64 {
	out := make([]float64, len(h))
	for i, v := range h {
		out[i] = float64(v)
	}
	return out
}

// mlNet is what the parity test uses of both networks.
type mlNet interface {
	train.Net
	Accuracy(x, t *tensor.Tensor) float64
	NumericalGradient(x, t *tensor.Tensor) map[string]*tensor.Tensor
	State() []layers.Param
}

// build makes the Go network of a fixture case, drawing from g.
func (c *multiLayerCase) build(t *testing.T, g *random.Generator) (mlNet, *MultiLayerNetExtend) {
	t.Helper()
	var cfg Config
	cfg.Activation = c.Kwargs.Activation
	cfg.WeightDecayLambda = c.Kwargs.WeightDecayLambda
	switch v := c.Kwargs.WeightInitStd.(type) {
	case nil:
	case string:
		w, err := ParseWeightInit(v)
		if err != nil {
			t.Fatal(err)
		}
		cfg.WeightInitStd = w
	case float64:
		cfg.WeightInitStd = StdInit(v)
	default:
		t.Fatalf("weight_init_std %v (%T)", v, v)
	}
	if !c.Extend {
		return NewMultiLayerNet(c.Input, c.Hidden, c.Output, cfg, g), nil
	}
	ec := DefaultExtendConfig()
	ec.Config = cfg
	ec.UseDropout, ec.UseBatchnorm = c.Kwargs.UseDropout, c.Kwargs.UseBatchnorm
	if c.Kwargs.DropoutRation != nil {
		ec.DropoutRation = *c.Kwargs.DropoutRation
	}
	n := NewMultiLayerNetExtend(c.Input, c.Hidden, c.Output, ec, g)
	return n, n
}

// byName returns a parameter list as name → values.
func byName(ps []layers.Param, grad bool) map[string][]float64 {
	m := make(map[string][]float64, len(ps))
	for _, p := range ps {
		if grad {
			m[p.Name] = append([]float64(nil), p.Grad.Data()...)
		} else {
			m[p.Name] = append([]float64(nil), p.Value.Data()...)
		}
	}
	return m
}

func want(arrays []namedArray) map[string][]float64 {
	m := make(map[string][]float64, len(arrays))
	for _, a := range arrays {
		m[a.Name] = a.floats()
	}
	return m
}

// TestMultiLayerMatchesNumPy runs each fixture case as the generator did
// (build, loss, loss in training mode, accuracy, gradient, numerical
// gradient, Trainer steps) and compares every number with NumPy's. The
// initial weights are NumPy's bit for bit (the same draws, one product
// each); losses, gradients and trained parameters agree to a relative
// 1e-12, the matrix products summing in another order than OpenBLAS's.
// The biases of an Affine layer followed by Batch Normalization have a
// gradient of exactly zero in theory and of rounding noise (1e-17) in
// practice, which Adam (dividing by sqrt(v) + 1e-7) turns into steps of up
// to 1e-11: trained parameters and running statistics therefore agree to
// a relative 1e-12 or an absolute 1e-10 (the parameters are of order 0.1).
// The numerical gradients, differences of nearly equal losses divided by
// 2e-4, agree to an absolute 1e-9: far below their size, and only if every
// Dropout mask was drawn in the book's order.
func TestMultiLayerMatchesNumPy(t *testing.T) {
	close := cmp.Options{cmpopts.EquateApprox(1e-12, 1e-15)}
	trained := cmp.Options{cmpopts.EquateApprox(1e-12, 1e-10)}
	for _, c := range loadMultiLayer(t) {
		t.Run(c.Name, func(t *testing.T) {
			g := random.New(c.Seed)
			n, ext := c.build(t, g)
			x := tensor.New(floatsOf(c.X), c.XShape...)
			lbl := tensor.New(floatsOf(c.T), c.TShape...)
			check := func(what string, want, got any, opts cmp.Option) {
				t.Helper()
				if diff := cmp.Diff(want, got, opts); diff != "" {
					t.Errorf("%s (-NumPy +got):\n%s", what, diff)
				}
			}
			var names []string
			for _, p := range n.Params() {
				names = append(names, p.Name)
			}
			var bookNames []string
			for _, a := range c.Gradient { // the book's grads, in the order of its layers
				bookNames = append(bookNames, a.Name)
			}
			check("parameter names", bookNames, names, nil)
			check("initial parameters", want(c.Initial), byName(n.Params(), false), nil)

			check("loss", float64(c.Loss), n.Loss(x, lbl), close)
			if c.LossTrain != nil {
				check("loss in training mode", float64(*c.LossTrain), ext.LossTrain(x, lbl), close)
			}
			check("accuracy", float64(c.Accuracy), n.Accuracy(x, lbl), nil)
			n.Gradient(x, lbl)
			check("gradient", want(c.Gradient), byName(n.Params(), true), close)
			if c.Numerical != nil {
				num := n.NumericalGradient(x, lbl)
				got := make(map[string][]float64, len(num))
				for k, v := range num {
					got[k] = v.Data()
				}
				check("numerical gradient", want(c.Numerical), got, cmpopts.EquateApprox(0, 1e-9))
			}

			var opt optim.Optimizer = optim.NewSGD(c.LR)
			if c.Optimizer == "adam" {
				opt = optim.NewAdam(c.LR, 0.9, 0.999)
			}
			var losses, wantLosses []float64
			for _, s := range c.Steps {
				n.Gradient(x, lbl)
				opt.Update(n.Params())
				losses = append(losses, n.Loss(x, lbl))
				wantLosses = append(wantLosses, float64(s.Loss))
			}
			check("losses after each step", wantLosses, losses, close)
			check("final parameters", want(c.Final), byName(n.Params(), false), trained)
			if c.State != nil || len(n.State()) > 0 {
				check("running statistics", want(c.State), byName(n.State(), false), trained)
			}
			check("final accuracy", float64(c.AccuracyFinal), n.Accuracy(x, lbl), nil)
		})
	}
}

// TestMultiLayerGradientCheck compares back-propagation with central
// differences on small nets of every kind. With Dropout the generator is
// reseeded before every loss, so that each one drops the same units as the
// backward pass did. The book's cross-entropy has 1e-7 inside the log,
// which back-propagation ignores, so the bound is a relative 1e-5 rather
// than rounding. The biases of an Affine layer followed by Batch
// Normalization have a true gradient of zero: both sides are rounding
// noise there, within an absolute 1e-9 of each other.
func TestMultiLayerGradientCheck(t *testing.T) {
	tests := []struct {
		name   string
		hidden []int
		cfg    ExtendConfig
		extend bool
	}{
		{"MultiLayerNet relu", []int{5, 4}, ExtendConfig{}, false},
		{"MultiLayerNet sigmoid decay", []int{6, 5, 4}, ExtendConfig{Config: Config{Activation: "sigmoid", WeightInitStd: XavierInit, WeightDecayLambda: 0.3}}, false},
		{"MultiLayerNet no hidden layer", nil, ExtendConfig{Config: Config{WeightInitStd: StdInit(0.5), WeightDecayLambda: 0.1}}, false},
		{"Extend plain", []int{5, 4}, ExtendConfig{}, true},
		{"Extend batchnorm", []int{5, 4, 6}, ExtendConfig{UseBatchnorm: true}, true},
		{"Extend dropout", []int{8, 7}, ExtendConfig{UseDropout: true, DropoutRation: 0.3}, true},
		{"Extend batchnorm dropout decay sigmoid", []int{6, 6}, ExtendConfig{
			Config:     Config{Activation: "sigmoid", WeightInitStd: HeInit, WeightDecayLambda: 0.2},
			UseDropout: true, DropoutRation: 0.25, UseBatchnorm: true}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			const seed = 7
			g := random.New(seed)
			x := random.New(11).Randn(5, 6)
			lbl := oneHot([]int{0, 2, 1, 2, 0}, 3)
			var params []layers.Param
			var lossTrain func() float64
			var backprop func()
			if tc.extend {
				n := NewMultiLayerNetExtend(6, tc.hidden, 3, tc.cfg, g)
				params = n.Params()
				lossTrain = func() float64 { g.Seed(seed); return n.LossTrain(x, lbl) }
				backprop = func() { g.Seed(seed); n.Gradient(x, lbl) }
			} else {
				n := NewMultiLayerNet(6, tc.hidden, 3, tc.cfg.Config, g)
				params = n.Params()
				lossTrain = func() float64 { return n.Loss(x, lbl) }
				backprop = func() { n.Gradient(x, lbl) }
			}
			num := make(map[string][]float64)
			for _, p := range params {
				num[p.Name] = gradient.Numerical(func(*tensor.Tensor) float64 { return lossTrain() }, p.Value).Data()
			}
			backprop()
			for _, p := range params {
				e, d := relErr(p.Grad.Data(), num[p.Name]), maxAbsDiff(p.Grad.Data(), num[p.Name])
				if !(e <= 1e-5 || d <= 1e-9) {
					t.Errorf("%s: relative error %.3g, largest difference %.3g", p.Name, e, d)
				}
			}
		})
	}
}

func maxAbsDiff(a, b []float64) float64 {
	m := 0.0
	for i := range a {
		if d := math.Abs(a[i] - b[i]); !(d <= m) {
			m = d
		}
	}
	return m
}

// TestMultiLayerNames checks the parameter and state names against the
// book's params dict for each layout.
func TestMultiLayerNames(t *testing.T) {
	names := func(ps []layers.Param) string {
		var s []string
		for _, p := range ps {
			s = append(s, p.Name)
		}
		return strings.Join(s, " ")
	}
	tests := []struct {
		name string
		net  interface {
			Params() []layers.Param
			State() []layers.Param
		}
		params, st string
	}{
		{"MultiLayerNet", NewMultiLayerNet(4, []int{3, 3}, 2, Config{}, random.New(0)), "W1 b1 W2 b2 W3 b3", ""},
		{"Extend batchnorm dropout", NewMultiLayerNetExtend(4, []int{3, 3}, 2,
			ExtendConfig{UseBatchnorm: true, UseDropout: true, DropoutRation: 0.5}, random.New(0)),
			"W1 b1 gamma1 beta1 W2 b2 gamma2 beta2 W3 b3", "running_mean1 running_var1 running_mean2 running_var2"},
		{"Extend dropout", NewMultiLayerNetExtend(4, []int{3}, 2, ExtendConfig{UseDropout: true}, random.New(0)),
			"W1 b1 W2 b2", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := names(tc.net.Params()); got != tc.params {
				t.Errorf("Params: %s, want %s", got, tc.params)
			}
			if got := names(tc.net.State()); got != tc.st {
				t.Errorf("State: %q, want %q", got, tc.st)
			}
		})
	}
}

// TestLossModes: Loss is the book's loss(x, t) in inference mode, which
// draws no mask and leaves the running statistics alone; LossTrain draws
// one Float64 per hidden unit per sample and moves them.
func TestLossModes(t *testing.T) {
	g := random.New(3)
	n := NewMultiLayerNetExtend(4, []int{5, 3}, 2, ExtendConfig{UseDropout: true, DropoutRation: 0.5, UseBatchnorm: true}, g)
	x := random.New(4).Randn(6, 4)
	lbl := tensor.Vector(0, 1, 1, 0, 1, 0)
	// After __init__ the book has drawn 4*5 + 5*3 + 3*2 Gaussians: replay
	// them on a second generator, then the masks LossTrain draws.
	ref := random.New(3)
	ref.Randn(4*5 + 5*3 + 3*2)
	n.Loss(x, lbl)
	if got := byName(n.State(), false)["running_mean1"]; !cmp.Equal(got, make([]float64, 5)) {
		t.Errorf("Loss moved running_mean1 to %v", got)
	}
	if a, b := g.Uint32(), ref.Uint32(); a != b {
		t.Fatalf("Loss drew from the generator (next draw %d, want %d)", a, b)
	}
	ref.Rand(6*5 + 6*3) // the two Dropout masks
	n.LossTrain(x, lbl)
	if got := byName(n.State(), false)["running_mean1"]; cmp.Equal(got, make([]float64, 5)) {
		t.Error("LossTrain left running_mean1 at zero")
	}
	if a, b := g.Uint32(), ref.Uint32(); a != b {
		t.Errorf("LossTrain did not draw 48 mask values (next draw %d, want %d)", a, b)
	}
}

func TestParseWeightInit(t *testing.T) {
	tests := []struct {
		in     string
		str    string
		scale  float64 // for a previous layer of 8 units
		errSub string
	}{
		{"relu", "relu", math.Sqrt(2.0 / 8), ""},
		{"He", "he", math.Sqrt(2.0 / 8), ""},
		{"SIGMOID", "sigmoid", math.Sqrt(1.0 / 8), ""},
		{"xavier", "xavier", math.Sqrt(1.0 / 8), ""},
		{"0.01", "0.01", 0.01, ""},
		{"1e-3", "0.001", 0.001, ""},
		{"gauss", "", 0, `weight_init_std "gauss": want relu, he, sigmoid, xavier or a number`},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			w, err := ParseWeightInit(tc.in)
			if tc.errSub != "" {
				if err == nil || err.Error() != tc.errSub {
					t.Fatalf("error %v, want %q", err, tc.errSub)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if w.String() != tc.str || w.Scale(8) != tc.scale {
				t.Errorf("%q: String %q Scale(8) %v, want %q %v", tc.in, w.String(), w.Scale(8), tc.str, tc.scale)
			}
		})
	}
	var zero WeightInit
	if zero.String() != "relu" || zero.Scale(2) != 1 || StdInit(0).Scale(2) != 0 {
		t.Errorf("zero value %q scale %v; StdInit(0) scale %v", zero, zero.Scale(2), StdInit(0).Scale(2))
	}
}

// TestMultiLayerPanics: programmer errors name the constructor and what
// is wrong.
func TestMultiLayerPanics(t *testing.T) {
	tests := []struct {
		name string
		f    func()
		want string
	}{
		{"activation", func() { NewMultiLayerNet(2, []int{2}, 2, Config{Activation: "tanh"}, nil) },
			`nets.NewMultiLayerNet: activation "tanh": want "relu" or "sigmoid"`},
		{"size", func() { NewMultiLayerNet(2, []int{0}, 2, Config{}, nil) },
			"nets.NewMultiLayerNet: sizes 2, [0], 2 must be positive"},
		{"extend size", func() { NewMultiLayerNetExtend(0, nil, 2, ExtendConfig{}, nil) },
			"nets.NewMultiLayerNetExtend: sizes 0, [], 2 must be positive"},
		{"ratio", func() {
			NewMultiLayerNetExtend(2, []int{2}, 2, ExtendConfig{UseDropout: true, DropoutRation: 1.5}, nil)
		},
			"nets.NewMultiLayerNetExtend: dropout_ration 1.5 is outside [0, 1]"},
		{"ratio NaN", func() {
			NewMultiLayerNetExtend(2, []int{2}, 2, ExtendConfig{UseDropout: true, DropoutRation: math.NaN()}, nil)
		}, "nets.NewMultiLayerNetExtend: dropout_ration NaN is outside [0, 1]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if r := recover(); r != tc.want {
					t.Errorf("panic %v, want %q", r, tc.want)
				}
			}()
			tc.f()
		})
	}
}

// TestMultiLayerStepAllocatesNothing: a steady-state step of the book's
// Trainer loop (gradient, update, loss, accuracy) reuses every buffer, for
// both networks, with Batch Normalization, Dropout and weight decay, and
// with SGD and Adam.
func TestMultiLayerStepAllocatesNothing(t *testing.T) {
	g := random.New(0)
	x := g.Rand(16, 20)
	lbl := oneHot([]int{0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3}, 4)
	full := ExtendConfig{Config: Config{WeightDecayLambda: 0.1}, UseDropout: true, DropoutRation: 0.5, UseBatchnorm: true}
	tests := []struct {
		name string
		net  train.Net
		opt  optim.Optimizer
	}{
		{"MultiLayerNet Adam", NewMultiLayerNet(20, []int{8, 8}, 4, Config{WeightDecayLambda: 0.1}, g), optim.NewAdam(0.001, 0.9, 0.999)},
		{"MultiLayerNet SGD", NewMultiLayerNet(20, []int{8}, 4, Config{Activation: "sigmoid"}, g), optim.NewSGD(0.1)},
		{"Extend batchnorm dropout SGD", NewMultiLayerNetExtend(20, []int{8, 8, 8}, 4, full, g), optim.NewSGD(0.1)},
		{"Extend batchnorm dropout Adam", NewMultiLayerNetExtend(20, []int{8, 8}, 4, full, g), optim.NewAdam(0.001, 0.9, 0.999)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			step := func() {
				tc.net.Gradient(x, lbl)
				tc.opt.Update(tc.net.Params())
				tc.net.Loss(x, lbl)
				tc.net.Correct(x, lbl)
			}
			step()
			if a := testing.AllocsPerRun(10, step); a != 0 {
				t.Errorf("a step allocates %v times", a)
			}
		})
	}
}

// TestWeightDecayNonFinite: without weight decay the book still adds
// 0.5 * 0 * np.sum(W**2), which is NaN when a weight is infinite or a sum
// of squares overflows, even where the scores are finite (a -inf weight
// whose unit the ReLU zeroes). The values are NumPy's, from the book's
// MultiLayerNet(2, [3], 2) after np.random.seed(0) on x = [[1, 2]], t =
// [[1, 0]]. The last rows come after a numerical gradient, which checks
// the weights once for all its losses: the check must not outlive it.
func TestWeightDecayNonFinite(t *testing.T) {
	n := NewMultiLayerNet(2, []int{3}, 2, Config{}, random.New(0))
	x := tensor.FromRows([][]float64{{1, 2}})
	lbl := tensor.FromRows([][]float64{{1, 0}})
	w1, w2 := n.Affines[0].W, n.Affines[1].W
	tests := []struct {
		name string
		set  func()
		want float64
	}{
		{"initial", func() {}, 0.020396380965521176},
		{"W1[0,0] = -inf", func() { w1.Set(math.Inf(-1), 0, 0) }, math.NaN()},
		{"W1[0,0] = 1e155, W2 = 0", func() {
			w1.Set(1e155, 0, 0)
			for i := range w2.Data() {
				w2.Data()[i] = 0
			}
		}, math.NaN()},
		{"W1[0,0] = 1e150", func() { w1.Set(1e150, 0, 0) }, 0.6931469805599654},
		{"after a numerical gradient, W1[0,0] = -inf", func() {
			n.NumericalGradient(x, lbl)
			w1.Set(math.Inf(-1), 0, 0)
		}, math.NaN()},
	}
	for _, tc := range tests {
		tc.set()
		if got := n.Loss(x, lbl); !cmp.Equal(got, tc.want, cmpopts.EquateNaNs()) {
			t.Errorf("%s: loss %v, NumPy %v", tc.name, got, tc.want)
		}
	}
}

// trainerCase mirrors one of testdata/multilayer.json's trainers: the
// book's Trainer run on a MultiLayerNetExtend(6, [8, 8], 3).
type trainerCase struct {
	Name   string `json:"name"`
	Seed   uint32 `json:"seed"`
	Kwargs struct {
		WeightDecayLambda float64  `json:"weight_decay_lambda"`
		UseDropout        bool     `json:"use_dropout"`
		DropoutRation     *float64 `json:"dropout_ration"`
		UseBatchnorm      bool     `json:"use_batchnorm"`
	} `json:"kwargs"`
	Optimizer string       `json:"optimizer"`
	LR        float64      `json:"lr"`
	X         []hexFloat   `json:"x"`
	XShape    []int        `json:"x_shape"`
	T         []hexFloat   `json:"t"`
	TShape    []int        `json:"t_shape"`
	TrainLoss []hexFloat   `json:"train_loss"`
	TrainAcc  []hexFloat   `json:"train_acc"`
	TestAcc   []hexFloat   `json:"test_acc"`
	Final     []namedArray `json:"final"`
}

// TestTrainerMatchesBook trains MultiLayerNetExtend with train.Trainer as
// the book's Trainer does (x_test = x_train[:10]): the mini-batches
// (np.random.choice) and the Dropout masks come from one generator, so the
// losses agree with NumPy's only if Gradient runs in training mode, Loss
// in inference mode, and every draw comes in the book's order.
func TestTrainerMatchesBook(t *testing.T) {
	b, err := os.ReadFile("testdata/multilayer.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Trainers []trainerCase `json:"trainers"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("testdata/multilayer.json: %v", err)
	}
	if len(f.Trainers) == 0 {
		t.Fatal("testdata/multilayer.json: no trainer cases")
	}
	for _, c := range f.Trainers {
		t.Run(c.Name, func(t *testing.T) {
			g := random.New(c.Seed)
			cfg := DefaultExtendConfig()
			cfg.WeightDecayLambda = c.Kwargs.WeightDecayLambda
			cfg.UseDropout, cfg.UseBatchnorm = c.Kwargs.UseDropout, c.Kwargs.UseBatchnorm
			if c.Kwargs.DropoutRation != nil {
				cfg.DropoutRation = *c.Kwargs.DropoutRation
			}
			n := NewMultiLayerNetExtend(6, []int{8, 8}, 3, cfg, g)
			x := tensor.New(floatsOf(c.X), c.XShape...)
			lbl := tensor.New(floatsOf(c.T), c.TShape...)
			tc := train.DefaultConfig()
			tc.Epochs, tc.MiniBatchSize, tc.OptimizerName, tc.LR = 3, 7, c.Optimizer, c.LR
			tc.Verbose, tc.Rand = false, g
			first10 := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
			tr, err := train.New(n, train.FromTensor(x), train.FromTensor(lbl),
				train.FromTensor(ops.Rows(x, first10)), train.FromTensor(ops.Rows(lbl, first10)), tc)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := tr.Train(); err != nil {
				t.Fatal(err)
			}
			close := cmp.Options{cmpopts.EquateApprox(1e-12, 1e-15)}
			if diff := cmp.Diff(floatsOf(c.TrainLoss), tr.TrainLossList, close); diff != "" {
				t.Errorf("train_loss_list (-NumPy +got):\n%s", diff)
			}
			if diff := cmp.Diff(floatsOf(c.TrainAcc), tr.TrainAccList); diff != "" {
				t.Errorf("train_acc_list (-NumPy +got):\n%s", diff)
			}
			if diff := cmp.Diff(floatsOf(c.TestAcc), tr.TestAccList); diff != "" {
				t.Errorf("test_acc_list (-NumPy +got):\n%s", diff)
			}
			if diff := cmp.Diff(want(c.Final), byName(n.Params(), false), cmpopts.EquateApprox(1e-12, 1e-10)); diff != "" {
				t.Errorf("final parameters (-NumPy +got):\n%s", diff)
			}
		})
	}
}

// TestWeightDecayGradNonFinite: the book's gradient adds 0 * W to dW even
// without weight decay, so an infinite weight makes its own gradient NaN
// (0 * inf) and leaves the others finite; with bounded weights the term
// adds nothing. W1[0,0] = -inf sends the first hidden unit to -inf, which
// the ReLU zeroes, so dW1[0,0] is 0 + 0 * -inf.
func TestWeightDecayGradNonFinite(t *testing.T) {
	n := NewMultiLayerNet(2, []int{3}, 2, Config{}, random.New(0))
	x := tensor.FromRows([][]float64{{1, 2}})
	lbl := tensor.FromRows([][]float64{{1, 0}})
	n.Affines[0].W.Set(math.Inf(-1), 0, 0)
	n.Gradient(x, lbl)
	for i, g := range n.Affines[0].DW.Data() {
		if nan := math.IsNaN(g); nan != (i == 0) {
			t.Errorf("dW1[%d] = %v: want NaN only at [0,0]", i, g)
		}
	}
	n.Affines[0].W.Set(0.5, 0, 0)
	n.Gradient(x, lbl)
	for i, g := range n.Affines[0].DW.Data() {
		if math.IsNaN(g) || math.IsInf(g, 0) {
			t.Errorf("bounded weights: dW1[%d] = %v", i, g)
		}
	}
}

// TestReinit checks that a trained network given new weights by Reinit is,
// to the bit, the network the constructor builds from the same generator:
// the same parameters and state, then the same losses and parameters over
// steps that draw Dropout masks, and that Reinit allocates nothing.
func TestReinit(t *testing.T) {
	x := random.New(3).Rand(16, 20)
	lbl := oneHot([]int{0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3}, 4)
	type reinitNet interface {
		train.Net
		State() []layers.Param
		Reinit(WeightInit, *random.Generator)
	}
	full := ExtendConfig{Config: Config{WeightDecayLambda: 0.1}, UseDropout: true, DropoutRation: 0.3, UseBatchnorm: true}
	tests := []struct {
		name string
		make func(init WeightInit, g *random.Generator) reinitNet
		init WeightInit
	}{
		{"MultiLayerNet", func(init WeightInit, g *random.Generator) reinitNet {
			return NewMultiLayerNet(20, []int{8, 8}, 4, Config{WeightInitStd: init}, g)
		}, StdInit(0.05)},
		{"MultiLayerNet sigmoid decay", func(init WeightInit, g *random.Generator) reinitNet {
			return NewMultiLayerNet(20, []int{8}, 4, Config{Activation: "sigmoid", WeightInitStd: init, WeightDecayLambda: 0.1}, g)
		}, mustWeightInit(t, "xavier")},
		{"Extend batchnorm dropout", func(init WeightInit, g *random.Generator) reinitNet {
			cfg := full
			cfg.WeightInitStd = init
			return NewMultiLayerNetExtend(20, []int{8, 8, 8}, 4, cfg, g)
		}, StdInit(0.3)},
		{"Extend batchnorm", func(init WeightInit, g *random.Generator) reinitNet {
			cfg := ExtendConfig{UseBatchnorm: true}
			cfg.WeightInitStd = init
			return NewMultiLayerNetExtend(20, []int{8, 8}, 4, cfg, g)
		}, mustWeightInit(t, "he")},
	}
	exact := cmp.Comparer(func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) })
	values := func(n reinitNet) map[string][]float64 {
		m := byName(n.Params(), false)
		for _, p := range n.State() {
			m[p.Name] = append([]float64(nil), p.Value.Data()...)
		}
		return m
	}
	train := func(n reinitNet) []float64 {
		opt := optim.NewAdam(0.01, 0.9, 0.999)
		var losses []float64
		for range 3 {
			losses = append(losses, n.Gradient(x, lbl))
			opt.Update(n.Params())
			losses = append(losses, n.Loss(x, lbl))
		}
		return losses
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			used := tc.make(mustWeightInit(t, "relu"), random.New(1))
			train(used) // weights, running statistics and optimizer moved
			used.Reinit(tc.init, random.New(7))
			fresh := tc.make(tc.init, random.New(7))
			if d := cmp.Diff(values(fresh), values(used), exact); d != "" {
				t.Fatalf("after Reinit (-constructor +reinitialised):\n%s", d)
			}
			if d := cmp.Diff(train(fresh), train(used), exact); d != "" {
				t.Errorf("losses of three steps (-constructor +reinitialised):\n%s", d)
			}
			if d := cmp.Diff(values(fresh), values(used), exact); d != "" {
				t.Errorf("after three steps (-constructor +reinitialised):\n%s", d)
			}
			g := random.New(9)
			if a := testing.AllocsPerRun(5, func() { used.Reinit(tc.init, g) }); a != 0 {
				t.Errorf("Reinit allocates %v times", a)
			}
		})
	}
}

func mustWeightInit(t *testing.T, s string) WeightInit {
	t.Helper()
	w, err := ParseWeightInit(s)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

package nets_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/data/npy"
	"github.com/dlfs-go/dlfs/data/pickle"
	"github.com/dlfs-go/dlfs/internal/testenv"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestSimpleConvNetMatchesNumPy builds the nets of testdata/convnet.npz
// (gen_convnet.py: the book's SimpleConvNet under NumPy) from the same
// seeds: the weights must be NumPy's (the draws in the book's order) to
// the ulp — random's logarithm is correctly rounded and glibc's, which
// NumPy's Gaussians call, is not for 0.08% of inputs (see random/log.go),
// so one Gaussian in about a thousand differs in its last bit — the loss
// and gradients within the rounding of the products' different summation
// orders, and the accuracy (batches of 100, the last partial batch left
// out) exactly.
func TestSimpleConvNetMatchesNumPy(t *testing.T) {
	a, err := npy.ReadNPZFile("testdata/convnet.npz")
	if err != nil {
		t.Fatal(err)
	}
	approx := cmpopts.EquateApprox(1e-10, 1e-14)
	for k := 0; ; k++ {
		key := fmt.Sprintf("case%d_", k)
		cfg, ok := a[key+"config"]
		if !ok {
			if k == 0 {
				t.Fatal("no cases in testdata/convnet.npz")
			}
			break
		}
		c := cfg.Data()
		net := nets.NewSimpleConvNet([3]int{int(c[1]), int(c[2]), int(c[3])},
			nets.ConvParam{FilterNum: int(c[4]), FilterSize: int(c[5]), Pad: int(c[6]), Stride: int(c[7])},
			int(c[8]), int(c[9]), c[10], random.New(uint32(c[0])))
		params := net.Params()
		if len(params) != 6 {
			t.Fatalf("case %d: %d parameters, want 6", k, len(params))
		}
		ulp := cmpopts.EquateApprox(1e-15, 0)
		for _, p := range params {
			if !cmp.Equal(p.Value.Shape(), a[key+p.Name].Shape()) {
				t.Fatalf("case %d: %s has shape %v, NumPy's %v", k, p.Name, p.Value.Shape(), a[key+p.Name].Shape())
			}
			if d := cmp.Diff(a[key+p.Name].Data(), p.Value.Data(), ulp); d != "" {
				t.Errorf("case %d: %s differs from NumPy's initial value (-NumPy +Go):\n%s", k, p.Name, d)
			}
		}
		x, lt := a[key+"x"], a[key+"t"]
		if got, want := net.Loss(x, lt), a[key+"loss"].Item(); !cmp.Equal(got, want, approx) {
			t.Errorf("case %d: loss %v, NumPy %v", k, got, want)
		}
		net.Gradient(x, lt)
		for _, p := range net.Params() {
			if d := cmp.Diff(a[key+"d"+p.Name].Data(), p.Grad.Data(), approx); d != "" {
				t.Errorf("case %d: gradient of %s (-NumPy +Go):\n%s", k, p.Name, d)
			}
		}
		if got, want := net.Accuracy(x, lt), a[key+"accuracy"].Item(); got != want {
			t.Errorf("case %d: accuracy %v, NumPy %v", k, got, want)
		}
	}
}

// TestSimpleConvNetGradientCheck compares Gradient with NumericalGradient
// on the book's ch07/gradient_check.py network (input (1, 10, 10), ten 3×3
// filters, hidden 10) and on one with padding and a stride of 2.
func TestSimpleConvNetGradientCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		dim  [3]int
		cp   nets.ConvParam
		n    int
	}{
		{"gradient_check.py", [3]int{1, 10, 10}, nets.ConvParam{FilterNum: 10, FilterSize: 3, Stride: 1}, 1},
		{"pad 1 stride 2, 2 channels", [3]int{2, 9, 9}, nets.ConvParam{FilterNum: 3, FilterSize: 3, Pad: 1, Stride: 2}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := random.New(1)
			net := nets.NewSimpleConvNet(tc.dim, tc.cp, 10, 10, 0.3, g)
			x := g.Rand(append([]int{tc.n}, tc.dim[:]...)...)
			lt := tensor.Zeros(tc.n)
			for i := range tc.n {
				lt.Data()[i] = float64(i % 10)
			}
			num := net.NumericalGradient(x, lt)
			net.Gradient(x, lt)
			for _, p := range net.Params() {
				var d, s float64
				for i, v := range p.Grad.Data() {
					w := num[p.Name].Data()[i]
					d += math.Abs(v - w)
					s += math.Abs(v) + math.Abs(w)
				}
				if s > 0 && d/s > 1e-5 {
					t.Errorf("%s: relative difference %.3g between backprop and numerical gradient", p.Name, d/s)
				}
			}
		})
	}
}

func TestSimpleConvNetPanics(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func()
		want string
	}{
		{"zero filters", func() {
			nets.NewSimpleConvNet([3]int{1, 28, 28}, nets.ConvParam{FilterSize: 5, Stride: 1}, 100, 10, 0.01, nil)
		},
			"nets.NewSimpleConvNet: input [1 28 28], conv_param {FilterNum:0 FilterSize:5 Pad:0 Stride:1}, hidden 100, output 10: want positive sizes, a positive stride and a pad of at least 0"},
		{"filter too large", func() {
			nets.NewSimpleConvNet([3]int{1, 5, 5}, nets.ConvParam{FilterNum: 2, FilterSize: 5, Stride: 1}, 10, 10, 0.01, nil)
		},
			"nets.NewSimpleConvNet: a 5x5 filter with stride 1 and pad 0 leaves a 1x1 output of a 5x5 input, too small for the 2x2 pooling"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if r := recover(); r != tc.want {
					t.Fatalf("panic %v, want %q", r, tc.want)
				}
			}()
			tc.f()
		})
	}
}

// TestSimpleConvNetStepAllocatesNothing: a training step (gradient, Adam
// update, loss, count of correct answers) allocates nothing once the
// buffers have grown.
func TestSimpleConvNetStepAllocatesNothing(t *testing.T) {
	g := random.New(2)
	net := nets.NewSimpleConvNet([3]int{1, 12, 12}, nets.ConvParam{FilterNum: 6, FilterSize: 3, Stride: 1}, 10, 4, 0.1, g)
	x := g.Rand(16, 1, 12, 12)
	lt := tensor.Zeros(16)
	for i := range 16 {
		lt.Data()[i] = float64(i % 4)
	}
	opt := optim.NewAdam(0.001, 0.9, 0.999)
	step := func() {
		net.Gradient(x, lt)
		opt.Update(net.Params())
		net.Loss(x, lt)
		net.Correct(x, lt)
	}
	step()
	if a := testing.AllocsPerRun(10, step); a != 0 {
		t.Errorf("a step allocates %v times", a)
	}
}

// TestSimpleConvNetBookWeights loads the book's trained ch07/params.pkl
// (testenv.BookWeights) into SimpleConvNet's defaults and measures the
// accuracy on MNIST's first test images as the book's accuracy does:
// NumPy 1.24 with the book's SimpleConvNet.load_params gives 0.961 on the
// first 1000, and 0.9152380952380952 on the first 1050 (961 right of the
// first 1000 over 1050: the book leaves out the last partial batch).
func TestSimpleConvNetBookWeights(t *testing.T) {
	path := testenv.BookWeights(t, "ch07_params.pkl")
	ds, err := mnist.Load(testenv.MNIST(t))
	if err != nil {
		t.Fatal(err)
	}
	net := nets.NewSimpleConvNet([3]int{1, 28, 28}, nets.DefaultConvParam(), 100, 10, 0.01, random.New(0))
	if err := pickle.LoadParams(path, net); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		n    int
		want float64
	}{{1000, 0.961}, {1050, 0.9152380952380952}} {
		idx := make([]int, tc.n)
		for i := range idx {
			idx[i] = i
		}
		x, lt := tensor.Zeros(tc.n, 1, 28, 28), tensor.Zeros(tc.n)
		ds.Test.ImagesInto(x, idx, true)
		ds.Test.LabelsInto(lt, idx, false)
		if got := net.Accuracy(x, lt); got != tc.want {
			t.Errorf("accuracy on the first %d test images %v, NumPy %v", tc.n, got, tc.want)
		}
	}
}

// summary is gen_deepconvnet.py's summary of an array: its sum, the sum
// of its absolute values, and its first, middle and last values.
func summary(t *tensor.Tensor) []float64 {
	d := t.Data()
	var s, a float64
	for _, v := range d {
		s += v
		a += math.Abs(v)
	}
	return []float64{s, a, d[0], d[len(d)/2], d[len(d)-1]}
}

// TestDeepConvNetMatchesNumPy builds DeepConvNet after random.New(7) as
// the book's after np.random.seed(7) (testdata/deepconvnet.npz,
// gen_deepconvnet.py), draws the same batch, and compares the loss in
// training mode (the Dropout masks drawn from the same generator), the
// gradients of the next call (new masks) and the inference-mode scores.
// Parameters and gradients are compared through summaries (sums and three
// values); the sums are taken in another order than NumPy's, so within a
// relative 1e-12, the values within 1e-15 (weights: one Gaussian in a
// thousand may differ in its last bit, see TestSimpleConvNetMatchesNumPy)
// and 1e-9 (gradients).
func TestDeepConvNetMatchesNumPy(t *testing.T) {
	a, err := npy.ReadNPZFile("testdata/deepconvnet.npz")
	if err != nil {
		t.Fatal(err)
	}
	g := random.New(7)
	net := nets.NewDeepConvNet([3]int{1, 28, 28}, nets.DefaultDeepConvParams(), 50, 10, g)
	params := net.Params()
	if len(params) != 16 {
		t.Fatalf("%d parameters, want 16", len(params))
	}
	for _, p := range params {
		shape := a["shape_"+p.Name]
		if shape == nil {
			t.Fatalf("no parameter %s in the fixture", p.Name)
		}
		want := make([]int, shape.Len())
		for i, v := range shape.Data() {
			want[i] = int(v)
		}
		if !cmp.Equal(p.Value.Shape(), want) {
			t.Fatalf("%s has shape %v, NumPy's %v", p.Name, p.Value.Shape(), want)
		}
		if d := cmp.Diff(a["param_"+p.Name].Data(), summary(p.Value), cmpopts.EquateApprox(1e-12, 1e-15)); d != "" {
			t.Errorf("%s differs from NumPy's initial value (-NumPy +Go):\n%s", p.Name, d)
		}
	}
	x := g.Rand(3, 1, 28, 28)
	lt := tensor.Zeros(3)
	for i, v := range g.Randint(0, 10, 3) {
		lt.Data()[i] = float64(v)
	}
	if !cmp.Equal(x.Data(), a["x"].Data()) || !cmp.Equal(lt.Data(), a["t"].Data()) {
		t.Fatal("the batch differs from NumPy's: the generator is not where NumPy's is")
	}
	if got, want := net.Loss(x, lt), a["loss"].Item(); !cmp.Equal(got, want, cmpopts.EquateApprox(1e-12, 0)) {
		t.Errorf("loss %v, NumPy %v", got, want)
	}
	net.Gradient(x, lt)
	for _, p := range net.Params() {
		if d := cmp.Diff(a["grad_"+p.Name].Data(), summary(p.Grad), cmpopts.EquateApprox(1e-9, 1e-15)); d != "" {
			t.Errorf("gradient of %s (-NumPy +Go):\n%s", p.Name, d)
		}
	}
	if d := cmp.Diff(a["predict"].Data(), net.Predict(x).Data(), cmpopts.EquateApprox(1e-12, 0)); d != "" {
		t.Errorf("inference scores (-NumPy +Go):\n%s", d)
	}
}

// TestDeepConvNetBookWeights is the book's ch08 check of its trained
// weights (a full-length check: two passes over MNIST's 10000 test
// images): deep_convnet_params.pkl in DeepConvNet classifies 9797 of them
// right, as misclassified_mnist.py and half_float_network.py print with
// NumPy (../shared/reference/book/ch08_*.txt), and 9798 once the weights
// and the images are rounded to float16 as half_float_network.py rounds
// them.
func TestDeepConvNetBookWeights(t *testing.T) {
	path := testenv.BookWeights(t, "ch08_deep_convnet_params.pkl")
	testenv.Full(t, "DeepConvNet with the book's weights on MNIST's test set")
	ds, err := mnist.Load(testenv.MNIST(t))
	if err != nil {
		t.Fatal(err)
	}
	net := nets.NewDeepConvNet([3]int{1, 28, 28}, nets.DefaultDeepConvParams(), 50, 10, random.New(0))
	if err := pickle.LoadParams(path, net); err != nil {
		t.Fatal(err)
	}
	n := ds.Test.N
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	x, lt := tensor.Zeros(n, 1, 28, 28), tensor.Zeros(n)
	ds.Test.ImagesInto(x, idx, true)
	ds.Test.LabelsInto(lt, idx, false)
	if got := net.Accuracy(x, lt); got != 0.9797 {
		t.Errorf("float64: accuracy %v, NumPy 0.9797", got)
	}
	x16 := ops.Float16Into(tensor.ZerosLike(x), x)
	for _, p := range net.Params() {
		p.Value.CopyFrom(ops.Float16Into(tensor.ZerosLike(p.Value), p.Value))
	}
	if got := net.Accuracy(x16, lt); got != 0.9798 {
		t.Errorf("float16: accuracy %v, NumPy 0.9798", got)
	}
}

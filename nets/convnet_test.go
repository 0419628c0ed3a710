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

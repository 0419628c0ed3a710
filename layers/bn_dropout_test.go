package layers_test

import (
	"encoding/json"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/loss"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// hexFloats is a list of Python float.hex() strings, decoded exactly.
type hexFloats []float64

func (h *hexFloats) UnmarshalJSON(b []byte) error {
	var ss []string
	if err := json.Unmarshal(b, &ss); err != nil {
		return err
	}
	*h = make([]float64, len(ss))
	for i, s := range ss {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return err
		}
		(*h)[i] = v
	}
	return nil
}

// bnDropoutFixture mirrors testdata/bn_dropout.json, made by
// testdata/gen_bn_dropout.py from the book's classes with NumPy 1.24.
type bnDropoutFixture struct {
	About        string `json:"about"`
	NumpyVersion string `json:"numpy_version"`
	BatchNorm    []struct {
		Name     string    `json:"name"`
		Shape    []int     `json:"shape"`
		Momentum float64   `json:"momentum"`
		Gamma    hexFloats `json:"gamma"`
		Beta     hexFloats `json:"beta"`
		Steps    []struct {
			Train       bool      `json:"train"`
			X           hexFloats `json:"x"`
			Out         hexFloats `json:"out"`
			RunningMean hexFloats `json:"running_mean"`
			RunningVar  hexFloats `json:"running_var"`
			Dout        hexFloats `json:"dout"`
			DX          hexFloats `json:"dx"`
			DGamma      hexFloats `json:"dgamma"`
			DBeta       hexFloats `json:"dbeta"`
		} `json:"steps"`
	} `json:"batchnorm"`
	Dropout []struct {
		Name  string    `json:"name"`
		Seed  uint32    `json:"seed"`
		Ratio float64   `json:"ratio"`
		Shape []int     `json:"shape"`
		X     hexFloats `json:"x"`
		Dout  hexFloats `json:"dout"`
		Out1  hexFloats `json:"out1"`
		DX    hexFloats `json:"dx"`
		Out2  hexFloats `json:"out2"`
		Infer hexFloats `json:"infer"`
	} `json:"dropout"`
}

func loadBNDropout(t *testing.T) *bnDropoutFixture {
	t.Helper()
	b, err := os.ReadFile("testdata/bn_dropout.json")
	if err != nil {
		t.Fatal(err)
	}
	var f bnDropoutFixture
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("testdata/bn_dropout.json: %v", err)
	}
	if len(f.BatchNorm) == 0 || len(f.Dropout) == 0 {
		t.Fatal("testdata/bn_dropout.json: no cases")
	}
	return &f
}

// numpyClose compares with NumPy's values: within a few ulps, NaN equal to
// NaN.
var numpyClose = cmp.Options{cmpopts.EquateApprox(1e-14, 1e-300), cmpopts.EquateNaNs()}

// sameBits compares exactly, telling -0 from +0, with every NaN equal.
var sameBits = cmp.Comparer(func(a, b float64) bool {
	return a == b && math.Signbit(a) == math.Signbit(b) || math.IsNaN(a) && math.IsNaN(b)
})

func TestBatchNormalizationMatchesNumPy(t *testing.T) {
	f := loadBNDropout(t)
	for _, tc := range f.BatchNorm {
		t.Run(tc.Name, func(t *testing.T) {
			gamma := tensor.New(append([]float64{}, tc.Gamma...), len(tc.Gamma))
			beta := tensor.New(append([]float64{}, tc.Beta...), len(tc.Beta))
			bn := layers.NewBatchNormalization(gamma, beta, tc.Momentum)
			for i, st := range tc.Steps {
				x := tensor.New(st.X, tc.Shape...)
				out := bn.Forward(x, st.Train)
				if !cmp.Equal(out.Shape(), tc.Shape) {
					t.Errorf("step %d: out shape %v, want %v", i, out.Shape(), tc.Shape)
				}
				check := func(what string, want []float64, got *tensor.Tensor) {
					t.Helper()
					if diff := cmp.Diff(want, got.Data(), numpyClose); diff != "" {
						t.Errorf("step %d (train %v): %s (-NumPy +got):\n%s", i, st.Train, what, diff)
					}
				}
				check("out", st.Out, out)
				check("running_mean", st.RunningMean, bn.RunningMean)
				check("running_var", st.RunningVar, bn.RunningVar)
				if st.Dout == nil {
					continue
				}
				dx := bn.Backward(tensor.New(st.Dout, tc.Shape...))
				if !cmp.Equal(dx.Shape(), tc.Shape) {
					t.Errorf("step %d: dx shape %v, want the input's %v", i, dx.Shape(), tc.Shape)
				}
				check("dx", st.DX, dx)
				check("dgamma", st.DGamma, bn.DGamma)
				check("dbeta", st.DBeta, bn.DBeta)
			}
		})
	}
}

func TestDropoutMatchesNumPy(t *testing.T) {
	f := loadBNDropout(t)
	for _, tc := range f.Dropout {
		for _, global := range []bool{false, true} {
			name := tc.Name
			if global {
				name += ", default generator"
			}
			t.Run(name, func(t *testing.T) {
				var d *layers.Dropout
				if global {
					random.Seed(tc.Seed) // np.random.seed(seed)
					d = layers.NewDropout(tc.Ratio, nil)
				} else {
					d = layers.NewDropout(tc.Ratio, random.New(tc.Seed))
				}
				x := tensor.New(tc.X, tc.Shape...)
				steps := []struct {
					what string
					want []float64
					got  func() *tensor.Tensor
				}{
					{"first training forward", tc.Out1, func() *tensor.Tensor { return d.Forward(x, true) }},
					{"backward", tc.DX, func() *tensor.Tensor { return d.Backward(tensor.New(tc.Dout, tc.Shape...)) }},
					{"second training forward", tc.Out2, func() *tensor.Tensor { return d.Forward(x, true) }},
					{"inference forward", tc.Infer, func() *tensor.Tensor { return d.Forward(x, false) }},
				}
				for _, st := range steps {
					got := st.got()
					if !cmp.Equal(got.Shape(), tc.Shape) {
						t.Errorf("%s: shape %v, want %v", st.what, got.Shape(), tc.Shape)
					}
					if diff := cmp.Diff([]float64(st.want), got.Data(), sameBits); diff != "" {
						t.Errorf("%s (-NumPy +got):\n%s", st.what, diff)
					}
				}
			})
		}
	}
}

// reseeded is a Dropout whose generator is reseeded before every Forward,
// so that the numerical gradient sees one fixed mask.
type reseeded struct {
	*layers.Dropout
	g    *random.Generator
	seed uint32
}

func (r reseeded) Forward(x *tensor.Tensor, train bool) *tensor.Tensor {
	r.g.Seed(r.seed)
	return r.Dropout.Forward(x, train)
}

func newReseeded(ratio float64, seed uint32) reseeded {
	g := random.New(seed)
	return reseeded{layers.NewDropout(ratio, g), g, seed}
}

// inferenceOnly runs its layer in inference mode whatever it is asked.
type inferenceOnly struct{ layers.Layer }

func (l inferenceOnly) Forward(x *tensor.Tensor, train bool) *tensor.Tensor {
	return l.Layer.Forward(x, false)
}

func (l inferenceOnly) Params() []layers.Param {
	if p, ok := l.Layer.(layers.Parameterized); ok {
		return p.Params()
	}
	return nil
}

// trainedBN returns a BatchNormalization layer of d activations with
// random gamma and beta and running statistics moved by three training
// batches, so that inference does not just divide by sqrt(1e-6).
func trainedBN(g *random.Generator, n int, shape ...int) *layers.BatchNormalization {
	d := 1
	for _, s := range shape {
		d *= s
	}
	bn := layers.NewBatchNormalization(g.Randn(d), g.Randn(d), 0.9)
	for range 3 {
		bn.Forward(g.Randn(append([]int{n}, shape...)...), true)
	}
	return bn
}

func TestBNDropoutGradients(t *testing.T) {
	g := random.New(7)
	tests := []struct {
		name  string
		layer layers.Layer
		x     *tensor.Tensor
	}{
		{"BatchNormalization 2-D", layers.NewBatchNormalization(g.Randn(5), g.Randn(5), 0.9), g.Randn(4, 5)},
		{"BatchNormalization 4-D", layers.NewBatchNormalization(g.Randn(2*3*2), g.Randn(2*3*2), 0.9), g.Randn(3, 2, 3, 2)},
		{"BatchNormalization one column", layers.NewBatchNormalization(g.Randn(1), g.Randn(1), 0.9), g.Randn(10, 1)},
		{"BatchNormalization inference 2-D", inferenceOnly{trainedBN(g, 6, 5)}, g.Randn(4, 5)},
		{"BatchNormalization inference 4-D", inferenceOnly{trainedBN(g, 6, 2, 2, 3)}, g.Randn(3, 2, 2, 3)},
		{"Dropout 0.5", newReseeded(0.5, 1), g.Randn(4, 6)},
		{"Dropout 0.2 4-D", newReseeded(0.2, 2), g.Randn(2, 3, 2, 2)},
		{"Dropout inference", inferenceOnly{newReseeded(0.3, 3)}, g.Randn(4, 6)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkLayer(t, tc.name, tc.layer, tc.x, g) })
	}
}

// TestDropoutMaskKeepsRatio checks that about 1 - ratio of the units are
// kept, whatever the seed.
func TestDropoutMaskKeepsRatio(t *testing.T) {
	for _, ratio := range []float64{0, 0.15, 0.5, 0.9, 1} {
		d := layers.NewDropout(ratio, random.New(5))
		out := d.Forward(tensor.Ones(100, 100), true)
		kept := 0
		for _, v := range out.Data() {
			if v == 1 {
				kept++
			}
		}
		if got := float64(kept) / 1e4; math.Abs(got-(1-ratio)) > 0.02 {
			t.Errorf("ratio %v: kept %v of the units, want about %v", ratio, got, 1-ratio)
		}
	}
}

func TestBNDropoutAllocateNothing(t *testing.T) {
	g := random.New(1)
	tests := []struct {
		name  string
		layer layers.Layer
		x     *tensor.Tensor
	}{
		{"BatchNormalization 2-D", layers.NewBatchNormalization(g.Randn(8), g.Randn(8), 0.9), g.Randn(16, 8)},
		{"BatchNormalization 4-D", layers.NewBatchNormalization(g.Randn(12), g.Randn(12), 0.9), g.Randn(16, 3, 2, 2)},
		{"Dropout", layers.NewDropout(0.5, g), g.Randn(16, 3, 2, 2)},
		{"Dropout default generator", layers.NewDropout(0.5, nil), g.Randn(16, 8)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dout := g.Randn(tc.x.Shape()...)
			for _, train := range []bool{true, false} {
				step := func() {
					tc.layer.Forward(tc.x, train)
					tc.layer.Backward(dout)
				}
				step()
				if n := testing.AllocsPerRun(20, step); n != 0 {
					t.Errorf("train %v: a forward and backward allocate %v times, want 0", train, n)
				}
			}
		})
	}
}

func TestBNDropoutPanics(t *testing.T) {
	tests := []struct {
		name string
		f    func()
		want string
	}{
		{"bn shapes", func() { layers.NewBatchNormalization(tensor.Zeros(3), tensor.Zeros(4), 0.9) },
			"layers.NewBatchNormalization: gamma (3,) and beta (4,)"},
		{"bn 2-D gamma", func() { layers.NewBatchNormalization(tensor.Zeros(1, 3), tensor.Zeros(1, 3), 0.9) },
			"layers.NewBatchNormalization: gamma (1,3) and beta (1,3)"},
		{"bn input", func() {
			layers.NewBatchNormalization(tensor.Ones(3), tensor.Zeros(3), 0.9).Forward(tensor.Zeros(2, 4), true)
		}, "layers.BatchNormalization.Forward: input (2,4) does not hold 3 values per sample for gamma (3,)"},
		{"bn 1-D input", func() {
			layers.NewBatchNormalization(tensor.Ones(3), tensor.Zeros(3), 0.9).Forward(tensor.Zeros(3), true)
		}, "layers.BatchNormalization.Forward: input (3,) does not hold 3 values per sample"},
		{"bn running", func() {
			bn := layers.NewBatchNormalization(tensor.Ones(3), tensor.Zeros(3), 0.9)
			bn.RunningVar = tensor.Zeros(4)
			bn.Forward(tensor.Zeros(2, 3), false)
		}, "layers.BatchNormalization.Forward: running mean (3,) and variance (4,) do not match gamma (3,)"},
		{"bn before forward", func() {
			layers.NewBatchNormalization(tensor.Ones(3), tensor.Zeros(3), 0.9).Backward(tensor.Zeros(2, 3))
		}, "layers.BatchNormalization.Backward: called before Forward"},
		{"bn dout", func() {
			bn := layers.NewBatchNormalization(tensor.Ones(12), tensor.Zeros(12), 0.9)
			bn.Forward(tensor.Zeros(2, 3, 2, 2), true)
			bn.Backward(tensor.Zeros(2, 12))
		}, "layers.BatchNormalization.Backward: dout (2,12) does not match the forward output (2,3,2,2)"},
		{"dropout ratio", func() { layers.NewDropout(1.5, nil) }, "layers.NewDropout: ratio 1.5 is not in [0, 1]"},
		{"dropout NaN ratio", func() { layers.NewDropout(math.NaN(), nil) }, "layers.NewDropout: ratio NaN is not in [0, 1]"},
		{"dropout before forward", func() { layers.NewDropout(0.5, nil).Backward(tensor.Zeros(2)) },
			"layers.Dropout.Backward: called before Forward"},
		{"dropout dout", func() {
			d := layers.NewDropout(0.5, random.New(0))
			d.Forward(tensor.Zeros(2, 3), true)
			d.Backward(tensor.Zeros(3, 2))
		}, "layers.Dropout.Backward: dout (3,2) does not match the forward output (2,3)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				msg, _ := recover().(string)
				if !strings.HasPrefix(msg, tc.want) {
					t.Errorf("panic %q, want prefix %q", msg, tc.want)
				}
			}()
			tc.f()
		})
	}
}

func TestNetworkWithBNDropoutGradient(t *testing.T) {
	g := random.New(11)
	tests := []struct {
		name  string
		net   *layers.Network
		x, t  *tensor.Tensor
		names []string
	}{
		// MSE rather than SoftmaxWithLoss, whose analytic gradient leaves
		// out the book's 1e-7 inside the log (a relative 1e-7 of its own).
		{"Affine, BatchNorm, ReLU, Dropout, Affine", layers.NewNetwork(loss.NewMSE(),
			layers.NewAffineStd(4, 5, 0.5, g), layers.NewBatchNormalization(ops.AddScalar(g.Randn(5), 1), g.Randn(5), 0.9),
			layers.NewReLU(), newReseeded(0.4, 9), layers.NewAffineStd(5, 3, 0.5, g)),
			g.Randn(6, 4), g.Randn(6, 3), []string{"W1", "b1", "gamma1", "beta1", "W2", "b2"}},
		{"4-D BatchNorm first, Dropout, Affine", layers.NewNetwork(loss.NewMSE(),
			layers.NewBatchNormalization(g.Randn(12), g.Randn(12), 0.9), newReseeded(0.5, 4), layers.NewAffine(12, 3, g)),
			g.Randn(5, 2, 2, 3), g.Randn(5, 3), []string{"gamma1", "beta1", "W1", "b1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.net.Gradient(tc.x, tc.t)
			if diff := cmp.Diff(tc.names, names(tc.net.Params())); diff != "" {
				t.Errorf("names (-want +got):\n%s", diff)
			}
			for _, p := range tc.net.Params() {
				analytic := append([]float64{}, p.Grad.Data()...)
				num := numGrad(func() float64 { return tc.net.Loss(tc.x, tc.t) }, p.Value)
				// The bias before a BatchNorm layer has a zero gradient:
				// compare it with an absolute tolerance.
				if e, d := relErr(analytic, num), maxAbsDiff(analytic, num); e > 1e-7 && d > 1e-9 {
					t.Errorf("%s: relative error %.3g, largest difference %.3g", p.Name, e, d)
				}
			}
		})
	}
}

// TestBNDropoutTrainStepAllocatesNothing: a training step of a network
// with Batch Normalization and Dropout, 2-D and 4-D, reuses every buffer.
func TestBNDropoutTrainStepAllocatesNothing(t *testing.T) {
	g := random.New(0)
	net := layers.NewNetwork(loss.NewSoftmaxWithLoss(),
		layers.NewBatchNormalization(tensor.Ones(8), tensor.Zeros(8), 0.9), layers.NewDropout(0.2, g),
		layers.NewAffine(8, 16, g), layers.NewBatchNormalization(tensor.Ones(16), tensor.Zeros(16), 0.9),
		layers.NewReLU(), layers.NewDropout(0.5, g), layers.NewAffine(16, 4, g))
	opt := optim.NewSGD(0.1)
	x, tt := g.Rand(32, 2, 2, 2), tensor.Zeros(32)
	step := func() {
		net.Gradient(x, tt)
		opt.Update(net.Params())
		net.Correct(x, tt)
	}
	step()
	if n := testing.AllocsPerRun(20, step); n != 0 {
		t.Errorf("a training step allocates %v times, want 0", n)
	}
}

// maxAbsDiff returns the largest |a[i] - b[i]|.
func maxAbsDiff(a, b []float64) float64 {
	m := 0.0
	for i := range a {
		m = max(m, math.Abs(a[i]-b[i]))
	}
	return m
}

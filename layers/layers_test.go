package layers_test

import (
	"math"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/loss"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
)

const h = 1e-5 // central-difference step

// relErr is the norm-wise relative error ‖a−b‖ / (‖a‖ + ‖b‖).
func relErr(a, b []float64) float64 {
	var d, na, nb float64
	for i := range a {
		d += (a[i] - b[i]) * (a[i] - b[i])
		na += a[i] * a[i]
		nb += b[i] * b[i]
	}
	if na+nb == 0 {
		return 0
	}
	return math.Sqrt(d) / (math.Sqrt(na) + math.Sqrt(nb))
}

// numGrad returns the central-difference gradient of f with respect to v,
// perturbing each element of v in place and restoring it.
func numGrad(f func() float64, v *tensor.Tensor) []float64 {
	x := v.Data()
	g := make([]float64, len(x))
	for i := range x {
		old := x[i]
		x[i] = old + h
		fp := f()
		x[i] = old - h
		fm := f()
		x[i] = old
		g[i] = (fp - fm) / (2 * h)
	}
	return g
}

// dot returns Σ a·b over all elements.
func dot(a, b *tensor.Tensor) float64 { return ops.SumAll(ops.Mul(a, b)) }

// checkLayer compares Backward with central differences of
// f = Σ r ⊙ Forward(x) for the input and every parameter.
func checkLayer(t *testing.T, name string, l layers.Layer, x *tensor.Tensor, g *random.Generator) {
	t.Helper()
	r := g.Randn(l.Forward(x, true).Shape()...)
	f := func() float64 { return dot(r, l.Forward(x, true)) }
	f()
	rCopy := r.Clone()
	dx := l.Backward(r).Clone()
	if !cmp.Equal(r.Data(), rCopy.Data()) {
		t.Errorf("%s: Backward modified dout", name)
	}
	if !cmp.Equal(dx.Shape(), x.Shape()) {
		t.Errorf("%s: dx shape %v, want the input's %v", name, dx.Shape(), x.Shape())
	}
	var analytic [][]float64
	var params []layers.Param
	if p, ok := l.(layers.Parameterized); ok {
		params = p.Params()
		for _, q := range params {
			analytic = append(analytic, append([]float64{}, q.Grad.Data()...))
		}
	}
	if e := relErr(dx.Data(), numGrad(f, x)); e > 1e-7 {
		t.Errorf("%s: dx relative error %.3g", name, e)
	}
	for i, q := range params {
		if e := relErr(analytic[i], numGrad(f, q.Value)); e > 1e-7 {
			t.Errorf("%s: d%s relative error %.3g", name, q.Name, e)
		}
	}
}

// awayFromZero returns randn values pushed at least 0.1 away from 0, so
// that a central difference never straddles ReLU's kink.
func awayFromZero(g *random.Generator, shape ...int) *tensor.Tensor {
	return ops.Apply(g.Randn(shape...), func(v float64) float64 { return v + math.Copysign(0.1, v) })
}

func TestGradients(t *testing.T) {
	g := random.New(42)
	tests := []struct {
		name  string
		layer layers.Layer
		x     *tensor.Tensor
	}{
		{"Affine 2-D", layers.NewAffineWith(g.Randn(5, 3), g.Randn(3)), g.Randn(4, 5)},
		{"Affine 4-D", layers.NewAffineWith(g.Randn(2*3*2, 4), g.Randn(4)), g.Randn(3, 2, 3, 2)},
		{"Affine batch 1", layers.NewAffine(3, 2, g), g.Randn(1, 3)},
		{"ReLU", layers.NewReLU(), awayFromZero(g, 4, 6)},
		{"ReLU 3-D", layers.NewReLU(), awayFromZero(g, 2, 3, 4)},
		{"Sigmoid", layers.NewSigmoid(), g.Randn(4, 6)},
		{"Sigmoid 3-D", layers.NewSigmoid(), ops.MulScalar(g.Randn(2, 3, 4), 3)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkLayer(t, tc.name, tc.layer, tc.x, g) })
	}
}

func TestNetworkGradient(t *testing.T) {
	g := random.New(3)
	net := layers.NewNetwork(loss.NewMSE(),
		layers.NewAffine(4, 5, g), layers.NewSigmoid(), layers.NewAffine(5, 3, g))
	x, tt := g.Randn(6, 4), g.Randn(6, 3)
	net.Gradient(x, tt)
	var names []string
	for _, p := range net.Params() {
		names = append(names, p.Name)
		analytic := append([]float64{}, p.Grad.Data()...)
		num := numGrad(func() float64 { return net.Loss(x, tt) }, p.Value)
		if e := relErr(analytic, num); e > 1e-7 {
			t.Errorf("%s: relative error %.3g", p.Name, e)
		}
	}
	if diff := cmp.Diff([]string{"W1", "b1", "W2", "b2"}, names); diff != "" {
		t.Errorf("parameter names (-want +got):\n%s", diff)
	}
}

func TestReLUForward(t *testing.T) {
	r := layers.NewReLU()
	x := tensor.Vector(-1, 0, 2, math.NaN(), -0.5, 3)
	got := r.Forward(x, true).Clone()
	want := []float64{0, 0, 2, math.NaN(), 0, 3}
	if !cmp.Equal(want, got.Data(), cmp.Comparer(func(a, b float64) bool { return a == b || a != a && b != b })) {
		t.Errorf("ReLU forward %v, want %v", got.Data(), want)
	}
	dx := r.Backward(tensor.Vector(1, 2, 3, 4, 5, 6))
	if !cmp.Equal([]float64{0, 0, 3, 4, 0, 6}, dx.Data()) {
		t.Errorf("ReLU backward %v", dx.Data())
	}
	// NumPy's out[x <= 0] = 0 writes +0, also over -0; dout[mask] = 0
	// overwrites NaN and -0 in dout.
	out := r.Forward(tensor.Vector(math.Copysign(0, -1), -2), true)
	dx = r.Backward(tensor.Vector(math.NaN(), math.Copysign(0, -1)))
	for i := range 2 {
		if o, d := out.At(i), dx.At(i); o != 0 || math.Signbit(o) || d != 0 || math.Signbit(d) {
			t.Errorf("ReLU element %d: forward %v, backward %v, want +0 and +0", i, o, d)
		}
	}
}

func TestAffineForwardValues(t *testing.T) {
	// np.dot([[1, 2], [3, 4]], [[1, 0, -1], [2, 1, 0]]) + [0.5, -0.5, 1]
	a := layers.NewAffineWith(tensor.FromRows([][]float64{{1, 0, -1}, {2, 1, 0}}), tensor.Vector(0.5, -0.5, 1))
	out := a.Forward(tensor.FromRows([][]float64{{1, 2}, {3, 4}}), false)
	if diff := cmp.Diff([]float64{5.5, 1.5, 0, 11.5, 3.5, -2}, out.Data()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestPanics(t *testing.T) {
	tests := []struct {
		name string
		f    func()
		want string
	}{
		{"affine input", func() { layers.NewAffine(3, 2, random.New(0)).Forward(tensor.Zeros(2, 4), false) },
			"layers.Affine.Forward: input (2,4) does not hold 3 values per sample for W (3,2)"},
		{"affine dout", func() {
			a := layers.NewAffine(3, 2, random.New(0))
			a.Forward(tensor.Zeros(2, 3), false)
			a.Backward(tensor.Zeros(2, 3))
		}, "layers.Affine.Backward: dout (2,3), want (2,2)"},
		{"affine before forward", func() { layers.NewAffine(3, 2, random.New(0)).Backward(tensor.Zeros(2, 2)) },
			"layers.Affine.Backward: called before Forward"},
		{"affine with", func() { layers.NewAffineWith(tensor.Zeros(3, 2), tensor.Zeros(3)) },
			"layers.NewAffineWith: W (3,2) and b (3,)"},
		{"relu dout", func() {
			r := layers.NewReLU()
			r.Forward(tensor.Zeros(2, 3), false)
			r.Backward(tensor.Zeros(3, 2))
		}, "layers.ReLU.Backward: dout (3,2) does not match the forward output (2,3)"},
		{"mse", func() { loss.NewMSE().Forward(tensor.Zeros(2, 3), tensor.Zeros(2, 2)) },
			"loss.MSE.Forward: prediction (2,3) and target (2,2)"},
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

// TestTrainStepAllocatesNothing checks the steady state of a training step:
// forward, loss, backward and update reuse every buffer.
func TestTrainStepAllocatesNothing(t *testing.T) {
	g := random.New(0)
	net := layers.NewNetwork(loss.NewMSE(),
		layers.NewAffine(8, 16, g), layers.NewReLU(), layers.NewAffine(16, 4, g), layers.NewSigmoid())
	opt := optim.NewSGD(0.1)
	x, tt := g.Rand(32, 8), g.Rand(32, 4)
	x4 := x.Reshape(32, 2, 2, 2)
	step := func() {
		net.Gradient(x4, tt)
		opt.Update(net.Params())
	}
	step()
	if n := testing.AllocsPerRun(20, step); n != 0 {
		t.Errorf("a training step allocates %v times, want 0", n)
	}
}

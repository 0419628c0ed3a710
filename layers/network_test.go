package layers_test

import (
	"math"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/loss"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestNewAffineStd: W = 0.01 * np.random.randn(2, 3) after
// np.random.seed(0), as NumPy 1.24 computes it.
func TestNewAffineStd(t *testing.T) {
	a := layers.NewAffineStd(2, 3, 0.01, random.New(0))
	want := []float64{
		0.01764052345967664, 0.004001572083672233, 0.009787379841057392,
		0.02240893199201458, 0.018675579901499675, -0.00977277879876411,
	}
	if diff := cmp.Diff(want, a.W.Data(), cmpopts.EquateApprox(1e-15, 1e-300)); diff != "" {
		t.Errorf("W (-NumPy +got):\n%s", diff)
	}
	if diff := cmp.Diff([]float64{0, 0, 0}, a.B.Data()); diff != "" {
		t.Errorf("b (-want +got):\n%s", diff)
	}
}

// identityNet passes its 2-D input through unchanged, so that the scores
// are chosen by the test.
func identityNet() *layers.Network {
	w := tensor.FromRows([][]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}})
	return layers.NewNetwork(loss.NewSoftmaxWithLoss(), layers.NewAffineWith(w, tensor.Zeros(3)))
}

func TestNetworkAccuracy(t *testing.T) {
	scores := tensor.FromRows([][]float64{
		{0.1, 0.7, 0.2}, // class 1
		{0.9, 0.0, 0.1}, // class 0
		{0.3, 0.3, 0.4}, // class 2
		{0.5, 0.5, 0.0}, // a tie: np.argmax picks the first, class 0
	})
	for _, tc := range []struct {
		name    string
		t       *tensor.Tensor
		correct int
	}{
		{"indices, all right", tensor.Vector(1, 0, 2, 0), 4},
		{"indices, tie counted as 0", tensor.Vector(1, 0, 2, 1), 3},
		{"indices, two wrong", tensor.Vector(2, 0, 1, 0), 2},
		{"one-hot", tensor.FromRows([][]float64{{0, 1, 0}, {1, 0, 0}, {0, 1, 0}, {1, 0, 0}}), 3},
	} {
		net := identityNet()
		if got := net.Correct(scores, tc.t); got != tc.correct {
			t.Errorf("%s: Correct = %d, want %d", tc.name, got, tc.correct)
		}
		if got, want := net.Accuracy(scores, tc.t), float64(tc.correct)/4; got != want {
			t.Errorf("%s: Accuracy = %v, want %v", tc.name, got, want)
		}
	}
}

func TestNetworkCorrectAllocatesNothing(t *testing.T) {
	net := identityNet()
	x := random.New(1).Rand(50, 3)
	labels := tensor.Zeros(50)
	net.Correct(x, labels)
	if a := testing.AllocsPerRun(10, func() { net.Correct(x, labels) }); a != 0 {
		t.Errorf("Correct allocates %v times", a)
	}
}

func TestCountCorrectPanics(t *testing.T) {
	for _, tc := range []struct {
		t    *tensor.Tensor
		want string
	}{
		{tensor.Zeros(3), "layers.CountCorrect: labels (3,) do not match 2 predictions"},
		{tensor.Zeros(3, 4), "layers.CountCorrect: labels (3,4) do not match 2 predictions"},
		{tensor.Zeros(2, 2, 2), "layers.CountCorrect: labels (2,2,2) do not match 2 predictions"},
	} {
		func() {
			defer func() {
				msg, _ := recover().(string)
				if !strings.HasPrefix(msg, tc.want) {
					t.Errorf("panic %q, want %q", msg, tc.want)
				}
			}()
			layers.CountCorrect([]int{0, 1}, tc.t)
		}()
	}
}

// fakeConv stands for a convolution layer: a layer with W and b that is
// not an Affine.
type fakeConv struct{ w, b, dw, db *tensor.Tensor }

func newFakeConv() *fakeConv {
	return &fakeConv{tensor.Zeros(2, 1, 3, 3), tensor.Zeros(2), tensor.Zeros(2, 1, 3, 3), tensor.Zeros(2)}
}
func (c *fakeConv) Forward(x *tensor.Tensor, train bool) *tensor.Tensor { return x }
func (c *fakeConv) Backward(d *tensor.Tensor) *tensor.Tensor            { return d }
func (c *fakeConv) Params() []layers.Param {
	return []layers.Param{{Name: "W", Value: c.w, Grad: c.dw}, {Name: "b", Value: c.b, Grad: c.db}}
}

// scaler is a layer whose type cannot be compared with ==.
type scaler struct{ s []float64 }

func (l scaler) Forward(x *tensor.Tensor, train bool) *tensor.Tensor { return x }
func (l scaler) Backward(d *tensor.Tensor) *tensor.Tensor            { return d }

func names(ps []layers.Param) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}

// extendLayers builds the layers of the book's MultiLayerNetExtend with
// hidden layers of 3 units, Batch Normalization and Dropout.
func extendLayers(hidden int, g *random.Generator) []layers.Layer {
	var ls []layers.Layer
	in := 4
	for range hidden {
		ls = append(ls, layers.NewAffine(in, 3, g),
			layers.NewBatchNormalization(tensor.Ones(3), tensor.Zeros(3), 0.9),
			layers.NewReLU(), layers.NewDropout(0.5, g))
		in = 3
	}
	return append(ls, layers.NewAffine(in, 2, g))
}

func TestNetworkNames(t *testing.T) {
	g := random.New(0)
	tests := []struct {
		name          string
		layers        []layers.Layer
		params, state []string
	}{
		{"TwoLayerNet", []layers.Layer{layers.NewAffine(4, 3, g), layers.NewReLU(), layers.NewAffine(3, 2, g)},
			[]string{"W1", "b1", "W2", "b2"}, []string{}},
		{"MultiLayerNetExtend, 5 hidden layers, Batch Normalization and Dropout", extendLayers(5, g),
			[]string{
				"W1", "b1", "gamma1", "beta1", "W2", "b2", "gamma2", "beta2", "W3", "b3", "gamma3", "beta3",
				"W4", "b4", "gamma4", "beta4", "W5", "b5", "gamma5", "beta5", "W6", "b6",
			},
			[]string{
				"running_mean1", "running_var1", "running_mean2", "running_var2", "running_mean3", "running_var3",
				"running_mean4", "running_var4", "running_mean5", "running_var5",
			}},
		{"chapter 7's SimpleConvNet: conv, ReLU, two Affine", []layers.Layer{
			newFakeConv(), layers.NewReLU(), layers.NewAffine(18, 3, g), layers.NewReLU(), layers.NewAffine(3, 2, g)},
			[]string{"W1", "b1", "W2", "b2", "W3", "b3"}, []string{}},
		{"Batch Normalization first", []layers.Layer{
			layers.NewBatchNormalization(tensor.Ones(4), tensor.Zeros(4), 0.9), layers.NewAffine(4, 2, g),
			layers.NewBatchNormalization(tensor.Ones(2), tensor.Zeros(2), 0.9)},
			[]string{"gamma1", "beta1", "W1", "b1", "gamma2", "beta2"},
			[]string{"running_mean1", "running_var1", "running_mean2", "running_var2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			net := layers.NewNetwork(loss.NewSoftmaxWithLoss(), tc.layers...)
			if diff := cmp.Diff(tc.params, names(net.Params())); diff != "" {
				t.Errorf("Params (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.state, names(net.State())); diff != "" {
				t.Errorf("State (-want +got):\n%s", diff)
			}
			// The tensors are the layers' own, in order.
			var want []*tensor.Tensor
			for _, l := range tc.layers {
				if p, ok := l.(layers.Parameterized); ok {
					for _, q := range p.Params() {
						want = append(want, q.Value, q.Grad)
					}
				}
			}
			var got []*tensor.Tensor
			for _, p := range net.Params() {
				got = append(got, p.Value, p.Grad)
			}
			if len(got) != len(want) {
				t.Fatalf("%d tensors, want %d", len(got), len(want))
			}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("tensor %d is not the layer's own", i)
				}
			}
			for _, s := range net.State() {
				if s.Grad != nil {
					t.Errorf("state %s has a gradient", s.Name)
				}
			}
		})
	}
}

func TestNetworkStateIsTheLayersOwn(t *testing.T) {
	bn := layers.NewBatchNormalization(tensor.Ones(2), tensor.Zeros(2), 0.9)
	net := layers.NewNetwork(loss.NewMSE(), bn)
	net.Loss(tensor.FromRows([][]float64{{1, 2}, {3, 6}}), tensor.Zeros(2, 2))
	// 0.9*0 + (1-0.9)*batch for the batch's mean (2, 4) and variance
	// (1, 4), as NumPy computes them.
	want := [][]float64{{0.19999999999999996, 0.3999999999999999}, {0.09999999999999998, 0.3999999999999999}}
	for i, s := range net.State() {
		if diff := cmp.Diff(want[i], s.Value.Data()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", s.Name, diff)
		}
	}
}

// TestNetworkLayersChanged: a network whose Layers change after NewNetwork
// names the parameters of its current layers (the issue's "must not
// silently lose parameters").
func TestNetworkLayersChanged(t *testing.T) {
	g := random.New(1)
	bn := func(n int) layers.Layer { return layers.NewBatchNormalization(tensor.Ones(n), tensor.Zeros(n), 0.9) }
	tests := []struct {
		name          string
		change        func(n *layers.Network)
		params, state []string
	}{
		{"append an Affine", func(n *layers.Network) { n.Layers = append(n.Layers, layers.NewAffine(2, 2, g)) },
			[]string{"W1", "b1", "gamma1", "beta1", "W2", "b2"}, []string{"running_mean1", "running_var1"}},
		{"append Batch Normalization", func(n *layers.Network) { n.Layers = append(n.Layers, bn(2)) },
			[]string{"W1", "b1", "gamma1", "beta1", "gamma2", "beta2"},
			[]string{"running_mean1", "running_var1", "running_mean2", "running_var2"}},
		{"remove the last layer", func(n *layers.Network) { n.Layers = n.Layers[:2] },
			[]string{"W1", "b1"}, []string{}},
		{"replace ReLU by an Affine in place", func(n *layers.Network) { n.Layers[1] = layers.NewAffine(2, 2, g) },
			[]string{"W1", "b1", "W2", "b2", "gamma1", "beta1"}, []string{"running_mean1", "running_var1"}},
		{"prepend a layer", func(n *layers.Network) {
			n.Layers = append([]layers.Layer{layers.NewAffine(3, 3, g)}, n.Layers...)
		}, []string{"W1", "b1", "W2", "b2", "gamma1", "beta1"}, []string{"running_mean1", "running_var1"}},
		{"append an incomparable layer", func(n *layers.Network) { n.Layers = append(n.Layers, scaler{[]float64{2}}) },
			[]string{"W1", "b1", "gamma1", "beta1"}, []string{"running_mean1", "running_var1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			net := layers.NewNetwork(loss.NewMSE(), layers.NewAffine(3, 2, g), layers.NewReLU(), bn(2))
			before := net.Params()
			beforeNames := names(before)
			tc.change(net)
			if diff := cmp.Diff(tc.params, names(net.Params())); diff != "" {
				t.Errorf("Params (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.state, names(net.State())); diff != "" {
				t.Errorf("State (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(beforeNames, names(before)); diff != "" {
				t.Errorf("a slice returned before the change was modified (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNetworkParamsAllocateNothing(t *testing.T) {
	g := random.New(2)
	net := layers.NewNetwork(loss.NewMSE(), extendLayers(3, g)...)
	f := func() { net.Params(); net.State() }
	f()
	if n := testing.AllocsPerRun(20, f); n != 0 {
		t.Errorf("Params and State allocate %v times, want 0", n)
	}
}

// TestNetworkCorrectGathered checks CorrectGathered against Correct: the
// same count for a mostly-zero batch (TestAffineForwardGathered checks the
// output);
// false for a first layer that is not an Affine and for a weight that is
// not finite; a panic for a batch of another width and for a Backward
// that follows it.
func TestNetworkCorrectGathered(t *testing.T) {
	g := random.New(6)
	x := g.Rand(60, 300)
	for i, v := range g.Rand(60, 300).Data() {
		if v > 0.2 {
			x.Data()[i] = 0
		}
	}
	lbl := tensor.Zeros(60)
	for i := range 60 {
		lbl.Set(float64(i%4), i)
	}
	net := layers.NewNetwork(loss.NewSoftmaxWithLoss(), layers.NewAffine(300, 20, g), layers.NewReLU(), layers.NewAffine(20, 4, g))
	var s ops.SparseRows
	if !s.Gather(x) {
		t.Skip("this CPU or build runs no sparse kernel")
	}
	want := net.Correct(x, lbl)
	got, ok := net.CorrectGathered(&s, lbl)
	if !ok || got != want {
		t.Errorf("CorrectGathered = %d, %v; Correct %d", got, ok, want)
	}
	net.CorrectGathered(&s, lbl)
	func() {
		defer func() {
			if recover() == nil {
				t.Error("a Backward after CorrectGathered did not panic")
			}
		}()
		net.Layers[0].(*layers.Affine).Backward(tensor.Zeros(60, 20))
	}()
	relu := layers.NewNetwork(loss.NewSoftmaxWithLoss(), layers.NewReLU(), layers.NewAffine(300, 4, g))
	if _, ok := relu.CorrectGathered(&s, lbl); ok {
		t.Error("a network that starts with a ReLU counted from a gathered batch")
	}
	w := net.Layers[0].(*layers.Affine).W
	w.Data()[7] = math.NaN()
	if _, ok := net.CorrectGathered(&s, lbl); ok {
		t.Error("a network with a NaN weight counted from a gathered batch")
	}
	narrow := layers.NewNetwork(loss.NewSoftmaxWithLoss(), layers.NewAffine(299, 4, g))
	func() {
		defer func() {
			if recover() == nil {
				t.Error("a gathered batch of 300 values per sample for W (299, 4) did not panic")
			}
		}()
		narrow.CorrectGathered(&s, lbl)
	}()
}

// TestNetworkUseGathered: a network given its input's nonzeros computes
// the loss and gradients it computes from the input alone, to the bit,
// also when a weight is not finite (the dense path); the nonzeros are
// used only for the tensor they were given with.
func TestNetworkUseGathered(t *testing.T) {
	g := random.New(8)
	sparse := func() *tensor.Tensor {
		x := g.Rand(50, 200)
		for i, v := range g.Rand(50, 200).Data() {
			if v > 0.2 {
				x.Data()[i] = 0
			}
		}
		return x
	}
	x, x2 := sparse(), sparse()
	lbl := tensor.Zeros(50)
	for i := range 50 {
		lbl.Set(float64(i%3), i)
	}
	build := func() *layers.Network {
		g := random.New(9)
		return layers.NewNetwork(loss.NewSoftmaxWithLoss(), layers.NewAffine(200, 30, g), layers.NewReLU(), layers.NewAffine(30, 3, g))
	}
	var s, s2 ops.SparseRows
	if !s.Gather(x) || !s2.Gather(x2) {
		t.Skip("this CPU or build runs no sparse kernel")
	}
	s.Transpose()
	grads := func(net *layers.Network, x *tensor.Tensor) (float64, [][]float64) {
		l := net.Gradient(x, lbl)
		var gs [][]float64
		for _, p := range net.Params() {
			gs = append(gs, append([]float64(nil), p.Grad.Data()...))
		}
		return l, gs
	}
	plain, shared := build(), build()
	shared.UseGathered(x, &s)
	for _, tc := range []struct {
		name  string
		set   func(w *tensor.Tensor)
		input *tensor.Tensor
	}{
		{"sparse", func(*tensor.Tensor) {}, x},
		{"another input", func(*tensor.Tensor) {}, x2},
		{"an infinite weight", func(w *tensor.Tensor) { w.Data()[5] = math.Inf(1) }, x},
	} {
		tc.set(plain.Layers[0].(*layers.Affine).W)
		tc.set(shared.Layers[0].(*layers.Affine).W)
		wl, want := grads(plain, tc.input)
		gl, got := grads(shared, tc.input)
		if !cmp.Equal(gl, wl, cmpopts.EquateNaNs()) || !cmp.Equal(got, want, cmpopts.EquateNaNs()) {
			t.Errorf("%s: loss %v, gradients differ from the input's own (loss %v)", tc.name, gl, wl)
		}
	}

	// Nonzeros given for x are what the network uses for x: x2's, given
	// for x, give x2's loss.
	plain, shared = build(), build()
	shared.UseGathered(x, &s2)
	if got, want := shared.Loss(x, lbl), plain.Loss(x2, lbl); got != want {
		t.Errorf("with x2's nonzeros for x: loss %v, want x2's %v", got, want)
	}
	shared.UseGathered(nil, nil)
	if got, want := shared.Loss(x, lbl), plain.Loss(x, lbl); got != want {
		t.Errorf("after UseGathered(nil, nil): loss %v, want %v", got, want)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("nonzeros of a (50,200) input for x (50, 199) did not panic")
			}
		}()
		shared.UseGathered(tensor.Zeros(50, 199), &s)
	}()
}

// TestFusedReLUBackward checks that a ReLU whose output a fused pass of
// Network.Forward did not write (a Convolution, the ReLU and a 2×2
// pooling) refuses its own Backward with a message saying what to do, and
// runs it again after its own Forward; the Pooling after it keeps its own
// state.
func TestFusedReLUBackward(t *testing.T) {
	g := random.New(5)
	r := layers.NewReLU()
	n := layers.NewNetwork(nil,
		layers.NewConvolution(g.Randn(3, 1, 3, 3), tensor.Zeros(3), 1, 1), r, layers.NewPooling(2, 2, 2, 0))
	x := g.Randn(2, 1, 6, 6)
	out := n.Forward(x, true)
	if want := []int{2, 3, 3, 3}; !cmp.Equal(out.Shape(), want) {
		t.Fatalf("output %v, want %v", out.Shape(), want)
	}
	func() {
		defer func() {
			msg, _ := recover().(string)
			if !strings.HasPrefix(msg, "layers.ReLU.Backward: the last forward pass went through the Convolution, this ReLU and the Pooling") ||
				!strings.Contains(msg, "Network.Backward") {
				t.Errorf("panic %q", msg)
			}
		}()
		r.Backward(g.Randn(2, 3, 6, 6))
	}()
	// The Pooling's state is its own Forward's: its Backward alone sends
	// a gradient where a Pooling run on the ReLU's output sends it.
	dpool := g.Randn(out.Shape()...)
	got := n.Layers[2].Backward(dpool).Clone()
	conv := n.Layers[0].Forward(x, true)
	r.Forward(conv, true)
	p := layers.NewPooling(2, 2, 2, 0)
	p.Forward(r.Forward(conv, true), true)
	if diff := cmp.Diff(p.Backward(dpool).Data(), got.Data()); diff != "" {
		t.Errorf("Pooling.Backward after the fused pass (-want +got):\n%s", diff)
	}
	if dx := r.Backward(tensor.Ones(conv.Shape()...)); !cmp.Equal(dx.Shape(), conv.Shape()) {
		t.Errorf("ReLU.Backward after its own Forward: %v, want %v", dx.Shape(), conv.Shape())
	}
}

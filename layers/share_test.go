package layers_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/loss"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// TestSnapshot checks Network.Snapshot on a network with convolution,
// pooling, Batch Normalization, Dropout and Affine layers: the snapshot
// predicts what the network predicted when it was taken, bit for bit,
// while the network trains on; reusing it takes the network's new values
// (parameters and running statistics) into the same network; an
// inference copy of it shares its values; and a network with a layer it
// cannot copy gives nil.
func TestSnapshot(t *testing.T) {
	g := random.New(8)
	net := layers.NewNetwork(loss.NewSoftmaxWithLoss(),
		layers.NewConvolution(g.Randn(3, 1, 3, 3), tensor.Zeros(3), 1, 1), layers.NewReLU(), layers.NewPooling(2, 2, 2, 0),
		layers.NewAffine(3*3*3, 8, g), layers.NewBatchNormalization(tensor.Ones(8), tensor.Zeros(8), 0.9),
		layers.NewReLU(), layers.NewDropout(0.3, g), layers.NewAffine(8, 4, g))
	x := g.Randn(5, 1, 6, 6)
	tt := tensor.Zeros(5, 4)
	for i := range 5 {
		tt.Set(1, i, i%4)
	}
	opt := optim.NewSGD(0.1)
	train := func() {
		for range 3 {
			net.Gradient(x, tt)
			opt.Update(net.Params())
		}
	}
	same := func(what string, got, want *tensor.Tensor) {
		t.Helper()
		for i, v := range want.Data() {
			if math.Float64bits(got.Data()[i]) != math.Float64bits(v) {
				t.Fatalf("%s: output %d is %v, want %v", what, i, got.Data()[i], v)
			}
		}
	}
	train()
	want := net.Predict(x)
	snap := net.Snapshot(nil)
	if snap == nil {
		t.Fatal("no snapshot")
	}
	same("fresh snapshot", snap.Predict(x), want)
	train()
	same("snapshot after training on", snap.Predict(x), want)
	if c := snap.InferenceCopy(nil); c == nil {
		t.Error("no inference copy of a snapshot")
	} else {
		same("inference copy of the snapshot", c.Predict(x), want)
	}
	want = net.Predict(x)
	if again := net.Snapshot(snap); again != snap {
		t.Error("a current snapshot was not reused")
	}
	same("reused snapshot", snap.Predict(x), want)
	if len(snap.State()) != 2 || len(snap.Params()) != len(net.Params()) {
		t.Errorf("the snapshot holds %d parameters and %d state tensors, want %d and 2", len(snap.Params()), len(snap.State()), len(net.Params()))
	}
	net.Layers = append(net.Layers, paramLayer{})
	if s := net.Snapshot(snap); s != nil {
		t.Error("a network with a layer of unknown parameters was snapshotted")
	}
}

// paramLayer is a layer with a parameter that Snapshot does not know.
type paramLayer struct{}

func (paramLayer) Forward(x *tensor.Tensor, train bool) *tensor.Tensor { return x }
func (paramLayer) Backward(d *tensor.Tensor) *tensor.Tensor            { return d }
func (paramLayer) Share() layers.Layer                                 { return paramLayer{} }
func (paramLayer) Params() []layers.Param {
	return []layers.Param{{Name: "W", Value: tensor.Zeros(1), Grad: tensor.Zeros(1)}}
}

// TestInferenceOnlyFusion: an inference copy and a snapshot end each
// Affine followed by a ReLU (and an inference Dropout) in one pass, the
// network itself each Affine and ReLU; their outputs are those of the
// layers' own Forwards to the bit, from a dense input and, for the first
// layer, from gathered nonzeros (CorrectGathered), on values that include
// NaN and zeros of both signs.
func TestInferenceOnlyFusion(t *testing.T) {
	// layerByLayer is the network's inference Forward as each layer's own
	// Forward gives it, in order, with no pass fused.
	layerByLayer := func(n *layers.Network, x *tensor.Tensor) *tensor.Tensor {
		for _, l := range n.Layers {
			x = l.Forward(x, false)
		}
		return x.Clone()
	}
	g := random.New(12)
	net := layers.NewNetwork(loss.NewSoftmaxWithLoss(),
		layers.NewAffine(300, 20, g), layers.NewReLU(), layers.NewDropout(0.3, g),
		layers.NewAffine(20, 13, g), layers.NewReLU(),
		layers.NewAffine(13, 7, g), layers.NewReLU(), layers.NewDropout(0.5, g),
		layers.NewAffine(7, 4, g))
	randomBiases(net, g)
	x := mostlyZero(g.Randn(64, 300), 1.2)
	lbl := classes(64, 4)
	copyNet, snap := net.InferenceCopy(nil), net.Snapshot(nil)
	same := func(what string, got, want *tensor.Tensor) {
		t.Helper()
		for i, v := range want.Data()[:want.Len()] {
			if math.Float64bits(got.Data()[i]) != math.Float64bits(v) {
				t.Fatalf("%s: output %d is %v, want %v", what, i, got.Data()[i], v)
			}
		}
	}
	want := layerByLayer(net, x)
	same("network", net.Predict(x), want)
	same("inference copy", copyNet.Predict(x), want)
	same("snapshot", snap.Predict(x), want)
	var s ops.SparseRows
	if s.Gather(x) {
		wantN := net.Correct(x, lbl)
		for name, c := range map[string]*layers.Network{"net": net, "copy": copyNet, "snapshot": snap} {
			if got, ok := c.CorrectGathered(&s, lbl); !ok || got != wantN {
				t.Errorf("%s: CorrectGathered %d (%v), want %d", name, got, ok, wantN)
			}
		}
	}
	// A NaN in a weight: the same NaNs.
	net.Params()[2].Value.Data()[5] = math.NaN()
	want = layerByLayer(net, x)
	same("network with a NaN weight", net.Predict(x), want)
	snap = net.Snapshot(snap)
	same("snapshot with a NaN weight", snap.Predict(x), want)
	same("inference copy with a NaN weight", copyNet.Predict(x), want)
}

// TestTrainingFusion: a network that trains ends each Affine followed by
// a ReLU in one pass, in both modes; the loss and every gradient (which
// the ReLUs' outputs, their Backwards' masks, feed) are those of the
// layers' own Forwards and Backwards run one by one on a twin network, to
// the bit:
// after a training Forward (Dropout masks drawn, Batch Normalization on
// the batch's statistics) and after an inference one, with a dense and a
// mostly-zero input, and with a NaN weight.
func TestTrainingFusion(t *testing.T) {
	mlp := func() *layers.Network {
		g := random.New(31)
		bn := func(d int) *layers.BatchNormalization {
			return layers.NewBatchNormalization(tensor.Ones(d), tensor.Zeros(d), 0.9)
		}
		n := layers.NewNetwork(loss.NewSoftmaxWithLoss(),
			layers.NewAffine(120, 24, g), layers.NewReLU(), layers.NewDropout(0.3, g),
			layers.NewAffine(24, 16, g), bn(16), layers.NewReLU(),
			layers.NewAffine(16, 12, g), layers.NewReLU(),
			layers.NewAffine(12, 5, g))
		randomBiases(n, g)
		return n
	}
	// conv has, in turn, a convolution and ReLU as the first layers (no
	// input gradient), whose gradient the next convolution's dx pass
	// rectifies; that convolution with a ReLU and 2×2 pooling, fused,
	// over an odd size (23: the last row and column in no window); a
	// convolution and ReLU followed by a pooling of stride 1 (not fused);
	// and another fused run.
	conv := func() *layers.Network {
		g := random.New(33)
		cv := func(fn, c, pad int) *layers.Convolution {
			return layers.NewConvolution(g.Randn(fn, c, 3, 3), tensor.Zeros(fn), 1, pad)
		}
		n := layers.NewNetwork(loss.NewSoftmaxWithLoss(),
			cv(3, 2, 1), layers.NewReLU(),
			cv(4, 3, 1), layers.NewReLU(), layers.NewPooling(2, 2, 2, 0), // 23 → 11 (24 → 12)
			cv(5, 4, 1), layers.NewReLU(), layers.NewPooling(2, 2, 1, 0), // 11 → 10 (12 → 11)
			cv(6, 5, 0), layers.NewReLU(), layers.NewPooling(2, 2, 2, 0), // 8 → 4 (9 → 4)
			layers.NewAffine(6*4*4, 5, g))
		randomBiases(n, g)
		return n
	}
	g := random.New(32)
	for _, tc := range []struct {
		name  string
		build func() *layers.Network
		dense *tensor.Tensor
		// other is a batch of another size (and, for conv, of 24×24
		// images: the last row and column of the first pooling's input
		// then in windows, of the last one's not), in turn with dense, so
		// that each pass finds buffers holding another layout's values.
		other *tensor.Tensor
	}{
		{"mlp", mlp, g.Randn(40, 120), g.Randn(7, 120)},
		{"conv", conv, g.Randn(10, 2, 23, 23), g.Randn(7, 2, 24, 24)},
	} {
		dense, other := tc.dense, tc.other
		sparse := mostlyZero(dense.Clone(), 1.1)
		// byLayers is the gradient as each layer computes it on its own.
		byLayers := func(n *layers.Network, x *tensor.Tensor, train bool) float64 {
			lbl := classes(x.Size(0), 5)
			for _, l := range n.Layers {
				x = l.Forward(x, train)
			}
			lo := n.Last.Forward(x, lbl)
			d := n.Last.Backward()
			for i := len(n.Layers) - 1; i >= 0; i-- {
				d = n.Layers[i].Backward(d)
			}
			return lo
		}
		fused := func(n *layers.Network, x *tensor.Tensor, train bool) float64 {
			lbl := classes(x.Size(0), 5)
			lo := n.Last.Forward(n.Forward(x, train), lbl)
			n.Backward()
			return lo
		}
		for _, nan := range []bool{false, true} {
			net, twin := tc.build(), tc.build()
			if nan {
				net.Params()[2].Value.Data()[3] = math.NaN()
				twin.Params()[2].Value.Data()[3] = math.NaN()
			}
			for step, x := range []*tensor.Tensor{other, dense, sparse, other, sparse, dense} {
				for _, train := range []bool{true, false} {
					got, want := fused(net, x, train), byLayers(twin, x, train)
					what := func(s string) string {
						return tc.name + ": " + s + map[bool]string{true: " (training", false: " (inference"}[train] +
							map[bool]string{true: ", NaN weight)", false: ")"}[nan]
					}
					if math.Float64bits(got) != math.Float64bits(want) {
						t.Fatalf("step %d: %s %v, want %v", step, what("loss"), got, want)
					}
					for i, p := range net.Params() {
						want := twin.Params()[i].Grad
						if diff := cmp.Diff(want.Data()[:want.Len()], p.Grad.Data()[:p.Grad.Len()], sameBits); diff != "" {
							t.Fatalf("step %d: %s (-want +got):\n%s", step, what(p.Name+" gradient"), diff)
						}
					}
				}
			}
		}
	}
}

// randomBiases gives n's biases normal values, so that a pass that drops
// or misplaces them shows.
func randomBiases(n *layers.Network, g *random.Generator) {
	for _, p := range n.Params() {
		if p.Name[0] == 'b' {
			copy(p.Value.Data(), g.Randn(p.Value.Len()).Data())
		}
	}
}

// mostlyZero sets x's values of magnitude below bound to 0, and its
// fourth to -0, and returns x: an input the sparse path takes.
func mostlyZero(x *tensor.Tensor, bound float64) *tensor.Tensor {
	for i, v := range x.Data() {
		if math.Abs(v) < bound {
			x.Data()[i] = 0
		}
	}
	x.Data()[3] = math.Copysign(0, -1)
	return x
}

// classes returns n labels cycling through k classes.
func classes(n, k int) *tensor.Tensor {
	t := tensor.Zeros(n)
	for i := range n {
		t.Set(float64(i%k), i)
	}
	return t
}

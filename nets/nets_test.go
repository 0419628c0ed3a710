package nets

import (
	"math"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
)

// relErr is ‖a−b‖ / (‖a‖ + ‖b‖).
func relErr(a, b []float64) float64 {
	var d, na, nb float64
	for i := range a {
		d += (a[i] - b[i]) * (a[i] - b[i])
		na += a[i] * a[i]
		nb += b[i] * b[i]
	}
	return math.Sqrt(d) / (math.Sqrt(na) + math.Sqrt(nb))
}

// oneHot returns one-hot rows for the given classes.
func oneHot(classes []int, c int) *tensor.Tensor {
	t := tensor.Zeros(len(classes), c)
	for i, k := range classes {
		t.Set(1, i, k)
	}
	return t
}

type net interface {
	Params() []layers.Param
	NumericalGradient(x, t *tensor.Tensor) map[string]*tensor.Tensor
}

// TestGradientCheck compares back-propagation with central differences
// (the book's gradient_check). The book's cross-entropy has 1e-7 inside
// the log, which back-propagation ignores, so the two agree to about
// 1e-7 / y_t, not to rounding: the bound is 1e-5.
func TestGradientCheck(t *testing.T) {
	g := random.New(0)
	x := g.Rand(3, 6)
	labels := oneHot([]int{2, 0, 3}, 4)
	ch5 := NewTwoLayerNet(6, 5, 4, 1, g)
	ch4 := NewSigmoidTwoLayerNet(6, 5, 4, 1, g)
	tests := []struct {
		name     string
		net      net
		backprop func()
	}{
		{"TwoLayerNet", ch5, func() { ch5.Gradient(x, labels) }},
		{"TwoLayerNet indices", ch5, func() { ch5.Gradient(x, tensor.Vector(2, 0, 3)) }},
		{"SigmoidTwoLayerNet", ch4, func() { ch4.Gradient(x, labels) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lbl := labels
			if strings.HasSuffix(tc.name, "indices") {
				lbl = tensor.Vector(2, 0, 3)
			}
			num := tc.net.NumericalGradient(x, lbl)
			tc.backprop()
			var names []string
			for _, p := range tc.net.Params() {
				names = append(names, p.Name)
				if e := relErr(p.Grad.Data(), num[p.Name].Data()); e > 1e-5 {
					t.Errorf("%s: relative error %.3g", p.Name, e)
				}
			}
			if diff := cmp.Diff([]string{"W1", "b1", "W2", "b2"}, names); diff != "" {
				t.Errorf("names (-want +got):\n%s", diff)
			}
		})
	}
}

// TestInitialWeights checks the book's initialisation order and scale:
// np.random.seed(0); W1 = 0.01 * randn(3, 2); W2 = 0.01 * randn(2, 2).
func TestInitialWeights(t *testing.T) {
	n := NewTwoLayerNet(3, 2, 2, 0.01, random.New(0))
	want := []float64{0.017640523459676642, 0.004001572083672233, 0.009787379841057393,
		0.022408931992014578, 0.018675579901499675, -0.00977277879876411}
	if diff := cmp.Diff(want, n.Affine1.W.Data()); diff != "" {
		t.Errorf("W1 (-want +got):\n%s", diff)
	}
	if !cmp.Equal(n.Affine1.B.Data(), []float64{0, 0}) {
		t.Errorf("b1 = %v", n.Affine1.B.Data())
	}
	m := NewSigmoidTwoLayerNet(3, 2, 2, 0.01, random.New(0))
	if diff := cmp.Diff(n.Affine2.W.Data(), m.W2.Data()); diff != "" {
		t.Errorf("the two nets draw W2 differently (-ch5 +ch4):\n%s", diff)
	}
}

func TestAccuracy(t *testing.T) {
	n := NewTwoLayerNet(2, 3, 2, 1, random.New(1))
	x := tensor.FromRows([][]float64{{1, 0}, {0, 1}, {1, 1}, {-1, 2}})
	scores := n.Forward(x, false)
	var pred []float64
	for i := range 4 {
		if scores.At(i, 1) > scores.At(i, 0) {
			pred = append(pred, 1)
		} else {
			pred = append(pred, 0)
		}
	}
	labels := tensor.Vector(pred...)
	labels.Set(1-labels.At(3), 3) // make the last one wrong
	if got := n.Accuracy(x, labels); got != 0.75 {
		t.Errorf("Accuracy with indices = %v, want 0.75", got)
	}
	hot := tensor.Zeros(4, 2)
	for i, v := range labels.Data() {
		hot.Set(1, i, int(v))
	}
	if got := n.Accuracy(x, hot); got != 0.75 {
		t.Errorf("Accuracy one-hot = %v, want 0.75", got)
	}
}

// TestTrainStepAllocatesNothing: a steady-state step of the book's ch05
// training loop (gradient, update, loss) and an accuracy pass reuse every
// buffer.
func TestTrainStepAllocatesNothing(t *testing.T) {
	g := random.New(0)
	n := NewTwoLayerNet(20, 8, 4, 0.01, g)
	x := g.Rand(16, 20)
	labels := oneHot([]int{0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3}, 4)
	opt := optim.NewSGD(0.1)
	step := func() {
		n.Gradient(x, labels)
		opt.Update(n.Params())
		n.Loss(x, labels)
		n.Correct(x, labels)
	}
	step()
	if a := testing.AllocsPerRun(10, step); a != 0 {
		t.Errorf("TwoLayerNet step allocates %v times", a)
	}
	m := NewSigmoidTwoLayerNet(20, 8, 4, 0.01, g)
	step4 := func() {
		m.Gradient(x, labels)
		opt.Update(m.Params())
		m.Loss(x, labels)
		m.Correct(x, labels)
	}
	step4()
	if a := testing.AllocsPerRun(10, step4); a != 0 {
		t.Errorf("SigmoidTwoLayerNet step allocates %v times", a)
	}
}

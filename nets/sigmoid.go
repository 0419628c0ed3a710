package nets

import (
	"fmt"

	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/loss"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// SigmoidTwoLayerNet is the book's ch04/two_layer_net.py TwoLayerNet:
// y = softmax(sigmoid(x·W1 + b1)·W2 + b2) with the cross-entropy error as
// its loss, and a gradient written out by hand rather than built from
// layers.
//
// Shapes: x (N, input), t one-hot (N, output) (Gradient needs one-hot
// labels, as the book's does; Loss and Accuracy also take class indices),
// y (N, output).
type SigmoidTwoLayerNet struct {
	W1, B1, W2, B2     *tensor.Tensor
	GW1, GB1, GW2, GB2 *tensor.Tensor // gradients of the last Gradient

	params        []layers.Param
	a1, z1, a2, y *tensor.Tensor // forward buffers
	dy, da1, dz1  *tensor.Tensor // backward buffers
	pred          []int
	ce            loss.CrossEntropy
}

// NewSigmoidTwoLayerNet builds the network with the book's initial
// parameters, drawn in the book's order: W1 = weightInitStd *
// g.Randn(input, hidden), b1 = 0, W2 = weightInitStd * g.Randn(hidden,
// output), b2 = 0. A nil g uses random's default generator.
func NewSigmoidTwoLayerNet(input, hidden, output int, weightInitStd float64, g *random.Generator) *SigmoidTwoLayerNet {
	w1, b1, w2, b2 := initTwoLayer("nets.NewSigmoidTwoLayerNet", input, hidden, output, weightInitStd, g)
	n := &SigmoidTwoLayerNet{W1: w1, B1: b1, W2: w2, B2: b2,
		GW1: tensor.ZerosLike(w1), GB1: tensor.ZerosLike(b1), GW2: tensor.ZerosLike(w2), GB2: tensor.ZerosLike(b2)}
	n.params = []layers.Param{
		{Name: "W1", Value: n.W1, Grad: n.GW1}, {Name: "b1", Value: n.B1, Grad: n.GB1},
		{Name: "W2", Value: n.W2, Grad: n.GW2}, {Name: "b2", Value: n.B2, Grad: n.GB2},
	}
	return n
}

// Params returns W1, b1, W2, b2 with their gradients, for an optimizer.
func (n *SigmoidTwoLayerNet) Params() []layers.Param { return n.params }

// forward computes a1, z1, a2 and y for x into the network's buffers.
func (n *SigmoidTwoLayerNet) forward(x *tensor.Tensor) *tensor.Tensor {
	if x.Dim() != 2 || x.Size(1) != n.W1.Size(0) {
		panic(fmt.Sprintf("nets.SigmoidTwoLayerNet: input %s, want (N, %d)",
			tensor.ShapeString(x.Shape()), n.W1.Size(0)))
	}
	b, h, o := x.Size(0), n.W1.Size(1), n.W2.Size(1)
	n.a1 = tensor.Reuse(n.a1, b, h)
	n.z1 = tensor.Reuse(n.z1, b, h)
	n.a2 = tensor.Reuse(n.a2, b, o)
	n.y = tensor.Reuse(n.y, b, o)
	ops.AddInto(n.a1, ops.MatMulInto(n.a1, x, n.W1, false, false), n.B1) // a1 = x·W1 + b1
	ops.SigmoidInto(n.z1, n.a1)
	ops.AddInto(n.a2, ops.MatMulInto(n.a2, n.z1, n.W2, false, false), n.B2) // a2 = z1·W2 + b2
	return ops.SoftmaxInto(n.y, n.a2)
}

// Predict returns softmax(sigmoid(x·W1 + b1)·W2 + b2) as a new tensor.
func (n *SigmoidTwoLayerNet) Predict(x *tensor.Tensor) *tensor.Tensor {
	return n.forward(x).Clone()
}

// Loss returns the cross-entropy error of the prediction for x against t.
func (n *SigmoidTwoLayerNet) Loss(x, t *tensor.Tensor) float64 {
	return n.ce.Error(n.forward(x), t)
}

// Correct returns how many rows of x are classified as t says; see
// layers.Network.Correct.
func (n *SigmoidTwoLayerNet) Correct(x, t *tensor.Tensor) int {
	n.pred = ops.ArgMaxRows(n.pred, n.forward(x))
	return layers.CountCorrect(n.pred, t)
}

// Accuracy returns the fraction of x classified correctly, the book's
// accuracy(x, t).
func (n *SigmoidTwoLayerNet) Accuracy(x, t *tensor.Tensor) float64 {
	return float64(n.Correct(x, t)) / float64(x.Size(0))
}

// NumericalGradient returns the gradients of the loss by central
// differences, keyed W1, b1, W2, b2: the book's numerical_gradient.
func (n *SigmoidTwoLayerNet) NumericalGradient(x, t *tensor.Tensor) map[string]*tensor.Tensor {
	return numericalGradient(n.params, func() float64 { return n.Loss(x, t) })
}

// Gradient computes the gradients by the book's hand-written
// back-propagation and stores them in GW1, GB1, GW2, GB2 (also reachable
// through Params):
//
//	dy = (y - t) / N
//	dW2 = z1ᵀ·dy, db2 = Σ dy
//	da1 = dy·W2ᵀ, dz1 = sigmoid_grad(a1) * da1
//	dW1 = xᵀ·dz1, db1 = Σ dz1
//
// t must be one-hot (N, output).
func (n *SigmoidTwoLayerNet) Gradient(x, t *tensor.Tensor) {
	y := n.forward(x)
	if !tensor.SameShape(y, t) {
		panic(fmt.Sprintf("nets.SigmoidTwoLayerNet.Gradient: labels %s, want one-hot %s",
			tensor.ShapeString(t.Shape()), tensor.ShapeString(y.Shape())))
	}
	b := float64(x.Size(0))
	n.dy = tensor.Reuse(n.dy, y.Shape()...)
	n.da1 = tensor.Reuse(n.da1, n.a1.Shape()...)
	n.dz1 = tensor.Reuse(n.dz1, n.a1.Shape()...)
	dy, yd, td := n.dy.Data(), y.Data(), t.Data()
	for i := range dy {
		dy[i] = (yd[i] - td[i]) / b
	}
	ops.MatMulInto(n.GW2, n.z1, n.dy, true, false)
	ops.SumInto(n.GB2, n.dy, 0)
	ops.MatMulInto(n.da1, n.dy, n.W2, false, true)
	dz1, da1, z1 := n.dz1.Data(), n.da1.Data(), n.z1.Data()
	for i, s := range z1 { // z1 = sigmoid(a1), so sigmoid_grad(a1) = (1 - z1) * z1
		dz1[i] = (1 - s) * s * da1[i]
	}
	ops.MatMulInto(n.GW1, x, n.dz1, true, false)
	ops.SumInto(n.GB1, n.dz1, 0)
}

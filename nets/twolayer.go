package nets

import (
	"fmt"

	"github.com/dlfs-go/dlfs/gradient"
	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/loss"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// TwoLayerNet is the book's ch05/two_layer_net.py TwoLayerNet:
// Affine1 → Relu1 → Affine2 → SoftmaxWithLoss.
//
// Shapes: x (N, input), t one-hot (N, output) or class indices (N,),
// scores (N, output). Predict, Loss, Gradient, Correct and Accuracy (the
// book's accuracy) are those of the embedded layers.Network.
type TwoLayerNet struct {
	*layers.Network
	Affine1, Affine2 *layers.Affine
	Last             *loss.SoftmaxWithLoss
}

// NewTwoLayerNet builds the network with W1 = weightInitStd *
// g.Randn(input, hidden), b1 = 0, W2 = weightInitStd * g.Randn(hidden,
// output), b2 = 0, drawn in the book's order (the book's default
// weightInitStd is 0.01). A nil g uses random's default generator.
func NewTwoLayerNet(input, hidden, output int, weightInitStd float64, g *random.Generator) *TwoLayerNet {
	w1, b1, w2, b2 := initTwoLayer("nets.NewTwoLayerNet", input, hidden, output, weightInitStd, g)
	n := &TwoLayerNet{
		Affine1: layers.NewAffineWith(w1, b1),
		Affine2: layers.NewAffineWith(w2, b2),
		Last:    loss.NewSoftmaxWithLoss(),
	}
	n.Network = layers.NewNetwork(n.Last, n.Affine1, layers.NewReLU(), n.Affine2)
	return n
}

// initTwoLayer draws the parameters of a two-layer net in the book's order.
func initTwoLayer(op string, input, hidden, output int, std float64, g *random.Generator) (w1, b1, w2, b2 *tensor.Tensor) {
	if input <= 0 || hidden <= 0 || output <= 0 {
		panic(fmt.Sprintf("%s: sizes %d, %d, %d must be positive", op, input, hidden, output))
	}
	randn := random.Randn
	if g != nil {
		randn = g.Randn
	}
	w1 = ops.MulScalar(randn(input, hidden), std)
	b1 = tensor.Zeros(hidden)
	w2 = ops.MulScalar(randn(hidden, output), std)
	b2 = tensor.Zeros(output)
	return w1, b1, w2, b2
}

// NumericalGradient returns the gradient of the loss for (x, t) with
// respect to every parameter by central differences, keyed W1, b1, W2,
// b2: the book's numerical_gradient(x, t). It is slow: two forward passes
// per parameter.
func (n *TwoLayerNet) NumericalGradient(x, t *tensor.Tensor) map[string]*tensor.Tensor {
	return numericalGradient(n.Params(), func() float64 { return n.Loss(x, t) })
}

func numericalGradient(params []layers.Param, loss func() float64) map[string]*tensor.Tensor {
	grads := make(map[string]*tensor.Tensor, len(params))
	for _, p := range params {
		grads[p.Name] = gradient.Numerical(func(*tensor.Tensor) float64 { return loss() }, p.Value)
	}
	return grads
}

package layers

import (
	"fmt"
	"strconv"

	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/tensor"
)

// Network strings layers together and ends in a loss layer, like the book's
// TwoLayerNet (its layers OrderedDict and lastLayer) and the seed article's
// Network class.
//
// A training step is
//
//	loss := net.Loss(x, t) // forward in training mode, then the loss
//	net.Backward()         // fills every parameter's Grad
//	opt.Update(net.Params())
type Network struct {
	Layers []Layer
	Last   LossLayer

	params []Param
	pred   []int // argmax scratch for Correct
}

// NewNetwork returns a network of the given layers ending in last. The
// parameters of the i-th layer that has any are named with the suffix i
// (W1, b1, W2, b2, ...), as in the book's params dictionaries.
func NewNetwork(last LossLayer, layers ...Layer) *Network {
	n := &Network{Layers: layers, Last: last}
	k := 0
	for _, l := range layers {
		p, ok := l.(Parameterized)
		if !ok {
			continue
		}
		k++
		for _, q := range p.Params() {
			q.Name += strconv.Itoa(k)
			n.params = append(n.params, q)
		}
	}
	return n
}

// Params returns every parameter of the network with its gradient, named
// W1, b1, W2, b2, ... The slice is the network's own; the tensors are the
// layers' own, so updating Value in place trains the network.
func (n *Network) Params() []Param { return n.params }

// Forward runs x through every layer and returns the last layer's output
// (before the loss layer). The result belongs to the last layer; see the
// package documentation.
func (n *Network) Forward(x *tensor.Tensor, train bool) *tensor.Tensor {
	for _, l := range n.Layers {
		x = l.Forward(x, train)
	}
	return x
}

// Predict returns the network's output for x in inference mode, like the
// book's predict(x). The result is a new tensor that the caller owns.
func (n *Network) Predict(x *tensor.Tensor) *tensor.Tensor {
	return n.Forward(x, false).Clone()
}

// Loss runs x through the network in training mode and returns the loss
// layer's value for target t, like the book's loss(x, t).
func (n *Network) Loss(x, t *tensor.Tensor) float64 {
	if n.Last == nil {
		panic("layers.Network.Loss: the network has no loss layer")
	}
	return n.Last.Forward(n.Forward(x, true), t)
}

// Backward back-propagates from the loss layer through every layer,
// filling every parameter's Grad. It follows the last call to Loss.
func (n *Network) Backward() {
	if n.Last == nil {
		panic("layers.Network.Backward: the network has no loss layer")
	}
	dout := n.Last.Backward()
	for i := len(n.Layers) - 1; i >= 0; i-- {
		if p, ok := n.Layers[i].(paramBackwarder); ok && i == 0 {
			p.backwardParams(dout) // nothing uses the network's input gradient
			return
		}
		dout = n.Layers[i].Backward(dout)
	}
}

// paramBackwarder is implemented by layers that can fill their parameter
// gradients without computing the input gradient, which the first layer
// of a network does not need (for an Affine layer on MNIST that is a third
// of the backward pass's work).
type paramBackwarder interface {
	backwardParams(dout *tensor.Tensor)
}

// Gradient computes the loss for (x, t) and fills every gradient by
// back-propagation, returning the loss: the book's gradient(x, t).
func (n *Network) Gradient(x, t *tensor.Tensor) float64 {
	l := n.Loss(x, t)
	n.Backward()
	return l
}

// Correct returns how many rows of x the network classifies as t says: the
// number of samples i whose highest score, argmax(Forward(x)[i]), is t's
// class for sample i. t holds class indices (N,) or one-hot rows (N, C).
// It runs in inference mode and allocates nothing in steady state, so it
// can go over a large set in batches.
func (n *Network) Correct(x, t *tensor.Tensor) int {
	n.pred = ops.ArgMaxRows(n.pred, n.Forward(x, false))
	return CountCorrect(n.pred, t)
}

// Accuracy returns the fraction of the rows of x that the network
// classifies as t says, the book's accuracy(x, t).
func (n *Network) Accuracy(x, t *tensor.Tensor) float64 {
	return float64(n.Correct(x, t)) / float64(x.Size(0))
}

// CountCorrect returns how many predicted classes pred[i] equal sample i's
// class in t, given as class indices (N,) or one-hot rows (N, C) (the
// class is the row's argmax, first on ties, as np.argmax picks): the
// book's np.sum(y == t) after its argmaxes. It panics unless t has N =
// len(pred) samples.
func CountCorrect(pred []int, t *tensor.Tensor) int {
	n := len(pred)
	td := t.Data()
	correct := 0
	switch {
	case t.Dim() == 2 && t.Size(0) == n:
		c := t.Size(1)
		for i, p := range pred {
			row := td[i*c : (i+1)*c]
			best := 0
			for j, v := range row {
				if v > row[best] {
					best = j
				}
			}
			if best == p {
				correct++
			}
		}
	case t.Dim() == 1 && t.Size(0) == n:
		for i, p := range pred {
			if td[i] == float64(p) {
				correct++
			}
		}
	default:
		panic(fmt.Sprintf("layers.CountCorrect: labels %s do not match %d predictions", tensor.ShapeString(t.Shape()), n))
	}
	return correct
}

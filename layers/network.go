package layers

import (
	"fmt"
	"reflect"
	"strconv"

	"github.com/dlfs-go/dlfs/internal/vec"
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
//
// Parameters keep the book's names: each name a layer gives (W, b, gamma,
// beta) is numbered on its own, in the order of the layers, so Affine,
// BatchNormalization, ReLU, Affine gives W1, b1, gamma1, beta1, W2, b2 (the
// book's MultiLayerNetExtend params dict), and a convolution followed by two
// Affine layers gives W1, b1, W2, b2, W3, b3. Non-trained state (Stateful
// layers: BatchNormalization's running_mean and running_var) is numbered the
// same way and kept apart, in State.
//
// Layers may be changed after NewNetwork (appended, removed, replaced):
// Params and State compare Layers with the list they were last built from
// (one pointer comparison per layer, allocation-free) and rebuild the names
// when it differs, so no parameter is lost. What they do not see is a layer
// that swaps its own tensors (a.W = newW): copy into the tensors instead
// (a.W.CopyFrom(newW)), as optimizers and loaders do.
type Network struct {
	Layers []Layer
	Last   LossLayer

	built  []Layer // the Layers params and state were built from
	params []Param
	state  []Param
	pred   []int // argmax scratch for Correct

	// origin and originLayers are the network and layers an
	// InferenceCopy was made from.
	origin       *Network
	originLayers []Layer
	// snapOf is the network a Snapshot was taken from (its layers then
	// in originLayers).
	snapOf *Network
}

// Stateful is a layer with non-trained state that inference needs and
// saving must keep, such as BatchNormalization's running mean and
// variance. Optimizers never see it.
type Stateful interface {
	// State returns the layer's state under the book's names
	// ("running_mean", "running_var"), with nil Grad. The tensors are the
	// layer's own.
	State() []Param
}

// NewNetwork returns a network of the given layers ending in last. Each
// parameter name is numbered on its own among the layers, in order (W1, b1,
// gamma1, beta1, W2, b2, ...), as in the book's params dictionaries; see
// Network.
func NewNetwork(last LossLayer, layers ...Layer) *Network {
	n := &Network{Layers: layers, Last: last}
	n.rebuild()
	return n
}

// rebuild names the parameters and state of the current Layers.
func (n *Network) rebuild() {
	// New slices, so that a slice returned earlier keeps its contents.
	n.built = append([]Layer(nil), n.Layers...)
	n.params, n.state = nil, nil
	count := make(map[string]int)
	number := func(dst []Param, ps []Param) []Param {
		for _, q := range ps {
			count[q.Name]++
			q.Name += strconv.Itoa(count[q.Name])
			dst = append(dst, q)
		}
		return dst
	}
	for _, l := range n.Layers {
		if p, ok := l.(Parameterized); ok {
			n.params = number(n.params, p.Params())
		}
		if s, ok := l.(Stateful); ok {
			n.state = number(n.state, s.State())
		}
	}
}

// refresh rebuilds the names when Layers differs from the list they were
// built from.
func (n *Network) refresh() {
	if len(n.built) != len(n.Layers) {
		n.rebuild()
		return
	}
	for i, l := range n.Layers {
		if !sameLayer(l, n.built[i]) {
			n.rebuild()
			return
		}
	}
}

// sameLayer reports whether a and b are the same layer. Layers are
// normally pointers; two values of a type that cannot be compared count as
// different, so the names are rebuilt rather than a comparison panicking.
func sameLayer(a, b Layer) bool {
	ta, tb := reflect.TypeOf(a), reflect.TypeOf(b)
	if ta != tb {
		return false
	}
	if ta != nil && !ta.Comparable() {
		return false
	}
	return a == b
}

// Params returns every trained parameter of the network with its gradient,
// named W1, b1, gamma1, beta1, W2, ... (see Network). The slice is the
// network's own; the tensors are the layers' own, so updating Value in
// place trains the network. It reflects the current Layers.
func (n *Network) Params() []Param {
	n.refresh()
	return n.params
}

// State returns the non-trained state of the network's Stateful layers,
// named running_mean1, running_var1, running_mean2, ... (numbered like
// gamma and beta), with nil Grad. Optimizers must not be given it; saving
// a network keeps it. The slice is the network's own; the tensors are the
// layers' own. It reflects the current Layers.
func (n *Network) State() []Param {
	n.refresh()
	return n.state
}

// Forward runs x through every layer and returns the last layer's output
// (before the loss layer). The result belongs to the last layer; see the
// package documentation.
func (n *Network) Forward(x *tensor.Tensor, train bool) *tensor.Tensor {
	return n.forwardFrom(0, x, train)
}

// forwardFrom runs x through the layers from Layers[start] on.
func (n *Network) forwardFrom(start int, x *tensor.Tensor, train bool) *tensor.Tensor {
	inferOnly := !train && n.inferenceOnly()
	for i := start; i < len(n.Layers); i++ {
		// An Affine followed by a ReLU ends in one pass (biasReLU), and,
		// in a network that only infers, an inference Dropout after them.
		if a, ok := n.Layers[i].(*Affine); ok && n.reluAt(i+1) {
			a.product(x)
			x, i = n.biasReLU(i, a, inferOnly)
			i--
			continue
		}
		// A BatchNormalization followed by a ReLU writes the ReLU's output
		// in its normalising pass (forwardReLU), in either mode.
		if b, ok := n.Layers[i].(*BatchNormalization); ok && n.reluAt(i+1) {
			x = b.forwardReLU(x, train, n.Layers[i+1].(*ReLU))
			i++
			continue
		}
		// A Convolution followed by a ReLU rectifies each image's output
		// while it is in cache (Convolution.forwardReLU): the same values
		// and layer states, one pass over the batch's activations fewer;
		// and when the book's 2×2 pooling follows them, pools it there too
		// (Convolution.forwardReLUPool): two passes fewer, and the ReLU's
		// output is never written.
		if c, ok := n.Layers[i].(*Convolution); ok && i+1 < len(n.Layers) {
			if r, ok := n.Layers[i+1].(*ReLU); ok {
				if i+2 < len(n.Layers) {
					if p, ok := n.Layers[i+2].(*Pooling); ok {
						if out := c.forwardReLUPool(x, r, p); out != nil {
							x = out
							i += 2
							continue
						}
					}
				}
				x = c.forwardReLU(x, r)
				i++
				continue
			}
		}
		x = n.Layers[i].Forward(x, train)
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
	// rectified is the ReLU whose Backward the last Convolution's dx pass
	// took (convDxTo): dout is its input gradient already.
	var rectified *ReLU
	for i := len(n.Layers) - 1; i >= 0; i-- {
		// A Pooling whose forward pass was fused with the Convolution and
		// the ReLU before it (forwardReLUPool) goes back with them.
		if p, ok := n.Layers[i].(*Pooling); ok && i >= 2 {
			r, _ := n.Layers[i-1].(*ReLU)
			c, _ := n.Layers[i-2].(*Convolution)
			if r != nil && c != nil && r.pooled == p {
				i -= 2
				to := n.dxTarget(i, c)
				dout, rectified = c.backwardReLUPool(dout, r, p, to), to.relu
				if i == 0 {
					return
				}
				continue
			}
		}
		// A ReLU after a Convolution is rectified in the convolution's
		// pass over the images (Convolution.backwardReLU).
		if r, ok := n.Layers[i].(*ReLU); ok && i > 0 {
			if c, ok := n.Layers[i-1].(*Convolution); ok {
				i--
				to := n.dxTarget(i, c)
				dout, rectified = c.backwardReLU(dout, r, r == rectified, to), to.relu
				if i == 0 {
					return
				}
				continue
			}
		}
		rectified = nil
		if p, ok := n.Layers[i].(paramBackwarder); ok && i == 0 {
			p.backwardParams(dout) // nothing uses the network's input gradient
			return
		}
		dout = n.Layers[i].Backward(dout)
	}
}

// dxTarget says where the backward pass of Convolution c, layer i, sends
// its input gradient: nowhere for the first layer; through the ReLU
// before it when a Convolution precedes that ReLU (Network.Backward then
// takes the ReLU's gradient as made: one pass over the batch fewer) and
// the ReLU's output, which the dx pass reads, is c's input; else to c's
// own dx.
func (n *Network) dxTarget(i int, c *Convolution) convDxTo {
	if i == 0 {
		return convDxTo{}
	}
	if i >= 2 {
		r, _ := n.Layers[i-1].(*ReLU)
		if _, ok := n.Layers[i-2].(*Convolution); ok && r != nil && r.pooled == nil && r.out == c.x {
			return convDxTo{need: true, relu: r}
		}
	}
	return convDxTo{need: true}
}

// inferenceOnly reports whether n is an inference copy or a snapshot,
// which run Forward in inference mode and nothing else: no Backward reads
// the buffers its layers skip (biasReLU).
func (n *Network) inferenceOnly() bool { return n.origin != nil || n.snapOf != nil }

// reluAt reports whether layer i is a ReLU.
func (n *Network) reluAt(i int) bool {
	if i >= len(n.Layers) {
		return false
	}
	_, ok := n.Layers[i].(*ReLU)
	return ok
}

// biasReLU finishes Affine layer i, whose output holds x·W without its
// bias, and the ReLU after it, and, when dropout is set, an inference
// Dropout after that if there is one, in one pass (vec.BiasReLUScale: the
// values the layers' passes give, bit for bit); it returns the output and
// the index of the next layer. The Affine's bias is not added in its own
// output, which only the ReLU reads; the ReLU's output, which its
// Backward reads, is written unless a Dropout is merged: only an
// inference-only network may merge one.
func (n *Network) biasReLU(i int, a *Affine, dropout bool) (*tensor.Tensor, int) {
	r := n.Layers[i+1].(*ReLU)
	r.pooled = nil
	dst, s, next := &r.out, 1.0, i+2
	if dropout && next < len(n.Layers) {
		if d, ok := n.Layers[next].(*Dropout); ok {
			dst, s, d.train = &d.out, 1.0-d.Ratio, false
			next++
		}
	}
	*dst = tensor.Reuse(*dst, a.out.Shape()...)
	m := a.out.Len()
	vec.BiasReLUScale((*dst).Data()[:m], a.out.Data()[:m], a.B.Data(), s)
	return *dst, next
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

// CorrectGathered is Correct for a batch x given by its nonzeros, which s
// holds (s.Gather(x)): an evaluation that goes over the same data set
// epoch after epoch (train.Evaluator) gathers each batch once instead of
// at every pass. It returns the count Correct(x, t) returns and true, or
// false, having counted nothing, when the first layer is not an Affine or
// cannot use s (a weight that is not finite): the caller then calls
// Correct with x. It panics if s does not hold the first layer's number
// of inputs per sample.
func (n *Network) CorrectGathered(s *ops.SparseRows, t *tensor.Tensor) (int, bool) {
	if len(n.Layers) == 0 {
		return 0, false
	}
	a, ok := n.Layers[0].(*Affine)
	if !ok {
		return 0, false
	}
	next := 1
	var x *tensor.Tensor
	if n.reluAt(1) {
		if !a.productGathered(s) {
			return 0, false
		}
		x, next = n.biasReLU(0, a, n.inferenceOnly())
	} else if x, ok = a.forwardGathered(s); !ok {
		return 0, false
	}
	n.pred = ops.ArgMaxRows(n.pred, n.forwardFrom(next, x, false))
	return CountCorrect(n.pred, t), true
}

// UseGathered makes the network's first layer, when it is an Affine,
// take its products with the input x from s, which holds x's nonzeros
// (s.Gather(x)), instead of gathering x at every Forward: networks
// trained side by side on one batch, and a loss taken after a gradient on
// it, then gather the batch once. It holds for the Forwards (and their
// Backwards) given the tensor x itself, until the next UseGathered;
// neither x nor s may change meanwhile, and when several goroutines use s
// at once it must have been transposed first (s.Transpose). The results
// are those of the Forwards with x alone, to the bit. UseGathered(nil,
// nil) ends it. With any other first layer it does nothing. It panics if
// s does not hold an input of x's shape for the first layer.
func (n *Network) UseGathered(x *tensor.Tensor, s *ops.SparseRows) {
	if len(n.Layers) == 0 {
		return
	}
	if a, ok := n.Layers[0].(*Affine); ok {
		a.useGathered(x, s)
	}
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

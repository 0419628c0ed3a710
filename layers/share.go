package layers

// Sharer is a layer that can make a copy of itself for inference on
// another goroutine: the copy shares the layer's parameters and state (the
// same tensors, so training the layer trains the copy) and has buffers of
// its own. A copy runs Forward with train false and nothing else: it has
// no gradients.
type Sharer interface {
	Share() Layer
}

// Share returns an inference copy of a sharing W and b.
func (a *Affine) Share() Layer { return &Affine{W: a.W, B: a.B} }

// Share returns a new ReLU layer (ReLU holds nothing but buffers).
func (r *ReLU) Share() Layer { return NewReLU() }

// Share returns a new Sigmoid layer (Sigmoid holds nothing but buffers).
func (s *Sigmoid) Share() Layer { return NewSigmoid() }

// Share returns an inference copy of b sharing gamma, beta and the
// running statistics.
func (b *BatchNormalization) Share() Layer {
	return &BatchNormalization{Gamma: b.Gamma, Beta: b.Beta, Momentum: b.Momentum, RunningMean: b.RunningMean, RunningVar: b.RunningVar}
}

// Share returns an inference copy of d (which scales by 1 - Ratio and
// draws nothing).
func (d *Dropout) Share() Layer { return &Dropout{Ratio: d.Ratio, g: d.g} }

// InferenceCopy returns a network for inference on another goroutine
// (Forward with train false, Predict, Correct, Accuracy), made of copies
// of n's layers (Sharer) that share n's parameters and state: updating n
// updates the copy. It has no loss layer and no gradients, and it must not
// run while n trains (a training step writes the parameters it reads).
//
// reuse is returned as it is when it is a copy made earlier from n's
// current layers, so that a caller keeps one copy and its buffers across
// calls; otherwise a new copy is made. It returns nil when a layer of n
// cannot be shared.
func (n *Network) InferenceCopy(reuse *Network) *Network {
	if reuse != nil && reuse.origin == n && len(reuse.originLayers) == len(n.Layers) {
		same := true
		for i, l := range n.Layers {
			if !sameLayer(l, reuse.originLayers[i]) {
				same = false
				break
			}
		}
		if same {
			return reuse
		}
	}
	c := &Network{Layers: make([]Layer, len(n.Layers)), origin: n, originLayers: append([]Layer(nil), n.Layers...)}
	for i, l := range n.Layers {
		s, ok := l.(Sharer)
		if !ok {
			return nil
		}
		c.Layers[i] = s.Share()
	}
	return c
}

// Share returns an inference copy of c sharing W and b.
func (c *Convolution) Share() Layer {
	return &Convolution{W: c.W, B: c.B, Stride: c.Stride, Pad: c.Pad}
}

// Share returns a new Pooling layer of p's geometry (Pooling holds nothing
// but buffers).
func (p *Pooling) Share() Layer { return NewPooling(p.PoolH, p.PoolW, p.Stride, p.Pad) }

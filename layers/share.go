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
// Every network ends an Affine layer followed by a ReLU in one pass (the
// bias added as the ReLU's output is written); since a copy never runs
// Backward, its Forward ends an inference Dropout after them in the same
// pass: the same output, to the bit, without the intermediate outputs the
// layers would keep.
//
// reuse is returned as it is when it is a copy made earlier from n's
// current layers, so that a caller keeps one copy and its buffers across
// calls; otherwise a new copy is made. It returns nil when a layer of n
// cannot be shared.
func (n *Network) InferenceCopy(reuse *Network) *Network {
	if reuse != nil && reuse.origin == n && reuse.sameOrigin(n) {
		return reuse
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

// Snapshot returns a network for inference (as InferenceCopy) that holds
// its own copies of n's parameters and state, taken now: training n
// further leaves the snapshot as it is, so that one goroutine can measure
// an accuracy on it while another trains n on (train.Trainer does, on two
// cores). Copies made from a snapshot (InferenceCopy) share the snapshot's
// values.
//
// reuse is refilled with n's current values and returned when it is a
// snapshot taken earlier from n's current layers, so that a caller keeps
// one snapshot and its buffers across calls; otherwise a new snapshot is
// made. It returns nil when a layer of n cannot be copied: a layer with
// parameters or state other than Affine, Convolution and
// BatchNormalization, or one that is not a Sharer.
func (n *Network) Snapshot(reuse *Network) *Network {
	if reuse != nil && reuse.snapOf == n && reuse.sameOrigin(n) {
		copyValues(reuse.Params(), n.Params())
		copyValues(reuse.State(), n.State())
		return reuse
	}
	c := &Network{Layers: make([]Layer, len(n.Layers)), snapOf: n, originLayers: append([]Layer(nil), n.Layers...)}
	for i, l := range n.Layers {
		if c.Layers[i] = snapshotLayer(l); c.Layers[i] == nil {
			return nil
		}
	}
	return c
}

// sameOrigin reports whether c was made from n's current layers.
func (c *Network) sameOrigin(n *Network) bool {
	if len(c.originLayers) != len(n.Layers) {
		return false
	}
	for i, l := range n.Layers {
		if !sameLayer(l, c.originLayers[i]) {
			return false
		}
	}
	return true
}

// copyValues copies the values of src's tensors into dst's, in order.
func copyValues(dst, src []Param) {
	for i, p := range src {
		dst[i].Value.CopyFrom(p.Value)
	}
}

// snapshotLayer returns an inference copy of l with copies of its
// parameters and state, or nil when l has some that it does not know.
func snapshotLayer(l Layer) Layer {
	switch v := l.(type) {
	case *Affine:
		return &Affine{W: v.W.Clone(), B: v.B.Clone()}
	case *Convolution:
		return &Convolution{W: v.W.Clone(), B: v.B.Clone(), Stride: v.Stride, Pad: v.Pad}
	case *BatchNormalization:
		return &BatchNormalization{Gamma: v.Gamma.Clone(), Beta: v.Beta.Clone(), Momentum: v.Momentum,
			RunningMean: v.RunningMean.Clone(), RunningVar: v.RunningVar.Clone()}
	}
	if _, ok := l.(Parameterized); ok {
		return nil
	}
	if _, ok := l.(Stateful); ok {
		return nil
	}
	if s, ok := l.(Sharer); ok {
		return s.Share()
	}
	return nil
}

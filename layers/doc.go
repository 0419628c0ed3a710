// Package layers holds the building blocks of a network, named after the
// book's common/layers.py: Affine, ReLU, Sigmoid, and Network, which strings
// layers and a loss layer together.
//
// Every layer has the same two methods:
//
//	Forward(x *tensor.Tensor, train bool) *tensor.Tensor // caches what Backward needs
//	Backward(dout *tensor.Tensor) *tensor.Tensor         // returns dx; never modifies dout
//
// Layers with parameters also implement Parameterized: they expose their
// weights and gradients as named Param pairs, so that an optimizer (package
// optim) is one loop over the network's parameters. Backward overwrites the
// gradients, as the book's layers do.
//
// To keep a training step free of allocations, a layer reuses its output
// and gradient buffers from one call to the next while the batch shape
// stays the same: the tensor returned by Forward or Backward belongs to the
// layer and is overwritten by its next call. Clone it to keep it.
// Network.Predict returns a tensor of its own.
package layers

// Package layers holds the building blocks of a network, named after the
// book's common/layers.py: Affine, ReLU, Sigmoid, Dropout,
// BatchNormalization, Convolution and Pooling (on (N, C, H, W) batches,
// through ops.Im2Col), and Network, which strings layers and a loss layer
// together.
//
// Every layer has the same two methods:
//
//	Forward(x *tensor.Tensor, train bool) *tensor.Tensor // caches what Backward needs
//	Backward(dout *tensor.Tensor) *tensor.Tensor         // returns dx; never modifies dout
//
// train is the book's train_flg: Dropout draws a new mask and
// BatchNormalization uses (and updates) the batch's statistics only in
// training mode; in inference mode Dropout scales by 1 - ratio and
// BatchNormalization uses its running mean and variance. Backward is the
// gradient of the last Forward, in the mode it ran in.
//
// Layers with parameters also implement Parameterized: they expose their
// weights and gradients as named Param pairs, so that an optimizer (package
// optim) is one loop over the network's parameters. Backward overwrites the
// gradients, as the book's layers do. Layers with non-trained state
// (BatchNormalization's running mean and variance) implement Stateful;
// optimizers never see that state, and saving a network keeps it.
//
// A Network names its parameters as the book's params dictionaries do: each
// name is numbered on its own in the order of the layers, so the layers of
// the book's MultiLayerNetExtend give W1, b1, gamma1, beta1, W2, ..., and
// its state is running_mean1, running_var1, .... Params and State follow
// the network's current Layers, also after they are changed.
//
// SaveNPZ writes a network's parameters and state to an .npz file under
// those names, which np.load reads; LoadNPZ reads one back (or one NumPy's
// np.savez wrote), and LoadArrays loads arrays from any other reader. A
// load checks every name and shape before it copies anything, and reports
// each missing array, wrong shape and (unless Loader.IgnoreExtra) extra
// array in one error that names the file.
//
// Dropout draws its masks from a *random.Generator, one Float64 per element
// as np.random.rand does, so that a seeded network drops the units the
// book's script drops.
//
// To keep a training step free of allocations, a layer reuses its output
// and gradient buffers from one call to the next while the batch shape
// stays the same: the tensor returned by Forward or Backward belongs to the
// layer and is overwritten by its next call. Clone it to keep it.
// Network.Predict returns a tensor of its own.
//
// A Network runs some neighbouring layers in one pass: an Affine and the
// ReLU after it (the bias added as the ReLU's output is written), a
// BatchNormalization and its ReLU, a Convolution and its ReLU (image by
// image, forward and backward), and a Convolution, its ReLU and the book's
// 2×2 Pooling of stride 2 after them (each image rectified and pooled while
// it is in cache; backward, the pooling's gradient sent to its maxima and
// rectified in the convolution's pass); and backward, a Convolution whose
// input is the output of a ReLU that follows another Convolution
// rectifies each image of its input gradient as it makes it. Its outputs,
// loss and gradients are those of the layers' own Forward and Backward
// calls, to the bit; only the buffers between the layers (the
// Convolution's output and input gradient, the Pooling's input gradient,
// and, in the second case, the ReLU's output) are not filled, so that
// after Network.Forward such a ReLU's own Backward panics, saying why:
// Network.Backward takes it.
package layers

package layers

import (
	"github.com/dlfs-go/dlfs/tensor"
)

// Layer is one step of a network: the book's layer classes, which all have
// forward and backward methods.
type Layer interface {
	// Forward computes the layer's output for x and caches what Backward
	// needs. train is false for inference (it matters to Dropout and
	// BatchNorm, the book's train_flg).
	Forward(x *tensor.Tensor, train bool) *tensor.Tensor
	// Backward takes the gradient of the loss with respect to the layer's
	// last output and returns the gradient with respect to its last input,
	// filling the layer's parameter gradients on the way. It never modifies
	// dout.
	Backward(dout *tensor.Tensor) *tensor.Tensor
}

// Param is one named parameter of a layer with its gradient, which has the
// same shape. Grad holds the result of the last Backward.
type Param struct {
	Name  string
	Value *tensor.Tensor
	Grad  *tensor.Tensor
}

// Parameterized is a layer with trainable parameters.
type Parameterized interface {
	// Params returns the layer's parameters, under the book's names ("W",
	// "b"). The tensors are the layer's own: updating Value in place
	// updates the layer.
	Params() []Param
}

// LossLayer is the last layer of a network: it turns a prediction and a
// target into a scalar loss (the book's SoftmaxWithLoss, or the seed
// article's MSE).
type LossLayer interface {
	// Forward returns the loss of prediction y against target t and caches
	// what Backward needs.
	Forward(y, t *tensor.Tensor) float64
	// Backward returns the gradient of the loss with respect to y (the
	// book's backward(dout=1)).
	Backward() *tensor.Tensor
}

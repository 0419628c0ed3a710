package optim

import (
	"fmt"

	"github.com/dlfs-go/dlfs/internal/vec"
	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/tensor"
)

// Optimizer updates parameters in place from their gradients.
type Optimizer interface {
	// Update takes one step for every parameter, using each Grad.
	Update(params []layers.Param)
}

// SGD is stochastic gradient descent, the book's common/optimizer.py SGD:
// W -= lr * dW for every parameter.
type SGD struct {
	LR float64 // learning rate (the book's lr, default 0.01)
}

var _ Optimizer = (*SGD)(nil)

// NewSGD returns an SGD optimizer with learning rate lr.
func NewSGD(lr float64) *SGD { return &SGD{LR: lr} }

// Update sets Value -= LR * Grad for every parameter.
func (o *SGD) Update(params []layers.Param) {
	for _, p := range params {
		checkParam("optim.SGD.Update", p)
		// The product is rounded before the subtraction, as NumPy
		// computes it (no fused multiply-add).
		vec.SubScaled(p.Value.Data(), p.Grad.Data(), o.LR)
	}
}

// checkParam panics unless p's value and gradient have the same shape.
func checkParam(op string, p layers.Param) {
	if !tensor.SameShape(p.Value, p.Grad) {
		panic(fmt.Sprintf("%s: parameter %q has shape %s but its gradient %s",
			op, p.Name, tensor.ShapeString(p.Value.Shape()), tensor.ShapeString(p.Grad.Shape())))
	}
}

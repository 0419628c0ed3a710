package layers

import (
	"fmt"
	"math"

	"github.com/dlfs-go/dlfs/tensor"
)

// ReLU is the book's common/layers.py Relu: out = x where x > 0, else 0.
// Shapes: any; out and dx have the shape of x.
type ReLU struct {
	mask []bool // x <= 0 for the last input
	out  *tensor.Tensor
	dx   *tensor.Tensor
}

// NewReLU returns a ReLU layer.
func NewReLU() *ReLU { return &ReLU{} }

// Forward returns max(x, 0) elementwise and remembers where x <= 0.
func (r *ReLU) Forward(x *tensor.Tensor, train bool) *tensor.Tensor {
	r.out = tensor.Reuse(r.out, x.Shape()...)
	if cap(r.mask) < x.Len() {
		r.mask = make([]bool, x.Len())
	}
	r.mask = r.mask[:x.Len()]
	out, mask := r.out.Data(), r.mask
	for i, v := range x.Data() {
		m := v <= 0
		mask[i] = m
		if m { // compiled without a branch (CMOV)
			v = 0
		}
		out[i] = v
	}
	return r.out
}

// Backward returns dout with the entries where the input was <= 0 set to 0.
func (r *ReLU) Backward(dout *tensor.Tensor) *tensor.Tensor {
	if r.out == nil {
		panic("layers.ReLU.Backward: called before Forward")
	}
	checkSame("layers.ReLU.Backward", dout, r.out)
	r.dx = tensor.Reuse(r.dx, dout.Shape()...)
	dx, mask := r.dx.Data(), r.mask
	for i, v := range dout.Data() {
		if mask[i] {
			v = 0
		}
		dx[i] = v
	}
	return r.dx
}

// Sigmoid is the book's common/layers.py Sigmoid: out = 1 / (1 + exp(-x)).
// Shapes: any; out and dx have the shape of x.
type Sigmoid struct {
	out *tensor.Tensor
	dx  *tensor.Tensor
}

// NewSigmoid returns a Sigmoid layer.
func NewSigmoid() *Sigmoid { return &Sigmoid{} }

// Forward returns 1 / (1 + exp(-x)) elementwise.
func (s *Sigmoid) Forward(x *tensor.Tensor, train bool) *tensor.Tensor {
	s.out = tensor.Reuse(s.out, x.Shape()...)
	out := s.out.Data()
	for i, v := range x.Data() {
		out[i] = 1 / (1 + math.Exp(-v))
	}
	return s.out
}

// Backward returns dout * (1 - out) * out.
func (s *Sigmoid) Backward(dout *tensor.Tensor) *tensor.Tensor {
	if s.out == nil {
		panic("layers.Sigmoid.Backward: called before Forward")
	}
	checkSame("layers.Sigmoid.Backward", dout, s.out)
	s.dx = tensor.Reuse(s.dx, dout.Shape()...)
	dx, out := s.dx.Data(), s.out.Data()
	for i, v := range dout.Data() {
		dx[i] = v * (1 - out[i]) * out[i]
	}
	return s.dx
}

// checkSame panics unless dout has the shape of the layer's last output.
func checkSame(op string, dout, out *tensor.Tensor) {
	if !tensor.SameShape(dout, out) {
		panic(fmt.Sprintf("%s: dout %s does not match the forward output %s",
			op, tensor.ShapeString(dout.Shape()), tensor.ShapeString(out.Shape())))
	}
}

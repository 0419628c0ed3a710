package layers

import (
	"fmt"
	"math"

	"github.com/dlfs-go/dlfs/internal/vec"
	"github.com/dlfs-go/dlfs/tensor"
)

// ReLU is the book's common/layers.py Relu: out = x where x > 0, else 0.
// Shapes: any; out and dx have the shape of x.
//
// The book keeps mask = (x <= 0) for the backward pass; ReLU reads it
// from its output instead, which holds exactly the same information (out
// <= 0 where x <= 0; out = x > 0 or NaN elsewhere), so the next layer must
// not change its input in place (no layer does).
//
// In a Network, a ReLU between a Convolution and a 2×2 Pooling of stride
// 2 is not given its own pass (see Network.Forward): its output then lives
// only image by image in the convolution's scratch, and its Backward is
// taken by Network.Backward; called on its own after such a pass, Backward
// panics, saying so.
type ReLU struct {
	out *tensor.Tensor
	dx  *tensor.Tensor
	// pooled is the Pooling the last forward pass was fused with
	// (Convolution.forwardReLUPool), nil when out holds the output.
	pooled *Pooling
}

// output returns r.out shaped for an output of the given shape, for the
// pass that writes it (r's own Forward or a fused one).
func (r *ReLU) output(shape ...int) *tensor.Tensor {
	r.pooled = nil
	r.out = tensor.Reuse(r.out, shape...)
	return r.out
}

// NewReLU returns a ReLU layer.
func NewReLU() *ReLU { return &ReLU{} }

// Forward returns x with the entries where x <= 0 set to +0 (NumPy's
// out[mask] = 0: NaN stays NaN, -0 becomes +0).
func (r *ReLU) Forward(x *tensor.Tensor, train bool) *tensor.Tensor {
	r.output(x.Shape()...)
	xd := x.Data()
	vec.ZeroWhereLE0(r.out.Data()[:len(xd)], xd, xd)
	return r.out
}

// Backward returns dout with the entries where the input was <= 0 set to 0.
func (r *ReLU) Backward(dout *tensor.Tensor) *tensor.Tensor {
	r.checkOutput()
	checkSame("layers.ReLU.Backward", dout, r.out)
	r.dx = tensor.Reuse(r.dx, dout.Shape()...)
	dd := dout.Data()
	vec.ZeroWhereLE0(r.dx.Data()[:len(dd)], dd, r.out.Data()[:len(dd)])
	return r.dx
}

// checkOutput panics unless the last forward pass wrote r's output,
// which its Backward reads.
func (r *ReLU) checkOutput() {
	if r.pooled != nil {
		panic("layers.ReLU.Backward: the last forward pass went through the Convolution, this ReLU and the Pooling after it at once, " +
			"without the ReLU's output, which its Backward needs: back-propagate with Network.Backward, or run ReLU.Forward first")
	}
	if r.out == nil {
		panic("layers.ReLU.Backward: called before Forward")
	}
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

// b2u is 1 for true and 0 for false; the compiler turns it into SETcc.
func b2u(b bool) uint64 {
	var u uint64
	if b {
		u = 1
	}
	return u
}

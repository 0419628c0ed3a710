package layers

import (
	"fmt"

	"github.com/dlfs-go/dlfs/internal/vec"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// Dropout is the book's common/layers.py Dropout: in training mode it
// keeps each input with probability 1 - Ratio and zeroes the others
// (out = x * mask); in inference mode it scales every input by 1 - Ratio.
//
// The mask is drawn as the book draws it, np.random.rand(*x.shape) >
// dropout_ratio: one Float64 draw per element in row-major order from the
// layer's generator, so a network seeded like the book's script drops the
// same units. As in NumPy, a dropped element is x * 0.0, so NaN and ±Inf
// stay NaN and a negative value becomes -0.
//
// Shapes: any; out and dx have the shape of x.
type Dropout struct {
	// Ratio is the probability of dropping a unit, the book's
	// dropout_ratio (default 0.5).
	Ratio float64

	g     *random.Generator // nil: random's default generator
	train bool              // mode of the last Forward
	mask  []float64         // 1 where kept, 0 where dropped
	out   *tensor.Tensor
	dx    *tensor.Tensor
}

// NewDropout returns a Dropout layer that drops units with probability
// ratio (the book's dropout_ratio, default 0.5), drawing its masks from g.
// A nil g uses random's default generator (NumPy's global np.random), read
// at each training Forward (like random.Default's result, such a layer must
// not run while other goroutines draw from that generator). It panics
// unless 0 <= ratio <= 1.
func NewDropout(ratio float64, g *random.Generator) *Dropout {
	if !(ratio >= 0 && ratio <= 1) {
		panic(fmt.Sprintf("layers.NewDropout: ratio %v is not in [0, 1]", ratio))
	}
	return &Dropout{Ratio: ratio, g: g}
}

// SetGenerator makes d draw its masks from g from now on (nil: random's
// default generator), as a Dropout made by NewDropout(d.Ratio, g) does.
func (d *Dropout) SetGenerator(g *random.Generator) { d.g = g }

// Forward returns x * mask for a new mask in training mode, and
// x * (1 - Ratio) in inference mode.
func (d *Dropout) Forward(x *tensor.Tensor, train bool) *tensor.Tensor {
	d.out = tensor.Reuse(d.out, x.Shape()...)
	d.train = train
	xd, out := x.Data(), d.out.Data()
	out = out[:len(xd)]
	if !train {
		vec.Scale(out, xd, 1.0-d.Ratio)
		return d.out
	}
	g := d.g
	if g == nil {
		g = random.Default()
	}
	if cap(d.mask) < len(xd) {
		d.mask = make([]float64, len(xd))
	}
	d.mask = d.mask[:len(xd)]
	mask := d.mask
	g.Float64s(mask) // np.random.rand(*x.shape), then > ratio
	vec.DropoutMask(mask, out, xd, d.Ratio)
	return d.out
}

// Backward returns dout * mask after a training Forward (the book's
// backward), and dout * (1 - Ratio), the gradient of an inference Forward,
// after an inference Forward.
func (d *Dropout) Backward(dout *tensor.Tensor) *tensor.Tensor {
	if d.out == nil {
		panic("layers.Dropout.Backward: called before Forward")
	}
	checkSame("layers.Dropout.Backward", dout, d.out)
	d.dx = tensor.Reuse(d.dx, dout.Shape()...)
	dd, dx := dout.Data(), d.dx.Data()
	dx = dx[:len(dd)]
	if !d.train {
		vec.Scale(dx, dd, 1.0-d.Ratio)
		return d.dx
	}
	mask := d.mask[:len(dd)]
	for i, v := range dd {
		dx[i] = v * mask[i]
	}
	return d.dx
}

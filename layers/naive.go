package layers

// MulLayer is the book's ch05/layer_naive.py MulLayer: a multiplication
// node of a computational graph on plain numbers, out = x * y.
type MulLayer struct {
	x, y float64
}

// Forward returns x * y and remembers both factors.
func (m *MulLayer) Forward(x, y float64) float64 {
	m.x, m.y = x, y
	return x * y
}

// Backward returns the gradients with respect to x and y: dout * y and
// dout * x (the factors swapped).
func (m *MulLayer) Backward(dout float64) (dx, dy float64) {
	return dout * m.y, dout * m.x
}

// AddLayer is the book's ch05/layer_naive.py AddLayer: an addition node,
// out = x + y.
type AddLayer struct{}

// Forward returns x + y.
func (AddLayer) Forward(x, y float64) float64 { return x + y }

// Backward passes dout through to both inputs.
func (AddLayer) Backward(dout float64) (dx, dy float64) { return dout, dout }

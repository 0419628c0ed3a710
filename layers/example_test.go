package layers_test

import (
	"fmt"

	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/loss"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// The seed article's network learns (x1, x2) → (x1+x2, x1·x2). The printed
// values are those of the same steps run with NumPy 1.24.
func ExampleNetwork() {
	g := random.New(0) // np.random.seed(0)
	net := layers.NewNetwork(loss.NewMSE(),
		layers.NewAffine(2, 2, g), // W = np.random.randn(2, 2), b = 0
		layers.NewReLU(),
		layers.NewAffine(2, 2, g),
	)
	var names []string
	for _, p := range net.Params() {
		names = append(names, p.Name)
	}
	fmt.Println(names)

	x, t := tensor.Zeros(500, 2), tensor.Zeros(500, 2)
	for i := range 500 {
		x1, x2 := g.Float64(), g.Float64()
		x.Set(x1, i, 0)
		x.Set(x2, i, 1)
		t.Set(x1+x2, i, 0)
		t.Set(x1*x2, i, 1)
	}
	opt := optim.NewSGD(0.2)
	fmt.Printf("loss before: %.4f\n", net.Loss(x, t))
	for range 1000 {
		net.Gradient(x, t)
		opt.Update(net.Params())
	}
	fmt.Printf("loss after:  %.4f\n", net.Loss(x, t))
	y := net.Predict(tensor.FromRows([][]float64{{0.3, 0.5}}))
	fmt.Printf("(0.3, 0.5) → (%.2f, %.2f)\n", y.At(0, 0), y.At(0, 1))
	// Output:
	// [W1 b1 W2 b2]
	// loss before: 6.4869
	// loss after:  0.0035
	// (0.3, 0.5) → (0.80, 0.15)
}

package nets_test

import (
	"fmt"

	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// The book's ch05 TwoLayerNet learning six samples. The printed values are
// those of the book's Python classes run with the same seed and steps.
func ExampleTwoLayerNet() {
	g := random.New(0) // np.random.seed(0)
	net := nets.NewTwoLayerNet(4, 5, 3, 1.0, g)
	x := g.Rand(6, 4)
	t := tensor.Zeros(6, 3) // one-hot labels 0, 1, 2, 0, 1, 2
	for i := range 6 {
		t.Set(1, i, i%3)
	}
	fmt.Printf("loss %.6f\n", net.Loss(x, t))
	opt := optim.NewSGD(0.5)
	for range 100 {
		net.Gradient(x, t)
		opt.Update(net.Params())
	}
	fmt.Printf("loss %.6f\n", net.Loss(x, t))
	fmt.Println("accuracy", net.Accuracy(x, t))
	// Output:
	// loss 1.895804
	// loss 0.078839
	// accuracy 1
}

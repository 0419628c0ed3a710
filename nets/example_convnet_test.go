package nets_test

import (
	"fmt"

	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// The book's SimpleConvNet with its defaults, trained a few steps with
// Adam on one small batch of random 28×28 pictures: its parameters carry
// the book's names, and the loss falls from ln 10.
func ExampleSimpleConvNet() {
	g := random.New(0)
	net := nets.NewSimpleConvNet([3]int{1, 28, 28}, nets.DefaultConvParam(), 100, 10, 0.01, g)
	for _, p := range net.Params() {
		fmt.Println(p.Name, p.Value.Shape())
	}
	x := g.Rand(8, 1, 28, 28)
	t := tensor.New([]float64{0, 1, 2, 3, 4, 5, 6, 7}, 8) // class indices
	opt := optim.NewAdam(0.001, 0.9, 0.999)
	fmt.Printf("loss %.2f\n", net.Loss(x, t))
	for range 20 {
		net.Gradient(x, t)
		opt.Update(net.Params())
	}
	fmt.Printf("loss %.2f after 20 steps\n", net.Loss(x, t))
	// Output:
	// W1 [30 1 5 5]
	// b1 [30]
	// W2 [4320 100]
	// b2 [100]
	// W3 [100 10]
	// b3 [10]
	// loss 2.30
	// loss 1.99 after 20 steps
}

// The book's DeepConvNet: six convolutions, three poolings and two Affine
// layers, W1 ... W8 under the book's names; Predict runs in inference
// mode (Dropout scales instead of dropping).
func ExampleDeepConvNet() {
	g := random.New(0)
	net := nets.NewDeepConvNet([3]int{1, 28, 28}, nets.DefaultDeepConvParams(), 50, 10, g)
	for _, p := range net.Params() {
		if p.Name[0] == 'W' {
			fmt.Println(p.Name, p.Value.Shape())
		}
	}
	y := net.Predict(g.Rand(2, 1, 28, 28))
	fmt.Println(y.Shape())
	// Output:
	// W1 [16 1 3 3]
	// W2 [16 16 3 3]
	// W3 [32 16 3 3]
	// W4 [32 32 3 3]
	// W5 [64 32 3 3]
	// W6 [64 64 3 3]
	// W7 [1024 50]
	// W8 [50 10]
	// [2 10]
}

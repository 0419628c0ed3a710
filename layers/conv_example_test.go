package layers_test

import (
	"fmt"

	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/tensor"
)

// A 3×3 filter that answers to a rise from left to right, over a 4×5
// picture whose right part is bright: the output is 3 where the window
// straddles the edge and 0 where it does not.
func ExampleConvolution() {
	w := tensor.New([]float64{
		-1, 0, 1,
		-1, 0, 1,
		-1, 0, 1,
	}, 1, 1, 3, 3) // FN=1 filter, C=1 channel
	conv := layers.NewConvolution(w, tensor.Zeros(1), 1, 0) // stride 1, pad 0
	x := tensor.New([]float64{
		0, 0, 1, 1, 1,
		0, 0, 1, 1, 1,
		0, 0, 1, 1, 1,
		0, 0, 1, 1, 1,
	}, 1, 1, 4, 5) // N=1, C=1, H=4, W=5
	out := conv.Forward(x, true)
	fmt.Println(out.Shape())
	fmt.Println(out.Data())

	// Backward fills DW and DB and returns dx in the input's shape.
	dx := conv.Backward(tensor.Ones(out.Shape()...))
	fmt.Println(conv.DB.Data(), dx.Shape())
	// Output:
	// [1 1 2 3]
	// [3 3 0 3 3 0]
	// [6] [1 1 4 5]
}

// Max pooling over 2×2 windows with stride 2: each output is the largest
// value of its window, and the gradient goes back to that value.
func ExamplePooling() {
	pool := layers.NewPooling(2, 2, 2, 0)
	x := tensor.New([]float64{
		1, 2, 5, 3,
		4, 0, 7, 8,
		9, 1, 2, 2,
		3, 6, 0, 1,
	}, 1, 1, 4, 4)
	fmt.Println(pool.Forward(x, true).Data())
	fmt.Println(pool.Backward(tensor.Ones(1, 1, 2, 2)).Data())
	// Output:
	// [4 8 9 2]
	// [0 0 0 0 1 0 0 1 1 0 1 0 0 0 0 0]
}

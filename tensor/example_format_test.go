package tensor_test

import (
	"fmt"
	"math"

	"github.com/dlfs-go/dlfs/tensor"
)

// The outputs below are what NumPy 1.24 prints for the same arrays.

func ExampleTensor_String() {
	fmt.Println(tensor.FromRows([][]float64{{3.0808447437271254, -1.1831979645839683}}))
	fmt.Println(tensor.Vector(0.1, 0.25, 1))
	fmt.Println(tensor.Vector(0.1, 0.25, 1e-5))
	fmt.Println(tensor.Vector(1, math.NaN(), math.Inf(-1)))
	fmt.Println(tensor.New([]float64{0, 0.25, 0.5, 0.75, 1, 1.25}, 2, 3))
	fmt.Println(tensor.Scalar(0.5))
	// Output:
	// [[ 3.08084474 -1.18319796]]
	// [0.1  0.25 1.  ]
	// [1.0e-01 2.5e-01 1.0e-05]
	// [  1.  nan -inf]
	// [[0.   0.25 0.5 ]
	//  [0.75 1.   1.25]]
	// 0.5
}

func ExampleFormatFloat() {
	for _, x := range []float64{0.1, 1, 1e-5, 1e16, 0.001953125} {
		fmt.Println(tensor.FormatFloat(x))
	}
	// Output:
	// 0.1
	// 1.0
	// 1e-05
	// 1e+16
	// 0.001953125
}

package tensor_test

import (
	"fmt"

	"github.com/dlfs-go/dlfs/tensor"
)

func Example() {
	// np.arange(6.).reshape(2, 3)
	a := tensor.New([]float64{0, 1, 2, 3, 4, 5}, 2, 3)
	fmt.Println(a.Shape(), a.Dim(), a.Len())
	fmt.Println(a)

	// x.reshape(x.shape[0], -1): a view that shares a's data
	flat := a.Reshape(1, -1)
	flat.Set(10, 0, 5)
	fmt.Println(flat.Shape(), a.At(1, 2))

	// a.T copies
	fmt.Println(a.Transpose())
	// Output:
	// [2 3] 2 6
	// [[0. 1. 2.]
	//  [3. 4. 5.]]
	// [1 6] 10
	// [[ 0.  3.]
	//  [ 1.  4.]
	//  [ 2. 10.]]
}

package ops_test

import (
	"fmt"

	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/tensor"
)

// The forward pass of an Affine layer: np.dot(x, W) + b, where the bias row
// broadcasts over the batch.
func ExampleMatMul() {
	x := tensor.FromRows([][]float64{{1, 2}, {3, 4}, {5, 6}}) // (3, 2)
	W := tensor.FromRows([][]float64{{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}})
	b := tensor.Vector(1, 2, 3) // (3,)
	out := ops.Add(ops.MatMul(x, W), b)
	fmt.Println(out.Shape())
	fmt.Println(out)

	// backward: dW = x.T · dout, db = np.sum(dout, axis=0)
	dout := tensor.Ones(3, 3)
	fmt.Println(ops.MatMulT(x, dout, true, false))
	fmt.Println(ops.Sum(dout, 0, false))
	// Output:
	// [3 3]
	// [[1.9 3.2 4.5]
	//  [2.9 4.6 6.3]
	//  [3.9 6.  8.1]]
	// [[ 9.  9.  9.]
	//  [12. 12. 12.]]
	// [3. 3. 3.]
}

func ExampleSumTo() {
	// the gradient of a broadcast bias is the upstream gradient summed
	// down to the bias's shape
	dout := tensor.FromRows([][]float64{{1, 2, 3}, {4, 5, 6}})
	fmt.Println(ops.SumTo(dout, 3))
	fmt.Println(ops.SumTo(dout, 2, 1))
	// Output:
	// [5. 7. 9.]
	// [[ 6.]
	//  [15.]]
}

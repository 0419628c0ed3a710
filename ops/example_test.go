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

// A stride-1 convolution's product without writing im2col's matrix: the
// rows of the image's transposed im2col matrix are runs of its shifted
// copies, which GemmRowOffsets reads where it has a path for the shape
// (RowOffsetsOK); elsewhere the matrix is written and multiplied. Both
// give the same bits. Here two 3×3 filters over a 4×4 image padded by 1:
// one of ones, which sums each pixel's neighbourhood, and one that keeps
// the centre.
func ExampleGemmRowOffsets() {
	const c, h, w, f, pad, fn = 1, 4, 4, 3, 1, 2
	img := make([]float64, c*h*w)
	for i := range img {
		img[i] = float64(i + 1)
	}
	filters := []float64{ // (fn, c·f·f)
		1, 1, 1, 1, 1, 1, 1, 1, 1,
		0, 0, 0, 0, 1, 0, 0, 0, 0,
	}
	k, p := c*f*f, h*w // taps, output positions
	out := make([]float64, fn*p)
	col := make([]float64, k*p) // large enough for the shifted copies too
	off := make([]int, k)
	ops.ShiftedCopies(col, img, c, h, w, f, f, pad)
	ops.ShiftedOffsets(off, c, h, w, f, f, pad)
	if !ops.RowOffsetsOK(fn, p, k, filters, k) || !ops.GemmRowOffsets(fn, p, k, filters, k, col, off, out, p) {
		ops.Im2ColTImage(col, img, c, h, w, f, f, 1, pad)
		ops.Gemm(false, false, fn, p, k, 1, filters, k, col, p, 0, out, p)
	}
	fmt.Println(out[:p])
	fmt.Println(out[p:])
	// Output:
	// [14 24 30 22 33 54 63 45 57 90 99 69 46 72 78 54]
	// [1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16]
}

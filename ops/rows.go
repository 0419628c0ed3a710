package ops

import (
	"fmt"

	"github.com/dlfs-go/dlfs/tensor"
)

// Rows returns the rows idx of x, in that order: NumPy's x[idx] for an
// integer array idx, as the book selects a mini-batch with
// x_train[batch_mask]. x has at least one axis; the result has shape
// (len(idx), x.shape[1:]...). An index may repeat. It panics when an index
// is out of range (NumPy's negative indices, counted from the end, are
// not accepted).
func Rows(x *tensor.Tensor, idx []int) *tensor.Tensor {
	if x.Dim() == 0 {
		panic("ops.Rows: x is a scalar; it needs at least one axis")
	}
	shape := append([]int{len(idx)}, x.Shape()[1:]...)
	return RowsInto(tensor.Zeros(shape...), x, idx)
}

// RowsInto writes the rows idx of x into dst, of shape (len(idx),
// x.shape[1:]...), and returns dst; see Rows. It allocates nothing.
func RowsInto(dst, x *tensor.Tensor, idx []int) *tensor.Tensor {
	xs, ds := x.Shape(), dst.Shape()
	ok := len(xs) >= 1 && len(ds) == len(xs) && ds[0] == len(idx)
	for i := 1; ok && i < len(xs); i++ {
		ok = ds[i] == xs[i]
	}
	if !ok {
		panic(fmt.Sprintf("ops.RowsInto: dst %s cannot hold %d rows of x %s",
			tensor.ShapeString(ds), len(idx), tensor.ShapeString(xs)))
	}
	n := xs[0]
	row := 1
	for _, d := range xs[1:] {
		row *= d
	}
	xd, dd := x.Data(), dst.Data()
	for i, r := range idx {
		if r < 0 || r >= n {
			panic(fmt.Sprintf("ops.RowsInto: index %d (position %d) is out of range for x %s",
				r, i, tensor.ShapeString(xs)))
		}
		copy(dd[i*row:(i+1)*row], xd[r*row:(r+1)*row])
	}
	return dst
}

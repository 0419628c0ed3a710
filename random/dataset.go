package random

import (
	"fmt"

	"github.com/dlfs-go/dlfs/tensor"
)

// ShuffleDataset returns copies of the training data x and its labels t
// with their first axis permuted by one permutation, the book's
// common/util.py shuffle_dataset: it draws np.random.permutation(len(x))
// (Permutation) and returns x[permutation] and t[permutation]. The inputs
// are not modified.
//
// x and t may have any number of axes from one up (the book's function
// takes a 2-D or 4-D x and a 1-D or 2-D t); their first axes must have the
// same length, or ShuffleDataset panics naming both shapes.
func (g *Generator) ShuffleDataset(x, t *tensor.Tensor) (xs, ts *tensor.Tensor) {
	n := checkDataset(x, t)
	p := g.Permutation(n)
	return takeRows(x, p), takeRows(t, p)
}

// ShuffleDataset returns Generator.ShuffleDataset of the default generator,
// like the book's shuffle_dataset, which draws from NumPy's global
// generator.
func ShuffleDataset(x, t *tensor.Tensor) (xs, ts *tensor.Tensor) {
	n := checkDataset(x, t)
	g := lockedDefault()
	p := g.Permutation(n)
	defaultMu.Unlock()
	return takeRows(x, p), takeRows(t, p)
}

// checkDataset returns the number of samples of x and t, panicking unless
// both have at least one axis and the same length along the first.
func checkDataset(x, t *tensor.Tensor) int {
	if x.Dim() == 0 || t.Dim() == 0 || x.Size(0) != t.Size(0) {
		panic(fmt.Sprintf("random.ShuffleDataset: x of shape %s and t of shape %s do not have the same number of samples along axis 0",
			tensor.ShapeString(x.Shape()), tensor.ShapeString(t.Shape())))
	}
	return x.Size(0)
}

// takeRows returns a[p] (NumPy's a[p] for an index array p along axis 0).
func takeRows(a *tensor.Tensor, p []int) *tensor.Tensor {
	out := tensor.Zeros(a.Shape()...)
	row := 0
	if len(p) > 0 {
		row = a.Len() / len(p)
	}
	src, dst := a.Data(), out.Data()
	for i, j := range p {
		copy(dst[i*row:(i+1)*row], src[j*row:(j+1)*row])
	}
	return out
}

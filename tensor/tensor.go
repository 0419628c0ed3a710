package tensor

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Tensor is a contiguous, row-major n-dimensional array of float64.
//
// The zero value is not useful; build tensors with New, Zeros, Ones, Full,
// FromRows, Vector or Scalar. A tensor of shape () holds one value.
type Tensor struct {
	shape []int
	data  []float64
}

// New returns a tensor of the given shape that uses data as its storage,
// without copying. len(data) must equal the product of shape. With no shape
// arguments, New returns a 1-D tensor of length len(data).
func New(data []float64, shape ...int) *Tensor {
	if len(shape) == 0 {
		return &Tensor{shape: []int{len(data)}, data: data}
	}
	n := checkShape("tensor.New", shape)
	if n != len(data) {
		panic(fmt.Sprintf("tensor.New: %d values do not fill shape %s (%d elements)",
			len(data), ShapeString(shape), n))
	}
	return &Tensor{shape: append([]int(nil), shape...), data: data}
}

// Zeros returns a tensor of the given shape filled with 0, like np.zeros.
func Zeros(shape ...int) *Tensor {
	n := checkShape("tensor.Zeros", shape)
	return &Tensor{shape: append([]int{}, shape...), data: make([]float64, n)}
}

// Ones returns a tensor of the given shape filled with 1, like np.ones.
func Ones(shape ...int) *Tensor { return fullOp("tensor.Ones", 1, shape) }

// Full returns a tensor of the given shape filled with v, like np.full.
func Full(v float64, shape ...int) *Tensor { return fullOp("tensor.Full", v, shape) }

func fullOp(op string, v float64, shape []int) *Tensor {
	n := checkShape(op, shape)
	t := &Tensor{shape: append([]int{}, shape...), data: make([]float64, n)}
	t.Fill(v)
	return t
}

// ZerosLike returns a zero tensor with the shape of t, like np.zeros_like.
func ZerosLike(t *Tensor) *Tensor { return Zeros(t.shape...) }

// Scalar returns a tensor of shape () holding v.
func Scalar(v float64) *Tensor { return &Tensor{shape: []int{}, data: []float64{v}} }

// Vector returns a 1-D tensor holding a copy of values, like np.array([...]).
func Vector(values ...float64) *Tensor {
	return &Tensor{shape: []int{len(values)}, data: append([]float64{}, values...)}
}

// FromRows returns a 2-D tensor of shape (len(rows), len(rows[0])) holding a
// copy of rows, like np.array([[...], [...]]). It is meant for small literal
// matrices in tests and examples. Rows of different lengths panic.
func FromRows(rows [][]float64) *Tensor {
	cols := 0
	if len(rows) > 0 {
		cols = len(rows[0])
	}
	data := make([]float64, 0, len(rows)*cols)
	for i, r := range rows {
		if len(r) != cols {
			panic(fmt.Sprintf("tensor.FromRows: row %d has %d values, row 0 has %d", i, len(r), cols))
		}
		data = append(data, r...)
	}
	return &Tensor{shape: []int{len(rows), cols}, data: data}
}

// Arange returns evenly spaced values in [start, stop) with the given
// step, like np.arange(start, stop, step) for floats, value for value:
// NumPy computes the length as ceil((stop - start) / step) and the values
// as start + i*d, where d = (start + step) - start, which can differ from
// step in the last bit. A zero or non-finite step panics.
func Arange(start, stop, step float64) *Tensor {
	if step == 0 || math.IsNaN(step) || math.IsInf(step, 0) {
		panic(fmt.Sprintf("tensor.Arange: step %v must be finite and non-zero", step))
	}
	l := math.Ceil((stop - start) / step)
	if math.IsNaN(l) || l > 1<<40 {
		panic(fmt.Sprintf("tensor.Arange: cannot make a range from %v to %v by %v", start, stop, step))
	}
	n := max(int(l), 0)
	data := make([]float64, n)
	if n > 0 {
		data[0] = start
	}
	if n > 1 {
		data[1] = start + step
		d := data[1] - start
		for i := 2; i < n; i++ {
			data[i] = start + float64(float64(i)*d) // no FMA: NumPy rounds the product
		}
	}
	return &Tensor{shape: []int{n}, data: data}
}

// maxElements is the most elements a tensor can hold: its data must be
// addressable in bytes, 8 per element.
const maxElements = math.MaxInt / 8

// checkShape panics, naming op and the shape, on a negative size or on a
// shape with more elements than a slice can hold, and returns the number
// of elements.
func checkShape(op string, shape []int) int {
	for _, d := range shape {
		if d < 0 {
			panic(fmt.Sprintf("%s: negative dimension in shape %s", op, ShapeString(shape)))
		}
	}
	n, ok := shapeSize(shape)
	if !ok {
		panic(fmt.Sprintf("%s: shape %s has too many elements", op, ShapeString(shape)))
	}
	return n
}

// shapeSize returns the number of elements of a shape of non-negative
// sizes. ok is false when the product of the non-zero sizes exceeds
// maxElements: such a shape is refused even when another size is 0, as
// NumPy refuses np.empty((0, 2**62, 2**62)), so that every shape a tensor
// has can be multiplied out and reshaped without overflow.
func shapeSize(shape []int) (n int, ok bool) {
	n = 1
	empty := false
	for _, d := range shape {
		if d == 0 {
			empty = true
			continue
		}
		if n > maxElements/d {
			return 0, false
		}
		n *= d
	}
	if empty {
		return 0, true
	}
	return n, true
}

// Shape returns the tensor's shape, one size per axis. The slice is the
// tensor's own (so that reading a shape never allocates): do not modify it;
// use Reshape for a new shape.
func (t *Tensor) Shape() []int { return t.shape }

// Dim returns the number of axes (NumPy's ndim).
func (t *Tensor) Dim() int { return len(t.shape) }

// Size returns the length of the given axis; a negative axis counts from the
// end, as in NumPy (Size(-1) is the last axis).
func (t *Tensor) Size(axis int) int {
	a := axis
	if a < 0 {
		a += len(t.shape)
	}
	if a < 0 || a >= len(t.shape) {
		panic(fmt.Sprintf("tensor.Size: axis %d out of range for shape %s", axis, ShapeString(t.shape)))
	}
	return t.shape[a]
}

// Len returns the number of elements (NumPy's size).
func (t *Tensor) Len() int { return len(t.data) }

// Data returns the backing slice in row-major order. It is shared with the
// tensor (and with every view made by Reshape): writes through it change
// the tensor.
func (t *Tensor) Data() []float64 { return t.data }

// Item returns the only value of a one-element tensor, like NumPy's
// a.item(). It panics if the tensor has more than one element.
func (t *Tensor) Item() float64 {
	if len(t.data) != 1 {
		panic(fmt.Sprintf("tensor.Item: shape %s has %d elements, want 1", ShapeString(t.shape), len(t.data)))
	}
	return t.data[0]
}

// offset returns the flat index of idx, panicking with op's name when idx
// does not address an element. Negative indices count from the end.
func (t *Tensor) offset(op string, idx []int) int {
	if len(idx) != len(t.shape) {
		panic(fmt.Sprintf("%s: %d indices for shape %s", op, len(idx), ShapeString(t.shape)))
	}
	off := 0
	for i, v := range idx {
		d := t.shape[i]
		if v < 0 {
			v += d
		}
		if v < 0 || v >= d {
			panic(fmt.Sprintf("%s: index %s out of range for shape %s", op, ShapeString(idx), ShapeString(t.shape)))
		}
		off = off*d + v
	}
	return off
}

// At returns the element at idx, one index per axis; negative indices count
// from the end as in NumPy.
func (t *Tensor) At(idx ...int) float64 { return t.data[t.offset("tensor.At", idx)] }

// Set stores v at idx, one index per axis; negative indices count from the
// end as in NumPy.
func (t *Tensor) Set(v float64, idx ...int) { t.data[t.offset("tensor.Set", idx)] = v }

// Fill sets every element to v.
func (t *Tensor) Fill(v float64) {
	for i := range t.data {
		t.data[i] = v
	}
}

// CopyFrom copies the values of src into t. Both must have the same number
// of elements; shapes may differ (the copy is in row-major order).
func (t *Tensor) CopyFrom(src *Tensor) {
	if len(src.data) != len(t.data) {
		panic(fmt.Sprintf("tensor.CopyFrom: cannot copy %s into %s", ShapeString(src.shape), ShapeString(t.shape)))
	}
	copy(t.data, src.data)
}

// Clone returns a deep copy of t.
func (t *Tensor) Clone() *Tensor {
	return &Tensor{shape: append([]int{}, t.shape...), data: append([]float64{}, t.data...)}
}

// Reshape returns a view of t with a new shape, sharing t's data, like
// NumPy's a.reshape(...) on a contiguous array. At most one size may be -1;
// it is inferred from the number of elements, so x.Reshape(n, -1) flattens
// a batch (N, C, H, W) to (N, C*H*W). A shape that does not hold exactly
// t.Len() elements panics.
func (t *Tensor) Reshape(shape ...int) *Tensor {
	return &Tensor{shape: ResolveShape("tensor.Reshape", t.shape, shape), data: t.data}
}

// ResolveShape returns the shape that a reshape of a tensor of shape from
// into shape produces, with a -1 entry inferred. It panics, naming op and
// both shapes, when the request is invalid. It is used by Reshape and by
// operations that reshape into a destination.
func ResolveShape(op string, from, shape []int) []int {
	n, ok := shapeSize(from)
	if !ok {
		panic(fmt.Sprintf("%s: cannot reshape %s: it has too many elements", op, ShapeString(from)))
	}
	out := append([]int{}, shape...)
	infer := -1
	// known is the product of the sizes other than -1, computed as
	// shapeSize does: the non-zero sizes must not overflow.
	known, empty := 1, false
	for i, d := range shape {
		switch {
		case d == -1:
			if infer >= 0 {
				panic(fmt.Sprintf("%s: cannot reshape %s into %s: only one dimension can be -1",
					op, ShapeString(from), ShapeString(shape)))
			}
			infer = i
		case d < 0:
			panic(fmt.Sprintf("%s: cannot reshape %s into %s: negative dimension",
				op, ShapeString(from), ShapeString(shape)))
		case d == 0:
			empty = true
		case known > maxElements/d:
			panic(fmt.Sprintf("%s: cannot reshape %s into %s: too many elements",
				op, ShapeString(from), ShapeString(shape)))
		default:
			known *= d
		}
	}
	if empty {
		known = 0
	}
	if infer >= 0 {
		if known == 0 || n%known != 0 {
			panic(fmt.Sprintf("%s: cannot reshape %s (%d elements) into %s",
				op, ShapeString(from), n, ShapeString(shape)))
		}
		out[infer] = n / known
		known = n
	}
	if known != n {
		panic(fmt.Sprintf("%s: cannot reshape %s (%d elements) into %s (%d elements)",
			op, ShapeString(from), n, ShapeString(shape), known))
	}
	return out
}

// Transpose returns a copy of t with its axes permuted, like
// np.transpose(a, axes). With no arguments the axes are reversed, so for a
// matrix Transpose() is NumPy's a.T. Matrix products take transpose flags
// instead (see ops.MatMulT), so the hot paths never call this.
func (t *Tensor) Transpose(axes ...int) *Tensor {
	nd := len(t.shape)
	perm := make([]int, nd)
	if len(axes) == 0 {
		for i := range perm {
			perm[i] = nd - 1 - i
		}
	} else {
		if len(axes) != nd {
			panic(fmt.Sprintf("tensor.Transpose: axes %s do not match shape %s", ShapeString(axes), ShapeString(t.shape)))
		}
		seen := make([]bool, nd)
		for i, a := range axes {
			if a < 0 {
				a += nd
			}
			if a < 0 || a >= nd || seen[a] {
				panic(fmt.Sprintf("tensor.Transpose: axes %s are not a permutation for shape %s",
					ShapeString(axes), ShapeString(t.shape)))
			}
			seen[a] = true
			perm[i] = a
		}
	}
	outShape := make([]int, nd)
	for i, a := range perm {
		outShape[i] = t.shape[a]
	}
	out := &Tensor{shape: outShape, data: make([]float64, len(t.data))}
	if len(t.data) == 0 {
		return out
	}
	// strides of the source, in elements
	srcStride := make([]int, nd)
	s := 1
	for i := nd - 1; i >= 0; i-- {
		srcStride[i] = s
		s *= t.shape[i]
	}
	// stride in the source for each output axis
	step := make([]int, nd)
	for i, a := range perm {
		step[i] = srcStride[a]
	}
	idx := make([]int, nd)
	src := 0
	for o := range out.data {
		out.data[o] = t.data[src]
		// advance the output index odometer, tracking the source offset
		for ax := nd - 1; ax >= 0; ax-- {
			idx[ax]++
			src += step[ax]
			if idx[ax] < outShape[ax] {
				break
			}
			src -= step[ax] * outShape[ax]
			idx[ax] = 0
		}
	}
	return out
}

// Reuse returns buf when it already has the given shape; otherwise a
// tensor of that shape that takes over buf's storage when it is large
// enough, or a new zero tensor. It is for layers and loops that keep an
// output buffer between calls: the contents of the result are unspecified
// unless it is new, so the caller overwrites every element. buf may be nil.
func Reuse(buf *Tensor, shape ...int) *Tensor {
	if buf != nil && EqualShapes(buf.shape, shape) {
		return buf
	}
	n := checkShape("tensor.Reuse", shape)
	if buf != nil && cap(buf.data) >= n {
		return &Tensor{shape: append([]int{}, shape...), data: buf.data[:n]}
	}
	return &Tensor{shape: append([]int{}, shape...), data: make([]float64, n)}
}

// SameShape reports whether a and b have identical shapes.
func SameShape(a, b *Tensor) bool { return EqualShapes(a.shape, b.shape) }

// EqualShapes reports whether two shapes are identical.
func EqualShapes(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// ShapeString formats a shape as it appears in panic messages: (2,3) for a
// matrix, (3,) for a vector and () for a scalar.
func ShapeString(shape []int) string {
	var b strings.Builder
	b.WriteByte('(')
	for i, d := range shape {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(d))
	}
	if len(shape) == 1 {
		b.WriteByte(',')
	}
	b.WriteByte(')')
	return b.String()
}

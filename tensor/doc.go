// Package tensor provides Tensor, the engine's n-dimensional array of
// float64 values.
//
// A Tensor is always contiguous and row-major (C order, NumPy's default):
// it is a shape and a flat data slice, nothing more. There are no stored
// strides, so a Reshape is a view that shares data, while Transpose copies.
// Arithmetic lives in package ops; this package holds construction, indexing,
// reshaping and printing.
//
// Printing follows NumPy 1.24's print(array) with the default print options,
// so the output of a Go port of a book script can be compared line by line
// with the output of the Python original:
//
//	fmt.Println(tensor.FromRows([][]float64{{3.08084474, -1.18319796}}))
//	// [[ 3.08084474 -1.18319796]]
//
// Programmer errors (a bad reshape, an index out of range, data that does
// not fill the shape, a shape whose element count overflows, such as
// Zeros(1<<32, 1<<32) or (0, 1<<62, 1<<62)) panic with a message naming
// the operation and the shapes involved. Readers of files check shapes
// before they build tensors and return errors instead.
package tensor

// Package ops is the math on tensors: elementwise operations with NumPy
// broadcasting, reductions along axes, matrix products, and the book's
// im2col and col2im (Im2Col, Col2Im, ConvOutputSize), which turn a
// convolution into one matrix product (for a stride of 1 also without
// writing im2col's matrix: ShiftedCopies, GemmRowOffsets), and rounding to half precision as
// NumPy's astype(np.float16) rounds (Float16).
//
// Every operation has an allocating form that returns a new tensor (Add,
// Sum, MatMul, ...) and, where a training step needs it, a destination form
// (AddInto, SumInto, MatMulInto, ...) that writes into a tensor the caller
// owns and allocates nothing. The destination must already have the result's
// shape.
//
// Broadcasting follows NumPy's rules exactly: shapes are aligned on their
// trailing axes, and two sizes are compatible when they are equal or one of
// them is 1. A tensor of shape () broadcasts against anything. The backward
// of broadcasting is SumTo.
//
// Matrix products go through Gemm, a BLAS-style entry point (row-major, like
// cblas_dgemm) with transpose flags, so backward passes never materialise a
// transposed matrix.
//
// Every operation panics on shapes that do not fit, with a message that names
// the operation and every shape involved, for example
//
//	ops.MatMul: shapes (2,3) and (4,5) do not align (3 != 4)
//
// Summation order follows NumPy where it matters for bit-level parity: a
// reduction over the last (contiguous) axis, or over all elements, uses
// NumPy's pairwise summation; a reduction over another axis accumulates in
// index order, as NumPy does for C-ordered arrays.
package ops

//go:build !purego

package gemm

//go:generate go run gen_sparse.go

import (
	"unsafe"

	"github.com/dlfs-go/dlfs/internal/cpu"
)

//go:noescape
func spGatherZ1(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherZ2(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherZ3(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherZ4(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherZ5(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherZ6(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherZ7(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherZ8(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherZ9(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherZ10(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherZ11(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherZ12(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherZ13(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherZ14(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherZ15(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherZ16(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherY1(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherY2(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherY3(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherY4(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherY5(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherY6(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherY7(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spGatherY8(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscZ1(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscZ2(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscZ3(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscZ4(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscZ5(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscZ6(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscZ7(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscZ8(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscZ9(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscZ10(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscZ11(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscZ12(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscZ13(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscZ14(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscZ15(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscZ16(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAccZ1(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAccZ2(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAccZ3(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAccZ4(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAccZ5(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAccZ6(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAccZ7(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAccZ8(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAccZ9(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAccZ10(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAccZ11(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAccZ12(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAccZ13(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAccZ14(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAccZ15(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAccZ16(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscY1(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscY2(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscY3(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscY4(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscY5(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscY6(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscY7(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

//go:noescape
func spAscY8(c *float64, ld int, b *float64, idx *int32, val *float64, nnz int, mask uintptr)

// The kernel sets of the two register files.
var (
	spZ = &spKernels{
		gather: []spKernel{nil, spGatherZ1, spGatherZ2, spGatherZ3, spGatherZ4, spGatherZ5, spGatherZ6, spGatherZ7, spGatherZ8, spGatherZ9, spGatherZ10, spGatherZ11, spGatherZ12, spGatherZ13, spGatherZ14, spGatherZ15, spGatherZ16},
		asc:    []spKernel{nil, spAscZ1, spAscZ2, spAscZ3, spAscZ4, spAscZ5, spAscZ6, spAscZ7, spAscZ8, spAscZ9, spAscZ10, spAscZ11, spAscZ12, spAscZ13, spAscZ14, spAscZ15, spAscZ16},
		acc:    []spKernel{nil, spAccZ1, spAccZ2, spAccZ3, spAccZ4, spAccZ5, spAccZ6, spAccZ7, spAccZ8, spAccZ9, spAccZ10, spAccZ11, spAccZ12, spAccZ13, spAccZ14, spAccZ15, spAccZ16},
		lanes:  8,
		mask:   func(r int) uintptr { return 1<<r - 1 },
	}
	spY = &spKernels{
		gather: []spKernel{nil, spGatherY1, spGatherY2, spGatherY3, spGatherY4, spGatherY5, spGatherY6, spGatherY7, spGatherY8},
		asc:    []spKernel{nil, spAscY1, spAscY2, spAscY3, spAscY4, spAscY5, spAscY6, spAscY7, spAscY8},
		lanes:  4,
		mask:   func(r int) uintptr { return uintptr(unsafe.Pointer(&ymask[r])) },
	}
)

// ymask[r] is the VMASKMOVPD mask of the first r lanes of a YMM vector.
var ymask = [5][4]int64{{}, {-1}, {-1, -1}, {-1, -1, -1}, {-1, -1, -1, -1}}

// sparseKernels returns the sparse kernels of the widest register file
// the selected kernel allows, or nil when neither AVX2 nor AVX-512 may run.
func sparseKernels() *spKernels {
	switch {
	case sel.avx512 && cpu.AVX512:
		return spZ
	case sel.avx2 && cpu.AVX2FMA:
		return spY
	}
	return nil
}

// sparseKernelSets returns the kernel sets this CPU runs, by name, for
// tests.
func sparseKernelSets() map[string]*spKernels {
	sets := map[string]*spKernels{}
	if cpu.AVX2FMA {
		sets["avx2"] = spY
	}
	if cpu.AVX512 {
		sets["avx512"] = spZ
	}
	return sets
}

// spCompressZ writes the values of src[0:n] that are not zero (NaN
// included) to val and their indices to idx, in order, and returns how
// many there are; val and idx must have room for n+16 elements. It needs
// AVX-512.
//
//go:noescape
func spCompressZ(val *float64, idx *int32, src *float64, n int) int

// spFiniteZ reports whether every value of b[0:n] is finite. It needs
// AVX-512.
//
//go:noescape
func spFiniteZ(b *float64, n int) bool

// compressRow is compressRowGo, with AVX-512 where the CPU has it; val
// and idx must have room for len(row)+16 values.
func compressRow(val []float64, idx []int32, row []float64) int {
	if !cpu.AVX512 || len(row) == 0 {
		return compressRowGo(val, idx, row)
	}
	_, _ = val[len(row)+15], idx[len(row)+15]
	return spCompressZ(&val[0], &idx[0], &row[0], len(row))
}

// finiteRow is finiteRowGo, with AVX-512 where the CPU has it.
func finiteRow(row []float64) bool {
	if !cpu.AVX512 || len(row) == 0 {
		return finiteRowGo(row)
	}
	return spFiniteZ(&row[0], len(row))
}

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

// The kernel sets of the two register files.
var (
	spZ = &spKernels{
		gather: []spKernel{nil, spGatherZ1, spGatherZ2, spGatherZ3, spGatherZ4, spGatherZ5, spGatherZ6, spGatherZ7, spGatherZ8, spGatherZ9, spGatherZ10, spGatherZ11, spGatherZ12, spGatherZ13, spGatherZ14, spGatherZ15, spGatherZ16},
		lanes:  8,
		mask:   func(r int) uintptr { return 1<<r - 1 },
	}
	spY = &spKernels{
		gather: []spKernel{nil, spGatherY1, spGatherY2, spGatherY3, spGatherY4, spGatherY5, spGatherY6, spGatherY7, spGatherY8},
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

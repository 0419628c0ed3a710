//go:build !amd64 || purego

package gemm

// sparseKernels returns nil: no sparse kernel runs here, every product
// takes the dense path.
func sparseKernels() *spKernels { return nil }

// sparseKernelSets is empty: there are no sparse kernels to test.
func sparseKernelSets() map[string]*spKernels { return nil }

func compressRow(val []float64, idx []int32, row []float64) int { return compressRowGo(val, idx, row) }

func finiteRow(row []float64) bool { return finiteRowGo(row) }

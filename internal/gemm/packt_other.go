//go:build !amd64 || purego

package gemm

// packT8 writes nothing here: packT's Go loop does the whole block.
func packT8(dst, src []float64, ld, kc, nr, j int) int { return 0 }

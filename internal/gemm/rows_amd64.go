//go:build !purego

package gemm

// The kernels of 1 to 5 rows (gen_kernels.go) for the last rows of a
// product on the unpacked path whose row count is not a multiple of 6:
// kernR×… is kern6×… on R rows, each element computed with the same
// operations. Before them those rows were computed as a zero-padded
// 6-row tile: for the 16 and 32 filters of a convolution, 18 and 36 rows
// of work for 16 and 32. Measured with BenchmarkGemm (kernel=auto, one
// thread, the Intel Xeon VM, three alternating runs, µs): 16×144·144×784,
// a DeepConvNet convolution's per-image product, 57.6/63.9/67.1 → 56.0/
// 57.1/59.9; the DeepConvNet training step moved within its noise.

//go:noescape
func kern1x8s(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern2x8s(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern3x8s(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern4x8s(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern5x8s(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern1x4s(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern2x4s(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern3x4s(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern4x4s(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern5x4s(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern1x16zs(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern2x16zs(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern3x16zs(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern4x16zs(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern5x16zs(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern1x8zs(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern2x8zs(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern3x8zs(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern4x8zs(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

//go:noescape
func kern5x8zs(kc int, a *float64, rsa, csa int, b *float64, rsb int, c *float64, ldc int, alpha, beta float64)

// rowsAVX2x8[r] is the r-row kern6x8s.
var rowsAVX2x8 = [6]stridedKernel{nil, kern1x8s, kern2x8s, kern3x8s, kern4x8s, kern5x8s}

// rowsAVX2x4[r] is the r-row kern6x4s.
var rowsAVX2x4 = [6]stridedKernel{nil, kern1x4s, kern2x4s, kern3x4s, kern4x4s, kern5x4s}

// rowsAVX512x16[r] is the r-row kern6x16zs.
var rowsAVX512x16 = [6]stridedKernel{nil, kern1x16zs, kern2x16zs, kern3x16zs, kern4x16zs, kern5x16zs}

// rowsAVX512x8[r] is the r-row kern6x8zs.
var rowsAVX512x8 = [6]stridedKernel{nil, kern1x8zs, kern2x8zs, kern3x8zs, kern4x8zs, kern5x8zs}

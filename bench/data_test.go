package bench

import (
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// mnistDensity is the fraction of an MNIST image's pixels that are not
// background (19.1% of the 60000 training images', 19.3% of the test images').
const mnistDensity = 0.191

// mnistLike returns n random MNIST-shaped inputs (n, 784) with MNIST's
// fraction of nonzero pixels, each nonzero a value in (0, 1] as a
// normalised pixel is. The first layer's products skip the zeros (the
// sparse path of internal/gemm), so benchmarks of the book's MNIST
// networks must feed inputs as sparse as MNIST's, not dense noise.
func mnistLike(g *random.Generator, n int) *tensor.Tensor {
	x := tensor.Zeros(n, 784)
	d := x.Data()
	for i := range d {
		if g.Float64() < mnistDensity {
			d[i] = 1 - g.Float64()
		}
	}
	return x
}

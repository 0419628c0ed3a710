package bench

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/dlfs-go/dlfs/internal/gemm"
)

// gemmShape is C (m×n) = op(A) (m×k) · op(B) (k×n).
type gemmShape struct {
	m, k, n        int
	transA, transB bool
}

func (s gemmShape) String() string {
	name := fmt.Sprintf("%dx%dx%d", s.m, s.k, s.n)
	if s.transA {
		name += "/tA"
	}
	if s.transB {
		name += "/tB"
	}
	return name
}

func (s gemmShape) flops() float64 { return 2 * float64(s.m) * float64(s.n) * float64(s.k) }

var gemmShapes = []gemmShape{
	{m: 64, k: 64, n: 64},
	{m: 128, k: 128, n: 128},
	{m: 256, k: 256, n: 256},
	{m: 512, k: 512, n: 512},
	{m: 1024, k: 1024, n: 1024},
	{m: 100, k: 784, n: 50},                // Affine forward, MNIST hidden layer: x·W
	{m: 100, k: 50, n: 10},                 // Affine forward, output layer
	{m: 1000, k: 784, n: 50},               // Affine forward, evaluating 1000 images
	{m: 784, k: 100, n: 50, transA: true},  // Affine dW = xᵀ·dout
	{m: 100, k: 50, n: 784, transB: true},  // Affine dx = dout·Wᵀ
	{m: 100, k: 100, n: 100, transB: true}, // Affine dx = dout·Wᵀ, a 100-wide hidden layer (chapter 6)
	{m: 200, k: 100, n: 100},               // its forward x·W for an evaluation batch of 200 (train.DefaultEvalBatch)
	{m: 57600, k: 25, n: 30},               // Convolution forward via im2col: col·W
	{m: 25, k: 57600, n: 30, transA: true}, // Convolution dW = colᵀ·dout
	// layers.Convolution's products, image by image in the transposed
	// layout: SimpleConvNet's first layer (30 filters of 5×5 over 24×24
	// positions) and DeepConvNet's second (16 filters of 16×3×3 over
	// 28×28).
	{m: 30, k: 25, n: 576},                // W·colT: the output of one image
	{m: 30, k: 576, n: 25, transB: true},  // dout·colTᵀ: its share of dW
	{m: 16, k: 144, n: 784},               // DeepConvNet conv2 forward
	{m: 144, k: 16, n: 784, transA: true}, // Wᵀ·dout: dcolT of one image
	// SimpleConvNet's hidden Affine layer (the 30×12×12 pooled values of
	// each image to 100): forward, dW and dx.
	{m: 100, k: 4320, n: 100},
	{m: 4320, k: 100, n: 100, transA: true},
	{m: 100, k: 100, n: 4320, transB: true},
	// DeepConvNet's first layer (16 filters of 1×3×3 over 28×28): dout·colTᵀ,
	// its share of dW for one image.
	{m: 16, k: 784, n: 9, transB: true},
	// DeepConvNet's other backward products of one image, layer by layer
	// (conv2's dcolT is above): dW = dout·colTᵀ and dcolT = Wᵀ·dout.
	{m: 16, k: 784, n: 144, transB: true},
	{m: 32, k: 196, n: 144, transB: true},
	{m: 144, k: 32, n: 196, transA: true},
	{m: 32, k: 196, n: 288, transB: true},
	{m: 288, k: 32, n: 196, transA: true},
	{m: 64, k: 49, n: 288, transB: true},
	{m: 288, k: 64, n: 49, transA: true},
	{m: 64, k: 49, n: 576, transB: true},
	{m: 576, k: 64, n: 49, transA: true},
	// Its hidden Affine layer (64×4×4 = 1024 values to 50): dW and dx.
	{m: 1024, k: 100, n: 50, transA: true},
	{m: 100, k: 50, n: 1024, transB: true},
}

// maxFlops bounds the work of one operation for the slow kernels, so that
// one operation takes at most about two seconds (naive runs at ~0.5-1
// GFLOP/s, so n = 1024 is skipped for it).
var maxFlops = map[string]float64{"naive": 1e9}

func BenchmarkGemm(b *testing.B) {
	type entry struct {
		name string
		f    gemm.Func
	}
	var kernels []entry
	for _, k := range gemm.Kernels() {
		if k.Available {
			kernels = append(kernels, entry{k.Name, k.Func})
		}
	}
	kernels = append(kernels, entry{"auto", gemm.Gemm})
	for _, k := range kernels {
		for _, s := range gemmShapes {
			if lim, ok := maxFlops[k.name]; ok && s.flops() > lim {
				continue
			}
			b.Run(fmt.Sprintf("kernel=%s/shape=%v", k.name, s), func(b *testing.B) {
				benchGemm(b, k.f, s)
			})
		}
	}
}

// BenchmarkGemmCalls times the auto kernel on BenchmarkGemm's shapes one
// product at a time and reports the 10th percentile and the median of
// those times (p10-µs, med-µs), which the slow calls of a busy machine do
// not move as they move a mean; bench/openblas/gemm.c times OpenBLAS's
// single products the same way (bench/openblas_compare.sh sets them side
// by side).
//
//	go test -run '^$' -bench GemmCalls -benchtime 300ms -cpu 1 ./bench
func BenchmarkGemmCalls(b *testing.B) {
	for _, s := range gemmShapes {
		b.Run(fmt.Sprintf("shape=%v", s), func(b *testing.B) {
			a, bm, c, lda, ldb := gemmOperands(s)
			gemm.Gemm(s.transA, s.transB, s.m, s.n, s.k, 1, a, lda, bm, ldb, 0, c, s.n)
			us := make([]float64, 0, 1024)
			for b.Loop() {
				t0 := time.Now()
				gemm.Gemm(s.transA, s.transB, s.m, s.n, s.k, 1, a, lda, bm, ldb, 0, c, s.n)
				us = append(us, float64(time.Since(t0).Nanoseconds())/1e3)
			}
			slices.Sort(us)
			b.ReportMetric(us[len(us)/10], "p10-µs")
			b.ReportMetric(us[len(us)/2], "med-µs")
		})
	}
}

// gemmOperands returns random operands for s: A, B and C, and the leading
// dimensions of A and B.
func gemmOperands(s gemmShape) (a, bm, c []float64, lda, ldb int) {
	rng := rand.New(rand.NewPCG(1, 2))
	fill := func(n int) []float64 {
		x := make([]float64, n)
		for i := range x {
			x[i] = rng.Float64()*2 - 1
		}
		return x
	}
	a, bm, c = fill(s.m*s.k), fill(s.k*s.n), fill(s.m*s.n)
	lda, ldb = s.k, s.n
	if s.transA {
		lda = s.m
	}
	if s.transB {
		ldb = s.k
	}
	return a, bm, c, lda, ldb
}

func benchGemm(b *testing.B, f gemm.Func, s gemmShape) {
	a, bm, c, lda, ldb := gemmOperands(s)
	// Warm up: the first call grows the packing buffers and starts the
	// worker goroutines.
	f(s.transA, s.transB, s.m, s.n, s.k, 1, a, lda, bm, ldb, 0, c, s.n)
	b.ReportAllocs()
	for b.Loop() {
		f(s.transA, s.transB, s.m, s.n, s.k, 1, a, lda, bm, ldb, 0, c, s.n)
	}
	b.ReportMetric(s.flops()*float64(b.N)/float64(b.Elapsed().Nanoseconds()), "GFLOP/s")
}

package bench

import (
	"fmt"
	"testing"

	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/random"
)

// BenchmarkIm2ColT measures ops.Im2ColTImage and ops.Col2ImTImage on one
// image, as the Convolution layer calls them, for the geometries of
// SimpleConvNet's convolution (1×28×28, 5×5, no padding) and of
// DeepConvNet's six (3×3, padding 1 but 2 for the fourth), one core; and
// ops.ShiftedCopies, what the forward pass writes instead of im2col's
// columns (BenchmarkConvForwardImage).
//
//	go test -run '^$' -bench Im2ColT ./bench
func BenchmarkIm2ColT(b *testing.B) {
	g := random.New(0)
	for _, geo := range []struct{ c, h, w, f, pad int }{
		{1, 28, 28, 5, 0},
		{1, 28, 28, 3, 1}, {16, 28, 28, 3, 1}, {16, 14, 14, 3, 1},
		{32, 14, 14, 3, 2}, {32, 8, 8, 3, 1}, {64, 8, 8, 3, 1},
	} {
		oh, ow := ops.ConvOutputSize(geo.h, geo.f, 1, geo.pad), ops.ConvOutputSize(geo.w, geo.f, 1, geo.pad)
		img := g.Randn(geo.c * geo.h * geo.w).Data()
		col := make([]float64, geo.c*geo.f*geo.f*oh*ow)
		name := fmt.Sprintf("%dx%dx%d/f=%d/pad=%d", geo.c, geo.h, geo.w, geo.f, geo.pad)
		b.Run("im2col/"+name, func(b *testing.B) {
			b.SetBytes(int64(8 * len(col)))
			for b.Loop() {
				ops.Im2ColTImage(col, img, geo.c, geo.h, geo.w, geo.f, geo.f, 1, geo.pad)
			}
		})
		b.Run("shifted/"+name, func(b *testing.B) {
			dst := make([]float64, ops.ShiftedLen(geo.c, geo.h, geo.w, geo.f, geo.f, geo.pad))
			b.SetBytes(int64(8 * len(dst)))
			for b.Loop() {
				ops.ShiftedCopies(dst, img, geo.c, geo.h, geo.w, geo.f, geo.f, geo.pad)
			}
		})
		b.Run("col2im/"+name, func(b *testing.B) {
			b.SetBytes(int64(8 * len(col)))
			for b.Loop() {
				ops.Col2ImTImage(img, col, geo.c, geo.h, geo.w, geo.f, geo.f, 1, geo.pad)
			}
		})
	}
}

// BenchmarkConvForwardImage measures the product of one image's forward
// pass, as the Convolution layer runs it, both ways: im2col's columns
// written and multiplied (ops.Im2ColTImage, ops.Gemm), or read from the
// image's shifted copies (ops.ShiftedCopies, ops.GemmRowOffsets), which
// the layer takes where ops.RowOffsetsOK holds; same geometries as
// BenchmarkIm2ColT, with each layer's filters, one core. Both give the
// same bits (layers' TestShiftedForward).
//
//	go test -run '^$' -bench ConvForwardImage -cpu 1 ./bench
func BenchmarkConvForwardImage(b *testing.B) {
	g := random.New(0)
	for _, geo := range []struct{ c, h, w, f, pad, fn int }{
		{1, 28, 28, 5, 0, 30},
		{1, 28, 28, 3, 1, 16}, {16, 28, 28, 3, 1, 16}, {16, 14, 14, 3, 1, 32},
		{32, 14, 14, 3, 2, 32}, {32, 8, 8, 3, 1, 64}, {64, 8, 8, 3, 1, 64},
	} {
		oh, ow := ops.ConvOutputSize(geo.h, geo.f, 1, geo.pad), ops.ConvOutputSize(geo.w, geo.f, 1, geo.pad)
		k, p := geo.c*geo.f*geo.f, oh*ow
		img := g.Randn(geo.c * geo.h * geo.w).Data()
		w := g.Randn(geo.fn * k).Data()
		col := make([]float64, k*p)
		out := make([]float64, geo.fn*p)
		name := fmt.Sprintf("%dx%dx%d/f=%d/pad=%d/fn=%d", geo.c, geo.h, geo.w, geo.f, geo.pad, geo.fn)
		flops := 2 * float64(geo.fn*k*p)
		b.Run("im2col/"+name, func(b *testing.B) {
			for b.Loop() {
				ops.Im2ColTImage(col, img, geo.c, geo.h, geo.w, geo.f, geo.f, 1, geo.pad)
				ops.Gemm(false, false, geo.fn, p, k, 1, w, k, col, p, 0, out, p)
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
		b.Run("shifted/"+name, func(b *testing.B) {
			if !ops.RowOffsetsOK(geo.fn, p, k, w, k) {
				b.Skip("no row-offset path for this shape and kernel")
			}
			off := make([]int, k)
			ops.ShiftedOffsets(off, geo.c, geo.h, geo.w, geo.f, geo.f, geo.pad)
			for b.Loop() {
				ops.ShiftedCopies(col, img, geo.c, geo.h, geo.w, geo.f, geo.f, geo.pad)
				ops.GemmRowOffsets(geo.fn, p, k, w, k, col, off, out, p)
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

// BenchmarkConvDWImage measures one image's term of a convolution's
// weight gradient as the Convolution layer sums it when it has more taps
// than filters (dWᵀ += colT·doutᵀ), both ways: im2col's columns written
// and multiplied (ops.Im2ColTImage, ops.Gemm), or read from the image's
// shifted copies (ops.ShiftedCopies, ops.GemmRowOffsetsAT), which the
// layer takes where ops.RowOffsetsATOK holds; DeepConvNet's geometries
// after the first, one core. Both give the same bits (layers'
// TestShiftedColumns).
//
//	go test -run '^$' -bench ConvDWImage -cpu 1 ./bench
func BenchmarkConvDWImage(b *testing.B) {
	g := random.New(0)
	for _, geo := range []struct{ c, h, w, f, pad, fn int }{
		{16, 28, 28, 3, 1, 16}, {16, 14, 14, 3, 1, 32},
		{32, 14, 14, 3, 2, 32}, {32, 8, 8, 3, 1, 64}, {64, 8, 8, 3, 1, 64},
	} {
		oh, ow := ops.ConvOutputSize(geo.h, geo.f, 1, geo.pad), ops.ConvOutputSize(geo.w, geo.f, 1, geo.pad)
		k, p := geo.c*geo.f*geo.f, oh*ow
		img := g.Randn(geo.c * geo.h * geo.w).Data()
		dout := g.Randn(geo.fn * p).Data()
		col := make([]float64, k*p)
		dwT := make([]float64, k*geo.fn)
		name := fmt.Sprintf("%dx%dx%d/f=%d/pad=%d/fn=%d", geo.c, geo.h, geo.w, geo.f, geo.pad, geo.fn)
		flops := 2 * float64(geo.fn*k*p)
		b.Run("im2col/"+name, func(b *testing.B) {
			for b.Loop() {
				ops.Im2ColTImage(col, img, geo.c, geo.h, geo.w, geo.f, geo.f, 1, geo.pad)
				ops.Gemm(false, true, k, geo.fn, p, 1, col, p, dout, p, 1, dwT, geo.fn)
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
		b.Run("shifted/"+name, func(b *testing.B) {
			if !ops.RowOffsetsATOK(k, geo.fn, p) {
				b.Skip("no row-offset path for this shape and kernel")
			}
			off := make([]int, k)
			ops.ShiftedOffsets(off, geo.c, geo.h, geo.w, geo.f, geo.f, geo.pad)
			for b.Loop() {
				ops.ShiftedCopies(col, img, geo.c, geo.h, geo.w, geo.f, geo.f, geo.pad)
				ops.GemmRowOffsetsAT(k, geo.fn, p, col, off, dout, p, 1, dwT, geo.fn)
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

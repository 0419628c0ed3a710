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
// DeepConvNet's six (3×3, padding 1 but 2 for the fourth), one core.
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
		b.Run("col2im/"+name, func(b *testing.B) {
			b.SetBytes(int64(8 * len(col)))
			for b.Loop() {
				ops.Col2ImTImage(img, col, geo.c, geo.h, geo.w, geo.f, geo.f, 1, geo.pad)
			}
		})
	}
}

package ops_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/dlfs-go/dlfs/data/npy"
	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// TestIm2ColNumPy checks Im2Col and Col2Im against the book's im2col and
// col2im run by NumPy (testdata/im2col.npz, made by testdata/README.md's
// script) on several filters, strides and paddings: im2col is a copy, so
// exactly; col2im adds in the book's order, so bit for bit too. Both run
// once on one core and once split between the cores.
func TestIm2ColNumPy(t *testing.T) {
	arrays, err := npy.ReadNPZFile("testdata/im2col.npz")
	if err != nil {
		t.Fatal(err)
	}
	for k := 0; ; k++ {
		geom, ok := arrays[fmt.Sprintf("case%d_geom", k)]
		if !ok {
			if k == 0 {
				t.Fatal("no cases in testdata/im2col.npz")
			}
			break
		}
		gd := geom.Data()
		n, c, h, w, fh, fw, s, p := int(gd[0]), int(gd[1]), int(gd[2]), int(gd[3]), int(gd[4]), int(gd[5]), int(gd[6]), int(gd[7])
		x := arrays[fmt.Sprintf("case%d_x", k)]
		wantCol := arrays[fmt.Sprintf("case%d_col", k)]
		dcol := arrays[fmt.Sprintf("case%d_dcol", k)]
		wantImg := arrays[fmt.Sprintf("case%d_img", k)]
		name := fmt.Sprintf("case %d (%d,%d,%d,%d) filter %dx%d stride %d pad %d", k, n, c, h, w, fh, fw, s, p)
		for _, workers := range []int{1, 2} {
			prev := parallel.ForceWorkers(workers)
			col := ops.Im2Col(x, fh, fw, s, p)
			sameBits(t, name+" im2col", col, wantCol)
			into := tensor.Zeros(wantCol.Shape()...)
			into.Data()[0] = math.NaN() // every value is written
			sameBits(t, name+" im2col into", ops.Im2ColInto(into, x, fh, fw, s, p), wantCol)
			img := ops.Col2Im(dcol, x.Shape(), fh, fw, s, p)
			sameBits(t, name+" col2im", img, wantImg)
			imgInto := tensor.Zeros(x.Shape()...)
			imgInto.Data()[0] = math.NaN()
			sameBits(t, name+" col2im into", ops.Col2ImInto(imgInto, dcol, fh, fw, s, p), wantImg)
			parallel.ForceWorkers(prev)
		}
	}
}

// sameBits fails unless got and want have the same shape and the same
// values bit for bit.
func sameBits(t *testing.T, what string, got, want *tensor.Tensor) {
	t.Helper()
	if !tensor.EqualShapes(got.Shape(), want.Shape()) {
		t.Fatalf("%s: shape %v, want %v", what, got.Shape(), want.Shape())
	}
	for i, v := range want.Data() {
		if g := got.Data()[i]; math.Float64bits(g) != math.Float64bits(v) {
			t.Fatalf("%s: value %d is %v, want %v", what, i, g, v)
		}
	}
}

func TestConvOutputSize(t *testing.T) {
	for _, tc := range []struct{ in, f, s, p, want int }{
		{28, 5, 1, 0, 24}, {24, 2, 2, 0, 12}, {28, 3, 1, 1, 28}, {14, 3, 1, 2, 16},
		{7, 3, 2, 0, 3}, {8, 3, 2, 0, 3}, {4, 5, 1, 0, 0}, {4, 5, 1, 1, 2},
	} {
		if got := ops.ConvOutputSize(tc.in, tc.f, tc.s, tc.p); got != tc.want {
			t.Errorf("ConvOutputSize(%d, %d, %d, %d) = %d, want %d", tc.in, tc.f, tc.s, tc.p, got, tc.want)
		}
	}
}

// TestIm2ColPanics checks the messages of bad geometry and shapes.
func TestIm2ColPanics(t *testing.T) {
	x := tensor.Zeros(2, 1, 4, 4)
	for _, tc := range []struct {
		name string
		f    func()
		want string
	}{
		{"3-D input", func() { ops.Im2Col(tensor.Zeros(1, 4, 4), 2, 2, 1, 0) }, "ops.Im2Col: want an (N, C, H, W) input, got shape (1,4,4)"},
		{"too large", func() { ops.Im2Col(x, 5, 5, 1, 0) }, "ops.Im2Col: a 5x5 filter with pad 0 does not fit an input of shape (2,1,4,4)"},
		{"stride 0", func() { ops.Im2Col(x, 2, 2, 0, 0) }, "ops.Im2Col: filter 2x2, stride 0, pad 0: want a filter of at least 1x1, a stride of at least 1 and a pad of at least 0"},
		{"dst shape", func() { ops.Im2ColInto(tensor.Zeros(18, 5), x, 2, 2, 1, 0) }, "ops.Im2ColInto: dst has shape (18,5), want (18,4)"},
		{"col shape", func() { ops.Col2Im(tensor.Zeros(3, 4), x.Shape(), 2, 2, 1, 0) }, "ops.Col2Im: col has shape (3,4), want (18,4)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				r := recover()
				if r == nil {
					t.Fatal("no panic")
				}
				if r != tc.want {
					t.Fatalf("panic %q, want %q", r, tc.want)
				}
			}()
			tc.f()
		})
	}
}

// TestIm2ColWorkers checks that splitting the batch between the cores
// changes nothing, on a batch large enough to be split.
func TestIm2ColWorkers(t *testing.T) {
	x := tensor.Zeros(16, 3, 16, 16)
	for i := range x.Data() {
		x.Data()[i] = math.Sin(float64(i))
	}
	var cols, imgs [2]*tensor.Tensor
	for k, workers := range []int{1, 2} {
		prev := parallel.ForceWorkers(workers)
		cols[k] = ops.Im2Col(x, 3, 3, 1, 1)
		imgs[k] = ops.Col2Im(cols[k], x.Shape(), 3, 3, 1, 1)
		parallel.ForceWorkers(prev)
	}
	sameBits(t, "im2col on two cores", cols[1], cols[0])
	sameBits(t, "col2im on two cores", imgs[1], imgs[0])
}

// TestIm2ColTNumPy checks the transposed forms against the book's im2col
// and col2im (testdata/im2col.npz): Im2ColTInto's image n is the
// transpose of Im2Col's rows of image n, and Col2ImTInto of the
// transposed dcol is col2im of dcol, bit for bit, on one core and two.
func TestIm2ColTNumPy(t *testing.T) {
	arrays, err := npy.ReadNPZFile("testdata/im2col.npz")
	if err != nil {
		t.Fatal(err)
	}
	for k := 0; ; k++ {
		geom, ok := arrays[fmt.Sprintf("case%d_geom", k)]
		if !ok {
			break
		}
		gd := geom.Data()
		n, fh, fw, s, p := int(gd[0]), int(gd[4]), int(gd[5]), int(gd[6]), int(gd[7])
		x := arrays[fmt.Sprintf("case%d_x", k)]
		col := arrays[fmt.Sprintf("case%d_col", k)]
		dcol := arrays[fmt.Sprintf("case%d_dcol", k)]
		wantImg := arrays[fmt.Sprintf("case%d_img", k)]
		rows, kk := col.Size(0)/n, col.Size(1)
		// The transposes, image by image, of the book's col and dcol.
		wantT := tensor.Zeros(n, kk, rows)
		dcolT := tensor.Zeros(n, kk, rows)
		for i := range n {
			for r := range rows {
				for c := range kk {
					wantT.Set(col.At(i*rows+r, c), i, c, r)
					dcolT.Set(dcol.At(i*rows+r, c), i, c, r)
				}
			}
		}
		name := fmt.Sprintf("case %d", k)
		for _, workers := range []int{1, 2} {
			prev := parallel.ForceWorkers(workers)
			got := tensor.Full(math.NaN(), wantT.Shape()...)
			sameBits(t, name+" im2colT", ops.Im2ColTInto(got, x, fh, fw, s, p), wantT)
			img := tensor.Full(math.NaN(), x.Shape()...)
			sameBits(t, name+" col2imT", ops.Col2ImTInto(img, dcolT, fh, fw, s, p), wantImg)
			parallel.ForceWorkers(prev)
		}
	}
}

// TestIm2ColTGeometries checks the transposed forms against their
// definitions, written out below, on every small geometry: stride 1 with
// outputs as wide as the input (the shifted-plane path, including windows
// wider than the image and paddings that leave whole rows or columns of
// zeros) and the general loops. Both are copies or sums with one term per
// window position, so bit for bit.
func TestIm2ColTGeometries(t *testing.T) {
	g := random.New(3)
	cases := 0
	for _, h := range []int{1, 2, 3, 5, 7} {
		for _, w := range []int{1, 2, 4, 6} {
			for _, fh := range []int{1, 2, 3, 5} {
				for _, fw := range []int{1, 3, 4, 5} {
					for _, s := range []int{1, 2} {
						for _, p := range []int{0, 1, 2, 3} {
							oh, ow := (h+2*p-fh)/s+1, (w+2*p-fw)/s+1
							if h+2*p < fh || w+2*p < fw {
								continue
							}
							cases++
							n, c := 2, 2
							x := g.Randn(n, c, h, w)
							dcolT := g.Randn(n, c*fh*fw, oh*ow)
							wantT := tensor.Zeros(n, c*fh*fw, oh*ow)
							wantImg := tensor.Zeros(n, c, h, w)
							for i := range n {
								for ch := range c {
									for fy := range fh {
										for fx := range fw {
											k := (ch*fh+fy)*fw + fx
											for oy := range oh {
												for ox := range ow {
													y, xx := oy*s+fy-p, ox*s+fx-p
													if y < 0 || y >= h || xx < 0 || xx >= w {
														continue
													}
													wantT.Set(x.At(i, ch, y, xx), i, k, oy*ow+ox)
													wantImg.Set(wantImg.At(i, ch, y, xx)+dcolT.At(i, k, oy*ow+ox), i, ch, y, xx)
												}
											}
										}
									}
								}
							}
							name := fmt.Sprintf("(%d,%d,%d,%d) filter %dx%d stride %d pad %d", n, c, h, w, fh, fw, s, p)
							got := tensor.Full(math.NaN(), wantT.Shape()...)
							sameBits(t, name+" im2colT", ops.Im2ColTInto(got, x, fh, fw, s, p), wantT)
							img := tensor.Full(math.NaN(), x.Shape()...)
							sameBits(t, name+" col2imT", ops.Col2ImTInto(img, dcolT, fh, fw, s, p), wantImg)
							col := make([]float64, c*fh*fw*oh*ow)
							ops.Im2ColTImage(col, x.Data()[c*h*w:], c, h, w, fh, fw, s, p)
							sameBits(t, name+" Im2ColTImage", tensor.New(col, 1, c*fh*fw, oh*ow), tensor.New(wantT.Data()[len(col):], 1, c*fh*fw, oh*ow))
						}
					}
				}
			}
		}
	}
	if cases < 500 {
		t.Fatalf("only %d geometries", cases)
	}
}

// TestShiftedCopies checks that the rows ShiftedCopies and ShiftedOffsets
// place are those of Im2ColTImage, value for value, on filters wider and
// narrower than the padding, paddings of zero to more than the filter,
// planes that are not square, and leftovers of an earlier image in the
// destination (every value must be written).
func TestShiftedCopies(t *testing.T) {
	tests := []struct{ c, h, w, fh, fw, pad int }{
		{1, 28, 28, 5, 5, 0}, {16, 28, 28, 3, 3, 1}, {32, 14, 14, 3, 3, 2}, {2, 7, 9, 3, 3, 1},
		{3, 5, 6, 1, 1, 0}, {2, 6, 5, 3, 2, 1}, {1, 4, 4, 5, 5, 2}, {2, 5, 5, 3, 3, 3}, {1, 3, 8, 2, 4, 0},
	}
	g := random.New(1)
	for _, tc := range tests {
		name := fmt.Sprintf("c%d_%dx%d_f%dx%d_pad%d", tc.c, tc.h, tc.w, tc.fh, tc.fw, tc.pad)
		img := g.Randn(tc.c, tc.h, tc.w).Data()
		oh := ops.ConvOutputSize(tc.h, tc.fh, 1, tc.pad)
		ow := ops.ConvOutputSize(tc.w, tc.fw, 1, tc.pad)
		k, p := tc.c*tc.fh*tc.fw, oh*ow
		col := make([]float64, k*p)
		ops.Im2ColTImage(col, img, tc.c, tc.h, tc.w, tc.fh, tc.fw, 1, tc.pad)
		n := ops.ShiftedLen(tc.c, tc.h, tc.w, tc.fh, tc.fw, tc.pad)
		if n > k*p {
			t.Errorf("%s: ShiftedLen %d, more than im2col's %d", name, n, k*p)
		}
		dst := make([]float64, n)
		for i := range dst {
			dst[i] = math.NaN()
		}
		ops.ShiftedCopies(dst, img, tc.c, tc.h, tc.w, tc.fh, tc.fw, tc.pad)
		off := make([]int, k)
		ops.ShiftedOffsets(off, tc.c, tc.h, tc.w, tc.fh, tc.fw, tc.pad)
	rows:
		for q := range k {
			if off[q] < 0 || off[q]+p > n {
				t.Errorf("%s: row %d at %d, outside %d values", name, q, off[q], n)
				continue
			}
			for j := range p {
				if got, want := dst[off[q]+j], col[q*p+j]; math.Float64bits(got) != math.Float64bits(want) {
					t.Errorf("%s: row %d column %d = %v, im2col %v", name, q, j, got, want)
					break rows
				}
			}
		}
	}
}

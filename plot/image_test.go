package plot_test

import (
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/dlfs-go/dlfs/plot"
	"github.com/google/go-cmp/cmp"
)

func TestGray(t *testing.T) {
	tests := []struct {
		name string
		img  *image.Gray
		want []uint8
	}{
		// min..max onto 0..255 with matplotlib's 256-entry lookup.
		{"float64", plot.Gray([]float64{-1, 0, 1, -0.5}, 2, 2), []uint8{0, 128, 255, 64}},
		{"float32", plot.Gray([]float32{2, 4, 6, 3}, 2, 2), []uint8{0, 128, 255, 64}},
		{"bytes keep 0..255", plot.Gray([]byte{0, 1, 127, 128, 254, 255}, 3, 2), []uint8{0, 1, 127, 128, 254, 255}},
		{"bytes stretched", plot.Gray([]byte{10, 20}, 2, 1), []uint8{0, 255}},
		{"constant is black", plot.Gray([]float64{5, 5, 5}, 3, 1), []uint8{0, 0, 0}},
		{"NaN is black", plot.Gray([]float64{0, math.NaN(), 1}, 3, 1), []uint8{0, 0, 255}},
		{"reversed", plot.GrayR([]float64{-1, 0, 1, -0.5}, 2, 2), []uint8{255, 128, 0, 192}},
	}
	for _, tc := range tests {
		if !cmp.Equal(tc.img.Pix, tc.want) {
			t.Errorf("%s: pixels %v, want %v", tc.name, tc.img.Pix, tc.want)
		}
	}
	img := plot.Gray(make([]float64, 6), 3, 2)
	if b := img.Bounds(); b.Dx() != 3 || b.Dy() != 2 {
		t.Errorf("bounds %v, want 3×2", b)
	}
}

func TestSaveGrayPNG(t *testing.T) {
	const w, h = 28, 28
	pix := make([]byte, w*h)
	for i := range pix {
		pix[i] = byte(i % 256)
	}
	pix[0], pix[1] = 0, 255 // the full range: values are kept as they are
	path := filepath.Join(t.TempDir(), "digit.png")
	if err := plot.SaveGrayPNG(path, pix, w, h); err != nil {
		t.Fatalf("SaveGrayPNG: %v", err)
	}
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	img, err := png.Decode(file)
	if err != nil {
		t.Fatalf("decoding the PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		t.Fatalf("PNG is %v, want %d×%d", b, w, h)
	}
	for y := range h {
		for x := range w {
			got := color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y
			if want := pix[y*w+x]; got != want {
				t.Fatalf("pixel (%d, %d) = %d, want %d", x, y, got, want)
			}
		}
	}
	if err := plot.SaveGrayPNG(filepath.Join(t.TempDir(), "missing", "x.png"), pix, w, h); err == nil {
		t.Error("SaveGrayPNG into a missing directory returned no error")
	}
}

func TestTileGray(t *testing.T) {
	a := plot.Gray([]float64{0, 1, 1, 0}, 2, 2) // 0 255 / 255 0
	b := plot.GrayR([]float64{0, 1, 1, 0}, 2, 2)
	c := plot.Gray([]float64{0, 1}, 1, 2)
	out := plot.TileGray([]*image.Gray{a, b, c}, 2, 1, 2)
	// Cells of 4×4 (2×2 enlarged twice), 2 columns, 2 rows, 1 px gaps.
	if got := out.Bounds(); got.Dx() != 9 || got.Dy() != 9 {
		t.Fatalf("tiled image %v, want 9×9", got)
	}
	checks := []struct {
		x, y int
		want uint8
	}{
		{0, 0, 0}, {1, 1, 0}, {2, 0, 255}, {3, 3, 0}, {0, 2, 255}, // a, enlarged
		{4, 0, 255}, {4, 8, 255}, // gaps are white
		{5, 0, 255}, {7, 0, 0}, // b, reversed
		{0, 5, 0}, {1, 7, 255}, // c
		{3, 5, 255}, {6, 6, 255}, // empty parts of cells are white
	}
	for _, ck := range checks {
		if got := out.GrayAt(ck.x, ck.y).Y; got != ck.want {
			t.Errorf("pixel (%d, %d) = %d, want %d", ck.x, ck.y, got, ck.want)
		}
	}
	if got := plot.TileGray(nil, 3, 1, 1).Bounds(); !got.Empty() {
		t.Errorf("no images: %v, want empty", got)
	}
}

package plot

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// encoded returns a small picture (3 × 2, six colours) encoded by enc.
func encoded(t *testing.T, enc func(*bytes.Buffer, image.Image) error) []byte {
	t.Helper()
	pal := color.Palette{
		color.RGBA{255, 0, 0, 255}, color.RGBA{0, 255, 0, 255}, color.RGBA{0, 0, 255, 255},
		color.RGBA{255, 255, 255, 255}, color.RGBA{0, 0, 0, 255}, color.RGBA{128, 64, 32, 255},
	}
	img := image.NewPaletted(image.Rect(0, 0, 3, 2), pal)
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	var buf bytes.Buffer
	if err := enc(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encPNG(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) }
func encGIF(b *bytes.Buffer, m image.Image) error { return gif.Encode(b, m, nil) }

// encJPEG ignores m and encodes a 16 × 16 picture of one colour, (128,
// 64, 32): JPEG subsamples colour over 16 × 16 blocks, so the six colours
// of the other files would not survive it.
func encJPEG(b *bytes.Buffer, m image.Image) error {
	img := image.NewNRGBA(image.Rect(0, 0, 16, 16))
	for i := 0; i < len(img.Pix); i += 4 {
		copy(img.Pix[i:], []uint8{128, 64, 32, 255})
	}
	return jpeg.Encode(b, img, &jpeg.Options{Quality: 100})
}

// rgba lists the 8-bit colours of img, row by row.
func rgba(img image.Image) [][4]uint8 {
	var out [][4]uint8
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			out = append(out, [4]uint8{c.R, c.G, c.B, c.A})
		}
	}
	return out
}

// TestReadImage reads a six-colour picture as PNG and GIF, lossless: every
// pixel comes back. JPEG is lossy: a picture of one colour comes back
// within 2 levels.
func TestReadImage(t *testing.T) {
	want := [][4]uint8{
		{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255},
		{255, 255, 255, 255}, {0, 0, 0, 255}, {128, 64, 32, 255},
	}
	brown := [4]uint8{128, 64, 32, 255}
	tests := []struct {
		name string
		enc  func(*bytes.Buffer, image.Image) error
		w, h int
		want [][4]uint8
		tol  int
	}{
		{"picture.png", encPNG, 3, 2, want, 0},
		{"picture.gif", encGIF, 3, 2, want, 0},
		{"picture.jpg", encJPEG, 16, 16, slices.Repeat([][4]uint8{brown}, 256), 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tc.name)
			if err := os.WriteFile(path, encoded(t, tc.enc), 0o666); err != nil {
				t.Fatal(err)
			}
			img, err := ReadImage(path)
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b.Dx() != tc.w || b.Dy() != tc.h {
				t.Fatalf("bounds %v, want %d×%d", b, tc.w, tc.h)
			}
			got, want := rgba(img), tc.want
			if tc.tol == 0 {
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("pixels (-want +got):\n%s", diff)
				}
				return
			}
			for i := range want {
				for c := range 4 {
					if d := int(got[i][c]) - int(want[i][c]); d > tc.tol || d < -tc.tol {
						t.Errorf("pixel %d channel %d: %d, want %d ± %d", i, c, got[i][c], want[i][c], tc.tol)
					}
				}
			}
		})
	}
}

// TestReadImageErrors: every unreadable file is an error naming it and
// saying what is wrong, never a panic.
func TestReadImageErrors(t *testing.T) {
	dir := t.TempDir()
	pngData := encoded(t, encPNG)
	badCRC := bytes.Clone(pngData)
	badCRC[len(badCRC)-20] ^= 0xff // inside the IDAT chunk
	// A GIF header announcing 65535 × 65535 pixels and nothing more.
	huge := []byte("GIF89a\xff\xff\xff\xff\x00\x00\x00")
	zero := []byte("GIF89a\x00\x00\x05\x00\x00\x00\x00")
	files := map[string][]byte{
		"notes.txt":   []byte("not a picture\n"),
		"empty.png":   nil,
		"half.png":    pngData[:len(pngData)/2],
		"header.png":  pngData[:20],
		"pixels.png":  pngData[:len(pngData)-30],
		"half.gif":    encoded(t, encGIF)[:40],
		"half.jpg":    encoded(t, encJPEG)[:400],
		"crc.png":     badCRC,
		"huge.gif":    huge,
		"zero.gif":    zero,
		"picture.png": pngData,
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o666); err != nil {
			t.Fatal(err)
		}
	}
	p := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name, path, want string
	}{
		{"missing", p("nope.png"), "cannot read the image " + p("nope.png") + ": the file does not exist"},
		{"folder", dir, "cannot read the image " + dir + ": it is a folder"},
		{"text", p("notes.txt"), p("notes.txt") + " is not a PNG, JPEG or GIF image"},
		{"empty file", p("empty.png"), p("empty.png") + " is not a PNG, JPEG or GIF image"},
		{"truncated PNG", p("half.png"), p("half.png") + ": the PNG image is truncated"},
		{"PNG without its last pixels", p("pixels.png"), p("pixels.png") + ": the PNG image is truncated"},
		{"truncated PNG header", p("header.png"), p("header.png") + ": the PNG image is truncated"},
		{"truncated GIF", p("half.gif"), p("half.gif") + ": the GIF image is truncated"},
		{"truncated JPEG", p("half.jpg"), p("half.jpg") + ": the JPEG image is truncated"},
		{"PNG checksum", p("crc.png"), p("crc.png") + ": the PNG image is damaged: png: invalid format: zlib: invalid checksum"},
		{"too many pixels", p("huge.gif"), p("huge.gif") + ": the GIF image is 65535×65535 pixels, more than the 16777216 pixels this program reads"},
		{"no pixels", p("zero.gif"), p("zero.gif") + ": the GIF image is empty (0×5 pixels)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img, err := ReadImage(tc.path)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("ReadImage(%s) error\n%v\nwant\n%s", tc.path, err, tc.want)
			}
			if img != nil {
				t.Errorf("an image came with the error")
			}
		})
	}
	if _, err := ReadImage(p("picture.png")); err != nil {
		t.Errorf("the intact file: %v", err)
	}
}

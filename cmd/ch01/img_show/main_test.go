package main

import (
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// array returns img as the array matplotlib's imshow receives, in 8-bit
// values: shape (height, width, channels), C order, with channels 3 (RGB)
// or 4 (RGBA).
func array(img image.Image, channels int) (shape, values []float64) {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			values = append(values, []float64{float64(c.R), float64(c.G), float64(c.B), float64(c.A)}[:channels]...)
		}
	}
	return []float64{float64(b.Dy()), float64(b.Dx()), float64(channels)}, values
}

// TestTwin checks the output, the note on the picture shown and the SVG
// figure.
func TestTwin(t *testing.T) {
	clitest.FigureTwin(t, run, "img_show.svg", ownPictureNote+"\nfigure: DIR/img_show.svg\n")
	if got := clitest.FigureRun(t, run, "lena.svg", "-image", "testdata/picture.png"); got != "figure: DIR/lena.svg\n" {
		t.Errorf("with -image: output %q, want only the figure line", got)
	}
}

// TestFigureData compares the program's own picture with the array the
// book's script hands to plt.imshow when it reads the same picture, drawn
// with NumPy (testdata/numpy_figure.txt), and with what -o x.png writes.
func TestFigureData(t *testing.T) {
	shape, values := array(ownPicture(), 3)
	clitest.CheckFigureData(t,
		clitest.Series{Key: "imshow0.0.shape", Got: shape},
		clitest.Series{Key: "imshow0.0", Got: values},
	)
	path := filepath.Join(t.TempDir(), "own.png")
	clitest.Run(t, run, "-o", path)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	want := clitest.ReadArrays(t, clitest.FigureFixture)
	if _, got := array(img, 3); !cmp.Equal(got, want["imshow0.0"]) {
		t.Errorf("%s does not hold the picture", path)
	}
}

// TestImageFiles reads the three pictures of testdata as -image does and
// compares them with what matplotlib's imread gives the script
// (testdata/numpy_imread.txt). PNG and GIF are lossless: every value is
// NumPy's. JPEG is compared within 3 levels: Go's decoder and libjpeg
// (PIL's) round the inverse DCT and the colour conversion differently.
func TestImageFiles(t *testing.T) {
	want := clitest.ReadArrays(t, "testdata/numpy_imread.txt")
	tests := []struct {
		file string
		tol  float64
	}{
		{"picture.png", 0},
		{"picture.jpg", 3},
		{"picture.gif", 0},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			img, err := load(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			wantShape := want[tc.file+".imshow0.0.shape"]
			if len(wantShape) != 3 {
				t.Fatalf("numpy_imread.txt: shape of %s is %v", tc.file, wantShape)
			}
			shape, values := array(img, int(wantShape[2]))
			if diff := cmp.Diff(wantShape, shape); diff != "" {
				t.Fatalf("shape (-NumPy +twin):\n%s", diff)
			}
			if diff := cmp.Diff(want[tc.file+".imshow0.0"], values, cmpopts.EquateApprox(0, tc.tol)); diff != "" {
				t.Errorf("pixels (-NumPy +twin):\n%s", diff)
			}
		})
	}
}

// TestBadInputs: an -image that cannot be read (missing, a folder, not an
// image, truncated) and an -o that cannot be written are one error line
// each, before any work: nothing printed, nothing written.
func TestBadInputs(t *testing.T) {
	tmp := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(tmp, name)
		if err := os.WriteFile(p, data, 0o666); err != nil {
			t.Fatal(err)
		}
		return p
	}
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	pngData, jpgData, gifData := read("picture.png"), read("picture.jpg"), read("picture.gif")
	text := write("notes.png", []byte("not a picture\n"))
	empty := write("empty.jpg", nil)
	halfPNG := write("half.png", pngData[:len(pngData)/2])
	halfJPG := write("half.jpg", jpgData[:len(jpgData)/2])
	halfGIF := write("half.gif", gifData[:len(gifData)/2])
	missing := filepath.Join(tmp, "lena.png")
	out := filepath.Join(tmp, "out.svg")
	noDir := filepath.Join(tmp, "nope", "out.svg")
	clitest.CheckBadInputs(t, run, clitest.BadInputs{
		{"missing image", []string{"-image", missing, "-o", out}, "-image: cannot read the image " + missing + ": the file does not exist", false},
		{"image is a folder", []string{"-image", tmp, "-o", out}, "-image: cannot read the image " + tmp + ": it is a folder", false},
		{"not an image", []string{"-image", text, "-o", out}, "-image: " + text + " is not a PNG, JPEG or GIF image", false},
		{"empty file", []string{"-image", empty, "-o", out}, "-image: " + empty + " is not a PNG, JPEG or GIF image", false},
		{"truncated PNG", []string{"-image", halfPNG, "-o", out}, "-image: " + halfPNG + ": the PNG image is truncated", false},
		{"truncated JPEG", []string{"-image", halfJPG, "-o", out}, "-image: " + halfJPG + ": the JPEG image is truncated", false},
		{"truncated GIF", []string{"-image", halfGIF, "-o", out}, "-image: " + halfGIF + ": the GIF image is truncated", false},
		{"-o in a missing folder", []string{"-image", missing, "-o", noDir}, "-o: cannot write " + noDir + ": the folder " + filepath.Dir(noDir) + " does not exist", false},
		{"-o is a folder", []string{"-o", tmp}, "-o: cannot write " + tmp + ": it is a folder", false},
		{"stray argument", []string{"lena.png"}, `unexpected argument "lena.png"`, true},
	})
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed run left %s behind: %v", out, err)
	}
}

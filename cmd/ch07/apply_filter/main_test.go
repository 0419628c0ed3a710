package main

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/dlfs-go/dlfs/cmd/ch07/internal/filters/filterstest"
	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestTwin filters the program's own picture and a PNG file the test
// writes with the filters of a params.pkl the test saves: 16 filters, then
// 16 filtered pictures.
func TestTwin(t *testing.T) {
	dir := t.TempDir()
	weights := filterstest.Weights(t, dir, 4)
	o1, o2 := filepath.Join(dir, "1.svg"), filepath.Join(dir, "2.svg")
	check := func(out, want string) {
		t.Helper()
		if out != want {
			t.Errorf("output %q, want %q", out, want)
		}
		for _, p := range []string{o1, o2} {
			clitest.CheckSVG(t, p)
			if n := filterstest.CountImages(t, p); n != 16 {
				t.Errorf("%s shows %d images, want 16", p, n)
			}
		}
	}
	figures := "figure: " + o1 + "\nfigure: " + o2 + "\n"
	check(clitest.Run(t, run, "-weights", weights, "-o1", o1, "-o2", o2), ownPictureNote+"\n"+figures)

	pic := filepath.Join(dir, "gray.png")
	writePNG(t, pic, 12, 10)
	check(clitest.Run(t, run, "-weights", weights, "-image", pic, "-o1", o1, "-o2", o2), figures)
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	weights := filterstest.Weights(t, dir, 4)
	o1, o2 := filepath.Join(dir, "1.svg"), filepath.Join(dir, "2.svg")
	garbage := filepath.Join(dir, "garbage.png")
	if err := os.WriteFile(garbage, []byte("not a picture"), 0o644); err != nil {
		t.Fatal(err)
	}
	small := filepath.Join(dir, "small.png")
	writePNG(t, small, 4, 4)
	clitest.CheckBadInputs(t, run, clitest.BadInputs{
		{"missing weights", []string{"-weights", filepath.Join(dir, "missing.pkl"), "-o1", o1, "-o2", o2}, "ch07/params.pkl of its code repository", false},
		{"another network", []string{"-weights", filterstest.OtherWeights(t, dir), "-o1", o1, "-o2", o2}, `"W1" has shape (16,1,3,3)`, false},
		{"missing image", []string{"-weights", weights, "-image", filepath.Join(dir, "missing.png"), "-o1", o1, "-o2", o2}, "-image", false},
		{"undecodable image", []string{"-weights", weights, "-image", garbage, "-o1", o1, "-o2", o2}, "-image", false},
		{"image too small", []string{"-weights", weights, "-image", small, "-o1", o1, "-o2", o2}, "smaller than the 5x5 filters", false},
		{"unwritable -o1", []string{"-o1", filepath.Join(dir, "no", "such", "1.svg")}, "1.svg", false},
		{"stray argument", []string{"extra"}, "extra", true},
	})
}

// writePNG writes a w×h gray gradient as a PNG file.
func writePNG(t *testing.T, path string, w, h int) {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetGray(x, y, color.Gray{Y: uint8(20 * (x + y))})
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

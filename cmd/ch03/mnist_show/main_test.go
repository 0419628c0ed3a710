package main

import (
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
	"github.com/dlfs-go/dlfs/internal/testenv"
	"github.com/google/go-cmp/cmp"
)

// TestOutput checks the script's three lines (the label, (784,), (28, 28))
// and every pixel of the PNG of the first training image against
// x_train[0] and t_train[0] read with NumPy
// (testdata/numpy_x_train0.txt).
func TestOutput(t *testing.T) {
	testenv.MNIST(t)
	want := clitest.ReadArrays(t, "testdata/numpy_x_train0.txt")
	dir := t.TempDir()
	path := filepath.Join(dir, "five.png")
	got := strings.ReplaceAll(clitest.Run(t, run, "-o", path), dir, "DIR")
	wantOut := strconv.Itoa(int(want["label"][0])) + "\n(784,)\n(28, 28)\nimage: DIR/five.png\n"
	if got != wantOut {
		t.Errorf("output:\n%s\nwant:\n%s", got, wantOut)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if b.Dx() != 28 || b.Dy() != 28 {
		t.Fatalf("image is %v, want 28x28", b)
	}
	var pix []float64
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r != g || g != bl {
				t.Fatalf("pixel (%d, %d) is not gray", y, x)
			}
			pix = append(pix, float64(r>>8))
		}
	}
	if diff := cmp.Diff(want["image"], pix); diff != "" {
		t.Errorf("pixels, row by row (-NumPy +PNG):\n%s", diff)
	}
}

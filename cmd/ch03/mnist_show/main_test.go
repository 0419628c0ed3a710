package main

import (
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestOutput checks the script's three lines (5, (784,), (28, 28)) and the
// PNG of the first training image.
func TestOutput(t *testing.T) {
	if _, err := mnist.Find("", io.Discard); err != nil {
		t.Skip("MNIST not available:", err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "five.png")
	got := strings.ReplaceAll(clitest.Run(t, run, "-o", path), dir, "DIR")
	const want = "5\n(784,)\n(28, 28)\nimage: DIR/five.png\n"
	if got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
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
	if b := img.Bounds(); b.Dx() != 28 || b.Dy() != 28 {
		t.Errorf("image is %v, want 28x28", b)
	}
	// x_train[0][152] is 3 (NumPy); row 5, column 12
	if r, _, _, _ := img.At(12, 5).RGBA(); r>>8 != 3 {
		t.Errorf("pixel (5, 12) = %d, want 3", r>>8)
	}
}

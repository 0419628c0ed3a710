// Command mnist_show is the Go twin of the book's ch03/mnist_show.py: it
// prints the label and shape of the first MNIST training image and, where
// the script opens an image viewer, writes the image as a PNG file and
// prints its path.
//
// Usage:
//
//	go run ./cmd/ch03/mnist_show [-data dir] [-o mnist_show.png]
package main

import (
	"fmt"
	"image"
	"io"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/plot"
)

func main() { cli.Main("mnist_show", run) }

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("mnist_show", stderr)
	dataDir := cli.DataFlag(fs)
	out := cli.OutputFlag(fs, "o", "mnist_show.png", "PNG `file` to write the image to")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	ds, err := mnist.LoadDefault(*dataDir, stderr)
	if err != nil {
		return err
	}
	// load_mnist(flatten=True, normalize=False): x_train[0] holds 0..255
	img, _ := ds.Train.Batch([]int{0}, mnist.Options{Flatten: true})
	img = img.Reshape(-1) // x_train[0]
	label := ds.Train.Label(0)
	fmt.Fprintln(stdout, label)
	fmt.Fprintln(stdout, pyShape(img.Shape()))
	img = img.Reshape(28, 28)
	fmt.Fprintln(stdout, pyShape(img.Shape()))

	// Image.fromarray(np.uint8(img)): the raw bytes, shown as they are
	pix := make([]uint8, img.Len())
	for i, v := range img.Data() {
		pix[i] = uint8(v)
	}
	if err := plot.SavePNG(*out, grayImage(pix, 28, 28)); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "image:", *out)
	return nil
}

// pyShape formats a shape as Python prints a tuple: (784,) or (28, 28).
func pyShape(s []int) string {
	if len(s) == 1 {
		return fmt.Sprintf("(%d,)", s[0])
	}
	out := "("
	for i, d := range s {
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprint(d)
	}
	return out + ")"
}

// grayImage wraps 8-bit pixels as an image, unscaled, as PIL's
// Image.fromarray does.
func grayImage(pix []uint8, w, h int) *image.Gray {
	return &image.Gray{Pix: pix, Stride: w, Rect: image.Rect(0, 0, w, h)}
}

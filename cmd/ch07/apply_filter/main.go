// Command apply_filter is the Go twin of the book's ch07/apply_filter.py:
// the first 16 trained filters of SimpleConvNet's first layer (from
// -weights, a params.pkl such as the book's ch07/params.pkl or the one
// train_convnet saves) drawn in a 4×4 grid, then each applied alone to a
// grayscale picture by a Convolution layer (stride 1, no padding, bias 0)
// and the 16 results drawn in a 4×4 grid (gray_r, no ticks): two figures,
// written to -o1 and -o2.
//
// The book applies the filters to dataset/lena_gray.png; the project ships
// no third-party picture. -image reads a PNG, JPEG or GIF file of your own
// (lena_gray.png from the book's repository, for instance; a colour
// picture is turned to gray by its luminance). Without -image the twin
// uses a picture it draws itself, and says so in one line. The -weights
// and -image files are read before anything is drawn.
//
// Usage:
//
//	go run ./cmd/ch07/apply_filter [-weights params.pkl] [-image lena_gray.png] [-o1 apply_filter_1.svg] [-o2 apply_filter_2.svg]
package main

import (
	"fmt"
	"image"
	"image/color"
	"io"
	"math"

	"github.com/dlfs-go/dlfs/cmd/ch07/internal/filters"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/plot"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

func main() { cli.Main("apply_filter", run) }

// The script's filter_show(filters, 16) and its 4×4 grids.
const (
	showNum    = 16
	rows, cols = 4, 4
)

// ownPictureNote is the line the twin prints when it uses its own picture.
const ownPictureNote = "no -image given: filtering a picture drawn by the program (the book filters dataset/lena_gray.png, which is not shipped)"

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("apply_filter", stderr)
	weights := filters.WeightsFlag(fs)
	imagePath := fs.String("image", "", "PNG, JPEG or GIF `file` to filter, such as the book's dataset/lena_gray.png (default: a picture the program draws)")
	out1 := cli.OutputFlag(fs, "o1", "apply_filter_1.svg", "SVG `file` for the first figure, the filters")
	out2 := cli.OutputFlag(fs, "o2", "apply_filter_2.svg", "SVG `file` for the second figure, the filtered pictures")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	net := filters.NewNet(random.New(0)) // SimpleConvNet(...): load_params replaces the weights
	if err := filters.Load(net, *weights); err != nil {
		return err
	}
	img, err := load(*imagePath)
	if err != nil {
		return err
	}
	w1 := net.Conv1.W
	fh, fw := w1.Size(2), w1.Size(3)
	h, w := img.Size(2), img.Size(3)
	if h < fh || w < fw {
		return fmt.Errorf("-image: the picture is %dx%d pixels, smaller than the %dx%d filters", w, h, fw, fh)
	}
	if *imagePath == "" {
		fmt.Fprintln(stdout, ownPictureNote)
	}
	if err := cli.SaveFigure(stdout, filters.Show(filters.FirstChannels(w1, showNum), fw, fh, rows, cols), *out1); err != nil {
		return err
	}

	// img.reshape(1, 1, H, W), and for each filter i: Convolution(w, b=0)
	// with w = W1[i] reshaped (1, C, FH, FW), out reshaped (OH, OW). One
	// layer serves every filter (its weights replaced in place), so that
	// its scratch columns (25 values per pixel) are made once.
	var outs [][]float64
	per := w1.Len() / w1.Size(0)
	wi := tensor.Zeros(1, w1.Size(1), fh, fw)
	conv := layers.NewConvolution(wi, tensor.Zeros(1), 1, 0)
	for i := range showNum {
		copy(wi.Data(), w1.Data()[i*per:(i+1)*per])
		out := conv.Forward(img, false)
		outs = append(outs, append([]float64(nil), out.Data()...))
	}
	return cli.SaveFigure(stdout, filters.Show(outs, w-fw+1, h-fh+1, rows, cols), *out2)
}

// load is the script's imread('../dataset/lena_gray.png') reshaped to (1,
// 1, H, W): an 8-bit gray picture's values v/255 in float32 precision, as
// matplotlib reads a PNG; a colour picture is turned to gray by
// image/color's luminance first. Without a path, the program's own
// picture.
func load(path string) (*tensor.Tensor, error) {
	var img image.Image = ownPicture()
	if path != "" {
		var err error
		if img, err = plot.ReadImage(path); err != nil {
			return nil, fmt.Errorf("-image: %w", err)
		}
	}
	b := img.Bounds()
	t := tensor.Zeros(1, 1, b.Dy(), b.Dx())
	d := t.Data()
	for y := range b.Dy() {
		for x := range b.Dx() {
			g := color.GrayModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.Gray)
			d[y*b.Dx()+x] = float64(float32(g.Y) / 255)
		}
	}
	return t, nil
}

// ownPicture draws the picture filtered without -image, 96 × 96 pixels:
// a horizontal gradient, a bright disc, a dark square and a band of
// diagonal stripes, so that every kind of edge a filter may find is there.
func ownPicture() *image.Gray {
	const n = 96
	img := image.NewGray(image.Rect(0, 0, n, n))
	for y := range n {
		for x := range n {
			v := 40 + x
			switch {
			case math.Hypot(float64(x-30), float64(y-30)) < 18:
				v = 235
			case x >= 56 && x < 84 && y >= 14 && y < 42:
				v = 15
			case y >= 60 && y < 86 && (x+y)/6%2 == 0:
				v = 200
			}
			img.SetGray(x, y, color.Gray{Y: uint8(v)})
		}
	}
	return img
}

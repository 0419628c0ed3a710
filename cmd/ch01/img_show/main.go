// Command img_show is the Go twin of the book's ch01/img_show.py: it reads
// a picture and shows it, as plt.imshow(imread(path)), writing the figure
// as an SVG file and printing its path.
//
// The book shows dataset/lena.png; the project ships no third-party
// picture. -image reads a PNG, JPEG or GIF file of your own (lena.png from
// the book's repository, for instance). Without -image the twin shows a
// small picture it draws itself, and says so in one line.
//
// With an -o path ending in .png the picture itself is written as a PNG
// file instead of a figure, as the image twins of chapter 3 write theirs.
//
// Usage:
//
//	go run ./cmd/ch01/img_show [-image lena.png] [-o img_show.svg]
package main

import (
	"fmt"
	"image"
	"image/color"
	"io"
	"path/filepath"
	"strings"

	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/plot"
)

func main() { cli.Main("img_show", run) }

// ownPictureNote is the line the twin prints when it shows its own picture.
const ownPictureNote = "no -image given: showing a picture drawn by the program (the book shows dataset/lena.png, which is not shipped)"

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("img_show", stderr)
	imagePath := fs.String("image", "", "PNG, JPEG or GIF `file` to show, such as the book's dataset/lena.png (default: a picture the program draws)")
	out := cli.OutputFlag(fs, "o", "img_show.svg",
		"SVG `file` to write the figure to; a name ending in .png writes the picture itself as a PNG file")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	img, err := load(*imagePath)
	if err != nil {
		return err
	}
	if *imagePath == "" {
		fmt.Fprintln(stdout, ownPictureNote)
	}
	if strings.EqualFold(filepath.Ext(*out), ".png") {
		if err := plot.SavePNG(*out, img); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "image:", *out)
		return nil
	}
	f := plot.New()
	f.Axes().Image(img) // plt.imshow(img)
	return cli.SaveFigure(stdout, f, *out)
}

// load is the script's img = imread(path): the file at path, or the
// program's own picture when path is "". A file that cannot be read is an
// error naming it, with "-image" in front.
func load(path string) (image.Image, error) {
	if path == "" {
		return ownPicture(), nil
	}
	img, err := plot.ReadImage(path)
	if err != nil {
		return nil, fmt.Errorf("-image: %w", err)
	}
	return img, nil
}

// The size of the program's own picture.
const (
	ownWidth  = 64
	ownHeight = 48
)

// ownPicture draws the picture shown without -image, 64 × 48 pixels: red
// grows from left to right (4·x), green from top to bottom (5·y), and blue
// is 255 inside a disc of radius 16 around (32, 24) and 64 outside it.
func ownPicture() *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, ownWidth, ownHeight))
	for y := range ownHeight {
		for x := range ownWidth {
			b := uint8(64)
			if dx, dy := x-32, y-24; dx*dx+dy*dy < 16*16 {
				b = 255
			}
			img.SetNRGBA(x, y, color.NRGBA{R: uint8(4 * x), G: uint8(5 * y), B: b, A: 255})
		}
	}
	return img
}

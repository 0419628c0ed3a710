package plot

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	_ "image/gif"  // ReadImage reads GIF files
	_ "image/jpeg" // ReadImage reads JPEG files
	_ "image/png"  // ReadImage reads PNG files
	"io"
	"io/fs"
	"os"
	"strings"
)

// MaxImagePixels is the largest image, in pixels (width × height), that
// ReadImage decodes: 4096 × 4096. A file announcing more is refused before
// its pixels are read, so that a small file cannot exhaust memory.
const MaxImagePixels = 1 << 24

// ReadImage reads a PNG, JPEG or GIF file (the first frame of a GIF), as
// matplotlib.image.imread does for the book's ch01/img_show.py, with the
// standard library's decoders. The result suits Axes.Image and SavePNG.
//
// Every problem with the file is an error that names path and says what is
// wrong: it does not exist, it is a folder, it is not a PNG, JPEG or GIF
// image, it holds no pixels or more than MaxImagePixels, or it is
// truncated or damaged. ReadImage never panics on the content of a file.
func ReadImage(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, openError(path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	switch {
	case err != nil:
		return nil, fmt.Errorf("cannot read the image %s: %w", path, unwrapPathErr(err))
	case fi.IsDir():
		return nil, fmt.Errorf("cannot read the image %s: it is a folder", path)
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("cannot read the image %s: it is not a regular file (%s)", path, fi.Mode().Type())
	}
	cfg, format, err := image.DecodeConfig(bufio.NewReader(f))
	switch {
	case errors.Is(err, image.ErrFormat):
		return nil, fmt.Errorf("%s is not a PNG, JPEG or GIF image", path)
	case err != nil:
		return nil, damaged(path, format, err)
	case cfg.Width <= 0 || cfg.Height <= 0:
		return nil, fmt.Errorf("%s: the %s image is empty (%d×%d pixels)", path, formatName(format), cfg.Width, cfg.Height)
	case cfg.Width > MaxImagePixels/cfg.Height:
		return nil, fmt.Errorf("%s: the %s image is %d×%d pixels, more than the %d pixels this program reads",
			path, formatName(format), cfg.Width, cfg.Height, MaxImagePixels)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("cannot read the image %s: %w", path, unwrapPathErr(err))
	}
	img, _, err := image.Decode(bufio.NewReader(f))
	if err != nil {
		return nil, damaged(path, format, err)
	}
	if b := img.Bounds(); b.Dx() != cfg.Width || b.Dy() != cfg.Height {
		return nil, fmt.Errorf("%s: the %s image is damaged: its header says %d×%d pixels, its data %d×%d",
			path, formatName(format), cfg.Width, cfg.Height, b.Dx(), b.Dy())
	}
	return img, nil
}

// openError says why path cannot be opened.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot read the image %s: the file does not exist", path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("cannot read the image %s: permission denied", path)
	}
	return fmt.Errorf("cannot read the image %s: %w", path, unwrapPathErr(err))
}

// damaged is the error for a file whose decoding failed.
func damaged(path, format string, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || endsShort(err) {
		return fmt.Errorf("%s: the %s image is truncated", path, formatName(format))
	}
	return fmt.Errorf("%s: the %s image is damaged: %w", path, formatName(format), unwrapPathErr(err))
}

// shortData ends the messages of the standard decoders for data that
// stops early: image/gif formats the io error into its message instead of
// wrapping it, and a compressed stream that ends before the last pixel is
// "not enough pixel data" (PNG), "not enough image data" (GIF) or "short
// Huffman data" (JPEG).
var shortData = []string{io.ErrUnexpectedEOF.Error(), "not enough pixel data", "not enough image data", "short Huffman data"}

// endsShort reports whether err is a decoder's message for data that
// stops early.
func endsShort(err error) bool {
	for _, s := range shortData {
		if strings.HasSuffix(err.Error(), s) {
			return true
		}
	}
	return false
}

// formatName is the name of an image format as people write it.
func formatName(format string) string {
	switch format {
	case "png":
		return "PNG"
	case "jpeg":
		return "JPEG"
	case "gif":
		return "GIF"
	}
	return format
}

// unwrapPathErr returns the reason of a *fs.PathError without its
// operation and path, which the caller's message names.
func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

package plot

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"io/fs"
	"math"

	"github.com/dlfs-go/dlfs/internal/atomicfile"
)

// Pixel is the element type of the pixel slices that Gray and SaveGrayPNG
// accept: bytes (MNIST images as loaded) or floating-point values
// (normalised images, weights).
type Pixel interface {
	~uint8 | ~float32 | ~float64
}

// Gray returns the w × h image of pix (row-major, top row first), with
// the smallest value black and the largest white, as
// plt.imshow(pix.reshape(h, w), cmap="gray") normalises it. A constant
// image is all black, and NaNs are black too. Gray panics unless
// len(pix) == w*h with w, h >= 1.
func Gray[T Pixel](pix []T, w, h int) *image.Gray {
	return grayImage("plot.Gray", pix, w, h, false)
}

// GrayR is Gray with the colours reversed, smallest value white, as
// cmap="gray_r" (the book's filter pictures, ch07/visualize_filter.py).
func GrayR[T Pixel](pix []T, w, h int) *image.Gray {
	return grayImage("plot.GrayR", pix, w, h, true)
}

func grayImage[T Pixel](op string, pix []T, w, h int, reverse bool) *image.Gray {
	if w < 1 || h < 1 || len(pix) != w*h {
		panic(fmt.Sprintf("%s: len(pix) = %d, want w*h = %d×%d", op, len(pix), w, h))
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range pix {
		v := float64(p)
		if !math.IsNaN(v) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i, p := range pix {
		v := float64(p)
		t := 0.0
		if hi > lo && !math.IsNaN(v) && !math.IsInf(hi-lo, 0) {
			t = (v - lo) / (hi - lo)
		}
		if reverse {
			t = 1 - t
		}
		// matplotlib's colormap lookup: 256 colours, index floor(t·256)
		// clipped to 255, so 0.5 maps to 128.
		img.Pix[i] = uint8(min(255, max(0, int(t*256))))
	}
	return img
}

// TileGray lays images out in a grid of cols columns, row by row, with
// gap pixels of white between them, each image enlarged scale times with
// nearest-neighbour sampling (scale 1 keeps the size), as the subplot grid
// of ch07/visualize_filter.py. Every cell is as large as the largest
// image. It panics if cols or scale is less than 1 or gap is negative;
// with no images it returns a 0 × 0 image.
func TileGray(imgs []*image.Gray, cols, gap, scale int) *image.Gray {
	if cols < 1 || scale < 1 || gap < 0 {
		panic(fmt.Sprintf("plot.TileGray: bad cols %d, gap %d or scale %d", cols, gap, scale))
	}
	if len(imgs) == 0 {
		return image.NewGray(image.Rect(0, 0, 0, 0))
	}
	cw, ch := 0, 0
	for _, im := range imgs {
		cw = max(cw, im.Bounds().Dx()*scale)
		ch = max(ch, im.Bounds().Dy()*scale)
	}
	cols = min(cols, len(imgs))
	rows := (len(imgs) + cols - 1) / cols
	out := image.NewGray(image.Rect(0, 0, cols*cw+(cols-1)*gap, rows*ch+(rows-1)*gap))
	draw.Draw(out, out.Bounds(), image.NewUniform(color.Gray{Y: 255}), image.Point{}, draw.Src)
	for k, im := range imgs {
		b := im.Bounds()
		ox, oy := (k%cols)*(cw+gap), (k/cols)*(ch+gap)
		for y := 0; y < b.Dy()*scale; y++ {
			for x := 0; x < b.Dx()*scale; x++ {
				out.SetGray(ox+x, oy+y, im.GrayAt(b.Min.X+x/scale, b.Min.Y+y/scale))
			}
		}
	}
	return out
}

// SavePNG writes img as a PNG file at path, as plt.imsave or
// Image.save in the book's ch03/mnist_show.py. The image goes to a
// temporary file in the same folder that replaces path only once it is
// complete, so a failed save (an image PNG cannot hold, such as an empty
// one, or a failed write) leaves a previous file at path as it was. Errors
// name path.
func SavePNG(path string, img image.Image) error {
	err := atomicfile.Write(path, 0o666, func(w io.Writer) error { return png.Encode(w, img) })
	var pe *fs.PathError
	if err != nil && !(errors.As(err, &pe) && pe.Path == path) {
		return fmt.Errorf("plot: %s: %w", path, err)
	}
	return err
}

// SaveGrayPNG writes the w × h grayscale image of pix as a PNG file at
// path, normalised as Gray does: SavePNG(path, Gray(pix, w, h)). It
// panics unless len(pix) == w*h.
func SaveGrayPNG[T Pixel](path string, pix []T, w, h int) error {
	return SavePNG(path, grayImage("plot.SaveGrayPNG", pix, w, h, false))
}

// Image shows img in the axes, one data unit per pixel, as plt.imshow(img)
// with its defaults: pixel (i, j) is centred on (i, j), the y axis points
// down (origin "upper"), the limits fit the image exactly, pixels are
// square (aspect "equal") and drawn as sharp squares (interpolation
// "nearest"). The image is embedded in the SVG file as PNG data, enlarged
// by a whole factor so that no viewer smooths it. Image copies img: later
// changes to it do not show. Combine with Gray or GrayR for arrays of
// values, and with SetXTicks() and SetYTicks() to hide the ticks. It
// panics on an empty image.
func (a *Axes) Image(img image.Image) {
	b := img.Bounds()
	if b.Empty() {
		panic(fmt.Sprintf("plot.Image: empty image %v", b))
	}
	var cp image.Image
	if g, ok := img.(*image.Gray); ok {
		c := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
		draw.Draw(c, c.Bounds(), g, b.Min, draw.Src)
		cp = c
	} else {
		c := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		draw.Draw(c, c.Bounds(), img, b.Min, draw.Src)
		cp = c
	}
	a.series = append(a.series, &imageSeries{img: cp, w: b.Dx(), h: b.Dy()})
	a.invertY, a.equal = true, true
}

type imageSeries struct {
	img  image.Image // a *image.Gray or *image.NRGBA with Min (0, 0)
	w, h int
}

// maxEmbed bounds the size of an enlarged embedded image, in pixels.
const maxEmbed = 1024

// dataURI returns the image enlarged k times, nearest neighbour, as a PNG
// data URI, with k the smallest factor that gives at least one image pixel
// per px of the shown width dispPx (capped by maxEmbed).
func (m *imageSeries) dataURI(dispPx float64) string {
	k := int(math.Ceil(dispPx / float64(max(m.w, m.h))))
	k = max(1, min(k, maxEmbed/max(m.w, m.h)))
	var out draw.Image
	if _, ok := m.img.(*image.Gray); ok {
		out = image.NewGray(image.Rect(0, 0, m.w*k, m.h*k))
	} else {
		out = image.NewNRGBA(image.Rect(0, 0, m.w*k, m.h*k))
	}
	for y := 0; y < m.h*k; y++ {
		for x := 0; x < m.w*k; x++ {
			out.Set(x, y, m.img.At(x/k, y/k))
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, out); err != nil {
		panic("plot: encoding an image: " + err.Error()) // cannot happen for in-memory images
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())
}

func (m *imageSeries) extend(e *extent) {
	x0, x1 := -0.5, float64(m.w)-0.5
	y0, y1 := -0.5, float64(m.h)-0.5
	e.addX(x0)
	e.addX(x1)
	e.addY(y0)
	e.addY(y1)
	e.stickyX = append(e.stickyX, x0, x1)
	e.stickyY = append(e.stickyY, y0, y1)
}

func (m *imageSeries) draw(s *svgBuf, fr *frame) {
	x0, x1 := fr.px(-0.5), fr.px(float64(m.w)-0.5)
	y0, y1 := fr.py(-0.5), fr.py(float64(m.h)-0.5)
	if !finite(x0) || !finite(x1) || !finite(y0) || !finite(y1) {
		return
	}
	// Flip the picture when an axis runs the other way.
	tr := ""
	sx, sy := 1.0, 1.0
	if x1 < x0 {
		sx = -1
	}
	if y1 < y0 {
		sy = -1
	}
	if sx < 0 || sy < 0 {
		cx, cy := (x0+x1)/2, (y0+y1)/2
		var b []byte
		b = append(b, "translate("...)
		b = appendNum(b, cx)
		b = append(b, ' ')
		b = appendNum(b, cy)
		b = append(b, ") scale("...)
		b = appendNum(b, sx)
		b = append(b, ' ')
		b = appendNum(b, sy)
		b = append(b, ") translate("...)
		b = appendNum(b, -cx)
		b = append(b, ' ')
		b = appendNum(b, -cy)
		b = append(b, ')')
		tr = string(b)
	}
	s.str("<image").numAttr("x", math.Min(x0, x1)).numAttr("y", math.Min(y0, y1))
	s.numAttr("width", math.Abs(x1-x0)).numAttr("height", math.Abs(y1-y0))
	s.str(` preserveAspectRatio="none" image-rendering="optimizeSpeed" style="image-rendering:pixelated"`)
	if tr != "" {
		s.attr("transform", tr)
	}
	s.attr("xlink:href", m.dataURI(math.Max(math.Abs(x1-x0), math.Abs(y1-y0)))).str("/>\n")
}

func (m *imageSeries) legendEntry() (legendEntry, bool) { return legendEntry{}, false }
func (m *imageSeries) avoid(*frame, *avoidSet)          {}

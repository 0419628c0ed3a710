package plot

import (
	"fmt"
	"io"
	"math"

	"github.com/dlfs-go/dlfs/internal/atomicfile"
)

// Figure is one picture: a grid of Axes (subplots) on a white page,
// written as an SVG file by Save or WriteTo. It is matplotlib's
// plt.figure(); the zero value is not usable, use New or NewGrid.
//
// A Figure and its Axes are not safe for concurrent use.
type Figure struct {
	width, height float64 // px
	rows, cols    int
	layout        Layout
	axes          []*Axes
	title         string
}

// Layout is the placement of the subplot grid on the figure, as
// plt.subplots_adjust: Left, Right, Bottom and Top are fractions of the
// figure's width and height (Bottom and Top measured from the bottom, as in
// matplotlib), WSpace and HSpace the gaps between subplots as fractions of
// the average subplot width and height.
type Layout struct {
	Left, Right, Bottom, Top float64
	WSpace, HSpace           float64
}

// DefaultLayout returns matplotlib's default subplot parameters: left
// 0.125, right 0.9, bottom 0.11, top 0.88, wspace 0.2, hspace 0.2.
func DefaultLayout() Layout {
	return Layout{Left: 0.125, Right: 0.9, Bottom: 0.11, Top: 0.88, WSpace: 0.2, HSpace: 0.2}
}

// New returns a figure with one Axes, 6.4 × 4.8 inches (640 × 480 px), as
// plt.figure() followed by plt.gca().
func New() *Figure { return NewGrid(1, 1) }

// NewGrid returns a figure with rows × cols Axes, as the subplots of
// plt.subplot(rows, cols, i). It panics if rows or cols is less than 1.
func NewGrid(rows, cols int) *Figure {
	if rows < 1 || cols < 1 {
		panic(fmt.Sprintf("plot.NewGrid: bad grid %d×%d", rows, cols))
	}
	f := &Figure{width: 640, height: 480, rows: rows, cols: cols, layout: DefaultLayout()}
	f.axes = make([]*Axes, rows*cols)
	for i := range f.axes {
		f.axes[i] = &Axes{fig: f, index: i}
	}
	return f
}

// SetSizeInches sets the figure size in inches at 100 px per inch, as
// plt.figure(figsize=(width, height)) or fig.set_size_inches. It panics
// on a size that is not positive.
func (f *Figure) SetSizeInches(width, height float64) {
	if !(width > 0) || !(height > 0) || math.IsInf(width, 0) || math.IsInf(height, 0) {
		panic(fmt.Sprintf("plot.SetSizeInches: bad size %v × %v", width, height))
	}
	f.width, f.height = width*100, height*100
}

// SetLayout places the subplot grid, as plt.subplots_adjust. For example
// Layout{Left: 0, Right: 1, Bottom: 0, Top: 1, WSpace: 0.05, HSpace: 0.05}
// fills the figure with a tight grid of images. It panics unless
// 0 <= Left < Right <= 1, 0 <= Bottom < Top <= 1 and the spaces are not
// negative.
func (f *Figure) SetLayout(l Layout) {
	ok := l.Left >= 0 && l.Left < l.Right && l.Right <= 1 &&
		l.Bottom >= 0 && l.Bottom < l.Top && l.Top <= 1 &&
		l.WSpace >= 0 && l.HSpace >= 0 && !math.IsInf(l.WSpace, 0) && !math.IsInf(l.HSpace, 0)
	if !ok {
		panic(fmt.Sprintf("plot.SetLayout: bad layout %+v", l))
	}
	f.layout = l
}

// SetTitle sets a title centred at the top of the figure, above all
// subplots, as plt.suptitle.
func (f *Figure) SetTitle(title string) { f.title = title }

// Axes returns the first (for New, the only) Axes of the figure, as
// plt.gca().
func (f *Figure) Axes() *Axes { return f.axes[0] }

// Subplot returns Axes i of the grid, counted from 0 in row-major order:
// f.Subplot(i) is plt.subplot(rows, cols, i+1). It panics if i is out of
// range.
func (f *Figure) Subplot(i int) *Axes {
	if i < 0 || i >= len(f.axes) {
		panic(fmt.Sprintf("plot.Subplot: index %d out of range for a %d×%d grid", i, f.rows, f.cols))
	}
	return f.axes[i]
}

// WriteTo writes the figure as an SVG 1.1 document to w, as
// plt.savefig(file, format="svg"). The output depends only on what was
// drawn: the same figure always gives the same bytes. It implements
// io.WriterTo.
func (f *Figure) WriteTo(w io.Writer) (int64, error) {
	b := f.render()
	n, err := w.Write(b)
	return int64(n), err
}

// Save writes the figure as an SVG file at path, as plt.savefig(path).
// The figure goes to a temporary file in the same folder that replaces
// path only once it is complete, so a failed save leaves a previous file at
// path as it was. Errors (from creating, writing or renaming the file)
// name path.
func (f *Figure) Save(path string) error {
	b := f.render()
	return atomicfile.WriteFile(path, b, 0o666)
}

// box is a rectangle in px, y growing downwards.
type box struct{ x, y, w, h float64 }

// cell returns the area of subplot i, before any equal-aspect shrinking,
// as matplotlib's GridSpec places it.
func (f *Figure) cell(i int) box {
	l := f.layout
	totW := f.width * (l.Right - l.Left)
	totH := f.height * (l.Top - l.Bottom)
	cw := totW / (float64(f.cols) + l.WSpace*float64(f.cols-1))
	ch := totH / (float64(f.rows) + l.HSpace*float64(f.rows-1))
	r, c := i/f.cols, i%f.cols
	return box{
		x: f.width*l.Left + float64(c)*cw*(1+l.WSpace),
		y: f.height*(1-l.Top) + float64(r)*ch*(1+l.HSpace),
		w: cw,
		h: ch,
	}
}

// render builds the whole SVG document.
func (f *Figure) render() []byte {
	s := &svgBuf{}
	s.str(`<?xml version="1.0" encoding="UTF-8" standalone="no"?>` + "\n")
	s.str(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1"`)
	s.numAttr("width", f.width).numAttr("height", f.height)
	s.str(` viewBox="0 0 `).num(f.width).str(" ").num(f.height).str(`"`)
	s.attr("font-family", fontFamily).numAttr("font-size", labelFontPt*ptPx)
	s.str(">\n")
	frames := make([]*frame, len(f.axes))
	for i, a := range f.axes {
		frames[i] = a.frame(f.cell(i))
	}
	s.str("<defs>\n")
	for i, fr := range frames {
		s.str(`<clipPath id="clip`).str(fmt.Sprint(i)).str(`"><rect`)
		s.numAttr("x", fr.b.x).numAttr("y", fr.b.y).numAttr("width", fr.b.w).numAttr("height", fr.b.h)
		s.str("/></clipPath>\n")
	}
	s.str("</defs>\n")
	s.str(`<rect width="100%" height="100%" fill="#ffffff"/>` + "\n")
	for i, a := range f.axes {
		if !a.hidden {
			a.render(s, frames[i])
		}
	}
	if f.title != "" {
		fs := titleFontPt * ptPx
		s.str("<text").numAttr("x", f.width/2).numAttr("y", 0.02*f.height+0.76*fs)
		s.str(` text-anchor="middle"`).numAttr("font-size", fs).str(">")
		s.text(oneLine(f.title)).str("</text>\n")
	}
	s.str("</svg>\n")
	return s.b
}

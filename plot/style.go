package plot

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Style is how a series is drawn: the keyword arguments of plt.plot,
// plt.hist, plt.quiver and plt.contour that this package understands.
// The zero Style is matplotlib's default: a solid 1.5 pt line in the next
// colour of the axes' colour cycle, no marker, no legend entry.
type Style struct {
	// Label is the series' name in the legend (label=). A series whose
	// label is empty or starts with "_" has no legend entry, as in
	// matplotlib.
	Label string

	// Color is the colour (color=): "" takes the next colour of the
	// axes' cycle (tab10, see Tab10); "C0" to "C9" pick a cycle colour;
	// "b", "g", "r", "c", "m", "y", "k", "w" are matplotlib's one-letter
	// colours; "tab:blue" ... "tab:cyan" are tab10 by name; a number in
	// [0, 1] written as a string ("0.8") is a grey level; anything else
	// ("#666666", "red") is written to the SVG file as given.
	Color string

	// LineStyle is the line's dash pattern (linestyle=): "" or "-"
	// solid, "--" dashed, ":" dotted, "-." dash-dot, "none" no line
	// (only markers).
	LineStyle string

	// Width is the line width in points (linewidth=); 0 means 1.5. The
	// figure has 100 pixels per inch and 72 points per inch, as
	// matplotlib's default dpi.
	Width float64

	// Marker is the marker drawn at each point (marker=): "" for none,
	// or one of "o" (circle), "." (point), "s" (square), "D" (diamond),
	// "d" (thin diamond), "^", "v", "<", ">" (triangles), "*" (star),
	// "x" and "+".
	Marker string

	// MarkerSize is the marker size in points (markersize=); 0 means 6.
	MarkerSize float64

	// MarkEvery draws a marker on every MarkEvery-th point only, starting
	// with the first (markevery=); 0 or 1 marks every point.
	MarkEvery int

	// ArrowScale is used by Axes.Arrows only. 0 scales the arrows
	// automatically, as plt.quiver does; a positive value draws the
	// vector (u, v) from (x, y) to (x+u/ArrowScale, y+v/ArrowScale) in
	// data units, as quiver(..., angles="xy", scale_units="xy",
	// scale=ArrowScale).
	ArrowScale float64
}

// Tab10 is matplotlib's default colour cycle ("tab10"): the colours that
// successive series of one Axes take when their Style has no Color.
var Tab10 = [10]string{
	"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
	"#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
}

var baseColors = map[string]string{
	"b": "#0000ff", "g": "#008000", "r": "#ff0000", "c": "#00bfbf",
	"m": "#bf00bf", "y": "#bfbf00", "k": "#000000", "w": "#ffffff",
}

var tabNames = []string{"blue", "orange", "green", "red", "purple", "brown", "pink", "gray", "olive", "cyan"}

// resolveColor turns a Style colour into the string written to the SVG.
// It returns "" for the empty colour.
func resolveColor(c string) string {
	c = strings.TrimSpace(c)
	if c == "" {
		return ""
	}
	if v, ok := baseColors[c]; ok {
		return v
	}
	if len(c) == 2 && c[0] == 'C' && c[1] >= '0' && c[1] <= '9' {
		return Tab10[c[1]-'0']
	}
	if name, ok := strings.CutPrefix(c, "tab:"); ok {
		for i, n := range tabNames {
			if n == name || (n == "gray" && name == "grey") {
				return Tab10[i]
			}
		}
	}
	if g, err := strconv.ParseFloat(c, 64); err == nil && g >= 0 && g <= 1 {
		v := int(math.Round(g * 255))
		return fmt.Sprintf("#%02x%02x%02x", v, v, v)
	}
	return c
}

// Fmt parses a matplotlib format string, the third argument of
// plt.plot(x, y, fmt), into a Style: a colour letter (b g r c m y k w or
// C0..C9), a marker (see Style.Marker) and a line style (- -- : -.) in any
// order, each at most once. As in matplotlib, a format with a marker and no
// line style draws markers only: Fmt("o") is Style{Marker: "o",
// LineStyle: "none"}, while Fmt("o-") also joins them with a line.
// Fmt("--b") is Style{LineStyle: "--", Color: "b"}.
//
// Fmt panics on a character it does not understand.
func Fmt(format string) Style {
	var s Style
	bad := func(what string) {
		panic(fmt.Sprintf("plot.Fmt: %s in format %q", what, format))
	}
	for i := 0; i < len(format); {
		rest := format[i:]
		switch {
		case strings.HasPrefix(rest, "--"), strings.HasPrefix(rest, "-."):
			if s.LineStyle != "" {
				bad("two line styles")
			}
			s.LineStyle = rest[:2]
			i += 2
		case rest[0] == '-' || rest[0] == ':':
			if s.LineStyle != "" {
				bad("two line styles")
			}
			s.LineStyle = rest[:1]
			i++
		case rest[0] == 'C' && len(rest) > 1 && rest[1] >= '0' && rest[1] <= '9':
			if s.Color != "" {
				bad("two colours")
			}
			s.Color = rest[:2]
			i += 2
		case strings.IndexByte("bgrcmykw", rest[0]) >= 0:
			if s.Color != "" {
				bad("two colours")
			}
			s.Color = rest[:1]
			i++
		case markerKnown(rest[:1]):
			if s.Marker != "" {
				bad("two markers")
			}
			s.Marker = rest[:1]
			i++
		default:
			bad(fmt.Sprintf("unknown character %q", rest[0]))
		}
	}
	if s.Marker != "" && s.LineStyle == "" {
		s.LineStyle = "none"
	}
	return s
}

func markerKnown(m string) bool {
	switch m {
	case "o", ".", "s", "D", "d", "^", "v", "<", ">", "*", "x", "+":
		return true
	}
	return false
}

// ptPx is the number of pixels in one point: 100 px per inch, 72 pt per
// inch, as matplotlib's default figure.dpi.
const ptPx = 100.0 / 72.0

// drawStyle is a Style resolved for drawing: pixels, a concrete colour.
type drawStyle struct {
	label      string
	color      string
	line       bool      // draw the line
	dash       []float64 // stroke-dasharray in px; nil for solid
	width      float64   // line width in px
	marker     string
	markerSize float64 // px
	markEvery  int
}

// dashPattern returns matplotlib's dash pattern for a line style, scaled by
// the line width (lines.scale_dashes), in px.
func dashPattern(ls string, widthPt float64) []float64 {
	var p []float64
	switch ls {
	case "--":
		p = []float64{3.7, 1.6}
	case ":":
		p = []float64{1, 1.65}
	case "-.":
		p = []float64{6.4, 1.6, 1, 1.6}
	default:
		return nil
	}
	for i := range p {
		p[i] *= widthPt * ptPx
	}
	return p
}

// resolve checks s and turns it into a drawStyle; op names the calling
// method in panics.
func (s Style) resolve(op string) drawStyle {
	d := drawStyle{label: s.Label, marker: s.Marker, markEvery: s.MarkEvery}
	if strings.HasPrefix(d.label, "_") {
		d.label = ""
	}
	switch s.LineStyle {
	case "", "-", "--", ":", "-.":
		d.line = true
	case "none", "None", " ":
	default:
		panic(fmt.Sprintf("%s: unknown line style %q (want \"-\", \"--\", \":\", \"-.\" or \"none\")", op, s.LineStyle))
	}
	if s.Marker != "" && !markerKnown(s.Marker) {
		panic(fmt.Sprintf("%s: unknown marker %q", op, s.Marker))
	}
	w := s.Width
	if w < 0 || math.IsNaN(w) || math.IsInf(w, 0) {
		panic(fmt.Sprintf("%s: bad line width %v", op, w))
	}
	if w == 0 {
		w = 1.5
	}
	d.width = w * ptPx
	d.dash = dashPattern(s.LineStyle, w)
	ms := s.MarkerSize
	if ms < 0 || math.IsNaN(ms) || math.IsInf(ms, 0) {
		panic(fmt.Sprintf("%s: bad marker size %v", op, ms))
	}
	if ms == 0 {
		ms = 6
	}
	d.markerSize = ms * ptPx
	if d.markEvery < 0 {
		panic(fmt.Sprintf("%s: negative MarkEvery %d", op, d.markEvery))
	}
	if d.markEvery == 0 {
		d.markEvery = 1
	}
	if s.ArrowScale < 0 || math.IsNaN(s.ArrowScale) || math.IsInf(s.ArrowScale, 0) {
		panic(fmt.Sprintf("%s: bad ArrowScale %v", op, s.ArrowScale))
	}
	d.color = resolveColor(s.Color)
	return d
}

// viridis holds nine evenly spaced colours of matplotlib's viridis colour
// map; viridisAt interpolates between them.
var viridis = [9][3]float64{
	{0x44, 0x01, 0x54}, {0x47, 0x2c, 0x7a}, {0x3b, 0x52, 0x8b},
	{0x2c, 0x72, 0x8e}, {0x21, 0x91, 0x8c}, {0x28, 0xae, 0x80},
	{0x5e, 0xc9, 0x62}, {0xad, 0xdc, 0x30}, {0xfd, 0xe7, 0x25},
}

// viridisAt returns the viridis colour at t in [0, 1] as "#rrggbb".
func viridisAt(t float64) string {
	if !(t > 0) {
		t = 0
	}
	if t > 1 {
		t = 1
	}
	f := t * 8
	i := int(f)
	if i >= 8 {
		i = 7
	}
	u := f - float64(i)
	var c [3]int
	for k := range 3 {
		c[k] = int(math.Round(viridis[i][k]*(1-u) + viridis[i+1][k]*u))
	}
	return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2])
}

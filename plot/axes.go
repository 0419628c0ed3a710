package plot

import (
	"fmt"
	"math"
	"slices"
)

// Axes is one plotting area of a Figure, with its x and y axes, ticks,
// labels, title and legend: matplotlib's Axes (what plt.subplot returns,
// and what the plt.* functions draw into).
//
// Series are drawn in the order they were added. Slices passed to the
// drawing methods are copied: changing them afterwards does not change the
// figure.
type Axes struct {
	fig    *Figure
	index  int
	hidden bool // Hide: the cell stays blank

	series []series

	xlim, ylim       [2]float64
	xlimSet, ylimSet bool

	xticks, yticks       []float64
	xticksSet, yticksSet bool

	xlabel, ylabel, title string

	legendLoc string
	legend    bool
	grid      bool

	lineCycle, patchCycle int

	// set by Image: y grows downwards, and a data unit has the same
	// length on both axes.
	invertY, equal bool
}

// series is something drawn in an Axes.
type series interface {
	// extend adds the series' data extent to e.
	extend(e *extent)
	// draw writes the series, in px through fr; the caller clips it.
	draw(s *svgBuf, fr *frame)
	// legendEntry returns the series' legend entry, if it has one.
	legendEntry() (legendEntry, bool)
	// avoid adds what a "best" legend should not cover.
	avoid(fr *frame, a *avoidSet)
}

type legendEntry struct {
	label string
	style drawStyle
	patch bool // a filled rectangle (histogram) rather than a line
}

// nextLineColor returns the colour for a line series: its own, or the
// next one of the line colour cycle.
func (a *Axes) nextLineColor(c string) string {
	if c != "" {
		return c
	}
	c = Tab10[a.lineCycle%len(Tab10)]
	a.lineCycle++
	return c
}

func (a *Axes) nextPatchColor(c string) string {
	if c != "" {
		return c
	}
	c = Tab10[a.patchCycle%len(Tab10)]
	a.patchCycle++
	return c
}

// xyFor checks the lengths of xs and ys for method op and returns copies;
// a nil xs means 0, 1, ..., len(ys)-1, as plt.plot(ys).
func xyFor(op string, xs, ys []float64) ([]float64, []float64) {
	if xs == nil {
		xs = make([]float64, len(ys))
		for i := range xs {
			xs[i] = float64(i)
		}
	} else if len(xs) != len(ys) {
		panic(fmt.Sprintf("%s: len(xs) = %d, len(ys) = %d", op, len(xs), len(ys)))
	}
	return slices.Clone(xs), slices.Clone(ys)
}

// Line draws the points (xs[i], ys[i]) joined by a line, as
// plt.plot(xs, ys): with s.Marker set, also a marker at each point; with
// s.LineStyle "none", markers only. A nil xs means 0, 1, ..., len(ys)-1,
// as plt.plot(ys). Points with a NaN or infinite coordinate are skipped
// and break the line, as in matplotlib. Line panics if xs is not nil and
// len(xs) != len(ys), or if s has an unknown line style or marker.
func (a *Axes) Line(xs, ys []float64, s Style) {
	xs, ys = xyFor("plot.Line", xs, ys)
	d := s.resolve("plot.Line")
	d.color = a.nextLineColor(d.color)
	a.series = append(a.series, &lineSeries{xs: xs, ys: ys, st: d})
}

// Points draws a marker at each point (xs[i], ys[i]) without a joining
// line, as plt.plot(xs, ys, "o") or plt.scatter with a single size and
// colour. The marker is s.Marker, "o" if empty; s.LineStyle is ignored.
// A nil xs means 0, 1, ..., len(ys)-1. Points panics if xs is not nil and
// len(xs) != len(ys), or on an unknown marker.
func (a *Axes) Points(xs, ys []float64, s Style) {
	xs, ys = xyFor("plot.Points", xs, ys)
	s.LineStyle = "none"
	if s.Marker == "" {
		s.Marker = "o"
	}
	d := s.resolve("plot.Points")
	d.color = a.nextLineColor(d.color)
	a.series = append(a.series, &lineSeries{xs: xs, ys: ys, st: d})
}

// Arrows draws an arrow from each point (xs[i], ys[i]) along the vector
// (us[i], vs[i]), as plt.quiver(xs, ys, us, vs, angles="xy"): the
// direction is taken in data coordinates, and with s.ArrowScale 0 the
// lengths are scaled as quiver's autoscale does (the mean arrow is about
// 1/(1.8·max(10, √n)) of the axes width). The colour is s.Color, black
// if empty (quiver's default); the other Style fields are ignored. Arrows
// with a NaN or infinite component are skipped; zero vectors are drawn as
// small dots. Arrows panics unless the four slices have the same length.
func (a *Axes) Arrows(xs, ys, us, vs []float64, s Style) {
	if len(xs) != len(ys) || len(xs) != len(us) || len(xs) != len(vs) {
		panic(fmt.Sprintf("plot.Arrows: len(xs) = %d, len(ys) = %d, len(us) = %d, len(vs) = %d",
			len(xs), len(ys), len(us), len(vs)))
	}
	d := s.resolve("plot.Arrows")
	if d.color == "" {
		d.color = "#000000"
	}
	a.series = append(a.series, &arrowSeries{
		xs: slices.Clone(xs), ys: slices.Clone(ys), us: slices.Clone(us), vs: slices.Clone(vs),
		scale: s.ArrowScale, st: d,
	})
}

// Hist draws a histogram of values with bins equal-width bins over
// [lo, hi], as plt.hist(values, bins, range=(lo, hi)), and returns the
// count in each bin. As in NumPy, the last bin includes hi, values outside
// [lo, hi] and NaNs are not counted. With lo == hi (for example 0, 0) the
// range is that of the finite values, as range=None. The bars take
// s.Color, or the next colour of the axes' patch cycle, and s.Label; the
// other Style fields are ignored. Hist panics if bins < 1 or lo > hi.
func (a *Axes) Hist(values []float64, bins int, lo, hi float64, s Style) []int {
	if bins < 1 {
		panic(fmt.Sprintf("plot.Hist: bins = %d, want at least 1", bins))
	}
	if lo > hi || math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		panic(fmt.Sprintf("plot.Hist: bad range [%v, %v]", lo, hi))
	}
	if lo == hi {
		lo, hi = math.Inf(1), math.Inf(-1)
		for _, v := range values {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		switch {
		case lo > hi: // no finite values
			lo, hi = 0, 1
		case lo == hi:
			lo, hi = lo-0.5, hi+0.5
		}
	}
	edges := make([]float64, bins+1)
	for i := range edges {
		edges[i] = lo + (hi-lo)*float64(i)/float64(bins)
	}
	edges[bins] = hi
	counts := make([]int, bins)
	norm := float64(bins) / (hi - lo)
	for _, v := range values {
		if !(v >= lo && v <= hi) {
			continue
		}
		// NumPy's binning: a first guess, corrected against the edges.
		k := min(int((v-lo)*norm), bins-1)
		if v < edges[k] {
			k--
		} else if k != bins-1 && v >= edges[k+1] {
			k++
		}
		counts[k]++
	}
	d := s.resolve("plot.Hist")
	d.color = a.nextPatchColor(d.color)
	a.series = append(a.series, &histSeries{edges: edges, counts: slices.Clone(counts), st: d})
	return counts
}

// Contour draws contour lines of z over the grid xs × ys, as
// plt.contour(X, Y, Z, levels) with X, Y = np.meshgrid(xs, ys): z holds
// len(ys) rows of len(xs) values, row-major, so z[j*len(xs)+i] is the
// value at (xs[i], ys[j]) (Z.flatten()). With levels nil, about seven
// levels are chosen inside the range of z, as matplotlib does. Lines are
// coloured by level with the viridis colour map, or all s.Color if set;
// s.Width and s.LineStyle apply, s.Label is ignored. Cells with a NaN
// corner are left out. As plt.contour, it sets the data extent to the
// grid exactly (no margins). Contour panics if len(z) != len(xs)*len(ys)
// or if xs or ys has fewer than 2 values.
func (a *Axes) Contour(xs, ys, z []float64, levels []float64, s Style) {
	if len(xs) < 2 || len(ys) < 2 || len(z) != len(xs)*len(ys) {
		panic(fmt.Sprintf("plot.Contour: len(xs) = %d, len(ys) = %d, len(z) = %d, want len(xs)*len(ys) with at least 2×2",
			len(xs), len(ys), len(z)))
	}
	d := s.resolve("plot.Contour")
	d.label = ""
	c := &contourSeries{xs: slices.Clone(xs), ys: slices.Clone(ys), st: d}
	if levels == nil {
		levels = autoLevels(z)
	}
	c.levels = slices.Clone(levels)
	slices.Sort(c.levels)
	c.lines = make([][][]pt, len(c.levels))
	for i, l := range c.levels {
		c.lines[i] = marchingSquares(c.xs, c.ys, z, l)
	}
	a.series = append(a.series, c)
}

// autoLevels chooses contour levels as matplotlib's contour does: the
// ticks of a MaxNLocator(8) over [min z, max z], keeping those strictly
// inside the range (or the minimum alone if none is).
func autoLevels(z []float64) []float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range z {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if lo > hi {
		return nil
	}
	var out []float64
	for _, t := range niceTicks(lo, hi, 8) {
		if t > lo && t < hi {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		out = []float64{lo}
	}
	return out
}

// SetXLim fixes the x-axis limits, as plt.xlim(lo, hi). Data outside is
// clipped. lo > hi makes the axis run right to left. It panics on a NaN or
// infinite limit or lo == hi.
func (a *Axes) SetXLim(lo, hi float64) {
	checkLim("plot.SetXLim", lo, hi)
	a.xlim, a.xlimSet = [2]float64{lo, hi}, true
}

// SetYLim fixes the y-axis limits, as plt.ylim(lo, hi). Data outside is
// clipped. lo > hi makes the axis run downwards. It panics on a NaN or
// infinite limit or lo == hi.
func (a *Axes) SetYLim(lo, hi float64) {
	checkLim("plot.SetYLim", lo, hi)
	a.ylim, a.ylimSet = [2]float64{lo, hi}, true
}

func checkLim(op string, lo, hi float64) {
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) || lo == hi {
		panic(fmt.Sprintf("%s: bad limits %v, %v", op, lo, hi))
	}
}

// SetXTicks puts the x-axis ticks at the given values instead of the
// automatic ones, as plt.xticks(ticks); labels are formatted the same way.
// With no values it removes the ticks and their labels, as
// plt.xticks([]).
func (a *Axes) SetXTicks(ticks ...float64) {
	a.xticks, a.xticksSet = sortedTicks(ticks), true
}

// SetYTicks puts the y-axis ticks at the given values, as
// plt.yticks(ticks); with no values it removes them, as plt.yticks([]).
func (a *Axes) SetYTicks(ticks ...float64) {
	a.yticks, a.yticksSet = sortedTicks(ticks), true
}

func sortedTicks(t []float64) []float64 {
	out := make([]float64, 0, len(t))
	for _, v := range t {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// SetXLabel sets the x-axis label, as plt.xlabel.
func (a *Axes) SetXLabel(label string) { a.xlabel = label }

// SetYLabel sets the y-axis label, written upwards, as plt.ylabel.
func (a *Axes) SetYLabel(label string) { a.ylabel = label }

// Hide leaves the axes' cell of the figure blank: nothing of it is drawn,
// as a cell of a subplot grid that the script never filled with
// fig.add_subplot (the last cells of the book's 4×8 grid of 30 filters).
func (a *Axes) Hide() { a.hidden = true }

// SetTitle sets the title above the axes, as plt.title.
func (a *Axes) SetTitle(title string) { a.title = title }

// Grid draws (on) or removes grid lines at the major ticks, as
// plt.grid(on).
func (a *Axes) Grid(on bool) { a.grid = on }

// legendLocs lists matplotlib's legend locations in the order of their
// codes 1..10, which is also the order "best" tries them in.
var legendLocs = []string{
	"upper right", "upper left", "lower left", "lower right", "right",
	"center left", "center right", "lower center", "upper center", "center",
}

// Legend draws a legend box listing the labelled series (Style.Label)
// with a sample of their line, marker or bar, as plt.legend(loc=loc).
// loc is one of "best" (or ""), "upper right", "upper left", "lower left",
// "lower right", "right", "center left", "center right", "lower center",
// "upper center", "center". "best" picks the first location, in that
// order, that covers the fewest data points and line segments. With no
// labelled series nothing is drawn. Legend panics on an unknown loc.
func (a *Axes) Legend(loc string) {
	if loc == "" {
		loc = "best"
	}
	if loc != "best" && !slices.Contains(legendLocs, loc) {
		panic(fmt.Sprintf("plot.Legend: unknown location %q", loc))
	}
	a.legend, a.legendLoc = true, loc
}

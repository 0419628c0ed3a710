package plot

import (
	"math"
	"strconv"
)

// pt is a point, in data units or px.
type pt struct{ x, y float64 }

func (p pt) finite() bool {
	return !math.IsNaN(p.x) && !math.IsNaN(p.y) && !math.IsInf(p.x, 0) && !math.IsInf(p.y, 0)
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// extent is the data range of an Axes' series, with matplotlib's "sticky
// edges": values that automatic margins may not cross (0 under a
// histogram, the border of an image or a contour grid).
type extent struct {
	x0, x1, y0, y1   float64
	hasX, hasY       bool
	stickyX, stickyY []float64
}

func (e *extent) addX(v float64) {
	if !finite(v) {
		return
	}
	if !e.hasX {
		e.x0, e.x1, e.hasX = v, v, true
		return
	}
	e.x0, e.x1 = math.Min(e.x0, v), math.Max(e.x1, v)
}

func (e *extent) addY(v float64) {
	if !finite(v) {
		return
	}
	if !e.hasY {
		e.y0, e.y1, e.hasY = v, v, true
		return
	}
	e.y0, e.y1 = math.Min(e.y0, v), math.Max(e.y1, v)
}

// autoscale returns view limits for data in [lo, hi]: 5% margins on both
// sides (axes.xmargin and ymargin), not crossing a sticky edge, widened
// around a single value as matplotlib's nonsingular does, and (0, 1) with
// no data at all.
func autoscale(lo, hi float64, has bool, sticky []float64) (float64, float64) {
	if !has {
		return 0, 1
	}
	m := 0.05 * (hi - lo)
	nlo, nhi := lo-m, hi+m
	for _, s := range sticky {
		if s <= lo && s > nlo {
			nlo = s
		}
		if s >= hi && s < nhi {
			nhi = s
		}
	}
	if nhi-nlo <= 1e-15*math.Max(math.Abs(nlo), math.Abs(nhi)) {
		if lo == 0 && hi == 0 {
			return -0.05, 0.05
		}
		return lo - 0.05*math.Abs(lo), hi + 0.05*math.Abs(hi)
	}
	return nlo, nhi
}

// frame maps data to px for one Axes and holds its ticks.
type frame struct {
	b                box     // the axes box in px
	x0, x1, y0, y1   float64 // view limits: x0 at the left, y0 at the bottom
	index            int
	xticks, yticks   []float64
	xlabels, ylabels []string
}

func (f *frame) px(x float64) float64 { return f.b.x + (x-f.x0)/(f.x1-f.x0)*f.b.w }
func (f *frame) py(y float64) float64 { return f.b.y + (f.y1-y)/(f.y1-f.y0)*f.b.h }
func (f *frame) p(x, y float64) pt    { return pt{f.px(x), f.py(y)} }

// frame computes the limits, box and ticks of a for the grid cell c.
func (a *Axes) frame(c box) *frame {
	var e extent
	for _, s := range a.series {
		s.extend(&e)
	}
	fr := &frame{b: c, index: a.index}
	if a.xlimSet {
		fr.x0, fr.x1 = a.xlim[0], a.xlim[1]
	} else {
		fr.x0, fr.x1 = autoscale(e.x0, e.x1, e.hasX, e.stickyX)
	}
	if a.ylimSet {
		fr.y0, fr.y1 = a.ylim[0], a.ylim[1]
	} else {
		fr.y0, fr.y1 = autoscale(e.y0, e.y1, e.hasY, e.stickyY)
		if a.invertY {
			fr.y0, fr.y1 = fr.y1, fr.y0
		}
	}
	if a.equal {
		// Shrink the box so that one data unit has the same length on
		// both axes, centred in the cell (adjustable="box", anchor "C").
		ratio := math.Abs(fr.x1-fr.x0) / math.Abs(fr.y1-fr.y0)
		if c.w/c.h > ratio {
			w := c.h * ratio
			fr.b.x, fr.b.w = c.x+(c.w-w)/2, w
		} else {
			h := c.w / ratio
			fr.b.y, fr.b.h = c.y+(c.h-h)/2, h
		}
	}
	fr.xticks = axisTicks(a.xticks, a.xticksSet, fr.x0, fr.x1, tickBins(fr.b.w, true))
	fr.yticks = axisTicks(a.yticks, a.yticksSet, fr.y0, fr.y1, tickBins(fr.b.h, false))
	fr.xlabels = formatTicks(fr.xticks)
	fr.ylabels = formatTicks(fr.yticks)
	return fr
}

// axisTicks returns the ticks to draw on an axis with limits lo, hi: the
// explicit ones that fall inside, or nice automatic ones.
func axisTicks(explicit []float64, set bool, lo, hi float64, bins int) []float64 {
	if lo > hi {
		lo, hi = hi, lo
	}
	if !set {
		return niceTicks(lo, hi, bins)
	}
	eps := (hi - lo) * 1e-10
	var out []float64
	for _, t := range explicit {
		if t >= lo-eps && t <= hi+eps {
			out = append(out, t)
		}
	}
	return out
}

// Sizes in px of matplotlib's default tick and label geometry.
var (
	tickLen    = 3.5 * ptPx // xtick.major.size
	tickPad    = 3.5 * ptPx // xtick.major.pad
	spineWidth = 0.8 * ptPx // axes.linewidth
	labelPad   = 4.0 * ptPx // axes.labelpad
	titlePad   = 6.0 * ptPx // axes.titlepad
)

// render writes the Axes: grid, series (clipped), spines, ticks, labels,
// title and legend.
func (a *Axes) render(s *svgBuf, fr *frame) {
	b := fr.b
	fs := tickFontPt * ptPx
	s.str("<g>\n")
	if a.grid && (len(fr.xticks) > 0 || len(fr.yticks) > 0) {
		var pb pathBuilder
		for _, t := range fr.xticks {
			x := fr.px(t)
			pb.moveTo(pt{x, b.y})
			pb.lineTo(pt{x, b.y + b.h})
		}
		for _, t := range fr.yticks {
			y := fr.py(t)
			pb.moveTo(pt{b.x, y})
			pb.lineTo(pt{b.x + b.w, y})
		}
		s.str("<path").attr("d", pb.String()).str(` fill="none" stroke="#b0b0b0"`).numAttr("stroke-width", spineWidth).str("/>\n")
	}
	if len(a.series) > 0 {
		s.str(`<g clip-path="url(#clip`).str(strconv.Itoa(fr.index)).str(`)">` + "\n")
		for _, ser := range a.series {
			ser.draw(s, fr)
		}
		s.str("</g>\n")
	}
	// Spines.
	s.str("<rect").numAttr("x", b.x).numAttr("y", b.y).numAttr("width", b.w).numAttr("height", b.h)
	s.str(` fill="none" stroke="#000000"`).numAttr("stroke-width", spineWidth).str(` stroke-linecap="square"/>` + "\n")
	// Tick marks.
	if len(fr.xticks)+len(fr.yticks) > 0 {
		var pb pathBuilder
		for _, t := range fr.xticks {
			x := fr.px(t)
			pb.moveTo(pt{x, b.y + b.h})
			pb.lineTo(pt{x, b.y + b.h + tickLen})
		}
		for _, t := range fr.yticks {
			y := fr.py(t)
			pb.moveTo(pt{b.x, y})
			pb.lineTo(pt{b.x - tickLen, y})
		}
		s.str("<path").attr("d", pb.String()).str(` stroke="#000000"`).numAttr("stroke-width", spineWidth).str("/>\n")
	}
	// Tick labels.
	if len(fr.xticks) > 0 {
		s.str(`<g text-anchor="middle">` + "\n")
		y := b.y + b.h + tickLen + tickPad + 0.76*fs
		for i, t := range fr.xticks {
			s.str("<text").numAttr("x", fr.px(t)).numAttr("y", y).str(">").text(fr.xlabels[i]).str("</text>\n")
		}
		s.str("</g>\n")
	}
	maxYLabel := 0.0
	if len(fr.yticks) > 0 {
		s.str(`<g text-anchor="end">` + "\n")
		x := b.x - tickLen - tickPad
		for i, t := range fr.yticks {
			s.str("<text").numAttr("x", x).numAttr("y", fr.py(t)+0.36*fs).str(">").text(fr.ylabels[i]).str("</text>\n")
			maxYLabel = math.Max(maxYLabel, textWidth(fr.ylabels[i], fs))
		}
		s.str("</g>\n")
	}
	lfs := labelFontPt * ptPx
	if a.xlabel != "" {
		top := b.y + b.h + labelPad
		if len(fr.xticks) > 0 {
			top += tickLen + tickPad + fs
		}
		s.str("<text").numAttr("x", b.x+b.w/2).numAttr("y", top+0.76*lfs).str(` text-anchor="middle">`)
		s.text(oneLine(a.xlabel)).str("</text>\n")
	}
	if a.ylabel != "" {
		right := b.x - labelPad
		if len(fr.yticks) > 0 {
			right -= tickLen + tickPad + maxYLabel
		}
		x, y := right-0.24*lfs, b.y+b.h/2
		s.str("<text").numAttr("x", x).numAttr("y", y).str(` text-anchor="middle" transform="rotate(-90 `)
		s.num(x).str(" ").num(y).str(`)">`).text(oneLine(a.ylabel)).str("</text>\n")
	}
	if a.title != "" {
		tfs := titleFontPt * ptPx
		s.str("<text").numAttr("x", b.x+b.w/2).numAttr("y", b.y-titlePad-0.24*tfs)
		s.str(` text-anchor="middle"`).numAttr("font-size", tfs).str(">")
		s.text(oneLine(a.title)).str("</text>\n")
	}
	if a.legend {
		a.drawLegend(s, fr)
	}
	s.str("</g>\n")
}

// avoidSet is what a "best" legend should not cover, in px.
type avoidSet struct {
	pts   []pt
	segs  [][2]pt
	rects []box
}

// legend geometry, in units of the legend font size (matplotlib's
// legend.* defaults).
const (
	legHandleLen  = 2.0
	legHandlePad  = 0.8
	legBorderPad  = 0.4
	legLabelSpace = 0.5
	legAxesPad    = 0.5
)

func (a *Axes) drawLegend(s *svgBuf, fr *frame) {
	var entries []legendEntry
	for _, ser := range a.series {
		if e, ok := ser.legendEntry(); ok {
			entries = append(entries, e)
		}
	}
	if len(entries) == 0 {
		return
	}
	fs := labelFontPt * ptPx
	textW := 0.0
	for _, e := range entries {
		textW = math.Max(textW, textWidth(oneLine(e.label), fs))
	}
	n := float64(len(entries))
	w := fs*(2*legBorderPad+legHandleLen+legHandlePad) + textW
	h := fs * (2*legBorderPad + n + (n-1)*legLabelSpace)
	loc := a.legendLoc
	if loc == "best" {
		loc = a.bestLoc(fr, w, h)
	}
	bx := legendBox(fr.b, loc, w, h, legAxesPad*fs)
	s.str("<g>\n<rect").numAttr("x", bx.x).numAttr("y", bx.y).numAttr("width", bx.w).numAttr("height", bx.h)
	s.numAttr("rx", 0.2*fs).str(` fill="#ffffff" fill-opacity="0.8" stroke="#cccccc"`).numAttr("stroke-width", ptPx).str("/>\n")
	for i, e := range entries {
		top := bx.y + fs*(legBorderPad+float64(i)*(1+legLabelSpace))
		cy := top + fs/2
		x0 := bx.x + fs*legBorderPad
		x1 := x0 + fs*legHandleLen
		st := e.style
		if e.patch {
			s.str("<rect").numAttr("x", x0).numAttr("y", cy-0.35*fs).numAttr("width", x1-x0).numAttr("height", 0.7*fs)
			s.attr("fill", st.color).str("/>\n")
		} else {
			if st.line {
				var pb pathBuilder
				pb.moveTo(pt{x0, cy})
				pb.lineTo(pt{x1, cy})
				writeStroke(s, pb.String(), st)
			}
			if st.marker != "" {
				writeMarkers(s, st, []pt{{(x0 + x1) / 2, cy}})
			}
		}
		s.str("<text").numAttr("x", x1+fs*legHandlePad).numAttr("y", cy+0.36*fs).str(">")
		s.text(oneLine(e.label)).str("</text>\n")
	}
	s.str("</g>\n")
}

// legendBox places a w × h legend at loc inside the axes box b, pad px
// from its edges.
func legendBox(b box, loc string, w, h, pad float64) box {
	x := b.x + (b.w-w)/2 // center
	y := b.y + (b.h-h)/2
	switch loc {
	case "upper right", "lower right", "right", "center right":
		x = b.x + b.w - pad - w
	case "upper left", "lower left", "center left":
		x = b.x + pad
	}
	switch loc {
	case "upper right", "upper left", "upper center":
		y = b.y + pad
	case "lower left", "lower right", "lower center":
		y = b.y + b.h - pad - h
	}
	return box{x, y, w, h}
}

// bestLoc returns the first legend location, in matplotlib's order, whose
// box covers the fewest data points, line segments and bars.
func (a *Axes) bestLoc(fr *frame, w, h float64) string {
	var av avoidSet
	for _, s := range a.series {
		s.avoid(fr, &av)
	}
	pad := legAxesPad * labelFontPt * ptPx
	best, bestBad := legendLocs[0], -1
	for _, loc := range legendLocs {
		bx := legendBox(fr.b, loc, w, h, pad)
		bad := 0
		for _, p := range av.pts {
			if p.x >= bx.x && p.x <= bx.x+bx.w && p.y >= bx.y && p.y <= bx.y+bx.h {
				bad++
			}
		}
		for _, sg := range av.segs {
			if _, _, ok := clipSeg(sg[0], sg[1], bx); ok {
				bad++
			}
		}
		for _, r := range av.rects {
			if r.x < bx.x+bx.w && r.x+r.w > bx.x && r.y < bx.y+bx.h && r.y+r.h > bx.y {
				bad++
			}
		}
		if bestBad < 0 || bad < bestBad {
			best, bestBad = loc, bad
		}
		if bad == 0 {
			break
		}
	}
	return best
}

// clipSeg clips the segment p–q to the box r (Liang–Barsky); ok is false
// when no part of it is inside.
func clipSeg(p, q pt, r box) (a, b pt, ok bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := q.x-p.x, q.y-p.y
	edge := func(num, den float64) bool { // keep t with den·t <= num
		if den == 0 {
			return num >= 0
		}
		t := num / den
		if den < 0 {
			if t > t1 {
				return false
			}
			t0 = math.Max(t0, t)
		} else {
			if t < t0 {
				return false
			}
			t1 = math.Min(t1, t)
		}
		return true
	}
	if !edge(p.x-r.x, -dx) || !edge(r.x+r.w-p.x, dx) || !edge(p.y-r.y, -dy) || !edge(r.y+r.h-p.y, dy) {
		return p, q, false
	}
	a, b = p, q
	if t0 > 0 {
		a = pt{p.x + t0*dx, p.y + t0*dy}
	}
	if t1 < 1 {
		b = pt{p.x + t1*dx, p.y + t1*dy}
	}
	return a, b, true
}

// grow returns b enlarged by d px on every side.
func (b box) grow(d float64) box { return box{b.x - d, b.y - d, b.w + 2*d, b.h + 2*d} }

func (b box) contains(p pt) bool {
	return p.x >= b.x && p.x <= b.x+b.w && p.y >= b.y && p.y <= b.y+b.h
}

// pathBuilder writes SVG path data with 2-decimal coordinates, dropping
// points that round to the previous one.
type pathBuilder struct {
	b      []byte
	last   pt
	lastM  int  // where the last M starts
	inLine bool // the previous command was L: more points need no letter
	drawn  bool // something was written after the last M
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func (p *pathBuilder) moveTo(q pt) {
	q = pt{round2(q.x), round2(q.y)}
	if len(p.b) > 0 && !p.drawn {
		// A move right after a move: drop the first one.
		p.b = p.b[:p.lastM]
	}
	p.lastM = len(p.b)
	p.b = append(p.b, 'M')
	p.b = appendNum(p.b, q.x)
	p.b = append(p.b, ' ')
	p.b = appendNum(p.b, q.y)
	p.last, p.inLine, p.drawn = q, false, false
}

func (p *pathBuilder) lineTo(q pt) {
	q = pt{round2(q.x), round2(q.y)}
	if q == p.last && p.drawn {
		return
	}
	if p.inLine {
		p.b = append(p.b, ' ')
	} else {
		p.b = append(p.b, 'L')
	}
	p.b = appendNum(p.b, q.x)
	p.b = append(p.b, ' ')
	p.b = appendNum(p.b, q.y)
	p.last, p.inLine, p.drawn = q, true, true
}

// close closes the current subpath.
func (p *pathBuilder) close() {
	p.b = append(p.b, 'Z')
	p.inLine, p.drawn = false, true
}

// raw appends path data as is (used for markers).
func (p *pathBuilder) raw(b []byte) {
	p.b = append(p.b, b...)
	p.inLine, p.drawn = false, true
}

// String returns the path data built so far.
func (p *pathBuilder) String() string {
	if len(p.b) > 0 && !p.drawn {
		p.b = p.b[:p.lastM] // a trailing lone move draws nothing
	}
	return string(p.b)
}

// polyline adds the finite runs of pts (px) to p, clipped to r: a
// non-finite point breaks the line, and so does leaving r. Each run is
// simplified: points closer than simplifyTol px to the line kept without
// them are dropped, as matplotlib's path simplification does.
func (p *pathBuilder) polyline(pts []pt, r box) {
	var run []pt
	flush := func() {
		if len(run) >= 2 {
			run = simplify(run, simplifyTol)
			p.moveTo(run[0])
			for _, q := range run[1:] {
				p.lineTo(q)
			}
		}
		run = run[:0]
	}
	have := false
	var last pt
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		if !a.finite() || !b.finite() {
			have = false
			continue
		}
		ca, cb, ok := clipSeg(a, b, r)
		if !ok {
			have = false
			continue
		}
		if !have || ca != last {
			flush()
			run = append(run, ca)
		}
		run = append(run, cb)
		last, have = cb, cb == b
	}
	flush()
}

// simplifyTol is the largest distance in px by which simplify may move a
// line: a tenth of a pixel does not show.
const simplifyTol = 0.1

// simplify returns the points of the polyline pts that the
// Douglas–Peucker algorithm keeps with tolerance tol: every dropped point
// lies within tol of the simplified line. It reuses pts.
func simplify(pts []pt, tol float64) []pt {
	n := len(pts)
	if n < 3 {
		return pts
	}
	keep := make([]bool, n)
	keep[0], keep[n-1] = true, true
	stack := [][2]int{{0, n - 1}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		far, idx := tol, -1
		for i := s[0] + 1; i < s[1]; i++ {
			if d := segDist(pts[i], pts[s[0]], pts[s[1]]); d > far {
				far, idx = d, i
			}
		}
		if idx >= 0 {
			keep[idx] = true
			stack = append(stack, [2]int{s[0], idx}, [2]int{idx, s[1]})
		}
	}
	out := pts[:0]
	for i, k := range keep {
		if k {
			out = append(out, pts[i])
		}
	}
	return out
}

// segDist is the distance from p to the segment a–b.
func segDist(p, a, b pt) float64 {
	dx, dy := b.x-a.x, b.y-a.y
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, ((p.x-a.x)*dx+(p.y-a.y)*dy)/l2))
	}
	return math.Hypot(p.x-(a.x+t*dx), p.y-(a.y+t*dy))
}

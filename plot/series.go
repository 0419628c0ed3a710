package plot

import "math"

// lineSeries is plt.plot: a polyline and/or markers.
type lineSeries struct {
	xs, ys []float64
	st     drawStyle
}

func (l *lineSeries) extend(e *extent) {
	for i := range l.xs {
		if finite(l.xs[i]) && finite(l.ys[i]) {
			e.addX(l.xs[i])
			e.addY(l.ys[i])
		}
	}
}

func (l *lineSeries) pixels(fr *frame) []pt {
	pts := make([]pt, len(l.xs))
	for i := range l.xs {
		pts[i] = fr.p(l.xs[i], l.ys[i])
	}
	return pts
}

func (l *lineSeries) draw(s *svgBuf, fr *frame) {
	pts := l.pixels(fr)
	if l.st.line {
		var pb pathBuilder
		pb.polyline(pts, fr.b.grow(l.st.width+2))
		writeStroke(s, pb.String(), l.st)
	}
	if l.st.marker != "" {
		r := fr.b.grow(l.st.markerSize)
		var mp []pt
		for i := 0; i < len(pts); i += l.st.markEvery {
			if pts[i].finite() && r.contains(pts[i]) {
				mp = append(mp, pts[i])
			}
		}
		writeMarkers(s, l.st, mp)
	}
}

func (l *lineSeries) legendEntry() (legendEntry, bool) {
	return legendEntry{label: l.st.label, style: l.st}, l.st.label != ""
}

func (l *lineSeries) avoid(fr *frame, a *avoidSet) {
	pts := l.pixels(fr)
	for i, p := range pts {
		if !p.finite() {
			continue
		}
		if fr.b.contains(p) {
			a.pts = append(a.pts, p)
		}
		if l.st.line && i > 0 && pts[i-1].finite() {
			a.segs = append(a.segs, [2]pt{pts[i-1], p})
		}
	}
}

// writeStroke writes path data d as a line in style st.
func writeStroke(s *svgBuf, d string, st drawStyle) {
	if d == "" {
		return
	}
	s.str("<path").attr("d", d).str(` fill="none"`).attr("stroke", st.color).numAttr("stroke-width", st.width)
	s.str(` stroke-linejoin="round"`)
	if st.dash != nil {
		s.str(` stroke-linecap="butt"`).attr("stroke-dasharray", dashAttr(st.dash))
	} else {
		s.str(` stroke-linecap="square"`)
	}
	s.str("/>\n")
}

// writeMarkers writes markers of style st at the px points pts as one path.
func writeMarkers(s *svgBuf, st drawStyle, pts []pt) {
	if len(pts) == 0 {
		return
	}
	var b []byte
	for _, p := range pts {
		b = appendMarker(b, st.marker, p, st.markerSize)
	}
	s.str("<path").attr("d", string(b))
	if st.marker == "x" || st.marker == "+" {
		s.str(` fill="none"`)
	} else {
		s.attr("fill", st.color)
	}
	s.attr("stroke", st.color).numAttr("stroke-width", ptPx).str("/>\n")
}

// appendMarker appends the path data of marker m of size ms px centred at
// c, with matplotlib's marker shapes.
func appendMarker(b []byte, m string, c pt, ms float64) []byte {
	h := ms / 2
	xy := func(b []byte, x, y float64) []byte {
		b = appendNum(b, x)
		b = append(b, ' ')
		return appendNum(b, y)
	}
	poly := func(b []byte, offs ...float64) []byte {
		for i := 0; i < len(offs); i += 2 {
			if i == 0 {
				b = append(b, 'M')
			} else if i == 2 {
				b = append(b, 'L')
			} else {
				b = append(b, ' ')
			}
			b = xy(b, c.x+offs[i], c.y+offs[i+1])
		}
		return append(b, 'Z')
	}
	switch m {
	case "o", ".":
		r := h
		if m == "." {
			r = ms / 4
		}
		b = append(b, 'M')
		b = xy(b, c.x-r, c.y)
		for _, d := range []float64{2 * r, -2 * r} {
			b = append(b, 'a')
			b = xy(b, r, r)
			b = append(b, " 0 1 0 "...)
			b = xy(b, d, 0)
		}
		return append(b, 'Z')
	case "s":
		return poly(b, -h, -h, h, -h, h, h, -h, h)
	case "D", "d":
		a := ms * math.Sqrt2 / 2
		w := a
		if m == "d" {
			w = 0.6 * a
		}
		return poly(b, 0, -a, w, 0, 0, a, -w, 0)
	case "^":
		return poly(b, 0, -h, h, h, -h, h)
	case "v":
		return poly(b, 0, h, -h, -h, h, -h)
	case "<":
		return poly(b, -h, 0, h, -h, h, h)
	case ">":
		return poly(b, h, 0, -h, h, -h, -h)
	case "*":
		offs := make([]float64, 0, 20)
		for k := range 10 {
			r := h
			if k%2 == 1 {
				r = h * 0.381966
			}
			ang := -math.Pi/2 + float64(k)*math.Pi/5
			offs = append(offs, r*math.Cos(ang), r*math.Sin(ang))
		}
		return poly(b, offs...)
	case "x":
		b = append(b, 'M')
		b = xy(b, c.x-h, c.y-h)
		b = append(b, 'L')
		b = xy(b, c.x+h, c.y+h)
		b = append(b, 'M')
		b = xy(b, c.x-h, c.y+h)
		b = append(b, 'L')
		return xy(b, c.x+h, c.y-h)
	case "+":
		b = append(b, 'M')
		b = xy(b, c.x-h, c.y)
		b = append(b, 'L')
		b = xy(b, c.x+h, c.y)
		b = append(b, 'M')
		b = xy(b, c.x, c.y-h)
		b = append(b, 'L')
		return xy(b, c.x, c.y+h)
	}
	return b
}

// histSeries is plt.hist: bars from 0 to the count of each bin.
type histSeries struct {
	edges  []float64
	counts []int
	st     drawStyle
}

func (h *histSeries) extend(e *extent) {
	e.addX(h.edges[0])
	e.addX(h.edges[len(h.edges)-1])
	e.addY(0)
	for _, c := range h.counts {
		e.addY(float64(c))
	}
	e.stickyY = append(e.stickyY, 0)
}

// bars returns the px rectangles of the non-empty bins.
func (h *histSeries) bars(fr *frame) []box {
	var out []box
	for i, c := range h.counts {
		if c == 0 {
			continue
		}
		x0, x1 := fr.px(h.edges[i]), fr.px(h.edges[i+1])
		y0, y1 := fr.py(0), fr.py(float64(c))
		out = append(out, box{math.Min(x0, x1), math.Min(y0, y1), math.Abs(x1 - x0), math.Abs(y1 - y0)})
	}
	return out
}

func (h *histSeries) draw(s *svgBuf, fr *frame) {
	r := fr.b.grow(2)
	var b []byte
	for _, bar := range h.bars(fr) {
		// Intersect with r, so that huge bars stay small numbers.
		x0, y0 := math.Max(bar.x, r.x), math.Max(bar.y, r.y)
		x1, y1 := math.Min(bar.x+bar.w, r.x+r.w), math.Min(bar.y+bar.h, r.y+r.h)
		if x1 <= x0 || y1 <= y0 {
			continue
		}
		b = append(b, 'M')
		b = appendNum(b, x0)
		b = append(b, ' ')
		b = appendNum(b, y0)
		b = append(b, 'H')
		b = appendNum(b, x1)
		b = append(b, 'V')
		b = appendNum(b, y1)
		b = append(b, 'H')
		b = appendNum(b, x0)
		b = append(b, 'Z')
	}
	if len(b) == 0 {
		return
	}
	s.str("<path").attr("d", string(b)).attr("fill", h.st.color).str("/>\n")
}

func (h *histSeries) legendEntry() (legendEntry, bool) {
	return legendEntry{label: h.st.label, style: h.st, patch: true}, h.st.label != ""
}

func (h *histSeries) avoid(fr *frame, a *avoidSet) {
	a.rects = append(a.rects, h.bars(fr)...)
}

// arrowSeries is plt.quiver.
type arrowSeries struct {
	xs, ys, us, vs []float64
	scale          float64
	st             drawStyle
}

func (q *arrowSeries) ok(i int) bool {
	return finite(q.xs[i]) && finite(q.ys[i]) && finite(q.us[i]) && finite(q.vs[i])
}

func (q *arrowSeries) extend(e *extent) {
	for i := range q.xs {
		if q.ok(i) {
			e.addX(q.xs[i])
			e.addY(q.ys[i])
		}
	}
}

// Quiver's default shape, in shaft widths: head width 3, head length 5,
// head axis length 4.5; arrows shorter than one head length shrink as a
// whole, and those shorter than one shaft width become dots.
const (
	qHeadWidth   = 3.0
	qHeadLength  = 5.0
	qHeadAxisLen = 4.5
)

func (q *arrowSeries) draw(s *svgBuf, fr *frame) {
	n := 0
	sum := 0.0
	for i := range q.xs {
		if q.ok(i) {
			n++
			sum += math.Hypot(q.us[i], q.vs[i])
		}
	}
	if n == 0 {
		return
	}
	sn := math.Max(10, math.Sqrt(float64(n)))
	w := 0.06 * fr.b.w / sn // shaft width in px
	mean := sum / float64(n)
	sx := fr.b.w / (fr.x1 - fr.x0)  // px per data unit, signed
	sy := -fr.b.h / (fr.y1 - fr.y0) // screen y grows downwards
	r := fr.b.grow(fr.b.w + fr.b.h)
	var b []byte
	for i := range q.xs {
		if !q.ok(i) {
			continue
		}
		tail := fr.p(q.xs[i], q.ys[i])
		if !tail.finite() || !r.contains(tail) {
			continue
		}
		dx, dy := q.us[i]*sx, q.vs[i]*sy
		var length float64
		if q.scale > 0 {
			length = math.Hypot(dx, dy) / q.scale
		} else if mean > 0 {
			length = math.Hypot(q.us[i], q.vs[i]) / (1.8 * mean * sn) * fr.b.w
		}
		norm := math.Hypot(dx, dy)
		if length < w || norm == 0 || !finite(length) {
			b = appendPolygon(b, tail, 1, 0, hexagon(w/2))
			continue
		}
		cos, sin := dx/norm, dy/norm
		lt := math.Max(length, qHeadLength*w)
		k := length / lt
		hw, sw := qHeadWidth*w/2, w/2
		shape := []float64{
			0, -sw, lt - qHeadAxisLen*w, -sw, lt - qHeadLength*w, -hw, lt, 0,
			lt - qHeadLength*w, hw, lt - qHeadAxisLen*w, sw, 0, sw,
		}
		for j := range shape {
			shape[j] *= k
		}
		b = appendPolygon(b, tail, cos, sin, shape)
	}
	if len(b) == 0 {
		return
	}
	s.str("<path").attr("d", string(b)).attr("fill", q.st.color).str("/>\n")
}

// hexagon returns the offsets of a regular hexagon of radius r.
func hexagon(r float64) []float64 {
	out := make([]float64, 0, 12)
	for k := range 6 {
		a := float64(k) * math.Pi / 3
		out = append(out, r*math.Cos(a), r*math.Sin(a))
	}
	return out
}

// appendPolygon appends the closed polygon with vertex offsets offs
// (x, y pairs), rotated by (cos, sin) and moved to c.
func appendPolygon(b []byte, c pt, cos, sin float64, offs []float64) []byte {
	for i := 0; i < len(offs); i += 2 {
		switch i {
		case 0:
			b = append(b, 'M')
		case 2:
			b = append(b, 'L')
		default:
			b = append(b, ' ')
		}
		x, y := offs[i], offs[i+1]
		b = appendNum(b, c.x+x*cos-y*sin)
		b = append(b, ' ')
		b = appendNum(b, c.y+x*sin+y*cos)
	}
	return append(b, 'Z')
}

func (q *arrowSeries) legendEntry() (legendEntry, bool) { return legendEntry{}, false }

func (q *arrowSeries) avoid(fr *frame, a *avoidSet) {
	for i := range q.xs {
		if q.ok(i) {
			if p := fr.p(q.xs[i], q.ys[i]); fr.b.contains(p) {
				a.pts = append(a.pts, p)
			}
		}
	}
}

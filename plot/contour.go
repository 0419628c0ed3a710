package plot

import "math"

// contourSeries is plt.contour: one set of polylines per level.
type contourSeries struct {
	xs, ys []float64
	levels []float64
	lines  [][][]pt // per level, polylines in data units
	st     drawStyle
}

func (c *contourSeries) extend(e *extent) {
	for _, x := range c.xs {
		e.addX(x)
	}
	for _, y := range c.ys {
		e.addY(y)
	}
	// contour autoscales tightly: the grid's border is sticky.
	e.stickyX = append(e.stickyX, minMax(c.xs)...)
	e.stickyY = append(e.stickyY, minMax(c.ys)...)
}

func minMax(v []float64) []float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range v {
		if finite(x) {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
	}
	if lo > hi {
		return nil
	}
	return []float64{lo, hi}
}

func (c *contourSeries) draw(s *svgBuf, fr *frame) {
	lo, hi := 0.0, 0.0
	if len(c.levels) > 0 {
		lo, hi = c.levels[0], c.levels[len(c.levels)-1]
	}
	r := fr.b.grow(c.st.width + 2)
	for i, lines := range c.lines {
		var pb pathBuilder
		for _, line := range lines {
			pts := make([]pt, len(line))
			for j, p := range line {
				pts[j] = fr.p(p.x, p.y)
			}
			pb.polyline(pts, r)
		}
		st := c.st
		if st.color == "" {
			t := 0.0
			if hi > lo {
				t = (c.levels[i] - lo) / (hi - lo)
			}
			st.color = viridisAt(t)
		}
		writeStroke(s, pb.String(), st)
	}
}

func (c *contourSeries) legendEntry() (legendEntry, bool) { return legendEntry{}, false }
func (c *contourSeries) avoid(*frame, *avoidSet)          {}

// marchingSquares returns the contour lines of z at level over the grid
// xs × ys (z row-major, len(ys) rows of len(xs)), as polylines in data
// units. Segments of neighbouring cells are joined into polylines; a closed
// line ends with its first point. Saddle cells are resolved with the mean
// of their corners. A corner counts as above the level when z > level.
func marchingSquares(xs, ys, z []float64, level float64) [][]pt {
	nx, ny := len(xs), len(ys)
	at := func(i, j int) float64 { return z[j*nx+i] }
	// Edge ids: 2·(j·nx+i) is the horizontal edge from (i,j) to (i+1,j),
	// 2·(j·nx+i)+1 the vertical edge from (i,j) to (i,j+1).
	hEdge := func(i, j int) int { return 2 * (j*nx + i) }
	vEdge := func(i, j int) int { return 2*(j*nx+i) + 1 }
	point := func(e int) pt {
		k := e / 2
		i, j := k%nx, k/nx
		za := at(i, j)
		if e%2 == 0 {
			zb := at(i+1, j)
			t := (level - za) / (zb - za)
			return pt{xs[i] + t*(xs[i+1]-xs[i]), ys[j]}
		}
		zb := at(i, j+1)
		t := (level - za) / (zb - za)
		return pt{xs[i], ys[j] + t*(ys[j+1]-ys[j])}
	}
	var segs [][2]int
	for j := 0; j < ny-1; j++ {
		for i := 0; i < nx-1; i++ {
			z0, z1, z2, z3 := at(i, j), at(i+1, j), at(i+1, j+1), at(i, j+1)
			if math.IsNaN(z0) || math.IsNaN(z1) || math.IsNaN(z2) || math.IsNaN(z3) {
				continue
			}
			a0, a1, a2, a3 := z0 > level, z1 > level, z2 > level, z3 > level
			bottom, right, top, left := hEdge(i, j), vEdge(i+1, j), hEdge(i, j+1), vEdge(i, j)
			var cross []int
			if a0 != a1 {
				cross = append(cross, bottom)
			}
			if a1 != a2 {
				cross = append(cross, right)
			}
			if a2 != a3 {
				cross = append(cross, top)
			}
			if a3 != a0 {
				cross = append(cross, left)
			}
			switch len(cross) {
			case 2:
				segs = append(segs, [2]int{cross[0], cross[1]})
			case 4: // saddle: a0 == a2 != a1 == a3
				if ((z0+z1+z2+z3)/4 > level) == a0 {
					// a0 and a2 are joined through the centre: cut off
					// the corners 1 and 3.
					segs = append(segs, [2]int{bottom, right}, [2]int{top, left})
				} else {
					segs = append(segs, [2]int{bottom, left}, [2]int{right, top})
				}
			}
		}
	}
	// Join segments that share an edge crossing. Every crossing belongs to
	// at most two segments (the two cells beside its edge).
	adj := make(map[int][2]int, 2*len(segs))
	for k, s := range segs {
		for _, e := range s {
			a, ok := adj[e]
			if !ok {
				a = [2]int{-1, -1}
			}
			if a[0] < 0 {
				a[0] = k
			} else {
				a[1] = k
			}
			adj[e] = a
		}
	}
	used := make([]bool, len(segs))
	// next returns the unused segment other than k at edge e, and the
	// edge at its far end.
	next := func(k, e int) (int, int) {
		a := adj[e]
		for _, m := range a {
			if m >= 0 && m != k && !used[m] {
				s := segs[m]
				if s[0] == e {
					return m, s[1]
				}
				return m, s[0]
			}
		}
		return -1, -1
	}
	var lines [][]pt
	for k := range segs {
		if used[k] {
			continue
		}
		used[k] = true
		// Walk backwards from the first end, then forwards from the other.
		var back []int
		for m, e := next(k, segs[k][0]); m >= 0; m, e = next(m, e) {
			used[m] = true
			back = append(back, e)
		}
		var fwd []int
		for m, e := next(k, segs[k][1]); m >= 0; m, e = next(m, e) {
			used[m] = true
			fwd = append(fwd, e)
		}
		line := make([]pt, 0, len(back)+len(fwd)+2)
		for i := len(back) - 1; i >= 0; i-- {
			line = append(line, point(back[i]))
		}
		line = append(line, point(segs[k][0]), point(segs[k][1]))
		for _, e := range fwd {
			line = append(line, point(e))
		}
		lines = append(lines, line)
	}
	return lines
}

package plot_test

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/plot"
	"github.com/google/go-cmp/cmp"
)

// node is a parsed XML element.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []node     `xml:",any"`
}

func (n *node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// all returns the elements named name in n's subtree, n included, in
// document order.
func (n *node) all(name string) []*node {
	var out []*node
	var walk func(m *node)
	walk = func(m *node) {
		if m.XMLName.Local == name {
			out = append(out, m)
		}
		for i := range m.Nodes {
			walk(&m.Nodes[i])
		}
	}
	walk(n)
	return out
}

// texts returns the contents of the text elements in n's subtree.
func (n *node) texts() []string {
	var out []string
	for _, t := range n.all("text") {
		out = append(out, t.Text)
	}
	return out
}

// render writes f and parses the result, failing t if it is not
// well-formed XML with an svg root.
func render(t *testing.T, f *plot.Figure) (*node, string) {
	t.Helper()
	var buf bytes.Buffer
	n, err := f.WriteTo(&buf)
	if err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	if n != int64(buf.Len()) {
		t.Errorf("WriteTo returned %d, wrote %d bytes", n, buf.Len())
	}
	var root node
	if err := xml.Unmarshal(buf.Bytes(), &root); err != nil {
		t.Fatalf("the SVG is not well-formed XML: %v\n%s", err, buf.String())
	}
	if root.XMLName.Local != "svg" || root.XMLName.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("root element is %v, want svg in the SVG namespace", root.XMLName)
	}
	return &root, buf.String()
}

// clipped returns the groups drawn through a clip path.
func clipped(root *node) []*node {
	var out []*node
	for _, g := range root.all("g") {
		if g.attr("clip-path") != "" {
			out = append(out, g)
		}
	}
	return out
}

func sigmoidData() (xs, ys []float64) {
	for i := range 100 {
		x := -5 + float64(i)*0.1
		xs = append(xs, x)
		ys = append(ys, 1/(1+math.Exp(-x)))
	}
	return xs, ys
}

func TestFigureStructure(t *testing.T) {
	xs, ys := sigmoidData()
	step := make([]float64, len(xs))
	for i, x := range xs {
		if x > 0 {
			step[i] = 1
		}
	}
	f := plot.New()
	ax := f.Axes()
	ax.Line(xs, ys, plot.Style{Label: "sigmoid"})
	ax.Line(xs, step, plot.Style{Label: "step", LineStyle: "--"})
	ax.Line(xs, xs, plot.Style{}) // no label: no legend entry
	ax.SetYLim(-0.1, 1.1)
	ax.SetXLabel("x")
	ax.SetYLabel("y")
	ax.SetTitle("activation functions")
	ax.Legend("upper left")
	root, _ := render(t, f)

	if got := root.attr("version"); got != "1.1" {
		t.Errorf("svg version = %q, want 1.1", got)
	}
	if w, h := root.attr("width"), root.attr("height"); w != "640" || h != "480" {
		t.Errorf("size = %s × %s, want 640 × 480", w, h)
	}
	clips := root.all("clipPath")
	if len(clips) != 1 || clips[0].attr("id") != "clip0" {
		t.Fatalf("clip paths: got %d, want one with id clip0", len(clips))
	}
	groups := clipped(root)
	if len(groups) != 1 || groups[0].attr("clip-path") != "url(#clip0)" {
		t.Fatalf("got %d clipped groups, want 1 using url(#clip0)", len(groups))
	}
	paths := groups[0].all("path")
	if len(paths) != 3 {
		t.Fatalf("got %d paths in the plot area, want one per series (3)", len(paths))
	}
	wantColors := []string{plot.Tab10[0], plot.Tab10[1], plot.Tab10[2]}
	for i, p := range paths {
		if got := p.attr("stroke"); got != wantColors[i] {
			t.Errorf("series %d stroke = %q, want %q", i, got, wantColors[i])
		}
	}
	if paths[0].attr("stroke-dasharray") != "" || paths[1].attr("stroke-dasharray") == "" {
		t.Errorf("dash arrays %q, %q: want only the second line dashed",
			paths[0].attr("stroke-dasharray"), paths[1].attr("stroke-dasharray"))
	}
	texts := root.texts()
	for _, want := range []string{"x", "y", "activation functions", "sigmoid", "step", "0.0", "0.2", "1.0", "-4", "-2", "0", "2", "4"} {
		if !contains(texts, want) {
			t.Errorf("no text %q in %q", want, texts)
		}
	}
	// The y ticks from the explicit limits: 0.0 .. 1.0 by 0.2; the x ticks
	// from the data with margins: -4 .. 4 by 2.
	if got := count(texts, "0.0", "0.2", "0.4", "0.6", "0.8", "1.0"); got != 6 {
		t.Errorf("found %d of the 6 y tick labels in %q", got, texts)
	}
	if contains(texts, "-6") || contains(texts, "6") || contains(texts, "1.2") {
		t.Errorf("tick labels outside the limits in %q", texts)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func count(list []string, want ...string) int {
	n := 0
	for _, w := range want {
		if contains(list, w) {
			n++
		}
	}
	return n
}

// legendTexts returns the texts of the legend group: the last group of the
// axes that holds a rect with fill-opacity.
func legend(root *node) *node {
	var found *node
	for _, g := range root.all("g") {
		for i := range g.Nodes {
			if g.Nodes[i].XMLName.Local == "rect" && g.Nodes[i].attr("fill-opacity") != "" {
				found = g
			}
		}
	}
	return found
}

func TestLegend(t *testing.T) {
	f := plot.New()
	ax := f.Axes()
	ax.Line([]float64{0, 1}, []float64{0, 1}, plot.Style{Label: "a", Marker: "o"})
	ax.Line([]float64{0, 1}, []float64{1, 0}, plot.Style{Label: "_hidden"})
	ax.Points([]float64{0.5}, []float64{0.5}, plot.Style{Label: "b", Marker: "s"})
	ax.Hist([]float64{0.1, 0.2}, 2, 0, 1, plot.Style{Label: "c"})
	ax.Legend("lower right")
	root, _ := render(t, f)
	lg := legend(root)
	if lg == nil {
		t.Fatal("no legend box")
	}
	if got, want := lg.texts(), []string{"a", "b", "c"}; !cmp.Equal(got, want) {
		t.Errorf("legend entries = %q, want %q", got, want)
	}
	// "a": a line and a circle marker; "b": a square marker only; "c": a bar.
	if got := len(lg.all("path")); got != 3 {
		t.Errorf("legend has %d paths, want 3 (line a, marker a, marker b)", got)
	}
	if got := len(lg.all("rect")); got != 2 {
		t.Errorf("legend has %d rects, want 2 (frame, bar sample)", got)
	}

	// No labelled series: no legend.
	f = plot.New()
	f.Axes().Line([]float64{0, 1}, []float64{0, 1}, plot.Style{})
	f.Axes().Legend("")
	root, _ = render(t, f)
	if legend(root) != nil {
		t.Error("a legend was drawn with no labelled series")
	}
}

// legendX returns the x of the legend frame for loc.
func legendX(t *testing.T, loc string, ys []float64) float64 {
	f := plot.New()
	ax := f.Axes()
	ax.Line(nil, ys, plot.Style{Label: "data"})
	ax.Legend(loc)
	root, _ := render(t, f)
	lg := legend(root)
	if lg == nil {
		t.Fatalf("%s: no legend", loc)
	}
	x, err := strconv.ParseFloat(lg.all("rect")[0].attr("x"), 64)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func TestLegendLocation(t *testing.T) {
	left := legendX(t, "upper left", []float64{0, 1})
	right := legendX(t, "upper right", []float64{0, 1})
	if !(left < 200 && right > 400) {
		t.Errorf("upper left at x = %v, upper right at x = %v", left, right)
	}
	// A rising line fills the upper right and the lower left: "best"
	// picks the upper left (the first free corner in matplotlib's order).
	if best := legendX(t, "best", []float64{0, 0.2, 0.4, 0.6, 0.8, 1}); best != left {
		t.Errorf("best for a rising line at x = %v, want upper left (%v)", best, left)
	}
	// A falling line leaves the upper right free.
	if best := legendX(t, "best", []float64{1, 0.8, 0.6, 0.4, 0.2, 0}); best != right {
		t.Errorf("best for a falling line at x = %v, want upper right (%v)", best, right)
	}
}

// moves counts the subpaths ("M" commands) of path data.
func moves(d string) int { return strings.Count(d, "M") }

func TestNaNBreaksLine(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name  string
		ys    []float64
		moves int // subpaths; 0: no path at all
	}{
		{"finite", []float64{0, 1, 2, 3}, 1},
		{"NaN in the middle", []float64{0, 1, nan, 2, 3}, 2},
		{"Inf in the middle", []float64{0, 1, inf, 2, 3}, 2},
		{"NaN first and last", []float64{nan, 1, 2, nan}, 1},
		{"isolated point", []float64{0, 1, nan, 2, nan, 3, 4}, 2},
		{"all NaN", []float64{nan, nan}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := plot.New()
			f.Axes().Line(nil, tc.ys, plot.Style{})
			root, out := render(t, f)
			if strings.Contains(out, "NaN") || strings.Contains(out, "Inf") {
				t.Errorf("NaN or Inf written to the SVG")
			}
			var paths []*node
			for _, g := range clipped(root) {
				paths = append(paths, g.all("path")...)
			}
			if tc.moves == 0 {
				if len(paths) != 0 {
					t.Errorf("got %d paths, want none", len(paths))
				}
				return
			}
			if len(paths) != 1 {
				t.Fatalf("got %d paths, want 1", len(paths))
			}
			if got := moves(paths[0].attr("d")); got != tc.moves {
				t.Errorf("path %q has %d subpaths, want %d", paths[0].attr("d"), got, tc.moves)
			}
		})
	}
	// The axis range ignores NaN and Inf: ticks for 0..3 end at 3.0.
	f := plot.New()
	f.Axes().Line(nil, []float64{0, 1, inf, nan, 3}, plot.Style{})
	root, _ := render(t, f)
	if texts := root.texts(); !contains(texts, "3.0") || contains(texts, "1e+308") {
		t.Errorf("tick labels %q: want a 0..3 range", texts)
	}
}

func TestEscaping(t *testing.T) {
	label := `a<b & c>d "q" 'x'`
	f := plot.New()
	ax := f.Axes()
	ax.Line([]float64{0, 1}, []float64{0, 1}, plot.Style{Label: label, Color: `red" onload="x`})
	ax.SetTitle(label)
	ax.SetXLabel("x\x00y\nz")
	ax.Legend("")
	f.SetTitle("日本語 <title>")
	root, out := render(t, f)
	if strings.Contains(out, "a<b") || strings.Contains(out, "\x00") {
		t.Error("unescaped text in the SVG")
	}
	texts := root.texts()
	for _, want := range []string{label, "x\uFFFDy z", "日本語 <title>"} {
		if !contains(texts, want) {
			t.Errorf("text %q not found in %q", want, texts)
		}
	}
	paths := clipped(root)[0].all("path")
	if got := paths[0].attr("stroke"); got != `red" onload="x` {
		t.Errorf("colour attribute = %q, want the colour string as given", got)
	}
}

func TestDeterministic(t *testing.T) {
	build := func() *plot.Figure {
		f := plot.NewGrid(1, 2)
		xs, ys := sigmoidData()
		f.Subplot(0).Line(xs, ys, plot.Style{Label: "s", Marker: "o", MarkEvery: 10})
		f.Subplot(0).Legend("")
		f.Subplot(1).Hist(ys, 10, 0, 1, plot.Style{})
		f.Subplot(1).Contour([]float64{0, 1, 2}, []float64{0, 1}, []float64{0, 1, 2, 1, 2, 3}, nil, plot.Style{})
		return f
	}
	f := build()
	var a, b, c bytes.Buffer
	f.WriteTo(&a)
	f.WriteTo(&b)
	build().WriteTo(&c)
	if !bytes.Equal(a.Bytes(), b.Bytes()) || !bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("two renders of the same figure differ")
	}
}

func TestClipping(t *testing.T) {
	f := plot.New()
	ax := f.Axes()
	ax.Line([]float64{0, 1, 2, 100, 1e300}, []float64{0, 1, 2, 100, 1e300}, plot.Style{Marker: "o"})
	ax.SetXLim(0, 1)
	ax.SetYLim(0, 1)
	root, _ := render(t, f)
	// Every coordinate stays near the axes box (80..576 × 57.6..422.4).
	for _, p := range clipped(root)[0].all("path") {
		for _, field := range strings.FieldsFunc(p.attr("d"), func(r rune) bool {
			return strings.ContainsRune("MLZaHV ", r)
		}) {
			v, err := strconv.ParseFloat(field, 64)
			if err != nil {
				t.Fatalf("bad number %q in %q", field, p.attr("d"))
			}
			if v < -20 || v > 600 {
				t.Errorf("coordinate %v far outside the axes in %q", v, p.attr("d"))
			}
		}
	}
	// Markers outside the limits are not written: only those at 0 and 1.
	circles := 0
	for _, p := range clipped(root)[0].all("path") {
		if p.attr("fill") != "" && p.attr("fill") != "none" {
			circles += strings.Count(p.attr("d"), "M")
		}
	}
	if circles != 2 {
		t.Errorf("%d markers written, want 2", circles)
	}
}

func TestSubplotsAndClipIDs(t *testing.T) {
	f := plot.NewGrid(2, 3)
	for i := range 6 {
		f.Subplot(i).Line(nil, []float64{0, float64(i)}, plot.Style{})
		f.Subplot(i).SetTitle("t" + strconv.Itoa(i))
	}
	root, _ := render(t, f)
	ids := map[string]bool{}
	for _, c := range root.all("clipPath") {
		ids[c.attr("id")] = true
	}
	groups := clipped(root)
	if len(ids) != 6 || len(groups) != 6 {
		t.Fatalf("%d clip paths and %d clipped groups, want 6 of each", len(ids), len(groups))
	}
	for _, g := range groups {
		id := strings.TrimSuffix(strings.TrimPrefix(g.attr("clip-path"), "url(#"), ")")
		if !ids[id] {
			t.Errorf("clip-path %q refers to no clipPath", g.attr("clip-path"))
		}
	}
	if got := count(root.texts(), "t0", "t1", "t2", "t3", "t4", "t5"); got != 6 {
		t.Errorf("found %d of 6 titles", got)
	}
}

func TestTicksGridAndHiding(t *testing.T) {
	f := plot.New()
	ax := f.Axes()
	ax.Line([]float64{0, 1}, []float64{0, 10}, plot.Style{})
	ax.SetXTicks()
	ax.SetYTicks(0, 5, 10, 20)
	ax.Grid(true)
	root, _ := render(t, f)
	if got, want := root.texts(), []string{"0", "5", "10"}; !cmp.Equal(got, want) {
		t.Errorf("tick labels = %q, want %q (no x ticks, y ticks inside the limits)", got, want)
	}
	grid := 0
	for _, p := range root.all("path") {
		if p.attr("stroke") == "#b0b0b0" {
			grid += moves(p.attr("d"))
		}
	}
	if grid != 3 {
		t.Errorf("%d grid lines, want 3", grid)
	}
}

func TestArrows(t *testing.T) {
	f := plot.New()
	ax := f.Axes()
	xs := []float64{0, 1, 2, 3}
	ax.Arrows(xs, []float64{0, 0, 0, 0}, []float64{1, 0, math.NaN(), -1}, []float64{0, 1, 0, 0}, plot.Style{Color: "#666666"})
	ax.Arrows([]float64{1}, []float64{1}, []float64{0}, []float64{0}, plot.Style{})
	root, _ := render(t, f)
	paths := clipped(root)[0].all("path")
	if len(paths) != 2 {
		t.Fatalf("got %d paths, want 2", len(paths))
	}
	if got := moves(paths[0].attr("d")); got != 3 {
		t.Errorf("%d arrows drawn, want 3 (the NaN one skipped)", got)
	}
	if paths[0].attr("fill") != "#666666" || paths[1].attr("fill") != "#000000" {
		t.Errorf("fills %q, %q; want #666666 and the default black", paths[0].attr("fill"), paths[1].attr("fill"))
	}
	// An arrow with a head has 7 vertices: M + L + 5 more pairs.
	first := strings.SplitAfter(paths[0].attr("d"), "Z")[0]
	if n := len(strings.Fields(strings.NewReplacer("M", " ", "L", " ", "Z", " ").Replace(first))); n != 14 {
		t.Errorf("first arrow %q has %d numbers, want 14", first, n)
	}
}

func TestHist(t *testing.T) {
	f := plot.New()
	ax := f.Axes()
	counts := ax.Hist([]float64{0, 0.1, 0.25, 0.5, 0.99, 1, 1.5, -0.1, math.NaN()}, 4, 0, 1, plot.Style{})
	if want := []int{2, 1, 1, 2}; !cmp.Equal(counts, want) {
		t.Errorf("counts = %v, want %v (last bin includes 1, out of range and NaN dropped)", counts, want)
	}
	// range=None: the data's range.
	counts = ax.Hist([]float64{1, 2, 3, 4}, 3, 0, 0, plot.Style{})
	if want := []int{1, 1, 2}; !cmp.Equal(counts, want) {
		t.Errorf("auto range counts = %v, want %v", counts, want)
	}
	root, _ := render(t, f)
	paths := clipped(root)[0].all("path")
	if len(paths) != 2 || paths[0].attr("fill") != plot.Tab10[0] || paths[1].attr("fill") != plot.Tab10[1] {
		t.Fatalf("want two bar paths filled with the first two cycle colours")
	}
	if got := moves(paths[0].attr("d")); got != 4 {
		t.Errorf("%d bars, want 4", got)
	}
	// The y axis starts at 0, without a margin below the bars.
	if texts := root.texts(); contains(texts, "-0.5") || !contains(texts, "0.0") {
		t.Errorf("tick labels %q: want the y axis to start at 0", texts)
	}
}

func TestColorCycle(t *testing.T) {
	f := plot.New()
	ax := f.Axes()
	ax.Line(nil, []float64{0, 1}, plot.Style{})
	ax.Line(nil, []float64{0, 2}, plot.Style{Color: "r"}) // does not advance the cycle
	ax.Line(nil, []float64{0, 3}, plot.Style{})
	ax.Line(nil, []float64{0, 4}, plot.Style{Color: "C5"})
	ax.Line(nil, []float64{0, 5}, plot.Style{Color: "0.8"})
	root, _ := render(t, f)
	var got []string
	for _, p := range clipped(root)[0].all("path") {
		got = append(got, p.attr("stroke"))
	}
	want := []string{"#1f77b4", "#ff0000", "#ff7f0e", "#8c564b", "#cccccc"}
	if !cmp.Equal(got, want) {
		t.Errorf("strokes = %q, want %q", got, want)
	}
}

func TestFmt(t *testing.T) {
	tests := []struct {
		format string
		want   plot.Style
	}{
		{"", plot.Style{}},
		{"--b", plot.Style{LineStyle: "--", Color: "b"}},
		{"o", plot.Style{Marker: "o", LineStyle: "none"}},
		{"o-", plot.Style{Marker: "o", LineStyle: "-"}},
		{"r:", plot.Style{Color: "r", LineStyle: ":"}},
		{"C3-.^", plot.Style{Color: "C3", LineStyle: "-.", Marker: "^"}},
		{"+", plot.Style{Marker: "+", LineStyle: "none"}},
	}
	for _, tc := range tests {
		if got := plot.Fmt(tc.format); got != tc.want {
			t.Errorf("Fmt(%q) = %+v, want %+v", tc.format, got, tc.want)
		}
	}
	for _, bad := range []string{"q", "--:", "bb", "oo"} {
		func() {
			defer func() {
				if r := recover(); r == nil {
					t.Errorf("Fmt(%q) did not panic", bad)
				}
			}()
			plot.Fmt(bad)
		}()
	}
}

func TestPanics(t *testing.T) {
	tests := []struct {
		name string
		f    func(ax *plot.Axes)
		want string
	}{
		{"Line lengths", func(ax *plot.Axes) { ax.Line([]float64{1, 2}, []float64{1}, plot.Style{}) }, "plot.Line: len(xs) = 2, len(ys) = 1"},
		{"Points lengths", func(ax *plot.Axes) { ax.Points([]float64{1}, []float64{}, plot.Style{}) }, "plot.Points: len(xs) = 1, len(ys) = 0"},
		{"Arrows lengths", func(ax *plot.Axes) {
			ax.Arrows([]float64{1}, []float64{1}, []float64{1, 2}, []float64{1}, plot.Style{})
		}, "plot.Arrows: len(xs) = 1, len(ys) = 1, len(us) = 2, len(vs) = 1"},
		{"Contour size", func(ax *plot.Axes) {
			ax.Contour([]float64{0, 1}, []float64{0, 1}, []float64{1, 2, 3}, nil, plot.Style{})
		}, "plot.Contour: len(xs) = 2, len(ys) = 2, len(z) = 3"},
		{"Hist bins", func(ax *plot.Axes) { ax.Hist(nil, 0, 0, 1, plot.Style{}) }, "plot.Hist: bins = 0"},
		{"line style", func(ax *plot.Axes) { ax.Line(nil, nil, plot.Style{LineStyle: "~"}) }, `plot.Line: unknown line style "~"`},
		{"marker", func(ax *plot.Axes) { ax.Line(nil, nil, plot.Style{Marker: "Q"}) }, `plot.Line: unknown marker "Q"`},
		{"legend loc", func(ax *plot.Axes) { ax.Legend("top") }, `plot.Legend: unknown location "top"`},
		{"xlim", func(ax *plot.Axes) { ax.SetXLim(1, 1) }, "plot.SetXLim: bad limits 1, 1"},
		{"ylim", func(ax *plot.Axes) { ax.SetYLim(0, math.NaN()) }, "plot.SetYLim: bad limits 0, NaN"},
		{"subplot", func(ax *plot.Axes) { plot.NewGrid(2, 2).Subplot(4) }, "plot.Subplot: index 4 out of range for a 2×2 grid"},
		{"grid", func(ax *plot.Axes) { plot.NewGrid(0, 2) }, "plot.NewGrid: bad grid 0×2"},
		{"gray", func(ax *plot.Axes) { plot.Gray([]byte{1, 2, 3}, 2, 2) }, "plot.Gray: len(pix) = 3, want w*h = 2×2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				r := recover()
				msg, _ := r.(string)
				if !strings.HasPrefix(msg, tc.want) {
					t.Errorf("panic = %v, want a message starting %q", r, tc.want)
				}
			}()
			tc.f(plot.New().Axes())
		})
	}
}

func TestSave(t *testing.T) {
	f := plot.New()
	f.Axes().Line(nil, []float64{1, 2, 3}, plot.Style{})
	dir := t.TempDir()
	path := filepath.Join(dir, "f.svg")
	if err := f.Save(path); err != nil {
		t.Fatalf("Save: %v", err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	f.WriteTo(&want)
	if !bytes.Equal(got, want.Bytes()) {
		t.Error("Save and WriteTo wrote different bytes")
	}
	if err := f.Save(filepath.Join(dir, "no", "such", "dir.svg")); err == nil {
		t.Error("Save into a missing directory returned no error")
	}
}

func TestImageEmbedded(t *testing.T) {
	f := plot.New()
	ax := f.Axes()
	ax.Image(plot.Gray([]float64{0, 1, 2, 3, 4, 5}, 3, 2))
	ax.SetXTicks()
	ax.SetYTicks()
	root, _ := render(t, f)
	imgs := root.all("image")
	if len(imgs) != 1 {
		t.Fatalf("got %d image elements, want 1", len(imgs))
	}
	href := imgs[0].attr("href")
	data, ok := strings.CutPrefix(href, "data:image/png;base64,")
	if !ok {
		t.Fatalf("href %.40q is not PNG data", href)
	}
	raw, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if b.Dx()%3 != 0 || b.Dx()/3 != b.Dy()/2 || b.Dx() < 3 {
		t.Errorf("embedded image is %v, want a whole multiple of 3×2", b)
	}
	// Square pixels: the shown image is 3:2.
	w, _ := strconv.ParseFloat(imgs[0].attr("width"), 64)
	h, _ := strconv.ParseFloat(imgs[0].attr("height"), 64)
	if math.Abs(w/h-1.5) > 0.01 {
		t.Errorf("image shown %v × %v, want aspect 3:2", w, h)
	}
}

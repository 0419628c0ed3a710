package plot_test

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/dlfs-go/dlfs/plot"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// sigStepFigure is ch03/sig_step_compare.py with a legend, labels and a
// title: lines, a dashed line, markers, ticks from explicit limits.
func sigStepFigure() *plot.Figure {
	var xs, sig, step []float64
	for i := range 100 {
		x := -5 + float64(i)*0.1
		xs = append(xs, x)
		sig = append(sig, 1/(1+math.Exp(-x)))
		s := 0.0
		if x > 0 {
			s = 1
		}
		step = append(step, s)
	}
	f := plot.New()
	ax := f.Axes()
	ax.Line(xs, sig, plot.Style{Label: "sigmoid", Marker: "o", MarkEvery: 10})
	ax.Line(xs, step, plot.Style{Label: "step", LineStyle: "--", Color: "k"})
	ax.SetYLim(-0.1, 1.1)
	ax.SetXLabel("x")
	ax.SetYLabel("y")
	ax.SetTitle("sigmoid & step")
	ax.Legend("")
	return f
}

// gridFigure uses the other kinds of series in a 2×2 grid: arrows
// (ch04/gradient_2d.py), a histogram (ch06), contour lines with a path
// (ch06/optimizer_compare_naive.py) and an image (ch07).
func gridFigure() *plot.Figure {
	f := plot.NewGrid(2, 2)
	f.SetTitle("plot kinds")

	ax := f.Subplot(0)
	var X, Y, U, V []float64
	for y := -2.0; y <= 2; y += 0.5 {
		for x := -2.0; x <= 2; x += 0.5 {
			X, Y, U, V = append(X, x), append(Y, y), append(U, -2*x), append(V, -2*y)
		}
	}
	ax.Arrows(X, Y, U, V, plot.Style{Color: "#666666"})
	ax.SetXLim(-2, 2)
	ax.SetYLim(-2, 2)
	ax.Grid(true)
	ax.SetTitle("quiver")

	ax = f.Subplot(1)
	var vals []float64
	for i := range 200 {
		vals = append(vals, math.Sin(float64(i)*0.37)*math.Cos(float64(i)*0.11))
	}
	ax.Hist(vals, 10, -1, 1, plot.Style{Label: "hist"})
	ax.SetTitle("hist")
	ax.SetYTicks()

	ax = f.Subplot(2)
	var xs, ys, z []float64
	for i := range 41 {
		xs = append(xs, -10+float64(i)*0.5)
	}
	for j := range 21 {
		ys = append(ys, -5+float64(j)*0.5)
	}
	for _, y := range ys {
		for _, x := range xs {
			z = append(z, x*x/20+y*y)
		}
	}
	ax.Contour(xs, ys, z, []float64{1, 3, 5, 7}, plot.Style{})
	ax.Line([]float64{-7, -5, -3, -1.5, -0.5}, []float64{2, -1.5, 1, -0.5, 0.2}, plot.Fmt("o-r"))
	ax.SetXLim(-10, 10)
	ax.SetYLim(-10, 10)
	ax.SetXLabel("x")
	ax.SetYLabel("y")

	ax = f.Subplot(3)
	pix := make([]float64, 25)
	for i := range pix {
		pix[i] = float64((i * 7) % 11)
	}
	ax.Image(plot.GrayR(pix, 5, 5))
	ax.SetXTicks()
	ax.SetYTicks()
	return f
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		file string
		fig  func() *plot.Figure
	}{
		{"sig_step.svg", sigStepFigure},
		{"grid.svg", gridFigure},
	} {
		t.Run(tc.file, func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := tc.fig().WriteTo(&buf); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tc.file)
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run Golden -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				got := filepath.Join(t.TempDir(), tc.file)
				os.WriteFile(got, buf.Bytes(), 0o644)
				t.Errorf("output differs from %s; new output in %s (go test -run Golden -update rewrites it)", path, got)
			}
		})
	}
}

package plot_test

import (
	"bufio"
	"bytes"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"

	"github.com/dlfs-go/dlfs/plot"
)

// The Go twin of ch03/sigmoid.py: plot the sigmoid function and save the
// figure as an SVG file.
func Example() {
	var xs, ys []float64
	for i := range 100 { // np.arange(-5.0, 5.0, 0.1)
		x := -5 + float64(i)*0.1
		xs = append(xs, x)
		ys = append(ys, 1/(1+math.Exp(-x)))
	}
	f := plot.New()
	ax := f.Axes()
	ax.Line(xs, ys, plot.Style{})
	ax.SetYLim(-0.1, 1.1)

	dir, err := os.MkdirTemp("", "plot")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "sigmoid.svg")
	if err := f.Save(path); err != nil {
		log.Fatal(err)
	}
	fmt.Println(filepath.Base(path))
	// Output: sigmoid.svg
}

// WriteTo writes the SVG document to any writer.
func ExampleFigure_WriteTo() {
	f := plot.New()
	f.Axes().Line(nil, []float64{3, 1, 2}, plot.Style{Label: "loss"})
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		log.Fatal(err)
	}
	sc := bufio.NewScanner(&buf)
	sc.Scan()
	fmt.Println(sc.Text())
	// Output: <?xml version="1.0" encoding="UTF-8" standalone="no"?>
}

// Subplots and histograms, as ch06/weight_init_activation_histogram.py:
// Hist returns the counts it draws.
func ExampleNewGrid() {
	f := plot.NewGrid(1, 2)
	for i, vals := range [][]float64{{0.1, 0.2, 0.25, 0.9}, {0.5, 0.5, 0.6, 1}} {
		ax := f.Subplot(i)
		ax.SetTitle(fmt.Sprintf("%d-layer", i+1))
		if i != 0 {
			ax.SetYTicks() // plt.yticks([], [])
		}
		fmt.Println(ax.Hist(vals, 4, 0, 1, plot.Style{}))
	}
	// Output:
	// [2 1 0 1]
	// [0 0 3 1]
}

// Fmt reads matplotlib's format strings.
func ExampleFmt() {
	fmt.Printf("%q %q %q\n", plot.Fmt("--b").LineStyle, plot.Fmt("--b").Color, plot.Fmt("--b").Marker)
	fmt.Printf("%q %q\n", plot.Fmt("o").Marker, plot.Fmt("o").LineStyle)
	// Output:
	// "--" "b" ""
	// "o" "none"
}

// Gray normalises values to 0..255 as plt.imshow(a, cmap="gray") does.
func ExampleGray() {
	img := plot.Gray([]float64{-1, 0, 1, 0.5}, 2, 2)
	fmt.Println(img.Bounds().Dx(), img.Bounds().Dy(), img.Pix)
	// Output: 2 2 [0 128 255 192]
}

// The Go twin of ch03/mnist_show.py writes the digit as a PNG file.
func ExampleSaveGrayPNG() {
	digit := make([]byte, 28*28) // an MNIST image, 0..255
	for i := range 28 {
		digit[i*28+14] = 255 // a "1"
	}
	dir, err := os.MkdirTemp("", "plot")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "digit.png")
	if err := plot.SaveGrayPNG(path, digit, 28, 28); err != nil {
		log.Fatal(err)
	}
	fmt.Println(filepath.Base(path))
	// Output: digit.png
}

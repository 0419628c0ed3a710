// Package plot draws the book's figures as SVG files, the way its scripts
// draw them with matplotlib: line plots, markers, histograms, arrow fields,
// contour lines and images, with automatic axis ranges, nice ticks, labels,
// titles, legends and subplot grids. It also writes grayscale PNG images
// (an MNIST digit, a grid of convolution filters) and reads PNG, JPEG and
// GIF pictures (ReadImage).
//
// The book's ch03/sigmoid.py
//
//	x = np.arange(-5.0, 5.0, 0.1)
//	plt.plot(x, sigmoid(x))
//	plt.ylim(-0.1, 1.1)
//	plt.show()
//
// becomes
//
//	xs, ys := ... // x and sigmoid(x), as []float64
//	f := plot.New()
//	ax := f.Axes()
//	ax.Line(xs, ys, plot.Style{})
//	ax.SetYLim(-0.1, 1.1)
//	if err := f.Save("sigmoid.svg"); err != nil {
//		log.Fatal(err)
//	}
//	fmt.Println("sigmoid.svg")
//
// The matplotlib equivalents:
//
//	plt.figure()                         New()
//	plt.figure(figsize=(w, h))           New(); f.SetSizeInches(w, h)
//	plt.subplot(r, c, i+1)               NewGrid(r, c); f.Subplot(i)
//	plt.subplots_adjust(...)             f.SetLayout(Layout{...})
//	plt.suptitle(t)                      f.SetTitle(t)
//	plt.savefig("f.svg")                 f.Save("f.svg"), f.WriteTo(w)
//	plt.plot(x, y, label=, color=,       ax.Line(x, y, Style{Label:, Color:,
//	         linestyle=, marker=)                LineStyle:, Marker:})
//	plt.plot(y)                          ax.Line(nil, y, Style{})
//	plt.plot(x, y, "--b")                ax.Line(x, y, Fmt("--b"))
//	plt.plot(x, y, "o")                  ax.Points(x, y, Style{}), ax.Line(x, y, Fmt("o"))
//	plt.quiver(X, Y, U, V, angles="xy")  ax.Arrows(X, Y, U, V, Style{})
//	plt.hist(a, bins, range=(lo, hi))    ax.Hist(a, bins, lo, hi, Style{})
//	plt.contour(X, Y, Z)                 ax.Contour(xs, ys, Z, nil, Style{})
//	img = imread("lena.png")             img, err := ReadImage("lena.png")
//	plt.imshow(img)                      ax.Image(img)
//	plt.imshow(a, cmap="gray")           ax.Image(Gray(a, w, h))
//	plt.imshow(a, cmap="gray_r")         ax.Image(GrayR(a, w, h))
//	plt.xlim(lo, hi), plt.ylim           ax.SetXLim(lo, hi), ax.SetYLim
//	plt.xlabel(s), plt.ylabel(s)         ax.SetXLabel(s), ax.SetYLabel(s)
//	plt.title(s)                         ax.SetTitle(s)
//	plt.legend(loc="lower right")        ax.Legend("lower right")
//	plt.grid()                           ax.Grid(true)
//	plt.xticks([]), plt.yticks([])       ax.SetXTicks(), ax.SetYTicks()
//	plt.xticks(ticks)                    ax.SetXTicks(ticks...)
//	Image.fromarray(a).save("a.png")     SaveGrayPNG("a.png", a, w, h)
//
// The figure follows matplotlib's default style: 640 × 480 px (6.4 × 4.8
// inches at 100 px per inch), DejaVu Sans 10 pt text, the tab10 colour
// cycle (Tab10), 1.5 pt lines, 5% margins around the data, and ticks
// chosen as matplotlib's AutoLocator chooses them (steps of 1, 2, 2.5 or 5
// times a power of ten), with labels that share one number of decimals.
// Sizes given in a Style (line width, marker size) are in points, as in
// matplotlib.
//
// The SVG output is SVG 1.1, with coordinates rounded to 2 decimals, and
// deterministic: the same figure always gives the same bytes. Data outside
// the axes limits is clipped; NaN and infinite values are skipped and
// break lines.
//
// Mismatched slice lengths and other programmer errors panic with a message
// naming the method and the lengths; Save and SavePNG return the errors of
// creating and writing the file, naming it. They write a temporary file in
// the target's folder and rename it over the target once it is complete,
// so a failed save leaves the previous file as it was; for this they use
// the project's internal/atomicfile, a helper that imports only the
// standard library (plot imports no other package of the project).
package plot

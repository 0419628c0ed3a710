// Package accfigure draws the figure the book's training scripts end with
// (ch06/overfit_*.py, ch07/train_convnet.py): the training and test
// accuracies of each epoch.
package accfigure

import "github.com/dlfs-go/dlfs/plot"

// Figure draws the training accuracy (marker "o", label "train") and the
// test accuracy (marker "s", label "test") of each epoch against
// np.arange(len), a marker every markEvery points, the axes labelled
// "epochs" and "accuracy", the y axis from 0 to 1 and the legend in the
// lower right corner.
func Figure(trainAcc, testAcc []float64, markEvery int) *plot.Figure {
	f := plot.New()
	ax := f.Axes()
	ax.Line(Epochs(len(trainAcc)), trainAcc, plot.Style{Label: "train", Marker: "o", MarkEvery: markEvery})
	ax.Line(Epochs(len(testAcc)), testAcc, plot.Style{Label: "test", Marker: "s", MarkEvery: markEvery})
	ax.SetXLabel("epochs")
	ax.SetYLabel("accuracy")
	ax.SetYLim(0, 1.0)
	ax.Legend("lower right")
	return f
}

// Epochs returns np.arange(n) as float64s, the figure's x values.
func Epochs(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = float64(i)
	}
	return x
}

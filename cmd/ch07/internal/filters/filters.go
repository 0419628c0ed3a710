// Package filters is what the book's chapter 7 filter scripts
// (ch07/visualize_filter.py, ch07/apply_filter.py) share: SimpleConvNet
// with the trained parameters of a params.pkl, and their filter_show, a
// grid of filters or images drawn with gray_r, nearest neighbours and no
// ticks.
package filters

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"

	"github.com/dlfs-go/dlfs/data/pickle"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/plot"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// WeightsFlag adds -weights, the params.pkl the scripts load.
func WeightsFlag(fs *flag.FlagSet) *string {
	return fs.String("weights", "params.pkl", "SimpleConvNet parameters saved by train_convnet (the book's ch07/params.pkl, or this project's twin's)")
}

// NewNet returns the book's SimpleConvNet() with its defaults, drawing its
// weights from g.
func NewNet(g *random.Generator) *nets.SimpleConvNet {
	return nets.NewSimpleConvNet([3]int{1, 28, 28}, nets.DefaultConvParam(), 100, 10, 0.01, g)
}

// Load loads the pickle at path into net, as network.load_params(path).
// A missing file is an error that says where the book keeps one.
func Load(net *nets.SimpleConvNet, path string) error {
	err := pickle.LoadParams(path, net)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("-weights: %w\nThe book's trained parameters are the file ch07/params.pkl of its code repository,\n"+
			"https://github.com/oreilly-japan/deep-learning-from-scratch; download it, or make one with go run ./cmd/ch07/train_convnet,\n"+
			"and pass its path with -weights", err)
	}
	if err != nil {
		return fmt.Errorf("-weights: %w", err)
	}
	return nil
}

// Show draws images (each h×w, row-major) as the scripts' filter_show
// draws its filters: fig.subplots_adjust(left=0, right=1, bottom=0,
// top=1, hspace=0.05, wspace=0.05), then for each image i
// fig.add_subplot(rows, cols, i+1, xticks=[], yticks=[]) and
// ax.imshow(image, cmap=plt.cm.gray_r, interpolation='nearest'). The
// cells after the last image stay blank.
func Show(images [][]float64, w, h, rows, cols int) *plot.Figure {
	f := plot.NewGrid(rows, cols)
	f.SetLayout(plot.Layout{Left: 0, Right: 1, Bottom: 0, Top: 1, WSpace: 0.05, HSpace: 0.05})
	for i := range rows * cols {
		ax := f.Subplot(i)
		if i >= len(images) {
			ax.Hide()
			continue
		}
		ax.Image(plot.GrayR(images[i], w, h))
		ax.SetXTicks()
		ax.SetYTicks()
	}
	return f
}

// FirstChannels returns filters[i, 0] of the first n filters of W (FN, C,
// FH, FW), each as FH·FW values.
func FirstChannels(w *tensor.Tensor, n int) [][]float64 {
	fn, c, fh, fw := w.Size(0), w.Size(1), w.Size(2), w.Size(3)
	out := make([][]float64, min(n, fn))
	for i := range out {
		off := i * c * fh * fw
		out[i] = w.Data()[off : off+fh*fw]
	}
	return out
}

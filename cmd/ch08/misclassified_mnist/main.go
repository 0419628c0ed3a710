// Command misclassified_mnist is the Go twin of the book's
// ch08/misclassified_mnist.py: the book's trained DeepConvNet
// (ch08/deep_convnet_params.pkl) classifies MNIST's 10000 test images in
// batches of 100 and prints its accuracy ("test accuracy:0.9797"); then
// the first 20 images it gets wrong are drawn in a 4×5 grid (gray_r, no
// ticks) and listed as the script's dict {view index: (label, inference),
// ...}.
//
// MNIST is read from -data, $MNIST_DIR, or the Go module proxy (see package
// data/mnist); the weights from -weights (the book's file is not shipped
// with this project); the figure goes to -o.
//
// Usage:
//
//	go run ./cmd/ch08/misclassified_mnist [-weights deep_convnet_params.pkl] [-data dir] [-o misclassified_mnist.svg]
package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/dlfs-go/dlfs/cmd/ch08/internal/deepweights"
	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/plot"
	"github.com/dlfs-go/dlfs/tensor"
)

func main() { cli.Main("misclassified_mnist", run) }

// The script's batch_size and max_view.
const (
	batchSize = nets.AccuracyBatch
	maxView   = 20
)

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("misclassified_mnist", stderr)
	weights := deepweights.Flag(fs)
	dataDir := cli.DataFlag(fs)
	figure := cli.FigureFlag(fs, "misclassified_mnist")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	net, err := deepweights.Load(*weights)
	if err != nil {
		return err
	}
	ds, err := mnist.LoadDefault(*dataDir, stderr)
	if err != nil {
		return err
	}
	n := ds.Test.N
	x, t := deepweights.TestImages(ds.Test, n)

	fmt.Fprintln(stdout, "calculating test accuracy ... ")
	// The script's loop: predictions of the whole batches of 100, and the
	// number right, over all the images.
	var classified []int
	correct := 0
	per := x.Len() / max(n, 1)
	for i := 0; i+batchSize <= n; i += batchSize {
		tx := tensor.New(x.Data()[i*per:(i+batchSize)*per], batchSize, 1, ds.Test.Rows, ds.Test.Cols)
		y := ops.ArgMaxRows(nil, net.Forward(tx, false))
		for k, p := range y {
			if p == int(t.Data()[i+k]) {
				correct++
			}
		}
		classified = append(classified, y...)
	}
	fmt.Fprintf(stdout, "test accuracy:%s\n", tensor.FormatFloat(float64(correct)/float64(n)))

	// The first maxView images it gets wrong, drawn as the script draws
	// them: fig.add_subplot(4, 5, view, xticks=[], yticks=[]) and
	// imshow(x.reshape(28, 28), cmap=gray_r, interpolation='nearest').
	f := plot.NewGrid(4, 5)
	f.SetLayout(plot.Layout{Left: 0, Right: 1, Bottom: 0, Top: 1, WSpace: 0.2, HSpace: 0.2})
	var pairs []string
	for i, p := range classified {
		label := int(t.Data()[i])
		if p == label {
			continue
		}
		view := len(pairs) + 1
		ax := f.Subplot(view - 1)
		ax.Image(plot.GrayR(x.Data()[i*per:(i+1)*per], ds.Test.Cols, ds.Test.Rows))
		ax.SetXTicks()
		ax.SetYTicks()
		pairs = append(pairs, fmt.Sprintf("%d: (%d, %d)", view, label, p))
		if view == maxView {
			break
		}
	}
	fmt.Fprintln(stdout, "======= misclassified result =======")
	fmt.Fprintln(stdout, "{view index: (label, inference), ...}")
	fmt.Fprintf(stdout, "{%s}\n", strings.Join(pairs, ", "))
	return cli.SaveFigure(stdout, f, *figure)
}

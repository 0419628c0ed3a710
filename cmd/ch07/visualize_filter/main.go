// Command visualize_filter is the Go twin of the book's
// ch07/visualize_filter.py: the 30 filters (5×5) of SimpleConvNet's first
// layer drawn in a 4×8 grid (gray_r, no ticks), first as initialised at
// random, then as trained (the parameters of -weights, a params.pkl such
// as the book's ch07/params.pkl or the one train_convnet saves): two
// figures, written to -o1 and -o2.
//
// With -seed 0 (the default) the random filters are those the script
// draws after np.random.seed(0) (the script itself draws unseeded). The
// -weights file is read before anything is drawn.
//
// Usage:
//
//	go run ./cmd/ch07/visualize_filter [-seed 0] [-weights params.pkl] [-o1 visualize_filter_1.svg] [-o2 visualize_filter_2.svg]
package main

import (
	"io"

	"github.com/dlfs-go/dlfs/cmd/ch07/internal/filters"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/random"
)

func main() { cli.Main("visualize_filter", run) }

// The script's filter_show(filters, nx=8): 30 filters in rows of 8.
const nx = 8

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("visualize_filter", stderr)
	seed := cli.SeedFlag(fs)
	weights := filters.WeightsFlag(fs)
	out1 := cli.OutputFlag(fs, "o1", "visualize_filter_1.svg", "SVG `file` for the first figure, the random filters")
	out2 := cli.OutputFlag(fs, "o2", "visualize_filter_2.svg", "SVG `file` for the second figure, the trained filters")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	net := filters.NewNet(random.New(*seed)) // network = SimpleConvNet()
	random := filters.FirstChannels(net.Conv1.W, net.Conv1.W.Size(0))
	// The random filters are copied before load_params overwrites W1, and
	// the file is read before anything is drawn.
	for i, f := range random {
		random[i] = append([]float64(nil), f...)
	}
	if err := filters.Load(net, *weights); err != nil {
		return err
	}
	fn, fh, fw := net.Conv1.W.Size(0), net.Conv1.W.Size(2), net.Conv1.W.Size(3)
	ny := (fn + nx - 1) / nx // int(np.ceil(FN / nx))
	if err := cli.SaveFigure(stdout, filters.Show(random, fw, fh, ny, nx), *out1); err != nil {
		return err
	}
	return cli.SaveFigure(stdout, filters.Show(filters.FirstChannels(net.Conv1.W, fn), fw, fh, ny, nx), *out2)
}

// Command neuralnet_mnist is the Go twin of the book's
// ch03/neuralnet_mnist.py: inference with the book's trained three-layer
// network (ch03/sample_weight.pkl) on the 10000 MNIST test images, one
// image at a time, printing the accuracy, Accuracy:0.9352.
//
// Usage:
//
//	go run ./cmd/ch03/neuralnet_mnist [-weights sample_weight.pkl] [-data dir]
package main

import (
	"fmt"
	"io"

	"github.com/dlfs-go/dlfs/cmd/ch03/internal/samplenet"
	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/tensor"
)

func main() { cli.Main("neuralnet_mnist", run) }

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("neuralnet_mnist", stderr)
	weights := fs.String("weights", "sample_weight.pkl", "the book's ch03/sample_weight.pkl")
	dataDir := cli.DataFlag(fs)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	// init_network, before get_data: a bad weights file is reported
	// before MNIST is read (or fetched).
	network, err := samplenet.Load(*weights)
	if err != nil {
		return err
	}
	// get_data: load_mnist(normalize=True, flatten=True, one_hot_label=False)
	ds, err := mnist.LoadDefault(*dataDir, stderr)
	if err != nil {
		return err
	}
	test := ds.Test
	x := tensor.Zeros(1, 784)
	accuracyCnt := 0
	for i := range test.N {
		test.ImagesInto(x, []int{i}, true)
		y := network.Predict(x.Reshape(784)) // x[i]
		if ops.ArgMaxAll(y) == test.Label(i) {
			accuracyCnt++
		}
	}
	fmt.Fprintf(stdout, "Accuracy:%s\n", tensor.FormatFloat(float64(accuracyCnt)/float64(test.N)))
	return nil
}

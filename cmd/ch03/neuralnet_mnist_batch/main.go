// Command neuralnet_mnist_batch is the Go twin of the book's
// ch03/neuralnet_mnist_batch.py: inference with the book's trained
// three-layer network (ch03/sample_weight.pkl) on the 10000 MNIST test
// images in batches of 100, printing the accuracy, Accuracy:0.9352, as
// the script does (it prints nothing per batch).
//
// Usage:
//
//	go run ./cmd/ch03/neuralnet_mnist_batch [-weights sample_weight.pkl] [-data dir] [-batch 100]
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

func main() { cli.Main("neuralnet_mnist_batch", run) }

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("neuralnet_mnist_batch", stderr)
	weights := fs.String("weights", "sample_weight.pkl", "the book's ch03/sample_weight.pkl")
	dataDir := cli.DataFlag(fs)
	batchSize := fs.Int("batch", 100, "batch size, 1 or more (a batch larger than the test set takes all of it)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *batchSize < 1 {
		return cli.Usagef("-batch %d must be at least 1", *batchSize)
	}
	// init_network, before get_data: a bad weights file is reported
	// before MNIST is read (or fetched).
	network, err := samplenet.Load(*weights)
	if err != nil {
		return err
	}
	ds, err := mnist.LoadDefault(*dataDir, stderr)
	if err != nil {
		return err
	}
	test := ds.Test
	accuracyCnt := 0
	var p []int
	for i := 0; i < test.N; i += *batchSize {
		idx := make([]int, min(*batchSize, test.N-i)) // x[i:i+batch_size]
		for j := range idx {
			idx[j] = i + j
		}
		xBatch, _ := test.Batch(idx, mnist.Options{Normalize: true, Flatten: true})
		yBatch := network.Predict(xBatch)
		p = ops.ArgMaxRows(p, yBatch)
		for j, c := range p {
			if c == test.Label(i+j) {
				accuracyCnt++
			}
		}
	}
	fmt.Fprintf(stdout, "Accuracy:%s\n", tensor.FormatFloat(float64(accuracyCnt)/float64(test.N)))
	return nil
}

// Package deepweights is what the book's chapter 8 scripts that use its
// trained DeepConvNet share: the network with ch08/deep_convnet_params.pkl
// loaded (network.load_params), and MNIST's test images as
// load_mnist(flatten=False) gives them.
package deepweights

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/data/pickle"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// DefaultPath is where the scripts read the weights from: their own folder.
const DefaultPath = "deep_convnet_params.pkl"

// Flag adds -weights, the path of the book's trained DeepConvNet weights.
func Flag(fs *flag.FlagSet) *string {
	return fs.String("weights", DefaultPath, "the book's trained DeepConvNet weights, ch08/deep_convnet_params.pkl (or a pickle of the same dict)")
}

// Load builds the book's DeepConvNet() and loads the pickle at path into
// it, as network.load_params(path). A missing file is an error that says
// where the book keeps it; a file of another network one that names the
// arrays and both shapes (pickle.LoadParams).
func Load(path string) (*nets.DeepConvNet, error) {
	// DeepConvNet() draws initial weights that load_params replaces: the
	// generator's seed does not matter.
	net := nets.NewDeepConvNet([3]int{1, 28, 28}, nets.DefaultDeepConvParams(), 50, 10, random.New(0))
	err := pickle.LoadParams(path, net)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("-weights: %w\nThe book's trained weights are the file ch08/deep_convnet_params.pkl of its code repository,\n"+
			"https://github.com/oreilly-japan/deep-learning-from-scratch; download it and pass its path with -weights", err)
	}
	if err != nil {
		return nil, fmt.Errorf("-weights: %w", err)
	}
	return net, nil
}

// TestImages returns the first n images of set as load_mnist(flatten=False)
// gives them, normalised, shaped (n, 1, 28, 28), and their labels as
// class indices (n,).
func TestImages(set *mnist.Set, n int) (x, t *tensor.Tensor) {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	x, t = tensor.Zeros(n, 1, set.Rows, set.Cols), tensor.Zeros(n)
	set.ImagesInto(x, idx, true)
	set.LabelsInto(t, idx, false)
	return x, t
}

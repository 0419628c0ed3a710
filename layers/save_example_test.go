package layers_test

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dlfs-go/dlfs/data/npy"
	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/loss"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// A network's parameters and Batch Normalization statistics saved as .npz
// under the book's names (what np.load(path).files lists), loaded into a
// new network of the same shape, and refused by a network of another
// shape.
func ExampleSaveNPZ() {
	dir, err := os.MkdirTemp("", "dlfs-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "params.npz")

	g := random.New(0)
	newNet := func(input int) *layers.Network {
		return layers.NewNetwork(loss.NewSoftmaxWithLoss(),
			layers.NewAffine(input, 3, g),
			layers.NewBatchNormalization(tensor.Ones(3), tensor.Zeros(3), 0.9),
			layers.NewReLU(),
			layers.NewAffine(3, 2, g),
		)
	}
	net := newNet(4)
	net.Loss(g.Randn(8, 4), tensor.Vector(0, 1, 0, 1, 0, 1, 0, 1)) // moves the running statistics
	if err := layers.SaveNPZ(path, net, false); err != nil {
		fmt.Println(err)
		return
	}

	arrays, err := npy.ReadNPZFile(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(slices.Sorted(maps.Keys(arrays)))

	loaded := newNet(4)
	if err := layers.LoadNPZ(path, loaded); err != nil {
		fmt.Println(err)
		return
	}
	x := g.Randn(2, 4)
	fmt.Println("same predictions:", slices.Equal(loaded.Predict(x).Data(), net.Predict(x).Data()))

	err = layers.Loader{IgnoreExtra: true}.LoadNPZ(path, newNet(5))
	fmt.Println(strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), ""))
	// Output:
	// [W1 W2 b1 b2 beta1 gamma1 running_mean1 running_var1]
	// same predictions: true
	// layers: params.npz does not fit the network: "W1" has shape (4,3) in the file, the network needs (5,3)
}

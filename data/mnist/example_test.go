package mnist_test

import (
	"fmt"
	"os"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/tensor"
)

// A Set built from bytes, converted as load_mnist(normalize=True,
// flatten=True, one_hot_label=True) would.
func ExampleSet_Batch() {
	// Two 2x2 images, row-major, and their labels.
	pixels := []byte{
		0, 51, 102, 255,
		255, 0, 0, 3,
	}
	s, err := mnist.NewSet(2, 2, pixels, []byte{7, 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	x, t := s.Batch([]int{1, 0}, mnist.Options{Normalize: true, Flatten: true, OneHotLabel: true})
	fmt.Println(x.Shape(), t.Shape())
	for i := range 2 {
		fmt.Printf("%.4f %v\n", x.Data()[i*4:(i+1)*4], t.Data()[i*10:(i+1)*10])
	}
	// Output:
	// [2 4] [2 10]
	// [1.0000 0.0000 0.0000 0.0118] [0 1 0 0 0 0 0 0 0 0]
	// [0.0000 0.2000 0.4000 1.0000] [0 0 0 0 0 0 0 1 0 0]
}

// Mini-batches converted into tensors kept between steps, without
// allocating.
func ExampleSet_ImagesInto() {
	s, err := mnist.NewSet(1, 3, []byte{0, 128, 255, 10, 20, 30, 40, 50, 60}, []byte{4, 2, 0})
	if err != nil {
		fmt.Println(err)
		return
	}
	x := tensor.Zeros(s.ImageShape(2, false)...) // (2, 1, 1, 3): not flattened
	t := tensor.Zeros(s.LabelShape(2, false)...) // (2,): class indices
	for _, batch := range [][]int{{0, 2}, {1, 1}} {
		s.ImagesInto(x, batch, false)
		s.LabelsInto(t, batch, false)
		fmt.Println(x.Shape(), x.Data(), t.Data())
	}
	// Output:
	// [2 1 1 3] [0 128 255 40 50 60] [4 0]
	// [2 1 1 3] [10 20 30 10 20 30] [2 2]
}

// The programs find MNIST through their -data flag, $MNIST_DIR or the Go
// module proxy, and convert mini-batches from bytes.
func ExampleLoadDefault() {
	dataDir := "" // the -data flag
	ds, err := mnist.LoadDefault(dataDir, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(ds.Train.N, ds.Test.N)
}

// For small scripts: the book's four arrays in one call.
func ExampleLoadMNIST() {
	xTrain, tTrain, xTest, tTest, err := mnist.LoadMNIST("", os.Stderr, mnist.DefaultOptions())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(xTrain.Shape(), tTrain.Shape(), xTest.Shape(), tTest.Shape())
}

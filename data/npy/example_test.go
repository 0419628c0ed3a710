package npy_test

import (
	"bytes"
	"fmt"
	"log"
	"slices"

	"github.com/dlfs-go/dlfs/data/npy"
	"github.com/dlfs-go/dlfs/tensor"
)

// Save a network's parameters to an .npz archive and load them back, as
// np.savez and np.load do. WriteNPZFile and ReadNPZFile do the same with a
// file.
func ExampleWriteNPZ() {
	params := map[string]*tensor.Tensor{
		"W1": tensor.FromRows([][]float64{{0.1, -0.2, 0.3}, {0.4, 0.5, -0.6}}),
		"b1": tensor.Vector(0.01, 0.02, 0.03),
	}
	var buf bytes.Buffer
	if err := npy.WriteNPZ(&buf, params, true); err != nil {
		log.Fatal(err)
	}

	loaded, err := npy.ReadNPZ(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		log.Fatal(err)
	}
	keys := make([]string, 0, len(loaded))
	for k := range loaded {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Printf("%s %v %.2f\n", k, loaded[k].Shape(), loaded[k].Data())
	}
	// Output:
	// W1 [2 3] [0.10 -0.20 0.30 0.40 0.50 -0.60]
	// b1 [3] [0.01 0.02 0.03]
}

// Write one array in .npy format and read it back, as np.save and np.load
// do.
func ExampleRead() {
	var buf bytes.Buffer
	if err := npy.Write(&buf, tensor.New([]float64{1, 2, 3, 4, 5, 6}, 2, 3)); err != nil {
		log.Fatal(err)
	}
	fmt.Println(buf.Len(), "bytes")
	fmt.Printf("%q\n", buf.Bytes()[:69])

	t, err := npy.Read(&buf)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(t)
	// Output:
	// 176 bytes
	// "\x93NUMPY\x01\x00v\x00{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"
	// [[1. 2. 3.]
	//  [4. 5. 6.]]
}

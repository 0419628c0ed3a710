package npy_test

import (
	"bytes"
	"errors"
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

// Limits bounds what a read may return; the package functions use the
// defaults (512 MiB per array, 1 GiB in all). An array over the limit is
// refused before its data is read, with an error wrapping ErrLimit.
func ExampleLimits() {
	var buf bytes.Buffer
	if err := npy.Write(&buf, tensor.Zeros(1000, 1000)); err != nil { // 8 MB
		log.Fatal(err)
	}
	in := buf.Bytes()

	small := npy.Limits{MaxArrayBytes: 1 << 20}
	_, err := small.Read(bytes.NewReader(in))
	fmt.Println(errors.Is(err, npy.ErrLimit))
	fmt.Println(err)

	t, err := npy.Read(bytes.NewReader(in))
	fmt.Println(t.Shape(), err)
	// Output:
	// true
	// npy: array too large: shape (1000, 1000) of <f8 needs 7.629 MiB as float64, more than the limit of 1 MiB per array (Limits.MaxArrayBytes)
	// [1000 1000] <nil>
}

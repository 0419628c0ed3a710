// Package samplenet is the three-layer network of the book's chapter 3
// inference scripts (ch03/neuralnet_mnist.py, neuralnet_mnist_batch.py),
// with the trained weights the book ships as ch03/sample_weight.pkl.
package samplenet

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/dlfs-go/dlfs/data/pickle"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/tensor"
)

// Network holds W1, b1, W2, b2, W3, b3 as loaded from the pickle (float32
// in the file, widened to float64).
type Network map[string]*tensor.Tensor

var names = []string{"W1", "b1", "W2", "b2", "W3", "b3"}

// Load reads the book's sample_weight.pkl (init_network in the scripts).
// The error says where the book keeps the file when it is missing.
func Load(path string) (Network, error) {
	w, err := pickle.ReadWeightsFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w\nThe book's trained weights are the file ch03/sample_weight.pkl of its code repository,\n"+
			"https://github.com/oreilly-japan/deep-learning-from-scratch; download it and pass its path with -weights", err)
	}
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		if _, ok := w[n]; !ok {
			return nil, fmt.Errorf("%s: no %s among the weights: not the book's sample_weight.pkl", path, n)
		}
	}
	if w["W1"].Dim() != 2 || w["W1"].Size(0) != 784 {
		return nil, fmt.Errorf("%s: W1 has shape %s, want (784, N): not the book's sample_weight.pkl",
			path, tensor.ShapeString(w["W1"].Shape()))
	}
	return Network(w), nil
}

// Predict is the scripts' predict: sigmoid, sigmoid, softmax over three
// affine layers. x is one image (784,) or a batch (N, 784). The
// computation is in float64; NumPy computes it in float32 because the
// weights are float32, and both give the book's accuracy, 0.9352.
func (n Network) Predict(x *tensor.Tensor) *tensor.Tensor {
	a1 := ops.Add(ops.MatMul(x, n["W1"]), n["b1"])
	z1 := ops.Sigmoid(a1)
	a2 := ops.Add(ops.MatMul(z1, n["W2"]), n["b2"])
	z2 := ops.Sigmoid(a2)
	a3 := ops.Add(ops.MatMul(z2, n["W3"]), n["b3"])
	return ops.Softmax(a3)
}

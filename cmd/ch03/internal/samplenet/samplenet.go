// Package samplenet is the three-layer network of the book's chapter 3
// inference scripts (ch03/neuralnet_mnist.py, neuralnet_mnist_batch.py),
// with the trained weights the book ships as ch03/sample_weight.pkl.
package samplenet

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

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
//
// Everything the file supplies is checked, so that Predict cannot fail on
// it: the file must hold W1, b1, W2, b2, W3 and b3 and nothing else, with
// shapes that chain from 784 inputs to 10 outputs through two hidden
// layers of any sizes a and b (the book's are 50 and 100): W1 (784, a),
// b1 (a,), W2 (a, b), b2 (b,), W3 (b, 10), b3 (10,). The error names the
// file, the array and the shape it has and should have.
func Load(path string) (Network, error) {
	w, err := pickle.ReadWeightsFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w\nThe book's trained weights are the file ch03/sample_weight.pkl of its code repository,\n"+
			"https://github.com/oreilly-japan/deep-learning-from-scratch; download it and pass its path with -weights", err)
	}
	if err != nil {
		return nil, err
	}
	if err := check(w); err != nil {
		return nil, fmt.Errorf("%s: %w: not the book's sample_weight.pkl", path, err)
	}
	return Network(w), nil
}

// check checks the names and the shapes of the weights.
func check(w map[string]*tensor.Tensor) error {
	for _, n := range names {
		if _, ok := w[n]; !ok {
			return fmt.Errorf("no %s among the weights", n)
		}
	}
	if len(w) != len(names) {
		var extra []string
		for k := range w {
			if !slices.Contains(names, k) {
				extra = append(extra, fmt.Sprintf("%q", k))
			}
		}
		slices.Sort(extra)
		return fmt.Errorf("unexpected entries %s among the weights (want only W1, b1, W2, b2, W3, b3)", strings.Join(extra, ", "))
	}
	// The hidden sizes are read from W1 and W2 once their rank is known.
	a, b := -1, -1
	if t := w["W1"]; t.Dim() == 2 {
		a = t.Size(1)
	}
	if t := w["W2"]; t.Dim() == 2 {
		b = t.Size(1)
	}
	want := []struct {
		name  string
		shape []int
		text  string // the wanted shape, in words for the unknown sizes
	}{
		{"W1", []int{784, a}, "(784, N) with N ≥ 1"},
		{"b1", []int{a}, fmt.Sprintf("(%d,) to match W1", a)},
		{"W2", []int{a, b}, fmt.Sprintf("(%d, N) with N ≥ 1 to match W1", a)},
		{"b2", []int{b}, fmt.Sprintf("(%d,) to match W2", b)},
		{"W3", []int{b, 10}, fmt.Sprintf("(%d, 10) to match W2", b)},
		{"b3", []int{10}, "(10,)"},
	}
	for _, c := range want {
		sh := w[c.name].Shape()
		if !slices.Equal(sh, c.shape) || slices.Contains(sh, 0) {
			return fmt.Errorf("%s has shape %s, want %s", c.name, tensor.ShapeString(sh), c.text)
		}
	}
	return nil
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

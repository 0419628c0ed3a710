// Package gates holds the perceptron logic gates of the book's chapter 2
// (ch02/and_gate.py, nand_gate.py, or_gate.py, xor_gate.py), shared by the
// twins of those scripts.
package gates

import (
	"fmt"
	"io"

	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/tensor"
)

// perceptron returns 1 if Σ w·x + b > 0, else 0, computed as the book
// does: tmp = np.sum(w*x) + b.
func perceptron(w0, w1, b float64, x1, x2 int) int {
	x := tensor.Vector(float64(x1), float64(x2))
	w := tensor.Vector(w0, w1)
	if ops.SumAll(ops.Mul(w, x))+b <= 0 {
		return 0
	}
	return 1
}

// AND is ch02/and_gate.py: w = (0.5, 0.5), b = -0.7.
func AND(x1, x2 int) int { return perceptron(0.5, 0.5, -0.7, x1, x2) }

// NAND is ch02/nand_gate.py: w = (-0.5, -0.5), b = 0.7.
func NAND(x1, x2 int) int { return perceptron(-0.5, -0.5, 0.7, x1, x2) }

// OR is ch02/or_gate.py: w = (0.5, 0.5), b = -0.2.
func OR(x1, x2 int) int { return perceptron(0.5, 0.5, -0.2, x1, x2) }

// XOR is ch02/xor_gate.py: a two-layer perceptron, AND(NAND(x), OR(x)).
func XOR(x1, x2 int) int { return AND(NAND(x1, x2), OR(x1, x2)) }

// PrintTable prints gate's truth table as the book's scripts do:
// "(0, 0) -> 0" and so on.
func PrintTable(w io.Writer, gate func(x1, x2 int) int) {
	for _, xs := range [][2]int{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
		fmt.Fprintf(w, "(%d, %d) -> %d\n", xs[0], xs[1], gate(xs[0], xs[1]))
	}
}

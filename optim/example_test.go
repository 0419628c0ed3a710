package optim_test

import (
	"fmt"

	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/tensor"
)

// The book's ch06/optimizer_compare_naive.py: each optimizer walks from
// (-7, 2) towards the minimum of f(x, y) = x²/20 + y² for 30 steps. The
// printed positions are those of the book's classes with NumPy 1.24.
func Example() {
	opts := []struct {
		name string
		lr   float64
	}{{"SGD", 0.95}, {"Momentum", 0.1}, {"AdaGrad", 1.5}, {"Adam", 0.3}}
	for _, o := range opts {
		opt, err := optim.New(o.name, o.lr)
		if err != nil {
			fmt.Println(err)
			return
		}
		x, y := tensor.Scalar(-7.0), tensor.Scalar(2.0)
		dx, dy := tensor.Scalar(0), tensor.Scalar(0)
		params := []layers.Param{{Name: "x", Value: x, Grad: dx}, {Name: "y", Value: y, Grad: dy}}
		for range 30 {
			dx.Data()[0], dy.Data()[0] = x.Item()/10.0, 2.0*y.Item()
			opt.Update(params)
		}
		fmt.Printf("%-8s (%.6f, %.6f)\n", o.name, x.Item(), y.Item())
	}
	// Output:
	// SGD      (-0.350393, 0.084782)
	// Momentum (0.896414, 0.088086)
	// AdaGrad  (-0.120162, 0.000000)
	// Adam     (0.136007, 0.318245)
}

func ExampleNew() {
	_, err := optim.New("adamw", 0.001)
	fmt.Println(err)
	// Output:
	// optim: unknown optimizer "adamw" (valid names: sgd, momentum, nesterov, adagrad, rmsprop, adam)
}

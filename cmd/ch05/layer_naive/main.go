// Command layer_naive is the Go twin of the book's ch05/layer_naive.py,
// which defines the MulLayer and AddLayer classes and prints nothing. In
// Go they are layers.MulLayer and layers.AddLayer; this program runs one
// forward and backward pass through each, as buy_apple_orange does, and,
// like the Python module, prints nothing.
//
// Usage:
//
//	go run ./cmd/ch05/layer_naive
package main

import (
	"fmt"
	"io"

	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/layers"
)

func main() { cli.Main("layer_naive", run) }

func run(args []string, stdout, stderr io.Writer) error {
	if err := cli.Parse(cli.FlagSet("layer_naive", stderr), args); err != nil {
		return err
	}
	var mul layers.MulLayer
	var add layers.AddLayer
	out := add.Forward(mul.Forward(2, 3), 4)
	dx, dy := mul.Backward(1)
	da, db := add.Backward(1)
	if out != 10 || dx != 3 || dy != 2 || da != 1 || db != 1 {
		return fmt.Errorf("MulLayer/AddLayer self-check failed: %v %v %v %v %v", out, dx, dy, da, db)
	}
	return nil
}

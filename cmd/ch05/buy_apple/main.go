// Command buy_apple is the Go twin of the book's ch05/buy_apple.py: the
// price of two apples with tax as a computational graph of MulLayers, and
// its backward pass.
//
// Usage:
//
//	go run ./cmd/ch05/buy_apple
package main

import (
	"fmt"
	"io"

	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/tensor"
)

func main() { cli.Main("buy_apple", run) }

func run(args []string, stdout, stderr io.Writer) error {
	if err := cli.Parse(cli.FlagSet("buy_apple", stderr), args); err != nil {
		return err
	}
	apple, appleNum, tax := 100.0, 2.0, 1.1
	var mulApple, mulTax layers.MulLayer

	// forward
	applePrice := mulApple.Forward(apple, appleNum)
	price := mulTax.Forward(applePrice, tax)

	// backward
	dprice := 1.0
	dApplePrice, dTax := mulTax.Backward(dprice)
	dApple, dAppleNum := mulApple.Backward(dApplePrice)

	// The script prints int(price), int(dapple_num), and dtax, which is a
	// Python int (1 * 200) there.
	fmt.Fprintln(stdout, "price:", int(price))
	fmt.Fprintln(stdout, "dApple:", tensor.FormatFloat(dApple))
	fmt.Fprintln(stdout, "dApple_num:", int(dAppleNum))
	fmt.Fprintln(stdout, "dTax:", int(dTax))
	return nil
}

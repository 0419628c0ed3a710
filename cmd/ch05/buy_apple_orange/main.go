// Command buy_apple_orange is the Go twin of the book's
// ch05/buy_apple_orange.py: apples and oranges with tax as a computational
// graph of MulLayers and an AddLayer, and its backward pass.
//
// Usage:
//
//	go run ./cmd/ch05/buy_apple_orange
package main

import (
	"fmt"
	"io"

	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/tensor"
)

func main() { cli.Main("buy_apple_orange", run) }

func run(args []string, stdout, stderr io.Writer) error {
	if err := cli.Parse(cli.FlagSet("buy_apple_orange", stderr), args); err != nil {
		return err
	}
	apple, appleNum := 100.0, 2.0
	orange, orangeNum := 150.0, 3.0
	tax := 1.1

	var mulApple, mulOrange, mulTax layers.MulLayer
	var addAppleOrange layers.AddLayer

	// forward
	applePrice := mulApple.Forward(apple, appleNum)             // (1)
	orangePrice := mulOrange.Forward(orange, orangeNum)         // (2)
	allPrice := addAppleOrange.Forward(applePrice, orangePrice) // (3)
	price := mulTax.Forward(allPrice, tax)                      // (4)

	// backward
	dprice := 1.0
	dAllPrice, dTax := mulTax.Backward(dprice)                      // (4)
	dApplePrice, dOrangePrice := addAppleOrange.Backward(dAllPrice) // (3)
	dOrange, dOrangeNum := mulOrange.Backward(dOrangePrice)         // (2)
	dApple, dAppleNum := mulApple.Backward(dApplePrice)             // (1)

	// int(...) where the script converts; dtax is a Python int (1 * 650).
	fmt.Fprintln(stdout, "price:", int(price))
	fmt.Fprintln(stdout, "dApple:", tensor.FormatFloat(dApple))
	fmt.Fprintln(stdout, "dApple_num:", int(dAppleNum))
	fmt.Fprintln(stdout, "dOrange:", tensor.FormatFloat(dOrange))
	fmt.Fprintln(stdout, "dOrange_num:", int(dOrangeNum))
	fmt.Fprintln(stdout, "dTax:", int(dTax))
	return nil
}

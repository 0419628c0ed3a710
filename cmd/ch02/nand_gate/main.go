// Command nand_gate is the Go twin of the book's ch02/nand_gate.py: it
// prints the truth table of the NAND gate built from perceptrons.
//
// Usage:
//
//	go run ./cmd/ch02/nand_gate
package main

import (
	"io"

	"github.com/dlfs-go/dlfs/cmd/ch02/internal/gates"
	"github.com/dlfs-go/dlfs/internal/cli"
)

func main() { cli.Main("nand_gate", run) }

func run(args []string, stdout, stderr io.Writer) error {
	if err := cli.Parse(cli.FlagSet("nand_gate", stderr), args); err != nil {
		return err
	}
	gates.PrintTable(stdout, gates.NAND)
	return nil
}

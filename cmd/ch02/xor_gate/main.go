// Command xor_gate is the Go twin of the book's ch02/xor_gate.py: it
// prints the truth table of the XOR gate built from perceptrons.
//
// Usage:
//
//	go run ./cmd/ch02/xor_gate
package main

import (
	"io"

	"github.com/dlfs-go/dlfs/cmd/ch02/internal/gates"
	"github.com/dlfs-go/dlfs/internal/cli"
)

func main() { cli.Main("xor_gate", run) }

func run(args []string, stdout, stderr io.Writer) error {
	if err := cli.Parse(cli.FlagSet("xor_gate", stderr), args); err != nil {
		return err
	}
	gates.PrintTable(stdout, gates.XOR)
	return nil
}

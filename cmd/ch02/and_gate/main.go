// Command and_gate is the Go twin of the book's ch02/and_gate.py: it
// prints the truth table of the AND gate built from perceptrons.
//
// Usage:
//
//	go run ./cmd/ch02/and_gate
package main

import (
	"io"

	"github.com/dlfs-go/dlfs/cmd/ch02/internal/gates"
	"github.com/dlfs-go/dlfs/internal/cli"
)

func main() { cli.Main("and_gate", run) }

func run(args []string, stdout, stderr io.Writer) error {
	if err := cli.Parse(cli.FlagSet("and_gate", stderr), args); err != nil {
		return err
	}
	gates.PrintTable(stdout, gates.AND)
	return nil
}

// Command hungry is the Go twin of the book's ch01/hungry.py, the book's
// first program: it prints "I'm hungry!".
//
// Usage:
//
//	go run ./cmd/ch01/hungry
package main

import (
	"fmt"
	"io"

	"github.com/dlfs-go/dlfs/internal/cli"
)

func main() { cli.Main("hungry", run) }

func run(args []string, stdout, stderr io.Writer) error {
	if err := cli.Parse(cli.FlagSet("hungry", stderr), args); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "I'm hungry!") // print("I'm hungry!")
	return nil
}

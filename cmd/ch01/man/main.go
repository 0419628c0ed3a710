// Command man is the Go twin of the book's ch01/man.py, the book's first
// class: a Man named David is created ("Initilized!", with the book's
// spelling), says hello and says good-bye.
//
// Usage:
//
//	go run ./cmd/ch01/man
package main

import (
	"fmt"
	"io"

	"github.com/dlfs-go/dlfs/internal/cli"
)

func main() { cli.Main("man", run) }

func run(args []string, stdout, stderr io.Writer) error {
	if err := cli.Parse(cli.FlagSet("man", stderr), args); err != nil {
		return err
	}
	m := NewMan(stdout, "David")
	m.Hello()
	m.Goodbye()
	return nil
}

// Man is ch01/man.py's class Man (サンプルクラス, "a sample class"): a
// name, and methods that print greetings with it.
type Man struct {
	Name string
	out  io.Writer
}

// NewMan is Man.__init__: it makes a Man called name that prints to out,
// and prints "Initilized!" (sic, as the book's script does).
func NewMan(out io.Writer, name string) *Man {
	m := &Man{Name: name, out: out}
	fmt.Fprintln(out, "Initilized!")
	return m
}

// Hello is Man.hello: it prints "Hello <name>!".
func (m *Man) Hello() { fmt.Fprintln(m.out, "Hello "+m.Name+"!") }

// Goodbye is Man.goodbye: it prints "Good-bye <name>!".
func (m *Man) Goodbye() { fmt.Fprintln(m.out, "Good-bye "+m.Name+"!") }

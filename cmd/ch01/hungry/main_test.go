package main

import (
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestTwin checks that the program prints, byte for byte, what the book's
// script prints under Python (testdata/python_stdout.txt, after its "#"
// header lines).
func TestTwin(t *testing.T) {
	clitest.TextTwinFile(t, run, "testdata/python_stdout.txt")
}

// TestBadInputs: the script takes no arguments; a flag or an argument is
// a usage error that prints nothing on stdout.
func TestBadInputs(t *testing.T) {
	clitest.CheckBadInputs(t, run, clitest.BadInputs{
		{"stray argument", []string{"David"}, `unexpected argument "David"`, true},
		{"unknown flag", []string{"-name", "David"}, "flag provided but not defined: -name", true},
	})
}

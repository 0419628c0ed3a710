package main

import (
	"os"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestTwin checks that the program prints, byte for byte, what the book's
// script prints under Python (testdata/python_stdout.txt, after its "#"
// header lines).
func TestTwin(t *testing.T) {
	data, err := os.ReadFile("testdata/python_stdout.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := string(data)
	for strings.HasPrefix(want, "#") {
		_, want, _ = strings.Cut(want, "\n")
	}
	if want == "" {
		t.Fatal("testdata/python_stdout.txt holds no output")
	}
	clitest.TextTwin(t, run, want)
}

// TestBadInputs: the script takes no arguments; a flag or an argument is
// a usage error that prints nothing on stdout.
func TestBadInputs(t *testing.T) {
	clitest.CheckBadInputs(t, run, clitest.BadInputs{
		{"stray argument", []string{"David"}, `unexpected argument "David"`, true},
		{"unknown flag", []string{"-name", "David"}, "flag provided but not defined: -name", true},
	})
}

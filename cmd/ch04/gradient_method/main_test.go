package main

import (
	"io"
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestOutput checks what the program prints (the script prints nothing) and that it writes
// a well-formed SVG figure.
func TestOutput(t *testing.T) {
	got := clitest.FigureRun(t, run, "gradient_method.svg")
	const want = "figure: DIR/gradient_method.svg\n"
	if got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
}

func TestBadArgs(t *testing.T) {
	if err := run([]string{"extra"}, io.Discard, io.Discard); err == nil {
		t.Error("a stray argument was accepted")
	}
	if err := run([]string{"-o", t.TempDir() + "/no/such/dir/f.svg"}, io.Discard, io.Discard); err == nil {
		t.Error("an unwritable -o path was accepted")
	}
}

package main

import (
	"bytes"
	"io"
	"testing"
)

// TestOutput compares the output with what the book's script prints with np.random.seed(0) prepended.
func TestOutput(t *testing.T) {
	var out bytes.Buffer
	if err := run(nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	const want = "[[ 0.18825356  0.1571256  -0.34537917]\n [ 0.24532368  0.2047591  -0.45008278]]\n"
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestBadArgs(t *testing.T) {
	if err := run([]string{"extra"}, io.Discard, io.Discard); err == nil {
		t.Error("a stray argument was accepted")
	}
}

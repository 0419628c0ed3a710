package main

import (
	"bytes"
	"io"
	"testing"
)

// TestOutput compares the output with what the book's script prints.
func TestOutput(t *testing.T) {
	var out bytes.Buffer
	if err := run(nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	const want = "price: 220\ndApple: 2.2\ndApple_num: 110\ndTax: 200\n"
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestBadArgs(t *testing.T) {
	if err := run([]string{"extra"}, io.Discard, io.Discard); err == nil {
		t.Error("a stray argument was accepted")
	}
}

package main

import (
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestTwin checks that the program prints what the book's script prints.
func TestTwin(t *testing.T) {
	clitest.TextTwin(t, run, "price: 220\ndApple: 2.2\ndApple_num: 110\ndTax: 200\n")
}

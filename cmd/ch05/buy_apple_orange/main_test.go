package main

import (
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestTwin checks that the program prints what the book's script prints.
func TestTwin(t *testing.T) {
	clitest.TextTwin(t, run, "price: 715\ndApple: 2.2\ndApple_num: 110\ndOrange: 3.3000000000000003\ndOrange_num: 165\ndTax: 650\n")
}

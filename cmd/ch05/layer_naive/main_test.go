package main

import (
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestTwin checks that the program prints nothing, like the book's module.
func TestTwin(t *testing.T) {
	clitest.TextTwin(t, run, "")
}

package main

import (
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestTwin checks the output (the script prints nothing) and the SVG figure.
func TestTwin(t *testing.T) {
	clitest.FigureTwin(t, run, "gradient_method.svg", "figure: DIR/gradient_method.svg\n")
}

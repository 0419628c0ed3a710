package main

import (
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// TestTwin checks the output (the derivative at 5, as the script prints it) and the SVG figure.
func TestTwin(t *testing.T) {
	clitest.FigureTwin(t, run, "gradient_1d.svg", "0.1999999999990898\nfigure: DIR/gradient_1d.svg\n")
}

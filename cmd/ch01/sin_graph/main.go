// Command sin_graph is the Go twin of the book's ch01/sin_graph.py: the sine
// from 0 to 6 (the same code as simple_graph.py), x = np.arange(0, 6, 0.1)
// and y = np.sin(x). It writes the figure the script shows as an SVG file
// and prints its path.
//
// Usage:
//
//	go run ./cmd/ch01/sin_graph [-o sin_graph.svg]
package main

import (
	"github.com/dlfs-go/dlfs/cmd/ch01/internal/sine"
	"github.com/dlfs-go/dlfs/internal/cli"
)

func main() { cli.Main("sin_graph", run) }

var run = sine.Run("sin_graph")

// Command simple_graph is the Go twin of the book's ch01/simple_graph.py:
// the simplest graph of the book: the sine from 0 to 6, x = np.arange(0, 6,
// 0.1) and y = np.sin(x). It writes the figure the script shows as an SVG
// file and prints its path.
//
// Usage:
//
//	go run ./cmd/ch01/simple_graph [-o simple_graph.svg]
package main

import (
	"github.com/dlfs-go/dlfs/cmd/ch01/internal/sine"
	"github.com/dlfs-go/dlfs/internal/cli"
)

func main() { cli.Main("simple_graph", run) }

var run = sine.Run("simple_graph")

// Package filterstest holds what the tests of the chapter 7 filter twins
// share.
package filterstest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/cmd/ch07/internal/filters"
	"github.com/dlfs-go/dlfs/data/pickle"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// Weights writes the parameters of a SimpleConvNet with the book's
// defaults, drawn after random.New(seed), to a params.pkl in dir and
// returns its path.
func Weights(t *testing.T, dir string, seed uint32) string {
	t.Helper()
	path := filepath.Join(dir, "params.pkl")
	if err := pickle.SaveParams(path, filters.NewNet(random.New(seed))); err != nil {
		t.Fatal(err)
	}
	return path
}

// OtherWeights writes a pickle whose W1 has another shape, and returns its
// path.
func OtherWeights(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "other.pkl")
	if err := pickle.WriteWeightsFile(path, []pickle.Array{{Name: "W1", Value: tensor.Zeros(16, 1, 3, 3)}}); err != nil {
		t.Fatal(err)
	}
	return path
}

// CountImages returns how many <image> elements the SVG file at path holds.
func CountImages(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(b), "<image")
}

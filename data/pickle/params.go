package pickle

import (
	"fmt"

	"github.com/dlfs-go/dlfs/layers"
)

// SaveParams writes the parameters of net (net.Params(), in their order:
// W1, b1, W2, ... for the book's networks) to the pickle file at path, as
// the book's save_params(file_name) writes self.params; see
// WriteWeightsFile. A previous file at path stays as it was unless the
// write succeeds.
func SaveParams(path string, net layers.Parameterized) error {
	ps := net.Params()
	arrays := make([]Array, len(ps))
	for i, p := range ps {
		arrays[i] = Array{Name: p.Name, Value: p.Value}
	}
	return WriteWeightsFile(path, arrays)
}

// LoadParams reads the pickle file at path (ReadWeightsFile) and copies
// its arrays into net's parameters by name, as the book's
// load_params(file_name) does; every name and shape is checked first
// (layers.LoadArrays), so a file of another network — a missing or extra
// name, a wrong shape — is an error that names the file, the arrays and
// both shapes, and leaves net as it was.
func LoadParams(path string, net layers.Parameterized) error {
	arrays, err := ReadWeightsFile(path)
	if err != nil {
		return err
	}
	if err := layers.LoadArrays(net, arrays, path); err != nil {
		return fmt.Errorf("pickle: %w", err)
	}
	return nil
}

package pickle_test

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/data/pickle"
	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/go_written.pkl")

// goWritten are the arrays of testdata/go_written.pkl: the parameters of
// the book's SimpleConvNet(input_dim=(1, 10, 10), conv_param={'filter_num':
// 2, 'filter_size': 3, 'pad': 0, 'stride': 1}, hidden_size=3,
// output_size=4), plus a 0-d and an empty array, with values (k mod 17 −
// 8)/16 for the k-th value of the file (exact in binary, so that
// testdata/check_go_written.py computes the same), and -0, the largest
// float64 and the smallest subnormal in W1.
func goWritten() []pickle.Array {
	shapes := []struct {
		name  string
		shape []int
	}{
		{"W1", []int{2, 1, 3, 3}}, {"b1", []int{2}}, {"W2", []int{32, 3}}, {"b2", []int{3}},
		{"W3", []int{3, 4}}, {"b3", []int{4}}, {"zero_d", []int{}}, {"empty", []int{2, 0}},
	}
	var arrays []pickle.Array
	k := 0
	for _, s := range shapes {
		t := tensor.Zeros(s.shape...)
		if len(s.shape) == 0 {
			t = tensor.Scalar(0)
		}
		for i := range t.Data() {
			t.Data()[i] = float64(k%17-8) / 16
			k++
		}
		arrays = append(arrays, pickle.Array{Name: s.name, Value: t})
	}
	w1 := arrays[0].Value.Data()
	w1[0], w1[1], w1[2] = math.Copysign(0, -1), math.MaxFloat64, math.SmallestNonzeroFloat64
	return arrays
}

// TestWriteWeightsGolden compares WriteWeights with testdata/go_written.pkl,
// which testdata/check_go_written.py loads with Python's pickle and the
// book's SimpleConvNet.load_params under NumPy (see testdata/README.md):
// the bytes must not change without that check being run again.
func TestWriteWeightsGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := pickle.WriteWeights(&buf, goWritten()); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "go_written.pkl")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("WriteWeights wrote %d bytes that differ from %s (%d bytes)", buf.Len(), golden, len(want))
	}
}

// TestWriteWeightsRoundTrip reads back what WriteWeights and
// WriteWeightsFile write.
func TestWriteWeightsRoundTrip(t *testing.T) {
	arrays := goWritten()
	path := filepath.Join(t.TempDir(), "params.pkl")
	if err := pickle.WriteWeightsFile(path, arrays); err != nil {
		t.Fatal(err)
	}
	got, err := pickle.ReadWeightsFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(arrays) {
		t.Fatalf("read %d arrays, wrote %d", len(got), len(arrays))
	}
	for _, a := range arrays {
		g := got[a.Name]
		if g == nil || !cmp.Equal(g.Shape(), a.Value.Shape()) {
			t.Fatalf("%s: read %v, wrote shape %v", a.Name, g, a.Value.Shape())
		}
		for i, v := range a.Value.Data() {
			if math.Float64bits(g.Data()[i]) != math.Float64bits(v) {
				t.Errorf("%s[%d]: read %v, wrote %v", a.Name, i, g.Data()[i], v)
			}
		}
	}
}

func TestWriteWeightsErrors(t *testing.T) {
	x := tensor.Zeros(2)
	for _, tc := range []struct {
		name   string
		arrays []pickle.Array
		want   string
	}{
		{"empty name", []pickle.Array{{"", x}}, "pickle: an array has an empty name"},
		{"twice", []pickle.Array{{"W1", x}, {"W1", x}}, `pickle: two arrays are named "W1"`},
		{"nil", []pickle.Array{{"W1", nil}}, `pickle: array "W1" is nil`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := pickle.WriteWeights(new(bytes.Buffer), tc.arrays)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
	// A path that cannot be written: an error naming it, and no file.
	dir := t.TempDir()
	bad := filepath.Join(dir, "missing", "params.pkl")
	err := pickle.WriteWeightsFile(bad, []pickle.Array{{"W1", x}})
	if err == nil || !strings.Contains(err.Error(), bad) {
		t.Fatalf("error %v, want one naming %s", err, bad)
	}
	// A failed write leaves the previous file.
	prev := filepath.Join(dir, "params.pkl")
	if err := os.WriteFile(prev, []byte("previous"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := pickle.WriteWeightsFile(prev, []pickle.Array{{"", x}}); err == nil {
		t.Fatal("an empty name was written")
	}
	if b, _ := os.ReadFile(prev); string(b) != "previous" {
		t.Errorf("the previous file holds %q after a failed write", b)
	}
}

// TestSaveLoadParams saves a SimpleConvNet-shaped network's parameters and
// loads them into another, and checks that a file of another network is
// refused with both shapes named, the network left as it was.
func TestSaveLoadParams(t *testing.T) {
	g := random.New(4)
	mk := func(filters int) *layers.Network {
		return layers.NewNetwork(nil,
			layers.NewConvolution(g.Randn(filters, 1, 3, 3), g.Randn(filters), 1, 0),
			layers.NewAffineWith(g.Randn(filters*64, 5), g.Randn(5)))
	}
	a, b := mk(2), mk(2)
	path := filepath.Join(t.TempDir(), "params.pkl")
	if err := pickle.SaveParams(path, a); err != nil {
		t.Fatal(err)
	}
	if err := pickle.LoadParams(path, b); err != nil {
		t.Fatal(err)
	}
	for i, p := range b.Params() {
		if !cmp.Equal(p.Value.Data(), a.Params()[i].Value.Data()) {
			t.Errorf("%s differs after the load", p.Name)
		}
	}
	other := mk(3)
	before := other.Params()[0].Value.Clone()
	err := pickle.LoadParams(path, other)
	if err == nil || !strings.Contains(err.Error(), `"W1" has shape (2,1,3,3) in the file, the network needs (3,1,3,3)`) || !strings.Contains(err.Error(), path) {
		t.Fatalf("error %v, want one naming the file and both shapes of W1", err)
	}
	if !cmp.Equal(other.Params()[0].Value.Data(), before.Data()) {
		t.Error("a failed load changed the network")
	}
}

package clitest

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// FigureFixture is the file, in a figure twin's folder, that holds the
// arrays the book's script hands to matplotlib, recorded with NumPy: a
// header of "#" lines saying how it was made, then one array a line, its
// key (the call and argument: plot0.0 is the x of the first plt.plot,
// quiver0.2 the third argument of the first plt.quiver) and repr() of each
// element.
const FigureFixture = "testdata/numpy_figure.txt"

// Series is one array a twin computes for its figure, with the key of
// NumPy's in FigureFixture. Approx compares to within a relative 1e-12
// (absolute 1e-15), for values computed through functions such as exp
// whose last bit may differ from the C library's; otherwise every element
// must be bit for bit NumPy's.
type Series struct {
	Key    string
	Got    []float64
	Approx bool
}

// ReadArrays reads a file in the format of FigureFixture.
func ReadArrays(t *testing.T, path string) map[string][]float64 {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	arrays := map[string][]float64{}
	for i, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		vals := make([]float64, len(f)-1)
		for j, s := range f[1:] {
			if vals[j], err = strconv.ParseFloat(s, 64); err != nil {
				t.Fatalf("%s:%d: %v", path, i+1, err)
			}
		}
		if _, dup := arrays[f[0]]; dup {
			t.Fatalf("%s:%d: %s appears twice", path, i+1, f[0])
		}
		arrays[f[0]] = vals
	}
	if len(arrays) == 0 {
		t.Fatalf("%s holds no arrays", path)
	}
	return arrays
}

// CheckFigureData compares the arrays a twin computes for its figure with
// NumPy's in FigureFixture, and fails unless the series cover every array
// of the file.
func CheckFigureData(t *testing.T, series ...Series) {
	t.Helper()
	want := ReadArrays(t, FigureFixture)
	var seen []string
	for _, s := range series {
		w, ok := want[s.Key]
		if !ok {
			t.Errorf("%s has no array %s", FigureFixture, s.Key)
			continue
		}
		seen = append(seen, s.Key)
		var opts []cmp.Option
		if s.Approx {
			opts = append(opts, cmpopts.EquateApprox(1e-12, 1e-15))
		}
		if diff := cmp.Diff(w, s.Got, opts...); diff != "" {
			t.Errorf("%s (-NumPy +twin):\n%s", s.Key, diff)
		}
	}
	for k := range want {
		if !slices.Contains(seen, k) {
			t.Errorf("%s: array %s is not compared", FigureFixture, k)
		}
	}
}

package mnist_test

import (
	"bytes"
	"math"
	"os"
	"testing"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/internal/testenv"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
)

// TestRealMNIST reads the real MNIST found as the programs find it. The
// expected values were read from the same files with NumPy
// (np.frombuffer(gzip.open(f).read(), np.uint8, offset=16)).
func TestRealMNIST(t *testing.T) {
	// No data and no module proxy (an offline machine): skipped, unless
	// DLFS_REQUIRE_DATA is set; the reader itself is tested on synthetic
	// files.
	dir := testenv.MNIST(t)
	if os.Getenv(mnist.EnvVar) == "" {
		// Now it is in the module cache: a second Find prints nothing.
		var again bytes.Buffer
		if _, err := mnist.Find("", &again); err != nil || again.Len() != 0 {
			t.Errorf("second Find: err %v, log %q; want no error and no log", err, again.String())
		}
	}

	ds, err := mnist.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	sizes := []int{ds.Train.N, ds.Train.Rows, ds.Train.Cols, ds.Test.N, ds.Test.Rows, ds.Test.Cols}
	if diff := cmp.Diff([]int{60000, 28, 28, 10000, 28, 28}, sizes); diff != "" {
		t.Fatalf("sizes (-want +got):\n%s", diff)
	}

	labels := func(s *mnist.Set, n int) []int {
		l := make([]int, n)
		for i := range l {
			l[i] = s.Label(i)
		}
		return l
	}
	if diff := cmp.Diff([]int{5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, labels(ds.Train, 10)); diff != "" {
		t.Errorf("first training labels (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, labels(ds.Test, 10)); diff != "" {
		t.Errorf("first test labels (-want +got):\n%s", diff)
	}
	count := func(s *mnist.Set) []int {
		c := make([]int, mnist.NumClasses)
		for _, l := range s.LabelBytes {
			c[l]++
		}
		return c
	}
	if diff := cmp.Diff([]int{5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, count(ds.Train)); diff != "" {
		t.Errorf("training labels per class (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, count(ds.Test)); diff != "" {
		t.Errorf("test labels per class (-want +got):\n%s", diff)
	}

	pixels := []struct {
		name       string
		s          *mnist.Set
		image, row int
		col        int
		want       []byte
	}{
		{"train[0] row 5", ds.Train, 0, 5, 10, []byte{0, 0, 3, 18, 18, 18, 126, 136, 175, 26}},
		{"train[0] row 14", ds.Train, 0, 14, 10, []byte{0, 0, 0, 81, 240, 253, 253, 119, 25, 0}},
		{"test[0] row 7", ds.Test, 0, 7, 6, []byte{84, 185, 159, 151, 60, 36, 0, 0, 0, 0}},
	}
	for _, p := range pixels {
		off := p.row*28 + p.col
		if diff := cmp.Diff(p.want, p.s.Image(p.image)[off:off+len(p.want)]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", p.name, diff)
		}
	}
	sum := func(b []byte) int {
		s := 0
		for _, v := range b {
			s += int(v)
		}
		return s
	}
	sums := []int{sum(ds.Train.Image(0)), sum(ds.Train.Image(59999)), sum(ds.Train.ImageBytes), sum(ds.Test.ImageBytes)}
	if diff := cmp.Diff([]int{27525, 20920, 1567298545, 264923200}, sums); diff != "" {
		t.Errorf("pixel sums: train[0], train[59999], train, test (-want +got):\n%s", diff)
	}

	// NumPy: x = train[0].ravel().astype(np.float32); x /= 255.0; float(x[152])
	x := tensor.Zeros(ds.Train.ImageShape(1, true)...)
	ds.Train.ImagesInto(x, []int{0}, true)
	if got, want := x.At(0, 152), 0.0117647061124444; math.Float64bits(got) != math.Float64bits(want) {
		t.Errorf("normalized train[0][152] = %v, want %v", got, want)
	}
}

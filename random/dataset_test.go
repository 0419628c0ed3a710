package random

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
)

// shuffleFixture mirrors testdata/shuffle_dataset.json, made by
// testdata/gen_shuffle_dataset.py from the book's shuffle_dataset with
// NumPy 1.24.
type shuffleFixture struct {
	Cases []struct {
		Seed     uint32    `json:"seed"`
		XShape   []int     `json:"x_shape"`
		TShape   []int     `json:"t_shape"`
		X        []float64 `json:"x"`
		T        []float64 `json:"t"`
		NextRand float64   `json:"next_rand"`
	} `json:"cases"`
}

// datasetData is the fixture's data before shuffling: np.arange(size) *
// 0.25 - 3.0 in the given shape.
func datasetData(shape ...int) *tensor.Tensor {
	a := tensor.Zeros(shape...)
	for i := range a.Data() {
		a.Data()[i] = float64(i)*0.25 - 3.0
	}
	return a
}

// TestShuffleDataset compares the method and the package-level function
// with the book's shuffle_dataset after np.random.seed(seed): the shuffled
// data and the draw that follows, exactly.
func TestShuffleDataset(t *testing.T) {
	b, err := os.ReadFile("testdata/shuffle_dataset.json")
	if err != nil {
		t.Fatal(err)
	}
	var f shuffleFixture
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("testdata/shuffle_dataset.json: %v", err)
	}
	if len(f.Cases) == 0 {
		t.Fatal("testdata/shuffle_dataset.json: no cases")
	}
	type result struct {
		XShape, TShape []int
		X, T           []float64
		Next           float64
	}
	for _, c := range f.Cases {
		want := result{c.XShape, c.TShape, c.X, c.T, c.NextRand}
		for _, how := range []string{"method", "package"} {
			t.Run(fmt.Sprintf("seed=%d/x%v/t%v/%s", c.Seed, c.XShape, c.TShape, how), func(t *testing.T) {
				x, tt := datasetData(c.XShape...), datasetData(c.TShape...)
				var xs, ts *tensor.Tensor
				var next float64
				if how == "method" {
					g := New(c.Seed)
					xs, ts = g.ShuffleDataset(x, tt)
					next = g.Float64()
				} else {
					Seed(c.Seed)
					xs, ts = ShuffleDataset(x, tt)
					next = Float64()
				}
				got := result{xs.Shape(), ts.Shape(), xs.Data(), ts.Data(), next}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("(-numpy +go):\n%s", diff)
				}
				if !cmp.Equal(x.Data(), datasetData(c.XShape...).Data()) || !cmp.Equal(tt.Data(), datasetData(c.TShape...).Data()) {
					t.Error("the inputs were modified")
				}
			})
		}
	}
}

func TestShuffleDatasetMismatch(t *testing.T) {
	tests := []struct {
		x, t *tensor.Tensor
		want string
	}{
		{tensor.Zeros(5, 3), tensor.Zeros(4), "random.ShuffleDataset: x of shape (5,3) and t of shape (4,) do not have the same number of samples along axis 0"},
		{tensor.Scalar(1), tensor.Zeros(1), "random.ShuffleDataset: x of shape () and t of shape (1,) do not have the same number of samples along axis 0"},
	}
	for _, tt := range tests {
		func() {
			defer func() {
				if msg, _ := recover().(string); msg != tt.want {
					t.Errorf("panic %q, want %q", msg, tt.want)
				}
			}()
			New(0).ShuffleDataset(tt.x, tt.t)
		}()
	}
}

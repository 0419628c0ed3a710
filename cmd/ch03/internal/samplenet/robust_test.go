package samplenet

import (
	"testing"

	"github.com/dlfs-go/dlfs/cmd/ch03/internal/samplenet/weightstest"
	"github.com/dlfs-go/dlfs/tensor"
)

// TestLoadChecksShapes: issue 8, a weights file whose arrays do not chain
// from 784 inputs to 10 outputs is an error naming the file and the array,
// where Predict used to panic in ops.MatMul.
func TestLoadChecksShapes(t *testing.T) {
	book := weightstest.Book(50, 100)
	tests := []struct {
		name   string
		arrays []weightstest.Array
		err    string // after "<path>: "
	}{
		{"W2 (50,)", weightstest.Replace(book, "W2", 50), "W2 has shape (50,), want (50, N) with N ≥ 1 to match W1"},
		{"W2 (7,100)", weightstest.Replace(book, "W2", 7, 100), "W2 has shape (7,100), want (50, N) with N ≥ 1 to match W1"},
		{"W1 (783,50)", weightstest.Replace(book, "W1", 783, 50), "W1 has shape (783,50), want (784, N) with N ≥ 1"},
		{"W1 1-D", weightstest.Replace(book, "W1", 784), "W1 has shape (784,), want (784, N) with N ≥ 1"},
		{"W1 no hidden units", weightstest.Replace(book, "W1", 784, 0), "W1 has shape (784,0), want (784, N) with N ≥ 1"},
		{"b1 (51,)", weightstest.Replace(book, "b1", 51), "b1 has shape (51,), want (50,) to match W1"},
		{"b1 (1,50)", weightstest.Replace(book, "b1", 1, 50), "b1 has shape (1,50), want (50,) to match W1"},
		{"W2 (50,0)", weightstest.Replace(book, "W2", 50, 0), "W2 has shape (50,0), want (50, N) with N ≥ 1 to match W1"},
		{"b2 (50,)", weightstest.Replace(book, "b2", 50), "b2 has shape (50,), want (100,) to match W2"},
		{"W3 (100,9)", weightstest.Replace(book, "W3", 100, 9), "W3 has shape (100,9), want (100, 10) to match W2"},
		{"W3 (99,10)", weightstest.Replace(book, "W3", 99, 10), "W3 has shape (99,10), want (100, 10) to match W2"},
		{"b3 scalar", weightstest.Replace(book, "b3"), "b3 has shape (), want (10,)"},
		{"no b3", weightstest.Without(book, "b3"), "no b3 among the weights"},
		{"an extra entry", append(weightstest.Book(50, 100), weightstest.Array{Name: "W4", Shape: []int{10, 10}}),
			`unexpected entries "W4" among the weights (want only W1, b1, W2, b2, W3, b3)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := weightstest.Write(t, "sample_weight.pkl", tt.arrays)
			_, err := Load(path)
			want := path + ": " + tt.err + ": not the book's sample_weight.pkl"
			if err == nil || err.Error() != want {
				t.Errorf("Load error\n%v\nwant\n%s", err, want)
			}
		})
	}
}

// TestLoadOtherHiddenSizes: any hidden sizes chain, and Predict runs on
// what Load accepts.
func TestLoadOtherHiddenSizes(t *testing.T) {
	for _, ab := range [][2]int{{50, 100}, {1, 1}, {3, 7}} {
		net, err := Load(weightstest.Write(t, "w.pkl", weightstest.Book(ab[0], ab[1])))
		if err != nil {
			t.Fatalf("hidden %v: %v", ab, err)
		}
		if got := net.Predict(tensor.Zeros(2, 784)).Shape(); len(got) != 2 || got[0] != 2 || got[1] != 10 {
			t.Errorf("hidden %v: Predict shape %v, want (2, 10)", ab, got)
		}
	}
}

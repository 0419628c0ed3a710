package ops

import (
	"math"
	"sync"
	"testing"

	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
)

func TestActivations(t *testing.T) {
	x := tensor.Vector(-1, 0, 2)
	tests := []struct {
		name string
		got  *tensor.Tensor
		want []float64
	}{
		{"Step", Step(x), []float64{0, 0, 1}},
		{"ReLU", ReLU(x), []float64{0, 0, 2}},
		{"ReLUGrad", ReLUGrad(x), []float64{0, 1, 1}},
		{"Sigmoid", Sigmoid(x), []float64{1 / (1 + math.E), 0.5, 1 / (1 + math.Exp(-2))}},
		{"SigmoidInto", SigmoidInto(tensor.Zeros(3), x), []float64{1 / (1 + math.E), 0.5, 1 / (1 + math.Exp(-2))}},
		{"SigmoidGrad", SigmoidGrad(tensor.Vector(0)), []float64{0.25}},
		{"Identity", Identity(x), []float64{-1, 0, 2}},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, tc.got.Data(), approx); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

func TestSigmoidIntoShapes(t *testing.T) {
	x := arange(-40, 0.37, 4, 7)
	SigmoidInto(x, x) // in place
	for i, v := range arange(-40, 0.37, 4, 7).Data() {
		if want := 1 / (1 + math.Exp(-v)); x.Data()[i] != want {
			t.Fatalf("element %d: %v, want %v", i, x.Data()[i], want)
		}
	}
	defer func() {
		if r := recover(); r != "ops.SigmoidInto: destination shape (7,4), want (4,7)" {
			t.Errorf("panic %v", r)
		}
	}()
	SigmoidInto(tensor.Zeros(7, 4), x)
}

// TestSigmoidIntoLarge covers the sizes SigmoidInto splits between cores,
// from several goroutines at once, out of place and in place.
func TestSigmoidIntoLarge(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, n := range []int{4096, 5000, 10007} {
				x := arange(-30, 60.0/float64(n)+float64(g)*1e-9, n)
				want := make([]float64, n)
				for i, v := range x.Data() {
					want[i] = 1 / (1 + math.Exp(-v))
				}
				got := SigmoidInto(tensor.Zeros(n), x)
				SigmoidInto(x, x)
				for i := range want {
					if got.Data()[i] != want[i] || x.Data()[i] != want[i] {
						t.Errorf("n=%d element %d: %v and in place %v, want %v", n, i, got.Data()[i], x.Data()[i], want[i])
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

func TestSoftmax(t *testing.T) {
	tests := []struct {
		name string
		x    *tensor.Tensor
		want []float64 // NumPy: the book's softmax
	}{
		{"book ch03", tensor.Vector(0.3, 2.9, 4.0),
			[]float64{0.018211273295547527, 0.24519181293507392, 0.7365969137693786}},
		{"around ±1000", tensor.FromRows([][]float64{{1010, 1000, 990}, {-1000, -1000, -999}}),
			[]float64{0.999954600070331, 4.539786860886666e-05, 2.061060046209062e-09,
				0.21194155761708547, 0.21194155761708547, 0.5761168847658291}},
	}
	for _, tc := range tests {
		got := Softmax(tc.x)
		if diff := cmp.Diff(tc.want, got.Data(), approx); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
		for _, v := range got.Data() {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("%s: non-finite %v", tc.name, got.Data())
			}
		}
	}
	// in place, any batch size, rows sum to 1
	x := arange(-500, 37.5, 4, 7)
	SoftmaxInto(x, x)
	for i := range 4 {
		s := 0.0
		for j := range 7 {
			s += x.At(i, j)
		}
		if math.Abs(s-1) > 1e-12 {
			t.Errorf("row %d sums to %v", i, s)
		}
	}
}

// TestSigmoidIntoAfterPanic is a regression test of issue 8 point 7: a
// panic inside SigmoidInto's parallel work (here a destination one value
// short, so that the last piece, on the caller or on a worker, panics) used
// to leave its job locked. Now the panic reaches the caller, and the job is
// free again: the next call splits its work and is right.
func TestSigmoidIntoAfterPanic(t *testing.T) {
	defer parallel.ForceWorkers(parallel.ForceWorkers(2))
	const n = 10000
	x := arange(-30, 60.0/n, n)
	want := make([]float64, n)
	for i, v := range x.Data() {
		want[i] = 1 / (1 + math.Exp(-v))
	}
	for round := range 10 {
		func() {
			defer func() {
				if recover() == nil {
					t.Fatalf("round %d: no panic", round)
				}
			}()
			sigmoidJob.Try(n, 8, sigmoidGrain, func(s *sigmoidTask) { s.d, s.x = make([]float64, n-1), x.Data() })
		}()
		got := make([]float64, n)
		if !sigmoidJob.Try(n, 8, sigmoidGrain, func(s *sigmoidTask) { s.d, s.x = got, x.Data() }) {
			t.Fatalf("round %d: the job is still taken after the panic", round)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("round %d: after the panic (-want +got):\n%s", round, diff)
		}
		if diff := cmp.Diff(want, SigmoidInto(tensor.Zeros(n), x).Data()); diff != "" {
			t.Fatalf("round %d: SigmoidInto after the panic (-want +got):\n%s", round, diff)
		}
	}
}

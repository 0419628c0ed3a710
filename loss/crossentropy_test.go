package loss

import (
	"math"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestCrossEntropyAndSSE(t *testing.T) {
	// the book's ch04 examples; expected values printed by NumPy
	tt := tensor.Vector(0, 0, 1, 0, 0, 0, 0, 0, 0, 0)
	y1 := tensor.Vector(0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0)
	y2 := tensor.Vector(0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0)
	ym := tensor.FromRows([][]float64{{0.1, 0.7, 0.2}, {0.3, 0.3, 0.4}})
	tests := []struct {
		name string
		got  float64
		want float64
	}{
		{"CEE correct", CrossEntropyError(y1, tt), 0.510825457099338},
		{"CEE wrong", CrossEntropyError(y2, tt), 2.3025840929945454},
		{"CEE indices", CrossEntropyError(ym, tensor.Vector(1, 2)), 0.636482641477893},
		{"CEE one-hot", CrossEntropyError(ym, tensor.FromRows([][]float64{{0, 1, 0}, {0, 0, 1}})), 0.636482641477893},
		{"CEE 1-D index", CrossEntropyError(y1, tensor.Scalar(2)), 0.510825457099338},
		{"SSE correct", SumSquaredError(y1, tt), 0.09750000000000003},
		{"SSE wrong", SumSquaredError(y2, tt), 0.5975},
	}
	for _, tc := range tests {
		if math.Abs(tc.got-tc.want) > 1e-15*math.Abs(tc.want) {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

func TestSoftmaxWithLoss(t *testing.T) {
	x := tensor.FromRows([][]float64{{0.3, 2.9, 4.0}, {1000, 1001, 999}})
	for _, labels := range []*tensor.Tensor{
		tensor.Vector(2, 0),
		tensor.FromRows([][]float64{{0, 0, 1}, {1, 0, 0}}),
	} {
		s := NewSoftmaxWithLoss()
		l := s.Forward(x, labels)
		if math.IsNaN(l) || math.IsInf(l, 0) {
			t.Fatalf("loss %v for inputs around 1000", l)
		}
		// NumPy: -np.sum(np.log(y[np.arange(2), [2, 0]] + 1e-7)) / 2
		if want := 0.8566599424406683; math.Abs(l-want) > 1e-14 {
			t.Errorf("labels %v: loss %v, want %v", labels.Shape(), l, want)
		}
	}
}

// TestSoftmaxWithLossGradient checks Backward against central differences
// (h = 1e-5) for one-hot and index labels, including inputs near ±1000.
//
// The book's backward, (y - t) / N, is the exact gradient of the
// cross-entropy without the 1e-7 inside the log; with it, the exact
// gradient of row i is (y_t / (y_t + 1e-7)) · (y - t) / N. The test applies
// that factor, so that the comparison checks Backward to 1e-7 rather than
// to the size of the book's delta.
func TestSoftmaxWithLossGradient(t *testing.T) {
	const h = 1e-5
	g := random.New(11)
	for _, tc := range []struct {
		name   string
		x      *tensor.Tensor
		labels *tensor.Tensor
	}{
		{"indices", g.Randn(4, 5), tensor.Vector(0, 4, 2, 2)},
		{"one-hot", g.Randn(3, 4), tensor.FromRows([][]float64{{0, 1, 0, 0}, {1, 0, 0, 0}, {0, 0, 0, 1}})},
		{"large", tensor.FromRows([][]float64{{1000.5, 1000, 999}, {-1000, -1001.5, -1000.2}}), tensor.Vector(1, 2)},
	} {
		s := NewSoftmaxWithLoss()
		s.Forward(tc.x, tc.labels)
		grad := s.Backward().Clone().Data()
		n, c := tc.x.Size(0), tc.x.Size(1)
		for i := range n {
			yt := s.Y.At(i, label("test", tc.labels.Data(), i, c, tc.labels.Len() == n*c))
			for j := range c {
				grad[i*c+j] *= yt / (yt + logDelta)
			}
		}
		xd := tc.x.Data()
		num := make([]float64, len(xd))
		for i := range xd {
			old := xd[i]
			xd[i] = old + h
			fp := s.Forward(tc.x, tc.labels)
			xd[i] = old - h
			fm := s.Forward(tc.x, tc.labels)
			xd[i] = old
			num[i] = (fp - fm) / (2 * h)
		}
		var d, na, nb float64
		for i := range num {
			d += (grad[i] - num[i]) * (grad[i] - num[i])
			na += grad[i] * grad[i]
			nb += num[i] * num[i]
		}
		if e := math.Sqrt(d) / (math.Sqrt(na) + math.Sqrt(nb)); e > 1e-7 {
			t.Errorf("%s: relative error %.3g", tc.name, e)
		}
		if diff := cmp.Diff(num, grad, cmpopts.EquateApprox(1e-5, 1e-8)); diff != "" {
			t.Errorf("%s (-numerical +analytic):\n%s", tc.name, diff)
		}
	}
}

func TestLabelErrors(t *testing.T) {
	tests := []struct {
		name string
		f    func()
		want string
	}{
		{"index range", func() { CrossEntropyError(tensor.FromRows([][]float64{{0.5, 0.5}}), tensor.Vector(2)) },
			"loss.CrossEntropyError: label 2 of sample 0 is not a class index in [0, 2)"},
		{"fraction", func() { CrossEntropyError(tensor.FromRows([][]float64{{0.5, 0.5}}), tensor.Vector(0.5)) },
			"loss.CrossEntropyError: label 0.5 of sample 0"},
		{"count", func() { CrossEntropyError(tensor.Zeros(2, 3), tensor.Zeros(3)) },
			"loss.CrossEntropyError: labels (3,) are neither one-hot like scores (2,3) nor 2 class indices"},
		{"rank", func() { NewSoftmaxWithLoss().Forward(tensor.Zeros(2, 3, 4), tensor.Zeros(2)) },
			"loss.SoftmaxWithLoss.Forward: scores (2,3,4) must be (N, C) or (C,)"},
		{"backward first", func() { NewSoftmaxWithLoss().Backward() }, "loss.SoftmaxWithLoss.Backward: called before Forward"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				msg, _ := recover().(string)
				if !strings.HasPrefix(msg, tc.want) {
					t.Errorf("panic %q, want prefix %q", msg, tc.want)
				}
			}()
			tc.f()
		})
	}
}

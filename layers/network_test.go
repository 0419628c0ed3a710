package layers_test

import (
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/loss"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestNewAffineStd: W = 0.01 * np.random.randn(2, 3) after
// np.random.seed(0), as NumPy 1.24 computes it.
func TestNewAffineStd(t *testing.T) {
	a := layers.NewAffineStd(2, 3, 0.01, random.New(0))
	want := []float64{
		0.01764052345967664, 0.004001572083672233, 0.009787379841057392,
		0.02240893199201458, 0.018675579901499675, -0.00977277879876411,
	}
	if diff := cmp.Diff(want, a.W.Data(), cmpopts.EquateApprox(1e-15, 1e-300)); diff != "" {
		t.Errorf("W (-NumPy +got):\n%s", diff)
	}
	if diff := cmp.Diff([]float64{0, 0, 0}, a.B.Data()); diff != "" {
		t.Errorf("b (-want +got):\n%s", diff)
	}
}

// identityNet passes its 2-D input through unchanged, so that the scores
// are chosen by the test.
func identityNet() *layers.Network {
	w := tensor.FromRows([][]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}})
	return layers.NewNetwork(loss.NewSoftmaxWithLoss(), layers.NewAffineWith(w, tensor.Zeros(3)))
}

func TestNetworkAccuracy(t *testing.T) {
	scores := tensor.FromRows([][]float64{
		{0.1, 0.7, 0.2}, // class 1
		{0.9, 0.0, 0.1}, // class 0
		{0.3, 0.3, 0.4}, // class 2
		{0.5, 0.5, 0.0}, // a tie: np.argmax picks the first, class 0
	})
	for _, tc := range []struct {
		name    string
		t       *tensor.Tensor
		correct int
	}{
		{"indices, all right", tensor.Vector(1, 0, 2, 0), 4},
		{"indices, tie counted as 0", tensor.Vector(1, 0, 2, 1), 3},
		{"indices, two wrong", tensor.Vector(2, 0, 1, 0), 2},
		{"one-hot", tensor.FromRows([][]float64{{0, 1, 0}, {1, 0, 0}, {0, 1, 0}, {1, 0, 0}}), 3},
	} {
		net := identityNet()
		if got := net.Correct(scores, tc.t); got != tc.correct {
			t.Errorf("%s: Correct = %d, want %d", tc.name, got, tc.correct)
		}
		if got, want := net.Accuracy(scores, tc.t), float64(tc.correct)/4; got != want {
			t.Errorf("%s: Accuracy = %v, want %v", tc.name, got, want)
		}
	}
}

func TestNetworkCorrectAllocatesNothing(t *testing.T) {
	net := identityNet()
	x := random.New(1).Rand(50, 3)
	labels := tensor.Zeros(50)
	net.Correct(x, labels)
	if a := testing.AllocsPerRun(10, func() { net.Correct(x, labels) }); a != 0 {
		t.Errorf("Correct allocates %v times", a)
	}
}

func TestCountCorrectPanics(t *testing.T) {
	for _, tc := range []struct {
		t    *tensor.Tensor
		want string
	}{
		{tensor.Zeros(3), "layers.CountCorrect: labels (3,) do not match 2 predictions"},
		{tensor.Zeros(3, 4), "layers.CountCorrect: labels (3,4) do not match 2 predictions"},
		{tensor.Zeros(2, 2, 2), "layers.CountCorrect: labels (2,2,2) do not match 2 predictions"},
	} {
		func() {
			defer func() {
				msg, _ := recover().(string)
				if !strings.HasPrefix(msg, tc.want) {
					t.Errorf("panic %q, want %q", msg, tc.want)
				}
			}()
			layers.CountCorrect([]int{0, 1}, tc.t)
		}()
	}
}

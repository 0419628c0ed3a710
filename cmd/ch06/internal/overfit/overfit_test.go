package overfit

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/internal/cli/clitest"
	"github.com/google/go-cmp/cmp"
)

// TestFigure draws the scripts' figure from two short lists and checks
// that the SVG file is well formed and holds the labels and the legend.
func TestFigure(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.svg")
	trainAcc := []float64{0.1, 0.5, 0.9}
	testAcc := []float64{0.1, 0.4, 0.7}
	if err := Figure(trainAcc, testAcc).Save(path); err != nil {
		t.Fatal(err)
	}
	clitest.CheckSVG(t, path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"epochs", "accuracy", ">train<", ">test<"} {
		if !strings.Contains(string(b), s) {
			t.Errorf("the figure does not hold %q", s)
		}
	}
}

// TestCheckFloat: the accepted ranges and the usage errors that give them.
func TestCheckFloat(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		v, lo, hi float64
		err       string // "" for none
	}{
		{0, 0, 1, ""},
		{1, 0, 1, ""},
		{0.2, 0, 1, ""},
		{1e300, 0, inf, ""},
		{-0.5, 0, 1, "-x -0.5 must be a number from 0 to 1"},
		{1.5, 0, 1, "-x 1.5 must be a number from 0 to 1"},
		{inf, 0, 1, "-x +Inf must be a number from 0 to 1"},
		{inf, 0, inf, "-x +Inf must be a finite number, at least 0"},
		{-1, 0, inf, "-x -1 must be a finite number, at least 0"},
		{math.NaN(), 0, inf, "-x NaN must be a finite number, at least 0"},
	}
	for _, tt := range tests {
		err := CheckFloat("x", tt.v, tt.lo, tt.hi)
		if tt.err == "" {
			if err != nil {
				t.Errorf("CheckFloat(%v, %v, %v): %v", tt.v, tt.lo, tt.hi, err)
			}
			continue
		}
		var u cli.UsageError
		if err == nil || err.Error() != tt.err || !errors.As(err, &u) {
			t.Errorf("CheckFloat(%v, %v, %v) error %v, want the usage error %q", tt.v, tt.lo, tt.hi, err, tt.err)
		}
	}
}

// TestSources: the training set is cut to its first TrainSize images (or
// kept whole when it holds fewer), the test set kept whole, images
// flattened and normalised, labels as class indices; an empty set is an
// error.
func TestSources(t *testing.T) {
	set := func(n int) *mnist.Set {
		s, err := mnist.NewSet(28, 28, make([]byte, n*784), make([]byte, n))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, tt := range []struct{ nTrain, nTest, wantTrain int }{{500, 7, TrainSize}, {300, 7, 300}, {3, 7, 3}} {
		xTrain, tTrain, xTest, tTest, err := Sources(&mnist.Dataset{Train: set(tt.nTrain), Test: set(tt.nTest)})
		if err != nil {
			t.Fatal(err)
		}
		got := []int{xTrain.Len(), tTrain.Len(), xTest.Len(), tTest.Len()}
		if d := cmp.Diff([]int{tt.wantTrain, tt.wantTrain, tt.nTest, tt.nTest}, got); d != "" {
			t.Errorf("%d and %d images: lengths (-want +got):\n%s", tt.nTrain, tt.nTest, d)
		}
		if d := cmp.Diff([]int{2, 784}, xTrain.BatchShape(2)); d != "" {
			t.Errorf("image batch shape (-want +got):\n%s", d)
		}
		if d := cmp.Diff([]int{2}, tTrain.BatchShape(2)); d != "" {
			t.Errorf("label batch shape (-want +got):\n%s", d)
		}
	}
	for _, ds := range []*mnist.Dataset{{Train: set(0), Test: set(3)}, {Train: set(3), Test: set(0)}} {
		if _, _, _, _, err := Sources(ds); err == nil || !strings.Contains(err.Error(), "both need at least one") {
			t.Errorf("%d and %d images: error %v", ds.Train.N, ds.Test.N, err)
		}
	}
}

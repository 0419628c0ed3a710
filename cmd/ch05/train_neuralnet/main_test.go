package main

import (
	"io"
	"os"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/cmd/internal/mnisttrain/traintest"
)

// TestShortRunsMatchNumPy compares short seeded runs with the book's
// ch05 loop run with NumPy for the same settings (testdata/numpy_short_runs.txt).
func TestShortRunsMatchNumPy(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on MNIST; skipped with -short")
	}
	traintest.CheckShortRuns(t, run, "testdata/numpy_short_runs.txt", 0.001)
}

// TestFullRunMatchesBook runs the script's full 10000 iterations and
// compares every epoch line with the book's script run with
// np.random.seed(0) prepended (testdata/ch05_train_neuralnet_seed0.txt).
func TestFullRunMatchesBook(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on MNIST for 10000 iterations; skipped with -short")
	}
	want, err := os.ReadFile("testdata/ch05_train_neuralnet_seed0.txt")
	if err != nil {
		t.Fatal(err)
	}
	traintest.CheckRun(t, run, nil, string(want), 0.001)
}

func TestBadFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-iters", "0"}, "-iters 0 must be at least 1"},
		{[]string{"-batch", "0"}, "-batch 0 must be between 1 and 60000"},
		{[]string{"-lr", "-1"}, "-lr -1 must be a positive number"},
		{[]string{"-hidden", "0"}, "-hidden 0 must be at least 1"},
		{[]string{"-seed", "4294967296"}, "-seed 4294967296 is out of range"},
		{[]string{"extra"}, "unexpected argument"},
	}
	for _, tc := range tests {
		err := run(tc.args, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("run(%q): error %v, want %q", tc.args, err, tc.want)
		}
	}
}

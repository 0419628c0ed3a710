package mnisttrain

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// TestFlagRanges: issue 8, huge sizes are usage errors that give the
// range, where they used to panic in makeslice; the limits themselves are
// accepted.
func TestFlagRanges(t *testing.T) {
	tests := []struct {
		args []string
		err  string // "" for none
	}{
		{[]string{"-hidden", "100000", "-batch", "500"}, ""},
		{[]string{"-iters", "10000000"}, ""},
		{[]string{"-batch", "60000", "-hidden", "833"}, ""},
		{[]string{"-seed", "4294967295"}, ""},
		{[]string{"-hidden", "100001"}, "-hidden 100001 is out of range (allowed: 1 to 100000)"},
		{[]string{"-hidden", "1000000000000"}, "-hidden 1000000000000 is out of range (allowed: 1 to 100000)"},
		{[]string{"-hidden", "0"}, "-hidden 0 must be at least 1 (allowed: 1 to 100000)"},
		{[]string{"-iters", "10000001"}, "-iters 10000001 is out of range (allowed: 1 to 10000000)"},
		{[]string{"-iters", "-1"}, "-iters -1 must be at least 1 (allowed: 1 to 10000000)"},
		{[]string{"-batch", "60001"}, "-batch 60001 must be between 1 and 60000"},
		{[]string{"-batch", "60000", "-hidden", "834"},
			"-batch 60000 with -hidden 834 gives layers of 50040000 values, more than the 50000000 allowed: lower one of them"},
		{[]string{"-seed", "-1"}, `-seed -1 is out of range: NumPy's seeds are 0 to 4294967295`},
		{[]string{"-lr", "Inf"}, "-lr +Inf must be a positive number"},
	}
	for _, tt := range tests {
		// -o "" keeps the check of the default output path out of it
		_, err := ParseFlags("prog", append(tt.args, "-o", ""), io.Discard)
		if tt.err == "" {
			if err != nil {
				t.Errorf("ParseFlags(%q): %v", tt.args, err)
			}
			continue
		}
		var u cli.UsageError
		if err == nil || err.Error() != tt.err || !errors.As(err, &u) {
			t.Errorf("ParseFlags(%q) error\n%v\nwant the usage error\n%s", tt.args, err, tt.err)
		}
	}
}

// TestRunEmptySet: a Dataset with an empty set (which mnist.Load never
// returns) is an error, not a panic in ChoiceInto or an accuracy of NaN.
func TestRunEmptySet(t *testing.T) {
	empty, err := mnist.NewSet(28, 28, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, ds := range []*mnist.Dataset{{Train: empty, Test: tinySet(t, 3)}, {Train: tinySet(t, 3), Test: empty}} {
		line := func(a, b float64) string { return "" }
		_, err := Run(Config{Iters: 1, BatchSize: 1, LR: 0.1, Line: line}, &fakeNet{w: tensor.Zeros(1), nanAt: -1}, random.New(0), ds, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "both need at least one") {
			t.Errorf("train N %d, test N %d: error %v", ds.Train.N, ds.Test.N, err)
		}
	}
}

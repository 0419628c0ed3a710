package main

import (
	"errors"
	"io"
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli"
)

// TestSeedFlag: issue 8, -seed says what is wrong with it.
func TestSeedFlag(t *testing.T) {
	tests := []struct{ arg, want string }{
		{"-1", `-seed -1 is out of range: NumPy's seeds are 0 to 4294967295`},
		{"4294967296", `-seed 4294967296 is out of range: NumPy's seeds are 0 to 4294967295`},
		{"1e3", `-seed "1e3" is not a whole number: NumPy's seeds are 0 to 4294967295`},
	}
	for _, tt := range tests {
		err := run([]string{"-seed", tt.arg}, io.Discard, io.Discard)
		var u cli.UsageError
		if err == nil || err.Error() != tt.want || !errors.As(err, &u) {
			t.Errorf("-seed %s: error\n%v\nwant the usage error\n%s", tt.arg, err, tt.want)
		}
	}
}

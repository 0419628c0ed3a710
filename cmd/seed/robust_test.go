package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli"
)

// TestFlagRangesAndMessages: issue 8, huge sizes are usage errors giving
// the range (they used to panic in makeslice), -seed says what is wrong
// with it, and a bad flag is printed once, followed by the usage.
func TestFlagRangesAndMessages(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-samples", "1000000000000"}, "-samples 1000000000000 is out of range (allowed: 1 to 1000000)"},
		{[]string{"-samples", "1000001"}, "-samples 1000001 is out of range (allowed: 1 to 1000000)"},
		{[]string{"-epochs", "1000000000000"}, "-epochs 1000000000000 is out of range (allowed: 1 to 10000000)"},
		{[]string{"-epochs", "0"}, "-epochs 0 must be at least 1 (allowed: 1 to 10000000)"},
		{[]string{"-seed", "-1"}, `-seed -1 is out of range: NumPy's seeds are 0 to 4294967295`},
		{[]string{"-seed", "x"}, `-seed "x" is not a whole number: NumPy's seeds are 0 to 4294967295`},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		err := run(tt.args, &out, &errOut)
		var u cli.UsageError
		if err == nil || err.Error() != tt.want || !errors.As(err, &u) {
			t.Errorf("run(%q) error\n%v\nwant the usage error\n%s", tt.args, err, tt.want)
		}
		if out.Len() != 0 {
			t.Errorf("run(%q) printed %q", tt.args, out.String())
		}
	}

	var errOut bytes.Buffer
	err := run([]string{"-seed", "-1"}, &bytes.Buffer{}, &errOut)
	if n := strings.Count(errOut.String(), err.Error()); n != 1 || !strings.Contains(errOut.String(), "Usage of seed:") {
		t.Errorf("stderr holds the message %d times (want 1, then the usage):\n%s", n, errOut.String())
	}
}

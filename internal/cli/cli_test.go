package cli

import (
	"bytes"
	"errors"
	"flag"
	"strings"
	"testing"
)

func TestExitCode(t *testing.T) {
	tests := []struct {
		err  error
		code int
		msg  string
	}{
		{nil, 0, ""},
		{flag.ErrHelp, 0, ""},
		{Usagef("-lr %v must be positive", -1), 2, "prog: -lr -1 must be positive\n"},
		{errors.New("loss became NaN at iteration 3"), 1, "prog: loss became NaN at iteration 3\n"},
	}
	for _, tc := range tests {
		var buf bytes.Buffer
		if got := exitCode("prog", tc.err, &buf); got != tc.code || buf.String() != tc.msg {
			t.Errorf("exitCode(%v) = %d, %q; want %d, %q", tc.err, got, buf.String(), tc.code, tc.msg)
		}
	}
}

func TestParse(t *testing.T) {
	var buf bytes.Buffer
	fs := FlagSet("prog", &buf)
	n := fs.Int("n", 1, "count")
	if err := Parse(fs, []string{"-n", "3"}); err != nil || *n != 3 {
		t.Fatalf("Parse: %v, n = %d", err, *n)
	}
	for _, args := range [][]string{{"-n", "x"}, {"-zzz"}, {"stray"}} {
		fs := FlagSet("prog", &buf)
		fs.Int("n", 1, "count")
		err := Parse(fs, args)
		var u UsageError
		if !errors.As(err, &u) {
			t.Errorf("Parse(%q) = %v, want a UsageError", args, err)
		}
	}
	if _, err := Seed(1 << 32); err == nil || !strings.Contains(err.Error(), "out of range") {
		t.Errorf("Seed(2^32) error %v", err)
	}
	if s, err := Seed(1<<32 - 1); err != nil || s != 1<<32-1 {
		t.Errorf("Seed(2^32-1) = %d, %v", s, err)
	}
}

func TestProgressSilentWhenPiped(t *testing.T) {
	var buf bytes.Buffer
	p := NewProgress(&buf)
	p.Update("epoch", 1, 10, 0.5)
	p.Clear()
	if buf.Len() != 0 {
		t.Errorf("progress wrote %q to a non-terminal", buf.String())
	}
}

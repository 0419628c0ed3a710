package membudget

import (
	"errors"
	"testing"
)

var errLimit = errors.New("too large")

func TestTake(t *testing.T) {
	b := New(0, 0, 100, 250)
	if b.PerArray != 100 || b.Total != 250 {
		t.Fatalf("New(0, 0, 100, 250) = %+v, want the defaults", b)
	}
	for _, tc := range []struct {
		need int64
		err  string // "" for none
		used int64
	}{
		{80, "", 80},
		{100, "", 180},
		{101, "too large: x needs 101 bytes as float64, more than the limit of 100 bytes per array (Limits.MaxArrayBytes)", 180},
		{71, "too large: x needs 71 bytes as float64, which with the 180 bytes read before is more than the limit of 250 bytes in all (Limits.MaxTotalBytes)", 180},
		{70, "", 250},
		{0, "", 250},
		{1, "too large: x needs 1 bytes as float64, which with the 250 bytes read before is more than the limit of 250 bytes in all (Limits.MaxTotalBytes)", 250},
	} {
		err := b.Take(errLimit, "x", tc.need)
		got := ""
		if err != nil {
			got = err.Error()
			if !errors.Is(err, errLimit) {
				t.Errorf("Take(%d): %v does not wrap the limit error", tc.need, err)
			}
		}
		if got != tc.err || b.Used != tc.used {
			t.Errorf("Take(%d): error %q, used %d; want %q, %d", tc.need, got, b.Used, tc.err, tc.used)
		}
	}
}

func TestSize(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{0, "0 bytes"},
		{1<<20 - 1, "1048575 bytes"},
		{3 << 19, "1.5 MiB"},
		{512 << 20, "512 MiB"},
		{1 << 30, "1 GiB"},
		{5 << 40, "5 TiB"},
	} {
		if got := Size(tc.n); got != tc.want {
			t.Errorf("Size(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

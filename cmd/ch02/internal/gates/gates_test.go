package gates

import (
	"bytes"
	"testing"
)

// The expected tables are what the book's scripts print.
func TestTables(t *testing.T) {
	tests := []struct {
		name string
		gate func(x1, x2 int) int
		want string
	}{
		{"AND", AND, "(0, 0) -> 0\n(1, 0) -> 0\n(0, 1) -> 0\n(1, 1) -> 1\n"},
		{"NAND", NAND, "(0, 0) -> 1\n(1, 0) -> 1\n(0, 1) -> 1\n(1, 1) -> 0\n"},
		{"OR", OR, "(0, 0) -> 0\n(1, 0) -> 1\n(0, 1) -> 1\n(1, 1) -> 1\n"},
		{"XOR", XOR, "(0, 0) -> 0\n(1, 0) -> 1\n(0, 1) -> 1\n(1, 1) -> 0\n"},
	}
	for _, tc := range tests {
		var buf bytes.Buffer
		PrintTable(&buf, tc.gate)
		if buf.String() != tc.want {
			t.Errorf("%s:\n%s\nwant\n%s", tc.name, buf.String(), tc.want)
		}
	}
}

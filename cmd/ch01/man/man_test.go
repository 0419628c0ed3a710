package main

import (
	"bytes"
	"testing"
)

// TestMan checks the class on its own, with another name: each method
// prints its line as man.py's would ("Initilized!" is the book's spelling).
func TestMan(t *testing.T) {
	tests := []struct {
		name string
		call func(m *Man)
		want string
	}{
		{"init", func(*Man) {}, "Initilized!\n"},
		{"hello", (*Man).Hello, "Initilized!\nHello Ada!\n"},
		{"goodbye", (*Man).Goodbye, "Initilized!\nGood-bye Ada!\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			m := NewMan(&buf, "Ada")
			tc.call(m)
			if buf.String() != tc.want {
				t.Errorf("printed %q, want %q", buf.String(), tc.want)
			}
			if m.Name != "Ada" {
				t.Errorf("Name = %q, want Ada", m.Name)
			}
		})
	}
}

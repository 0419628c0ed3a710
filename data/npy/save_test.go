package npy_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/data/npy"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
)

// A save that fails leaves the previous file byte for byte, and no
// temporary file behind.
func TestFailedSaveKeepsOldFile(t *testing.T) {
	old := []byte("the previous weights\n")
	good := tensor.Vector(1, 2, 3)
	// Members are written in sorted key order: "a" is written before the
	// 70000-byte name that the zip format cannot hold fails.
	longName := strings.Repeat("z", 70000)
	tests := []struct {
		name string
		save func(path string) error
		want string
	}{
		{"npz fails after its first member", func(path string) error {
			return npy.WriteNPZFile(path, map[string]*tensor.Tensor{"a": tensor.Zeros(1000), longName: good}, true)
		}, "too long"},
		{"stored npz fails after its first member", func(path string) error {
			return npy.WriteNPZFile(path, map[string]*tensor.Tensor{"a": tensor.Zeros(1000), longName: good}, false)
		}, "too long"},
		{"npz with a nil array", func(path string) error {
			return npy.WriteNPZFile(path, map[string]*tensor.Tensor{"a": good, "b": nil}, false)
		}, `array "b" is nil`},
		{"npy of a nil tensor", func(path string) error { return npy.WriteFile(path, nil) }, "nil tensor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "weights.npz")
			if err := os.WriteFile(path, old, 0o644); err != nil {
				t.Fatal(err)
			}
			err := tt.save(path)
			if err == nil || !strings.HasPrefix(err.Error(), "npy: "+path+": ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %.200v, want one that starts with npy: %s: and says %q", err, path, tt.want)
			}
			got, rerr := os.ReadFile(path)
			if rerr != nil || !slices.Equal(got, old) {
				t.Errorf("file holds %q (%v), want the previous %q", got, rerr, old)
			}
			ents, _ := os.ReadDir(dir)
			var names []string
			for _, e := range ents {
				names = append(names, e.Name())
			}
			if !cmp.Equal(names, []string{"weights.npz"}) {
				t.Errorf("folder holds %q, want only weights.npz", names)
			}
		})
	}
}

// Paths that cannot be written are errors that name the path once.
func TestSaveToBadPath(t *testing.T) {
	dir := t.TempDir()
	x := tensor.Vector(1)
	tests := []struct {
		name string
		path string
		save func(path string) error
		want string
	}{
		{"npy into a directory", dir, func(p string) error { return npy.WriteFile(p, x) }, "is a directory"},
		{"npz into a directory", dir, func(p string) error { return npy.WriteNPZFile(p, map[string]*tensor.Tensor{"x": x}, false) }, "is a directory"},
		{"npy into a missing folder", filepath.Join(dir, "missing", "a.npy"), func(p string) error { return npy.WriteFile(p, x) }, "create temporary file for"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.save(tt.path)
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Count(err.Error(), tt.path) != 1 || !strings.HasPrefix(err.Error(), "npy: ") {
				t.Errorf("error %v, want it to name %s once and say %q", err, tt.path, tt.want)
			}
			if ents, _ := os.ReadDir(dir); len(ents) != 0 {
				t.Errorf("folder holds %d entries, want none", len(ents))
			}
		})
	}
}

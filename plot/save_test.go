package plot_test

import (
	"errors"
	"image"
	"image/color"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/plot"
	"github.com/google/go-cmp/cmp"
)

// panicImage panics when the encoder reads row 5.
type panicImage struct{ *image.Gray }

func (p panicImage) At(x, y int) color.Color {
	if y == 5 {
		panic("pixel source failed")
	}
	return p.Gray.At(x, y)
}

// A save that fails leaves the previous file byte for byte, and no
// temporary file behind.
func TestFailedSaveKeepsOldFile(t *testing.T) {
	old := []byte("the previous figure\n")
	tests := []struct {
		name  string
		save  func(path string) error
		want  string // in the error; "" when the save panics
		panic bool
	}{
		{"PNG of an empty image", func(p string) error { return plot.SavePNG(p, image.NewGray(image.Rect(0, 0, 0, 0))) }, "invalid image size", false},
		{"PNG of a 0-pixel-wide grid", func(p string) error { return plot.SavePNG(p, image.NewGray(image.Rect(0, 0, 0, 10))) }, "invalid image size", false},
		{"PNG whose pixels fail mid-way", func(p string) error {
			return plot.SavePNG(p, panicImage{image.NewGray(image.Rect(0, 0, 10, 10))})
		}, "", true},
		{"gray PNG of nothing (a programmer error)", func(p string) error { return plot.SaveGrayPNG(p, []float64{}, 0, 0) }, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "figure.png")
			if err := os.WriteFile(path, old, 0o644); err != nil {
				t.Fatal(err)
			}
			var err error
			func() {
				defer func() {
					if r := recover(); (r != nil) != tt.panic {
						t.Errorf("recovered %v, want a panic: %v", r, tt.panic)
					}
				}()
				err = tt.save(path)
			}()
			if !tt.panic && (err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("error %v, want one naming %s and saying %q", err, path, tt.want)
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
			if !cmp.Equal(names, []string{"figure.png"}) {
				t.Errorf("folder holds %q, want only figure.png", names)
			}
		})
	}
}

// Paths that cannot be written are errors that name the path, and leave
// nothing behind.
func TestSaveToBadPath(t *testing.T) {
	dir := t.TempDir()
	img := image.NewGray(image.Rect(0, 0, 2, 2))
	tests := []struct {
		name string
		path string
		save func(path string) error
		is   error
	}{
		{"SVG into a directory", dir, func(p string) error { return plot.New().Save(p) }, nil},
		{"PNG into a directory", dir, func(p string) error { return plot.SavePNG(p, img) }, nil},
		{"SVG into a missing folder", filepath.Join(dir, "missing", "f.svg"), func(p string) error { return plot.New().Save(p) }, fs.ErrNotExist},
		{"PNG into a missing folder", filepath.Join(dir, "missing", "f.png"), func(p string) error { return plot.SavePNG(p, img) }, fs.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.save(tt.path)
			var pe *fs.PathError
			if !errors.As(err, &pe) || pe.Path != tt.path {
				t.Errorf("error %v, want a *fs.PathError naming %s", err, tt.path)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v, want %v", err, tt.is)
			}
			if ents, _ := os.ReadDir(dir); len(ents) != 0 {
				t.Errorf("folder holds %d entries, want none", len(ents))
			}
		})
	}
}

// A save replaces a previous file whole.
func TestSaveReplaces(t *testing.T) {
	dir := t.TempDir()
	svg, png := filepath.Join(dir, "f.svg"), filepath.Join(dir, "f.png")
	for _, p := range []string{svg, png} {
		if err := os.WriteFile(p, []byte(strings.Repeat("old ", 100000)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := plot.New().Save(svg); err != nil {
		t.Fatal(err)
	}
	if err := plot.SaveGrayPNG(png, []byte{0, 255}, 2, 1); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, prefix, suffix string }{
		{svg, `<?xml version="1.0"`, "</svg>\n"},
		{png, "\x89PNG\r\n\x1a\n", "IEND\xaeB`\x82"},
	} {
		b, err := os.ReadFile(tc.path)
		if err != nil {
			t.Fatal(err)
		}
		if s := string(b); !strings.HasPrefix(s, tc.prefix) || !strings.HasSuffix(s, tc.suffix) || strings.Contains(s, "old ") {
			t.Errorf("%s: %d bytes, not a whole new file", filepath.Base(tc.path), len(b))
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Errorf("folder holds %d entries, want 2", len(ents))
	}
}

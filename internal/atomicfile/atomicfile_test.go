package atomicfile_test

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/internal/atomicfile"
	"github.com/google/go-cmp/cmp"
)

// names lists the entries of dir, sorted.
func names(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	slices.Sort(out)
	return out
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var errInjected = errors.New("injected failure")

// Every failure leaves the previous file byte for byte and no temporary
// file behind.
func TestFailureKeepsOldFile(t *testing.T) {
	const old = "the previous content\n"
	tests := []struct {
		name  string
		write func(w io.Writer) error
		want  error
	}{
		{"error before writing", func(w io.Writer) error { return errInjected }, errInjected},
		{"error after half the data", func(w io.Writer) error {
			if _, err := w.Write([]byte("new and longer cont")); err != nil {
				return err
			}
			return errInjected
		}, errInjected},
		{"error after more than a buffer", func(w io.Writer) error {
			if _, err := w.Write(make([]byte, 1<<20)); err != nil {
				return err
			}
			return errInjected
		}, errInjected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "weights.npz")
			if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
				t.Fatal(err)
			}
			err := atomicfile.Write(path, 0o666, tt.write)
			if !errors.Is(err, tt.want) {
				t.Errorf("Write: %v, want %v", err, tt.want)
			}
			if got := read(t, path); got != old {
				t.Errorf("file holds %q, want the previous %q", got, old)
			}
			if got := names(t, dir); !cmp.Equal(got, []string{"weights.npz"}) {
				t.Errorf("folder holds %q, want only weights.npz", got)
			}
		})
	}
}

func TestPanicKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "fig.svg")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	func() {
		defer func() {
			if r := recover(); r != "boom" {
				t.Errorf("recovered %v, want the panic boom", r)
			}
		}()
		atomicfile.Write(path, 0o666, func(w io.Writer) error {
			w.Write([]byte("partial"))
			panic("boom")
		})
	}()
	if got := read(t, path); got != "old" {
		t.Errorf("file holds %q, want old", got)
	}
	if got := names(t, dir); !cmp.Equal(got, []string{"fig.svg"}) {
		t.Errorf("folder holds %q, want only fig.svg", got)
	}
}

func TestWrite(t *testing.T) {
	long := strings.Repeat("é", 120) + ".svg" // 244 bytes: the temporary name must be shortened
	tests := []struct {
		name string
		file string
		old  *string
		data string
	}{
		{"new file", "a.npy", nil, "fresh"},
		{"replace a longer file", "a.npy", ptr("0123456789"), "short"},
		{"replace a shorter file", "a.npy", ptr("x"), "much longer content"},
		{"empty content", "a.npy", ptr("x"), ""},
		{"long name", long, nil, "data"},
		{"more than a buffer", "big.bin", ptr("x"), strings.Repeat("0123456789abcdef", 1<<14)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tt.file)
			if tt.old != nil {
				if err := os.WriteFile(path, []byte(*tt.old), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := atomicfile.WriteFile(path, []byte(tt.data), 0o666); err != nil {
				t.Fatal(err)
			}
			if got := read(t, path); got != tt.data {
				t.Errorf("file holds %d bytes %.20q, want %d bytes %.20q", len(got), got, len(tt.data), tt.data)
			}
			if got := names(t, dir); !cmp.Equal(got, []string{tt.file}) {
				t.Errorf("folder holds %q, want only %q", got, tt.file)
			}
		})
	}
}

func ptr(s string) *string { return &s }

// A new file gets the permissions os.WriteFile gives; a replaced file
// keeps its own.
func TestPermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix permissions")
	}
	dir := t.TempDir()
	ref := filepath.Join(dir, "ref")
	if err := os.WriteFile(ref, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	refInfo, err := os.Stat(ref)
	if err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(dir, "fresh")
	if err := atomicfile.WriteFile(fresh, []byte("x"), 0o666); err != nil {
		t.Fatal(err)
	}
	kept := filepath.Join(dir, "kept")
	if err := os.WriteFile(kept, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(kept, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := atomicfile.WriteFile(kept, []byte("new"), 0o666); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		want fs.FileMode
	}{{fresh, refInfo.Mode().Perm()}, {kept, 0o640}} {
		fi, err := os.Stat(tc.path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != tc.want {
			t.Errorf("%s: mode %v, want %v", filepath.Base(tc.path), fi.Mode().Perm(), tc.want)
		}
	}
}

// A symbolic link stays a link; the file it points to gets the content.
func TestSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.npy")
	link := filepath.Join(dir, "link.npy")
	if err := os.WriteFile(real, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.npy", link); err != nil {
		t.Skipf("cannot make a symbolic link: %v", err)
	}
	if err := atomicfile.WriteFile(link, []byte("new"), 0o666); err != nil {
		t.Fatal(err)
	}
	if got := read(t, real); got != "new" {
		t.Errorf("link target holds %q, want new", got)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("link.npy is no longer a symbolic link (%v)", err)
	}
	if got := names(t, dir); !cmp.Equal(got, []string{"link.npy", "real.npy"}) {
		t.Errorf("folder holds %q", got)
	}
}

// Paths that cannot be written are errors that name the path.
func TestBadTargets(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		path   string
		target error // errors.Is, or nil
		want   string
	}{
		{"a directory", sub, nil, "is a directory"},
		{"a missing folder", filepath.Join(dir, "missing", "f.svg"), fs.ErrNotExist, "f.svg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := atomicfile.WriteFile(tt.path, []byte("x"), 0o666)
			var pe *fs.PathError
			if !errors.As(err, &pe) || pe.Path != tt.path {
				t.Fatalf("error %v, want a *fs.PathError naming %s", err, tt.path)
			}
			if !strings.Contains(err.Error(), tt.want) || (tt.target != nil && !errors.Is(err, tt.target)) {
				t.Errorf("error %q, want it to say %q and be %v", err, tt.want, tt.target)
			}
			if got := names(t, dir); !cmp.Equal(got, []string{"sub"}) {
				t.Errorf("folder holds %q, want only sub", got)
			}
		})
	}
}

// A folder the process may not write to: the previous file stays.
func TestReadOnlyFolder(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix permissions")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "fig.png")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	if f, err := os.Create(filepath.Join(dir, "probe")); err == nil {
		f.Close()
		t.Skip("running as a user who can write to read-only folders (root)")
	}
	err := atomicfile.WriteFile(path, []byte("new"), 0o666)
	if !errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), path) {
		t.Errorf("error %v, want a permission error naming %s", err, path)
	}
	if got := read(t, path); got != "old" {
		t.Errorf("file holds %q, want old", got)
	}
}

package npy_test

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/data/npy"
	"github.com/dlfs-go/dlfs/tensor"
)

// npz → Go → npz → Go gives the same arrays, stored and deflated.
func TestNPZRoundTrip(t *testing.T) {
	fx := loadFixtures(t)
	for name := range fx.NPZ {
		first, err := npy.ReadNPZFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, compress := range []bool{false, true} {
			t.Run(name+"/compress="+map[bool]string{false: "false", true: "true"}[compress], func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "out.npz")
				if err := npy.WriteNPZFile(path, first, compress); err != nil {
					t.Fatal(err)
				}
				second, err := npy.ReadNPZFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if len(second) != len(first) {
					t.Fatalf("%d arrays, want %d", len(second), len(first))
				}
				for k, want := range first {
					got, ok := second[k]
					if !ok {
						t.Fatalf("key %q lost", k)
					}
					checkSame(t, got, want)
				}
				checkMethod(t, path, compress)
			})
		}
	}
}

// checkMethod checks that every member of the archive at path is stored or
// deflated, and that the members are in sorted order.
func checkMethod(t *testing.T, path string, compress bool) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	want := zip.Store
	if compress {
		want = zip.Deflate
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if f.Method != want {
			t.Errorf("member %s: method %d, want %d", f.Name, f.Method, want)
		}
		if !strings.HasSuffix(f.Name, ".npy") {
			t.Errorf("member %s: no .npy suffix", f.Name)
		}
	}
	if !slices.IsSorted(names) {
		t.Errorf("members %v not in sorted order", names)
	}
}

func TestWriteNPZDeterministic(t *testing.T) {
	arrays := map[string]*tensor.Tensor{}
	for i, k := range []string{"W1", "b1", "W2", "b2", "gamma", "beta", "z", "a"} {
		arrays[k] = tensor.Full(float64(i), 2, i+1)
	}
	for _, compress := range []bool{false, true} {
		var first []byte
		for range 5 {
			var buf bytes.Buffer
			if err := npy.WriteNPZ(&buf, arrays, compress); err != nil {
				t.Fatal(err)
			}
			if first == nil {
				first = buf.Bytes()
			} else if !bytes.Equal(first, buf.Bytes()) {
				t.Fatalf("compress=%v: WriteNPZ wrote different bytes for the same arrays", compress)
			}
		}
	}
}

func TestWriteNPZErrors(t *testing.T) {
	tests := []struct {
		name   string
		arrays map[string]*tensor.Tensor
		want   string
	}{
		{"nil tensor", map[string]*tensor.Tensor{"a": tensor.Vector(1), "b": nil}, `array "b" is nil`},
		{"empty key", map[string]*tensor.Tensor{"": tensor.Vector(1)}, "empty array name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := npy.WriteNPZ(&buf, tt.arrays, false); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("WriteNPZ: %v, want an error containing %q", err, tt.want)
			}
			path := filepath.Join(t.TempDir(), "x.npz")
			err := npy.WriteNPZFile(path, tt.arrays, true)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("WriteNPZFile: %v, want an error naming %s and containing %q", err, path, tt.want)
			}
		})
	}
	if err := npy.WriteNPZ(failWriter{}, map[string]*tensor.Tensor{"a": tensor.Vector(1)}, false); err == nil {
		t.Error("WriteNPZ to a failing writer returned no error")
	}
}

type member struct {
	name   string
	data   []byte
	method uint16
}

// zipBytes builds a zip archive by hand.
func zipBytes(t *testing.T, members ...member) []byte {
	t.Helper()
	return zipBytesTB(t, members...)
}

// zipBytesTB is zipBytes for tests and fuzz targets.
func zipBytesTB(t testing.TB, members ...member) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: m.name, Method: m.method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(m.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadNPZMalformed(t *testing.T) {
	valid := npyBytes(1, hdr("'<f8'", "False", "(2,)"), f8(1, 2))
	savez, err := os.ReadFile("testdata/savez.npz")
	if err != nil {
		t.Fatal(err)
	}
	// Flip a byte of the first member's array data: the CRC no longer
	// matches. The first member's data is the last 8 bytes before the
	// second local file header.
	corrupt := bytes.Clone(savez)
	second := bytes.Index(corrupt[4:], []byte("PK\x03\x04")) + 4
	corrupt[second-1] ^= 0xff

	tests := []struct {
		name string
		in   []byte
		want []string // all in the error message
	}{
		{"empty", nil, []string{"not an .npz (zip) archive"}},
		{"npy, not npz", valid, []string{"not an .npz (zip) archive"}},
		{"truncated archive", savez[:len(savez)/2], []string{"not an .npz (zip) archive"}},
		{"no .npy suffix", zipBytes(t, member{"a.npy", valid, zip.Store}, member{"b", valid, zip.Store}), []string{`member "b"`, "does not end in .npy"}},
		{"directory", zipBytes(t, member{"dir/", nil, zip.Store}), []string{`member "dir/"`, "does not end in .npy"}},
		{"duplicate key", zipBytes(t, member{"a.npy", valid, zip.Store}, member{"a.npy", valid, zip.Deflate}), []string{"duplicate key"}},
		{"bad member", zipBytes(t, member{"a.npy", valid, zip.Store}, member{"b.npy", []byte("not an array"), zip.Deflate}), []string{`member "b.npy"`, "bad magic"}},
		{"int member", zipBytes(t, member{"i.npy", npyBytes(1, hdr("'<i8'", "False", "(2,)"), f8(1, 2)), zip.Store}), []string{`member "i.npy"`, "unsupported dtype"}},
		{"truncated member", zipBytes(t, member{"a.npy", valid[:len(valid)-1], zip.Deflate}), []string{`member "a.npy"`, "data truncated"}},
		{"stored member too long", zipBytes(t, member{"a.npy", append(valid[:len(valid):len(valid)], 0), zip.Store}), []string{`member "a.npy"`, "after the array data"}},
		{"deflated member too long", zipBytes(t, member{"a.npy", append(valid[:len(valid):len(valid)], 0), zip.Deflate}), []string{`member "a.npy"`, "after the array data"}},
		{"lying shape", zipBytes(t, member{"a.npy", npyBytes(1, hdr("'<f8'", "False", "(1000000,)"), f8(1)), zip.Deflate}), []string{`member "a.npy"`, "data truncated"}},
		{"huge shape", zipBytes(t, member{"a.npy", npyBytes(1, hdr("'<f8'", "False", "(1000000000000,)"), f8(1)), zip.Deflate}), []string{`member "a.npy"`, "array too large", "Limits.MaxArrayBytes"}},
		{"bad checksum", corrupt, []string{`member "W1.npy"`, "checksum"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := npy.ReadNPZ(bytes.NewReader(tt.in), int64(len(tt.in)))
			if err == nil {
				t.Fatalf("ReadNPZ returned %v and no error", got)
			}
			t.Log(err)
			for _, w := range append(tt.want, "npy: ") {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			path := filepath.Join(t.TempDir(), "bad.npz")
			if err := os.WriteFile(path, tt.in, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := npy.ReadNPZFile(path); err == nil || !strings.Contains(err.Error(), path) {
				t.Errorf("ReadNPZFile: %v, want an error naming %s", err, path)
			}
		})
	}
}

func TestReadNPZEmptyArchive(t *testing.T) {
	var buf bytes.Buffer
	if err := npy.WriteNPZ(&buf, nil, false); err != nil {
		t.Fatal(err)
	}
	m, err := npy.ReadNPZ(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil || len(m) != 0 {
		t.Errorf("ReadNPZ of an empty archive: %v, %v; want an empty map", m, err)
	}
}

package npy_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/dlfs-go/dlfs/data/npy"
)

func addSeeds(f *testing.F, pattern string) {
	f.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed files %s: %v", pattern, err)
	}
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
}

// FuzzReadNPY checks that Read never panics, that a lying header cannot
// make it allocate without bound (the fuzzer would run out of memory), and
// that whatever it accepts survives a Write and Read round trip.
func FuzzReadNPY(f *testing.F) {
	addSeeds(f, "*.npy")
	f.Add(npyBytes(1, hdr("'<f4'", "False", "(1000000000000,)"), f8(1)))
	f.Add(npyBytes(3, hdr("'>f8'", "False", "(2, 0, 5)"), nil))
	f.Fuzz(func(t *testing.T, in []byte) {
		a, errA := npy.Read(bytes.NewReader(in))
		b, errB := npy.Read(hideLen{bytes.NewReader(in)})
		if (errA == nil) != (errB == nil) {
			t.Fatalf("Read with and without a known length disagree: %v, %v", errA, errB)
		}
		if errA != nil {
			return
		}
		checkSame(t, b, a)
		var buf bytes.Buffer
		if err := npy.Write(&buf, a); err != nil {
			t.Fatal(err)
		}
		c, err := npy.Read(&buf)
		if err != nil {
			t.Fatalf("reading back what Write wrote: %v", err)
		}
		checkSame(t, c, a)
	})
}

// FuzzReadNPZ checks that ReadNPZ never panics and that what it accepts
// survives a WriteNPZ and ReadNPZ round trip.
func FuzzReadNPZ(f *testing.F) {
	addSeeds(f, "*.npz")
	f.Fuzz(func(t *testing.T, in []byte) {
		m, err := npy.ReadNPZ(bytes.NewReader(in), int64(len(in)))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := npy.WriteNPZ(&buf, m, true); err != nil {
			if _, empty := m[""]; empty {
				return // a member named ".npy" has the empty key WriteNPZ refuses
			}
			t.Fatal(err)
		}
		back, err := npy.ReadNPZ(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatalf("reading back what WriteNPZ wrote: %v", err)
		}
		if len(back) != len(m) {
			t.Fatalf("%d arrays back, want %d", len(back), len(m))
		}
		for k, x := range m {
			checkSame(t, back[k], x)
		}
	})
}

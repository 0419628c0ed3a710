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

// fuzzLimits keeps each fuzz input's decoding small, and checks that the
// limits hold: an input over them must be an error.
// They are small, so that each run is quick: the fuzzer runs an input
// that finds new coverage many times over to minimise it.
var fuzzLimits = npy.Limits{MaxArrayBytes: 64 << 10, MaxTotalBytes: 256 << 10}

// FuzzReadNPY checks that Read never panics, that a lying header cannot
// make it allocate without bound (the fuzzer would run out of memory), and
// that whatever it accepts survives a Write and Read round trip.
func FuzzReadNPY(f *testing.F) {
	addSeeds(f, "*.npy")
	f.Add(npyBytes(1, hdr("'<f4'", "False", "(1000000000000,)"), f8(1)))
	f.Add(npyBytes(3, hdr("'>f8'", "False", "(2, 0, 5)"), nil))
	f.Add(npyBytes(1, hdr("'<f8'", "False", "(0, 4611686018427387904, 4611686018427387904)"), nil))
	f.Add(npyBytes(1, hdr("'<f8'", "False", "(8193,)"), make([]byte, 8193*8))) // just over fuzzLimits
	f.Fuzz(func(t *testing.T, in []byte) {
		a, errA := fuzzLimits.Read(bytes.NewReader(in))
		b, errB := fuzzLimits.Read(hideLen{bytes.NewReader(in)})
		if (errA == nil) != (errB == nil) {
			t.Fatalf("Read with and without a known length disagree: %v, %v", errA, errB)
		}
		if errA != nil {
			return
		}
		checkSame(t, b, a)
		if n := int64(a.Len()) * 8; n > fuzzLimits.MaxArrayBytes {
			t.Fatalf("Read returned %d bytes of float64, over the limit of %d", n, fuzzLimits.MaxArrayBytes)
		}
		var buf bytes.Buffer
		if err := npy.Write(&buf, a); err != nil {
			t.Fatal(err)
		}
		c, err := fuzzLimits.Read(&buf)
		if err != nil {
			t.Fatalf("reading back what Write wrote: %v", err)
		}
		checkSame(t, c, a)
	})
}

// FuzzReadNPZ checks that ReadNPZ never panics, that it keeps to its
// limits, and that what it accepts survives a WriteNPZ and ReadNPZ round
// trip. The seeds include the memory bombs: 64 MiB of zeros in a
// 65 KB archive, and one deflate stream listed under 8 names.
func FuzzReadNPZ(f *testing.F) {
	addSeeds(f, "*.npz")
	f.Add(bombNPZ(f, 64))
	f.Add(sharedNPZ(f, 8, 64))
	f.Add(deflatedNPZ(f, 5, 8192)) // over fuzzLimits in all
	f.Fuzz(func(t *testing.T, in []byte) {
		m, err := fuzzLimits.ReadNPZ(bytes.NewReader(in), int64(len(in)))
		if err != nil {
			return
		}
		total := int64(0)
		for _, x := range m {
			total += int64(x.Len()) * 8
		}
		if total > fuzzLimits.MaxTotalBytes {
			t.Fatalf("ReadNPZ returned %d bytes of float64, over the limit of %d", total, fuzzLimits.MaxTotalBytes)
		}
		var buf bytes.Buffer
		if err := npy.WriteNPZ(&buf, m, true); err != nil {
			if _, empty := m[""]; empty {
				return // a member named ".npy" has the empty key WriteNPZ refuses
			}
			t.Fatal(err)
		}
		back, err := fuzzLimits.ReadNPZ(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
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

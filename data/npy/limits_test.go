package npy_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/data/npy"
)

// zerosBomb returns a deflate stream of an .npy file of mib MiB of
// float64 zeros, with its CRC-32 and uncompressed size. It is made from
// flushed 1 MiB blocks, so building it costs little: 64 MiB fit in 66 KB,
// as they do in np.savez_compressed's output for np.zeros(8 << 20).
func zerosBomb(t testing.TB, mib int) (stream []byte, crc uint32, size int64) {
	t.Helper()
	zeros := make([]byte, 1<<20)
	head := npyBytes(1, hdr("'<f8'", "False", "("+strconv.Itoa(mib<<17)+",)"), nil)
	block := func(prefix []byte) []byte {
		var buf bytes.Buffer
		w, err := flate.NewWriter(&buf, flate.BestCompression)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(prefix)
		w.Write(zeros)
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	stream = block(head)
	rest := block(nil)
	crc = crc32.ChecksumIEEE(head)
	for i := 0; i < mib; i++ {
		if i > 0 {
			stream = append(stream, rest...)
		}
		crc = crc32.Update(crc, crc32.IEEETable, zeros)
	}
	stream = append(stream, 1, 0, 0, 0xff, 0xff) // an empty final stored block
	return stream, crc, int64(len(head)) + int64(mib)<<20
}

// bombNPZ is an .npz whose member z.npy is mib MiB of deflated zeros.
func bombNPZ(t testing.TB, mib int) []byte {
	t.Helper()
	stream, crc, size := zerosBomb(t, mib)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "z.npy", Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(len(stream)), UncompressedSize64: uint64(size)})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(stream)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sharedNPZ is an .npz with one local entry and n central-directory
// entries that all point at it: one deflate stream of mib MiB of zeros
// listed under n names.
func sharedNPZ(t testing.TB, n, mib int) []byte {
	t.Helper()
	stream, crc, size := zerosBomb(t, mib)
	le := binary.LittleEndian
	var b []byte
	b = le.AppendUint32(b, 0x04034b50)
	b = le.AppendUint16(b, 20)
	b = le.AppendUint16(b, 0)
	b = le.AppendUint16(b, zip.Deflate)
	b = le.AppendUint32(b, 0) // time and date
	b = le.AppendUint32(b, crc)
	b = le.AppendUint32(b, uint32(len(stream)))
	b = le.AppendUint32(b, uint32(size))
	b = le.AppendUint16(b, 5)
	b = le.AppendUint16(b, 0)
	b = append(b, "z.npy"...)
	b = append(b, stream...)
	cd := len(b)
	for i := range n {
		name := "z" + strconv.Itoa(i) + ".npy"
		b = le.AppendUint32(b, 0x02014b50)
		b = le.AppendUint16(b, 20)
		b = le.AppendUint16(b, 20)
		b = le.AppendUint16(b, 0)
		b = le.AppendUint16(b, zip.Deflate)
		b = le.AppendUint32(b, 0)
		b = le.AppendUint32(b, crc)
		b = le.AppendUint32(b, uint32(len(stream)))
		b = le.AppendUint32(b, uint32(size))
		b = le.AppendUint16(b, uint16(len(name)))
		b = le.AppendUint16(b, 0) // extra
		b = le.AppendUint16(b, 0) // comment
		b = le.AppendUint16(b, 0) // disk
		b = le.AppendUint16(b, 0) // internal attributes
		b = le.AppendUint32(b, 0) // external attributes
		b = le.AppendUint32(b, 0) // local header offset: all the same
		b = append(b, name...)
	}
	end := len(b)
	b = le.AppendUint32(b, 0x06054b50)
	b = le.AppendUint32(b, 0)
	b = le.AppendUint16(b, uint16(n))
	b = le.AppendUint16(b, uint16(n))
	b = le.AppendUint32(b, uint32(end-cd))
	b = le.AppendUint32(b, uint32(cd))
	b = le.AppendUint16(b, 0)
	return b
}

// deflatedNPZ is an .npz of n members of size float64 zeros each.
func deflatedNPZ(t testing.TB, n, size int) []byte {
	t.Helper()
	var ms []member
	for i := range n {
		ms = append(ms, member{"m" + strconv.Itoa(i) + ".npy", npyBytes(1, hdr("'<f8'", "False", "("+strconv.Itoa(size)+",)"), make([]byte, 8*size)), zip.Deflate})
	}
	return zipBytesTB(t, ms...)
}

// The memory bombs, and limits that are too small for an archive,
// are errors that say what is wrong, found before the data is decoded.
func TestNPZMemoryBombs(t *testing.T) {
	tests := []struct {
		name   string
		in     []byte
		limits npy.Limits
		want   []string
		limit  bool // the error wraps npy.ErrLimit
	}{
		{"65 KB to 64 MiB, limit 32 MiB per array", bombNPZ(t, 64), npy.Limits{MaxArrayBytes: 32 << 20},
			[]string{`member "z.npy"`, "array too large: shape (8388608,) of <f8 needs 64 MiB as float64, more than the limit of 32 MiB per array (Limits.MaxArrayBytes)"}, true},
		{"65 KB to 64 MiB, limit 16 MiB in all", bombNPZ(t, 64), npy.Limits{MaxTotalBytes: 16 << 20},
			[]string{`member "z.npy"`, "needs 64 MiB as float64, which with the 0 bytes read before is more than the limit of 16 MiB in all (Limits.MaxTotalBytes)"}, true},
		{"8 entries share one stream", sharedNPZ(t, 8, 64), npy.Limits{},
			[]string{`members "z0.npy" and "z1.npy" share bytes`, "not an archive np.savez writes"}, false},
		{"2 entries share a small stream", sharedNPZ(t, 2, 1), npy.Limits{}, []string{"share bytes"}, false},
		{"members add up past the total", deflatedNPZ(t, 3, 1<<17), npy.Limits{MaxTotalBytes: 5 << 19},
			[]string{`member "m2.npy"`, "needs 1 MiB as float64, which with the 2 MiB read before is more than the limit of 2.5 MiB in all"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			m, err := tt.limits.ReadNPZ(bytes.NewReader(tt.in), int64(len(tt.in)))
			runtime.ReadMemStats(&after)
			if err == nil {
				t.Fatalf("ReadNPZ returned %d arrays and no error", len(m))
			}
			t.Log(err)
			for _, w := range append(tt.want, "npy: ") {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if errors.Is(err, npy.ErrLimit) != tt.limit {
				t.Errorf("errors.Is(err, ErrLimit) = %v, want %v", !tt.limit, tt.limit)
			}
			// What was decoded before the error (members under the
			// limit) may be kept; nothing more.
			if n, bound := after.TotalAlloc-before.TotalAlloc, uint64(8<<20); n > bound {
				t.Errorf("ReadNPZ allocated %d bytes for a %d-byte archive, want at most %d", n, len(tt.in), bound)
			}
			path := filepath.Join(t.TempDir(), "bomb.npz")
			if err := os.WriteFile(path, tt.in, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := tt.limits.ReadNPZFile(path); err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.want[0]) {
				t.Errorf("ReadNPZFile: %v, want an error naming %s and saying %q", err, path, tt.want[0])
			}
		})
	}
}

// The default limits take the 64 MiB that np.savez_compressed writes for
// np.zeros(8 << 20) in 65 KB: NumPy reads that file, so the bound is
// absolute, not a ratio to the archive's size.
func TestDefaultLimitsAdmit(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes 64 MiB")
	}
	in := bombNPZ(t, 64)
	m, err := npy.ReadNPZ(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		t.Fatal(err)
	}
	if z := m["z"]; z == nil || z.Len() != 8<<20 {
		t.Fatalf("got %v, want 8388608 zeros", m)
	}
}

// Read refuses an array over the limit before reading its data, from a
// stream of unknown length as from a file.
func TestReadLimits(t *testing.T) {
	in := npyBytes(1, hdr("'<f4'", "False", "(1024, 1024)"), make([]byte, 4<<20))
	tests := []struct {
		name   string
		limits npy.Limits
		want   string // "" for success
	}{
		{"default", npy.Limits{}, ""},
		{"exactly the float64 size", npy.Limits{MaxArrayBytes: 8 << 20, MaxTotalBytes: 8 << 20}, ""},
		{"raised above the defaults", npy.Limits{MaxArrayBytes: 1 << 40, MaxTotalBytes: 1 << 41}, ""},
		{"float32 counts as float64", npy.Limits{MaxArrayBytes: 4 << 20}, "shape (1024, 1024) of <f4 needs 8 MiB as float64, more than the limit of 4 MiB per array"},
		{"total", npy.Limits{MaxTotalBytes: 8<<20 - 1}, "more than the limit of 8 MiB in all"},
	}
	path := filepath.Join(t.TempDir(), "a.npy")
	if err := os.WriteFile(path, in, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err1 := tt.limits.Read(hideLen{bytes.NewReader(in)})
			_, err2 := tt.limits.ReadFile(path)
			for _, err := range []error{err1, err2} {
				if tt.want == "" {
					if err != nil {
						t.Error(err)
					}
					continue
				}
				if !errors.Is(err, npy.ErrLimit) || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("error %v, want ErrLimit and %q", err, tt.want)
				}
			}
			if err2 != nil && !strings.Contains(err2.Error(), path) {
				t.Errorf("ReadFile error %q does not name %s", err2, path)
			}
		})
	}
}

package npy

import (
	"archive/zip"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/dlfs-go/dlfs/tensor"
)

// npzTime is the modification time of every member WriteNPZ writes: the
// zip format's earliest date, which is also what Python's zipfile (and so
// np.savez) stamps on the members it writes. A fixed time keeps the output
// reproducible.
var npzTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// ReadNPZ reads an .npz archive of size bytes from r, like np.load of an
// .npz file: a zip archive whose members are .npy files named <key>.npy.
// Archives written by np.savez (stored members) and np.savez_compressed
// (deflated members) are both read. The result maps each key (the member
// name without .npy) to its array; see Read for the arrays accepted.
//
// A member whose name does not end in .npy, a duplicate key, a member with
// bytes after its array data, members that share bytes of the archive
// and a failed checksum are errors. Errors name the member. Arrays larger
// than DefaultMaxArrayBytes, or together larger than
// DefaultMaxTotalBytes, as float64 are refused with an error wrapping
// ErrLimit; see Limits to read larger archives.
func ReadNPZ(r io.ReaderAt, size int64) (map[string]*tensor.Tensor, error) {
	return Limits{}.ReadNPZ(r, size)
}

// ReadNPZ is ReadNPZ with the limits l.
func (l Limits) ReadNPZ(r io.ReaderAt, size int64) (map[string]*tensor.Tensor, error) {
	m, err := readNPZ(r, size, l.budget())
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err)
	}
	return m, nil
}

// ReadNPZFile reads the .npz file at path; see ReadNPZ. Errors name the file
// and the member.
func ReadNPZFile(path string) (map[string]*tensor.Tensor, error) { return Limits{}.ReadNPZFile(path) }

// ReadNPZFile is ReadNPZFile with the limits l.
func (l Limits) ReadNPZFile(path string) (map[string]*tensor.Tensor, error) {
	return readFile(path, func(f *os.File, size int64) (map[string]*tensor.Tensor, error) {
		return readNPZ(f, size, l.budget())
	})
}

func readNPZ(r io.ReaderAt, size int64, b *budget) (map[string]*tensor.Tensor, error) {
	zr, err := zip.NewReader(r, size)
	// Member names are only used as map keys, never as paths, so a
	// non-local name (zip.ErrInsecurePath) is harmless.
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("not an .npz (zip) archive: %w", err)
	}
	if err := checkDisjoint(zr.File, size); err != nil {
		return nil, err
	}
	out := make(map[string]*tensor.Tensor, len(zr.File))
	for _, f := range zr.File {
		key, ok := strings.CutSuffix(f.Name, ".npy")
		if !ok {
			return nil, fmt.Errorf("member %q: name does not end in .npy", f.Name)
		}
		if _, dup := out[key]; dup {
			return nil, fmt.Errorf("member %q: duplicate key %q", f.Name, key)
		}
		t, err := readMember(f, size, b)
		if err != nil {
			return nil, fmt.Errorf("member %q: %w", f.Name, err)
		}
		out[key] = t
	}
	return out, nil
}

// checkDisjoint checks that no two members' data share bytes of the
// archive. Writers never make such archives; a crafted one could list one
// small deflated stream under many names to multiply what it decodes to.
func checkDisjoint(files []*zip.File, size int64) error {
	type span struct {
		name       string
		start, end int64
	}
	spans := make([]span, 0, len(files))
	for _, f := range files {
		off, err := f.DataOffset()
		if err != nil {
			return fmt.Errorf("member %q: %w", f.Name, err)
		}
		if f.CompressedSize64 > uint64(size-off) {
			return fmt.Errorf("member %q: %d bytes of data at offset %d run past the end of the %d-byte archive: %w",
				f.Name, f.CompressedSize64, off, size, io.ErrUnexpectedEOF)
		}
		if f.CompressedSize64 > 0 {
			spans = append(spans, span{f.Name, off, off + int64(f.CompressedSize64)})
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	for i := 1; i < len(spans); i++ {
		if p, s := spans[i-1], spans[i]; s.start < p.end {
			return fmt.Errorf("members %q and %q share bytes %d to %d of the archive: not an archive np.savez writes",
				p.name, s.name, s.start, min(p.end, s.end))
		}
	}
	return nil
}

func readMember(f *zip.File, archiveSize int64, b *budget) (*tensor.Tensor, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	// A stored member's size is bounded by the archive's, so it is safe to
	// allocate by; a deflated member's claimed size is not.
	avail := int64(-1)
	if f.Method == zip.Store && f.UncompressedSize64 <= uint64(archiveSize) {
		avail = int64(f.UncompressedSize64)
	}
	t, _, err := decode(rc, avail, b)
	if err != nil {
		return nil, err
	}
	// Read on to the end: the zip reader checks the CRC there.
	var one [1]byte
	n, err := io.ReadFull(rc, one[:])
	switch {
	case n > 0:
		return nil, fmt.Errorf("unexpected bytes after the array data (shape %s)", tensor.ShapeString(t.Shape()))
	case err != io.EOF:
		return nil, err
	}
	return t, nil
}

// WriteNPZ writes arrays to w as an .npz archive that np.load reads: one
// member <key>.npy per array, each written as Write does, in sorted key
// order. With compress false the members are stored, as np.savez does;
// with compress true they are deflated, as np.savez_compressed does. The
// output depends only on the arrays and compress (members carry a fixed
// 1980-01-01 time stamp). Keys must be non-empty and tensors non-nil.
func WriteNPZ(w io.Writer, arrays map[string]*tensor.Tensor, compress bool) error {
	if err := writeNPZ(w, arrays, compress); err != nil {
		return fmt.Errorf("npy: %w", err)
	}
	return nil
}

// WriteNPZFile writes arrays to the file at path; see WriteNPZ. The
// archive goes to a temporary file in the same folder that replaces path
// only once it is complete, so a failed write leaves a previous file at
// path as it was. Errors name the file.
func WriteNPZFile(path string, arrays map[string]*tensor.Tensor, compress bool) error {
	if err := checkArrays(arrays); err != nil {
		return fmt.Errorf("npy: %s: %w", path, err)
	}
	return writeFile(path, func(w io.Writer) error { return writeNPZ(w, arrays, compress) })
}

func checkArrays(arrays map[string]*tensor.Tensor) error {
	for k, t := range arrays {
		if k == "" {
			return errors.New("empty array name")
		}
		if t == nil {
			return fmt.Errorf("array %q is nil", k)
		}
	}
	return nil
}

func writeNPZ(w io.Writer, arrays map[string]*tensor.Tensor, compress bool) error {
	if err := checkArrays(arrays); err != nil {
		return err
	}
	method := zip.Store
	if compress {
		method = zip.Deflate
	}
	keys := make([]string, 0, len(arrays))
	for k := range arrays {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	zw := zip.NewWriter(w)
	for _, k := range keys {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: k + ".npy", Method: method, Modified: npzTime})
		if err != nil {
			return fmt.Errorf("member %q: %w", shorten(k+".npy"), err)
		}
		if err := encode(fw, arrays[k]); err != nil {
			return fmt.Errorf("member %q: %w", shorten(k+".npy"), err)
		}
	}
	return zw.Close()
}

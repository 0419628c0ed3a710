package mnist

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// idxFile returns an IDX file: the magic number, the sizes, the data.
func idxFile(magic uint32, dims []uint32, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, magic)
	for _, d := range dims {
		b = binary.BigEndian.AppendUint32(b, d)
	}
	return append(b, data...)
}

func labelsFile(labels ...byte) []byte {
	return idxFile(labelMagic, []uint32{uint32(len(labels))}, labels)
}

// imagesFile returns an image file of n images of rows x cols whose pixels
// count up from first.
func imagesFile(n, rows, cols int, first byte) []byte {
	pix := make([]byte, n*rows*cols)
	for i := range pix {
		pix[i] = first + byte(i)
	}
	return idxFile(imageMagic, []uint32{uint32(n), uint32(rows), uint32(cols)}, pix)
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// modify returns a copy of b changed by f.
func modify(b []byte, f func([]byte) []byte) []byte { return f(append([]byte(nil), b...)) }

// onlyReader hides every method but Read, so that the decoder cannot learn
// the length.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

type idxCase struct {
	name   string
	images bool   // an image file, else a label file
	file   []byte // content
	err    string // substring of the error after "mnist: <path>: "; "" for success
	// for success
	n, rows, cols int
	data          []byte
}

// hugeErr is the error for a file announcing 2^31-1 images of 4096x4096
// pixels: more than MaxDataBytes (and, on 32-bit platforms, than an int).
const hugeErr = "the header announces 2147483647 images of 4096x4096 pixels, more than the 1073741824 bytes this reader accepts"

func idxCases() []idxCase {
	lab := labelsFile(5, 0, 4)
	img := imagesFile(3, 2, 2, 1)
	img28 := imagesFile(2, 28, 28, 0)
	gzLab := gzipped(lab)
	return []idxCase{
		{name: "labels raw", file: lab, n: 3, data: []byte{5, 0, 4}},
		{name: "labels gzip", file: gzLab, n: 3, data: []byte{5, 0, 4}},
		{name: "labels empty set", file: labelsFile(), n: 0, data: []byte{}},
		{name: "images raw", images: true, file: img, n: 3, rows: 2, cols: 2,
			data: []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}},
		{name: "images gzip", images: true, file: gzipped(img), n: 3, rows: 2, cols: 2,
			data: []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}},
		{name: "images 28x28 gzip", images: true, file: gzipped(img28), n: 2, rows: 28, cols: 28,
			data: img28[16:]},
		{name: "images 3x5", images: true, file: imagesFile(1, 3, 5, 0), n: 1, rows: 3, cols: 5,
			data: []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}},

		// Wrong magic numbers.
		{name: "labels given an image file", file: img,
			err: "bad magic number 0x00000803, want 0x00000801 (IDX1 unsigned-byte labels): this is an image file"},
		{name: "images given a label file", images: true, file: gzLab,
			err: "bad magic number 0x00000801, want 0x00000803 (IDX3 unsigned-byte images): this is a label file"},
		{name: "not IDX", file: []byte("PK\x03\x04 a zip file, not IDX"), err: "bad magic number 0x504b0304"},
		{name: "float data", file: idxFile(0x00000d01, []uint32{1}, make([]byte, 4)),
			err: "data type 0x0d is not unsigned byte"},
		{name: "images with 2 dimensions", images: true, file: idxFile(0x00000802, []uint32{1, 4}, make([]byte, 4)),
			err: "bad magic number 0x00000802, want 0x00000803 (IDX3 unsigned-byte images): 2 dimensions"},

		// Truncated headers.
		{name: "empty file", file: nil, err: "truncated header: 0 of 8 bytes"},
		{name: "one byte", file: []byte{0}, err: "truncated header: 1 of 8 bytes"},
		{name: "labels header cut", file: lab[:6], err: "truncated header: 6 of 8 bytes"},
		{name: "images header cut", images: true, file: img[:12], err: "truncated header: 12 of 16 bytes"},
		{name: "images header cut gzip", images: true, file: gzipped(img[:15]), err: "truncated header: 15 of 16 bytes"},
		{name: "empty gzip stream", file: gzipped(nil), err: "truncated header: 0 of 8 bytes"},

		// Truncated or overlong data.
		{name: "labels cut", file: lab[:10], err: "truncated: header says 3 labels, file holds 2"},
		{name: "labels cut gzip", file: gzipped(lab[:9]), err: "truncated: header says 3 labels, file holds 1"},
		{name: "images cut", images: true, file: img[:len(img)-1],
			err: "truncated: header says 3 images of 2x2 pixels, file holds 2"},
		{name: "images cut gzip", images: true, file: gzipped(img[:16+5]),
			err: "truncated: header says 3 images of 2x2 pixels, file holds 1"},
		{name: "labels overlong", file: append(labelsFile(1, 2), 0, 0, 0),
			err: "bytes follow the 2 labels the header announces"},
		{name: "images overlong gzip", images: true, file: gzipped(append(imagesFile(1, 2, 2, 0), 9)),
			err: "bytes follow the 1 images of 2x2 pixels the header announces"},

		// Bad sizes.
		{name: "zero rows", images: true, file: idxFile(imageMagic, []uint32{1, 0, 28}, nil), err: "bad image size 0x28"},
		{name: "zero cols", images: true, file: idxFile(imageMagic, []uint32{1, 28, 0}, nil), err: "bad image size 28x0"},
		{name: "huge images", images: true, file: idxFile(imageMagic, []uint32{1, 100000, 100000}, nil),
			err: "image size 100000x100000 is larger than 16777216 pixels"},
		{name: "count beyond int32", file: idxFile(labelMagic, []uint32{0xffffffff}, nil),
			err: "size 4294967295 in the header is too large"},
		{name: "rows beyond int32", images: true, file: idxFile(imageMagic, []uint32{1, 0x80000000, 1}, nil),
			err: "size 2147483648 in the header is too large"},
		{name: "count beyond the file", images: true, file: idxFile(imageMagic, []uint32{100000, 100, 100}, nil),
			err: "truncated: header says 100000 images of 100x100 pixels, file holds 0"},
		{name: "count beyond the gzip stream", images: true,
			file: gzipped(idxFile(imageMagic, []uint32{100000, 100, 100}, make([]byte, 10100))),
			err:  "truncated: header says 100000 images of 100x100 pixels, file holds 1"},
		{name: "2^55 pixels", images: true, file: idxFile(imageMagic, []uint32{0x7fffffff, 4096, 4096}, nil),
			err: hugeErr},
		// issue 8: a small gzipped file cannot make the reader allocate
		// more than MaxDataBytes, whatever its header announces
		{name: "pixels beyond MaxDataBytes", images: true, file: gzipped(idxFile(imageMagic, []uint32{1100, 1000, 1000}, nil)),
			err: "the header announces 1100 images of 1000x1000 pixels, more than the 1073741824 bytes this reader accepts"},
		{name: "labels beyond MaxDataBytes", file: gzipped(idxFile(labelMagic, []uint32{1<<30 + 1}, nil)),
			err: "the header announces 1073741825 labels, more than the 1073741824 this reader accepts"},

		// Labels that are not digits.
		{name: "label 10", file: labelsFile(1, 10, 2), err: "label 10 at index 1 is not a digit 0..9"},
		{name: "label 255 gzip", file: gzipped(labelsFile(9, 9, 255)), err: "label 255 at index 2 is not a digit 0..9"},

		// Broken gzip streams.
		{name: "gzip bad checksum", file: modify(gzLab, func(b []byte) []byte { b[len(b)-8] ^= 1; return b }),
			err: "broken gzip stream in the data after 3 of 3 labels: gzip: invalid checksum"},
		{name: "gzip bad length", file: modify(gzLab, func(b []byte) []byte { b[len(b)-1] ^= 1; return b }),
			err: "broken gzip stream in the data after 3 of 3 labels: gzip: invalid checksum"},
		{name: "gzip cut", file: gzLab[:len(gzLab)-6], err: "broken gzip stream in the data after 3 of 3 labels: unexpected EOF"},
		{name: "gzip images cut", images: true, file: gzipped(img28)[:300],
			err: "broken gzip stream in the data after 1 of 2 images of 28x28 pixels: unexpected EOF"},
		{name: "gzip cut in its header", file: gzLab[:5], err: "broken gzip stream: truncated gzip header"},
		{name: "gzip bad method", file: modify(gzLab, func(b []byte) []byte { b[2] = 7; return b }),
			err: "broken gzip stream: gzip: invalid header"},
		{name: "gzip bad deflate block", file: modify(gzipped(img28), func(b []byte) []byte { b[10] = 0xff; return b }),
			images: true, err: "broken gzip stream in the header: flate: corrupt input"},
	}
}

// checkResult checks one decoding of c: the error, or the data.
func checkResult(t *testing.T, c idxCase, path string, n, rows, cols int, data []byte, err error) {
	t.Helper()
	if c.err == "" {
		if err != nil {
			t.Fatalf("error %v", err)
		}
		got := []int{n, rows, cols}
		want := []int{c.n, c.rows, c.cols}
		if !c.images {
			got, want = got[:1], want[:1]
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("sizes (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(c.data, data); diff != "" {
			t.Errorf("data (-want +got):\n%s", diff)
		}
		return
	}
	if err == nil {
		t.Fatalf("no error, want %q", c.err)
	}
	prefix := "mnist: " + path + ": "
	if msg := err.Error(); !strings.HasPrefix(msg, prefix) || !strings.Contains(msg, c.err) {
		t.Errorf("error %q, want %q followed by %q", msg, prefix, c.err)
	}
	if !errors.Is(err, ErrFormat) {
		t.Errorf("errors.Is(%v, ErrFormat) = false", err)
	}
	if errors.Is(err, fs.ErrNotExist) {
		t.Errorf("errors.Is(%v, fs.ErrNotExist) = true", err)
	}
}

// TestReadFiles reads each case from a file, so that the raw path knows the
// file's length and the gzip path has its size hint.
func TestReadFiles(t *testing.T) {
	dir := t.TempDir()
	for _, c := range idxCases() {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_"))
			if err := os.WriteFile(path, c.file, 0o644); err != nil {
				t.Fatal(err)
			}
			if c.images {
				n, rows, cols, pix, err := ReadImages(path)
				checkResult(t, c, path, n, rows, cols, pix, err)
			} else {
				labels, err := ReadLabels(path)
				checkResult(t, c, path, len(labels), 0, 0, labels, err)
			}
		})
	}
}

// TestReadStreams reads each case from a plain io.Reader of unknown length.
func TestReadStreams(t *testing.T) {
	for _, c := range idxCases() {
		t.Run(c.name, func(t *testing.T) {
			r := onlyReader{bytes.NewReader(c.file)}
			if c.images {
				n, rows, cols, pix, err := decodeImages("stream", r, -1)
				checkResult(t, c, "stream", n, rows, cols, pix, err)
			} else {
				labels, err := decodeLabels("stream", r, -1)
				checkResult(t, c, "stream", len(labels), 0, 0, labels, err)
			}
		})
	}
}

func TestMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "train-labels-idx1-ubyte.gz")
	_, err := ReadLabels(path)
	if !errors.Is(err, fs.ErrNotExist) || errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), path) {
		t.Errorf("ReadLabels(missing) = %v, want an fs.ErrNotExist error naming %s", err, path)
	}
	_, _, _, _, err = ReadImages(path)
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), path) {
		t.Errorf("ReadImages(missing) = %v, want an fs.ErrNotExist error naming %s", err, path)
	}
}

// failReader returns data, then err.
type failReader struct {
	data []byte
	err  error
}

func (f *failReader) Read(p []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

// TestReadError checks that a failing read is reported as such, not as a
// corrupt file, also under a gzip stream.
func TestReadError(t *testing.T) {
	errDisk := errors.New("disk on fire")
	img := imagesFile(4, 28, 28, 0)
	tests := []struct {
		name string
		data []byte
	}{
		{"raw header", img[:10]},
		{"raw data", img[:100]},
		{"gzip header", gzipped(img)[:5]},
		{"gzip data", gzipped(img)[:200]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, _, err := decodeImages("f", &failReader{tt.data, errDisk}, -1)
			if !errors.Is(err, errDisk) || errors.Is(err, ErrFormat) || !strings.HasPrefix(err.Error(), "mnist: f: read") {
				t.Errorf("error %v, want a read error wrapping %v", err, errDisk)
			}
		})
	}
}

func TestReadSet(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	img := write("img", imagesFile(3, 2, 2, 0))
	lab3 := write("lab3.gz", gzipped(labelsFile(1, 2, 3)))
	lab2 := write("lab2", labelsFile(1, 2))
	bad := write("bad", labelsFile(1, 2, 30))

	s, err := ReadSet(img, lab3)
	if err != nil {
		t.Fatal(err)
	}
	want := &Set{N: 3, Rows: 2, Cols: 2,
		ImageBytes: []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, LabelBytes: []byte{1, 2, 3}}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("ReadSet (-want +got):\n%s", diff)
	}

	tests := []struct {
		name, images, labels, err string
	}{
		{"count mismatch", img, lab2, "mnist: " + lab2 + ": holds 2 labels, but " + img + " holds 3 images"},
		{"bad label", img, bad, "mnist: " + bad + ": label 30 at index 2 is not a digit 0..9"},
		{"images as labels", img, img, "mnist: " + img + ": bad magic number 0x00000803"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadSet(tt.images, tt.labels)
			if err == nil || !strings.HasPrefix(err.Error(), tt.err) || !errors.Is(err, ErrFormat) {
				t.Errorf("ReadSet error %v, want %q...", err, tt.err)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		TrainImagesFile + ".gz": gzipped(imagesFile(3, 28, 28, 0)),
		TrainLabelsFile:         labelsFile(5, 0, 4),
		TestImagesFile:          imagesFile(2, 28, 28, 7),
		// gzipped content under a name without .gz: the content decides
		TestLabelsFile: gzipped(labelsFile(7, 2)),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ds, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := []int{ds.Train.N, ds.Train.Rows, ds.Train.Cols, ds.Test.N, ds.Test.Label(0), ds.Test.Label(1)}
	if diff := cmp.Diff([]int{3, 28, 28, 2, 7, 2}, got); diff != "" {
		t.Errorf("N, Rows, Cols, test N, labels (-want +got):\n%s", diff)
	}

	if err := os.Remove(filepath.Join(dir, TestImagesFile)); err != nil {
		t.Fatal(err)
	}
	_, err = Load(dir)
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), TestImagesFile) {
		t.Errorf("Load without %s: %v, want an fs.ErrNotExist error naming it", TestImagesFile, err)
	}
}

// FuzzReadIDX decodes arbitrary bytes as a label file and as an image file,
// with the length known and unknown: it must never panic, the two ways must
// agree, and a success must be consistent.
func FuzzReadIDX(f *testing.F) {
	for _, c := range idxCases() {
		f.Add(c.file)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		labels, err := decodeLabels("fuzz", bytes.NewReader(b), int64(len(b)))
		labels2, err2 := decodeLabels("fuzz", onlyReader{bytes.NewReader(b)}, -1)
		checkFuzzErr(t, err, err2)
		if err == nil {
			if !bytes.Equal(labels, labels2) {
				t.Fatalf("labels differ: %v and %v", labels, labels2)
			}
			for i, l := range labels {
				if l >= NumClasses {
					t.Fatalf("label %d at %d accepted", l, i)
				}
			}
		}

		n, rows, cols, pix, err := decodeImages("fuzz", bytes.NewReader(b), int64(len(b)))
		n2, rows2, cols2, pix2, err2 := decodeImages("fuzz", onlyReader{bytes.NewReader(b)}, -1)
		checkFuzzErr(t, err, err2)
		if err == nil {
			if n != n2 || rows != rows2 || cols != cols2 || !bytes.Equal(pix, pix2) {
				t.Fatalf("images differ: %d %dx%d and %d %dx%d", n, rows, cols, n2, rows2, cols2)
			}
			if rows <= 0 || cols <= 0 || rows*cols > MaxPixels || len(pix) != n*rows*cols {
				t.Fatalf("accepted %d images of %dx%d with %d pixels", n, rows, cols, len(pix))
			}
			s, err := NewSet(rows, cols, pix, make([]byte, n))
			if err != nil {
				t.Fatalf("NewSet of decoded images: %v", err)
			}
			if n > 0 {
				s.Batch([]int{n - 1}, Options{Normalize: true})
			}
		}
	})
}

func checkFuzzErr(t *testing.T, err, err2 error) {
	t.Helper()
	if (err == nil) != (err2 == nil) {
		t.Fatalf("known length: %v; unknown length: %v", err, err2)
	}
	for _, e := range []error{err, err2} {
		if e != nil && (!errors.Is(e, ErrFormat) || !strings.HasPrefix(e.Error(), "mnist: fuzz: ")) {
			t.Fatalf("error %q is not a format error naming the file", e)
		}
	}
}

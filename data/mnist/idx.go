package mnist

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"github.com/dlfs-go/dlfs/internal/hugemem"
	"io"
	"math"
	"os"
)

// Magic numbers of the two IDX file kinds MNIST uses: two zero bytes, the
// data type (0x08, unsigned byte) and the number of dimensions.
const (
	labelMagic = 0x00000801 // IDX1, unsigned bytes: labels
	imageMagic = 0x00000803 // IDX3, unsigned bytes: images
)

// MaxPixels is the largest image, in pixels (Rows*Cols), that the readers
// accept. MNIST images have 784; a header announcing more than MaxPixels is
// taken as a corrupt file rather than as a request to allocate gigabytes.
const MaxPixels = 1 << 24

// MaxDataBytes bounds the data of one IDX file, in bytes (pixels or
// labels): 1 GiB, twenty times MNIST's training images (47 MB). A header
// announcing more is taken as a corrupt file, so that a small gzipped file
// cannot make the reader allocate more than this however much its stream
// expands.
const MaxDataBytes = 1 << 30

// NumClasses is the number of classes (the digits 0 to 9); a label must be
// below it, and a one-hot label row has NumClasses columns.
const NumClasses = 10

// ErrFormat is matched (with errors.Is) by every error about the content of
// a file: a wrong magic number, a truncated header or data, impossible
// dimensions, a label that is not a digit, counts that differ, a broken gzip
// stream. Errors from the file system (a missing file, a failed read) wrap
// the os error instead, so errors.Is(err, fs.ErrNotExist) works for them.
var ErrFormat = errors.New("mnist: bad IDX file")

// fileError is the error returned for a file: "mnist: <path>: <msg>".
type fileError struct {
	path   string
	msg    string
	err    error // cause, may be nil
	format bool  // the content is wrong (errors.Is(e, ErrFormat))
}

// Error names the file and what is wrong with it.
func (e *fileError) Error() string {
	s := "mnist: " + e.path + ": " + e.msg
	if e.err != nil {
		s += ": " + e.err.Error()
	}
	return s
}

// Unwrap returns the underlying error (an os or gzip error, for example).
func (e *fileError) Unwrap() error { return e.err }

// Is reports whether target is ErrFormat and the file's content is at fault.
func (e *fileError) Is(target error) bool { return e.format && target == ErrFormat }

func formatErrorf(path, format string, args ...any) error {
	return &fileError{path: path, msg: fmt.Sprintf(format, args...), format: true}
}

// trackReader remembers the last error of the reader under a gzip stream, so
// that a read error of the file is not reported as a broken gzip stream.
type trackReader struct {
	r   io.Reader
	err error
}

// Read reads from the underlying reader, counting the bytes.
func (t *trackReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if err != nil && err != io.EOF {
		t.err = err
	}
	return n, err
}

// decoder reads one IDX file of unsigned bytes.
type decoder struct {
	path string
	file *trackReader // the file as stored
	r    io.Reader    // file, or the gzip stream over it
	gz   bool
	size int64 // bytes in r, or -1 when unknown
	hint int64 // expected bytes in r when size is unknown (gzip ISIZE), or -1

	headerLen int64 // bytes of the header, set once it is read
}

// readError turns an error other than io.EOF from d.r into the error to
// return: an I/O error of the file, or a broken gzip stream.
func (d *decoder) readError(where string, err error) error {
	if d.file.err != nil {
		return &fileError{path: d.path, msg: "read " + where, err: d.file.err}
	}
	if d.gz {
		return &fileError{path: d.path, msg: "broken gzip stream in the " + where, err: err, format: true}
	}
	return &fileError{path: d.path, msg: "read " + where, err: err}
}

// fill reads into b until b is full or the reader returns an error. Unlike
// io.ReadFull it returns the reader's error verbatim, so a clean end (io.EOF)
// is told apart from a gzip stream that breaks off (io.ErrUnexpectedEOF).
func fill(r io.Reader, b []byte) (int, error) {
	n, idle := 0, 0
	for n < len(b) {
		m, err := r.Read(b[n:])
		n += m
		if err != nil {
			return n, err
		}
		if m == 0 {
			if idle++; idle > 100 {
				return n, io.ErrNoProgress
			}
		}
	}
	return n, nil
}

// newDecoder opens the stream of r, detecting gzip by its magic bytes.
// size is the length of r in bytes, or -1 when unknown.
func newDecoder(path string, r io.Reader, size int64) (*decoder, error) {
	tr := &trackReader{r: r}
	br := bufio.NewReaderSize(tr, 1<<16)
	d := &decoder{path: path, file: tr, r: br, size: size, hint: -1}
	magic, err := br.Peek(2)
	if err != nil && err != io.EOF {
		return nil, &fileError{path: path, msg: "read header", err: err}
	}
	if len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
		return d, nil
	}
	d.gz = true
	d.size = -1
	// The last 4 bytes of a gzip file hold the uncompressed size modulo
	// 2^32: a hint for the buffer, trusted no further than deflate's
	// maximum ratio (about 1032:1) allows.
	if ra, ok := r.(io.ReaderAt); ok && size >= 18 {
		var b [4]byte
		if n, _ := ra.ReadAt(b[:], size-4); n == 4 {
			d.hint = min(int64(binary.LittleEndian.Uint32(b[:])), size*1032)
		}
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		if tr.err != nil {
			return nil, &fileError{path: path, msg: "read gzip header", err: tr.err}
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil, formatErrorf(path, "broken gzip stream: truncated gzip header")
		}
		return nil, &fileError{path: path, msg: "broken gzip stream", err: err, format: true}
	}
	d.r = zr
	return d, nil
}

// header reads the magic number and the ndims sizes that follow it.
func (d *decoder) header(magic uint32, dims []int) error {
	ndims := len(dims)
	hdr := make([]byte, 4+4*ndims)
	n, err := fill(d.r, hdr)
	if err != nil && err != io.EOF {
		return d.readError("header", err)
	}
	if n >= 4 {
		if got := binary.BigEndian.Uint32(hdr); got != magic {
			return formatErrorf(d.path, "bad magic number 0x%08x, want 0x%08x (%s)%s",
				got, magic, kindName(magic), magicHint(got))
		}
	}
	if n < len(hdr) {
		return formatErrorf(d.path, "truncated header: %d of %d bytes", n, len(hdr))
	}
	for i := range dims {
		v := binary.BigEndian.Uint32(hdr[4+4*i:])
		if v > math.MaxInt32 {
			return formatErrorf(d.path, "size %d in the header is too large", v)
		}
		dims[i] = int(v)
	}
	d.headerLen = int64(len(hdr))
	return nil
}

func kindName(magic uint32) string {
	if magic == labelMagic {
		return "IDX1 unsigned-byte labels"
	}
	return "IDX3 unsigned-byte images"
}

// magicHint explains a wrong magic number where it can.
func magicHint(got uint32) string {
	switch {
	case got == labelMagic:
		return ": this is a label file"
	case got == imageMagic:
		return ": this is an image file"
	case got>>16 != 0:
		return ": not an IDX file"
	case got>>8&0xff != 0x08:
		return fmt.Sprintf(": data type 0x%02x is not unsigned byte", got>>8&0xff)
	default:
		return fmt.Sprintf(": %d dimensions", got&0xff)
	}
}

// body reads want bytes of data (items of itemSize bytes, described by
// what, e.g. "labels") and checks that nothing follows them.
func (d *decoder) body(want, itemSize, count int, what string) ([]byte, error) {
	truncated := func(have int) error {
		return formatErrorf(d.path, "truncated: header says %d %s, file holds %d", count, what, have/itemSize)
	}
	if d.size >= 0 {
		// The raw file's length is known: check it before allocating.
		have := d.size - d.headerLen
		if have < int64(want) {
			return nil, truncated(int(have))
		}
		if have > int64(want) {
			return nil, formatErrorf(d.path, "%d bytes follow the %d %s the header announces", have-int64(want), count, what)
		}
		data := hugemem.Bytes(want)
		n, err := fill(d.r, data)
		if err == io.EOF {
			return nil, truncated(n)
		}
		if err != nil {
			return nil, d.readError("data", err)
		}
		return data, nil
	}
	// Unknown length (gzip): grow the buffer as data arrives, so that a
	// header announcing more than the file holds costs no more memory than
	// the data itself.
	c := min(want, 1<<16)
	if d.hint > d.headerLen {
		c = int(min(int64(want), d.hint-d.headerLen))
	}
	data := make([]byte, 0, c)
	for len(data) < want {
		if len(data) == cap(data) {
			grown := make([]byte, len(data), min(want, max(2*cap(data), 1<<16)))
			copy(grown, data)
			data = grown
		}
		m, err := d.r.Read(data[len(data):cap(data)])
		data = data[:len(data)+m]
		if err == io.EOF {
			if len(data) < want {
				return nil, truncated(len(data))
			}
			break
		}
		if err != nil {
			return nil, d.readError(fmt.Sprintf("data after %d of %d %s", len(data)/itemSize, count, what), err)
		}
	}
	// Read to the end: this is also where gzip verifies its checksum.
	var one [1]byte
	m, err := fill(d.r, one[:])
	if m > 0 {
		return nil, formatErrorf(d.path, "more bytes follow the %d %s the header announces", count, what)
	}
	if err != io.EOF {
		return nil, d.readError(fmt.Sprintf("data after %d of %d %s", count, count, what), err)
	}
	return data, nil
}

// decodeLabels reads an IDX1 label file from r (raw or gzipped), whose
// length is size bytes or -1 when unknown. path names it in errors.
func decodeLabels(path string, r io.Reader, size int64) ([]byte, error) {
	d, err := newDecoder(path, r, size)
	if err != nil {
		return nil, err
	}
	var dims [1]int
	if err := d.header(labelMagic, dims[:]); err != nil {
		return nil, err
	}
	n := dims[0]
	if n > MaxDataBytes {
		return nil, formatErrorf(path, "the header announces %d labels, more than the %d this reader accepts", n, MaxDataBytes)
	}
	labels, err := d.body(n, 1, n, "labels")
	if err != nil {
		return nil, err
	}
	for i, l := range labels {
		if l >= NumClasses {
			return nil, formatErrorf(path, "label %d at index %d is not a digit 0..9", l, i)
		}
	}
	return labels, nil
}

// decodeImages reads an IDX3 image file from r (raw or gzipped), whose
// length is size bytes or -1 when unknown. path names it in errors.
func decodeImages(path string, r io.Reader, size int64) (n, rows, cols int, pixels []byte, err error) {
	d, err := newDecoder(path, r, size)
	if err != nil {
		return 0, 0, 0, nil, err
	}
	var dims [3]int
	if err := d.header(imageMagic, dims[:]); err != nil {
		return 0, 0, 0, nil, err
	}
	n, rows, cols = dims[0], dims[1], dims[2]
	if rows == 0 || cols == 0 {
		return 0, 0, 0, nil, formatErrorf(path, "bad image size %dx%d", rows, cols)
	}
	if rows > MaxPixels/cols {
		return 0, 0, 0, nil, formatErrorf(path, "image size %dx%d is larger than %d pixels", rows, cols, MaxPixels)
	}
	pix := rows * cols
	if n > math.MaxInt/pix || n*pix > MaxDataBytes {
		return 0, 0, 0, nil, formatErrorf(path, "the header announces %d images of %dx%d pixels, more than the %d bytes this reader accepts",
			n, rows, cols, MaxDataBytes)
	}
	pixels, err = d.body(n*pix, pix, n, fmt.Sprintf("images of %dx%d pixels", rows, cols))
	if err != nil {
		return 0, 0, 0, nil, err
	}
	return n, rows, cols, pixels, nil
}

// openFile opens path and returns it with its size (-1 when it is not a
// regular file).
func openFile(path string) (*os.File, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, fmt.Errorf("mnist: %w", err)
	}
	size := int64(-1)
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		size = fi.Size()
	}
	return f, size, nil
}

// ReadLabels reads an IDX1 label file such as train-labels-idx1-ubyte,
// raw or gzipped (detected by its magic bytes, not by its name), and returns
// one byte per label. Every label must be a digit 0..9.
func ReadLabels(path string) ([]byte, error) {
	f, size, err := openFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return decodeLabels(path, f, size)
}

// ReadImages reads an IDX3 image file such as train-images-idx3-ubyte, raw
// or gzipped (detected by its magic bytes, not by its name), and returns the
// number of images, their size and their pixels: n*rows*cols bytes, image
// after image, each row-major (0 is background, 255 is ink).
func ReadImages(path string) (n, rows, cols int, pixels []byte, err error) {
	f, size, err := openFile(path)
	if err != nil {
		return 0, 0, 0, nil, err
	}
	defer f.Close()
	return decodeImages(path, f, size)
}

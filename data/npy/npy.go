package npy

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dlfs-go/dlfs/internal/atomicfile"
	"github.com/dlfs-go/dlfs/internal/membudget"
	"github.com/dlfs-go/dlfs/tensor"
)

const (
	magic = "\x93NUMPY"
	// preambleLen is the magic string plus the two version bytes.
	preambleLen = len(magic) + 2
	// arrayAlign is NumPy's ARRAY_ALIGN: the header is padded so that the
	// data starts at a multiple of 64 bytes.
	arrayAlign = 64
	// growthAxisMaxDigits is NumPy's GROWTH_AXIS_MAX_DIGITS: np.save leaves
	// room in the header for the first axis to grow to 21 digits.
	growthAxisMaxDigits = 21
	// maxHeaderLen bounds the header that Read accepts. NumPy's own reader
	// refuses headers over 10000 characters unless told otherwise; this
	// limit is looser and only guards against a lying length field.
	maxHeaderLen = 1 << 20
	// chunkBytes is the size of the blocks in which data is read and
	// written, so that neither direction holds a second copy of a large
	// array and a lying header cannot make Read allocate more than the
	// input holds.
	chunkBytes = 1 << 16
)

// dtype is a supported element type.
type dtype struct {
	descr    string // as in the header: '<f8'
	itemSize int    // 4 or 8
	order    binary.ByteOrder
}

var dtypes = map[string]dtype{
	"<f8": {"<f8", 8, binary.LittleEndian},
	"<f4": {"<f4", 4, binary.LittleEndian},
	">f8": {">f8", 8, binary.BigEndian},
	">f4": {">f4", 4, binary.BigEndian},
}

// header is a parsed .npy header.
type header struct {
	major, minor byte
	dt           dtype
	shape        []int
	count        int   // number of elements: the product of shape
	length       int64 // bytes before the data: preamble, length field, header
}

// dataBytes is the size of the array data in bytes.
func (h *header) dataBytes() int64 { return int64(h.count) * int64(h.dt.itemSize) }

// The default limits on what one read returns, as float64 tensors: 512 MiB
// for one array (MNIST's 60000 training images as float64 take 359 MiB)
// and 1 GiB for all the arrays of an .npz archive together. The book's
// weights take a few MiB.
const (
	DefaultMaxArrayBytes = 512 << 20
	DefaultMaxTotalBytes = 1 << 30
)

// ErrLimit is wrapped by the errors of readers that refuse an array
// because it would exceed their Limits.
var ErrLimit = errors.New("array too large")

// Limits bounds the memory a read may fill, counted as the float64 tensors
// it returns (8 bytes per element, so a float32 array counts twice its size
// in the file). Readers check a header's shape against the limits before
// they allocate anything for it, so that a small file cannot make them
// fill a large amount of memory: a deflated .npz member of a few kilobytes
// can decompress to gigabytes. The zero value (and the package functions
// Read, ReadFile, ReadNPZ and ReadNPZFile) uses the defaults; to read
// larger files, raise them:
//
//	arrays, err := npy.Limits{MaxArrayBytes: 4 << 30, MaxTotalBytes: 8 << 30}.ReadNPZFile(path)
type Limits struct {
	// MaxArrayBytes bounds one array. Zero or negative means
	// DefaultMaxArrayBytes.
	MaxArrayBytes int64
	// MaxTotalBytes bounds all the arrays one call returns together (the
	// members of an .npz). Zero or negative means DefaultMaxTotalBytes.
	MaxTotalBytes int64
}

// budget is what is left of a Limits during one read.
type budget struct{ membudget.Budget }

func (l Limits) budget() *budget {
	return &budget{membudget.New(l.MaxArrayBytes, l.MaxTotalBytes, DefaultMaxArrayBytes, DefaultMaxTotalBytes)}
}

// take reserves the float64 tensor of h, or says which limit it exceeds.
func (b *budget) take(h *header) error {
	// parseDict bounds count by math.MaxInt / 8.
	return b.Take(ErrLimit, "shape "+shorten(shapeRepr(h.shape))+" of "+h.dt.descr, int64(h.count)*8)
}

// Read reads one .npy array (format version 1.0, 2.0 or 3.0) from r and
// returns it as a float64 tensor, like np.load. The data type must be
// float64 or float32 ('<f8', '<f4', or the big-endian '>f8', '>f4');
// float32 values are widened to float64. The array must be in C order
// (fortran_order False). An array of shape () becomes a tensor of shape ().
//
// Read consumes exactly the array's bytes, so several arrays written one
// after another to the same stream (as repeated np.save calls to one open
// file do) can be read back with repeated calls. Use ReadFile to also
// reject bytes after the data.
//
// Malformed input (bad magic, an unsupported version, data type or order, a
// header that does not parse, truncation) returns an error that says what
// is wrong; truncation errors wrap io.ErrUnexpectedEOF. An array larger
// than DefaultMaxArrayBytes as float64 is refused with an error wrapping
// ErrLimit; see Limits to read larger arrays.
func Read(r io.Reader) (*tensor.Tensor, error) { return Limits{}.Read(r) }

// Read is Read with the limits l.
func (l Limits) Read(r io.Reader) (*tensor.Tensor, error) {
	avail := int64(-1)
	if ln, ok := r.(interface{ Len() int }); ok {
		avail = int64(ln.Len())
	}
	t, _, err := decode(r, avail, l.budget())
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err)
	}
	return t, nil
}

// ReadFile reads the .npy file at path, like np.load(path). See Read for
// what it accepts. Bytes after the array data are an error. Errors name the
// file.
func ReadFile(path string) (*tensor.Tensor, error) { return Limits{}.ReadFile(path) }

// ReadFile is ReadFile with the limits l.
func (l Limits) ReadFile(path string) (*tensor.Tensor, error) {
	return readFile(path, func(f *os.File, size int64) (*tensor.Tensor, error) { return decodeAll(f, size, l.budget()) })
}

// readFile opens path and decodes it with read, given the file's size;
// errors name the file.
func readFile[T any](path string, read func(f *os.File, size int64) (T, error)) (T, error) {
	var zero T
	f, err := os.Open(path)
	if err != nil {
		return zero, fmt.Errorf("npy: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return zero, fmt.Errorf("npy: %w", err)
	}
	v, err := read(f, fi.Size())
	if err != nil {
		return zero, fmt.Errorf("npy: %s: %w", path, err)
	}
	return v, nil
}

// decodeAll decodes an array that must take exactly size bytes.
func decodeAll(r io.Reader, size int64, b *budget) (*tensor.Tensor, error) {
	t, used, err := decode(r, size, b)
	if err != nil {
		return nil, err
	}
	if extra := size - used; extra > 0 {
		return nil, fmt.Errorf("%d unexpected bytes after the array data (shape %s)",
			extra, tensor.ShapeString(t.Shape()))
	}
	return t, nil
}

// decode reads a header and the data that follows, taking the array from
// b. avail is the number of bytes left in r, or -1 if unknown. It returns
// the number of bytes read.
func decode(r io.Reader, avail int64, b *budget) (*tensor.Tensor, int64, error) {
	h, err := readHeader(r)
	if err != nil {
		return nil, 0, err
	}
	if err := b.take(h); err != nil {
		return nil, 0, err
	}
	if avail >= 0 {
		avail -= h.length
	}
	data, err := readData(r, h, avail)
	if err != nil {
		return nil, 0, err
	}
	var t *tensor.Tensor
	if len(h.shape) == 0 {
		t = tensor.Scalar(data[0])
	} else {
		t = tensor.New(data, h.shape...)
	}
	return t, h.length + h.dataBytes(), nil
}

// readHeader reads and validates the preamble and header dict.
func readHeader(r io.Reader) (*header, error) {
	var pre [preambleLen]byte
	if n, err := io.ReadFull(r, pre[:]); err != nil {
		if n == 0 && err == io.EOF {
			return nil, fmt.Errorf("empty input, not a .npy file: %w", io.ErrUnexpectedEOF)
		}
		if isEOF(err) {
			if !strings.HasPrefix(magic, string(pre[:min(n, len(magic))])) {
				return nil, fmt.Errorf("bad magic %q, want %q: not a .npy file", pre[:n], magic)
			}
			return nil, fmt.Errorf("truncated preamble: %d bytes: %w", n, io.ErrUnexpectedEOF)
		}
		return nil, err
	}
	if string(pre[:len(magic)]) != magic {
		return nil, fmt.Errorf("bad magic %q, want %q: not a .npy file", pre[:len(magic)], magic)
	}
	h := &header{major: pre[len(magic)], minor: pre[len(magic)+1]}
	var lenSize int
	switch {
	case h.major == 1 && h.minor == 0:
		lenSize = 2
	case (h.major == 2 || h.major == 3) && h.minor == 0:
		lenSize = 4
	default:
		return nil, fmt.Errorf("unsupported format version %d.%d (want 1.0, 2.0 or 3.0)", h.major, h.minor)
	}
	var lb [4]byte
	if n, err := io.ReadFull(r, lb[:lenSize]); err != nil {
		if isEOF(err) {
			return nil, fmt.Errorf("truncated header length: %d of %d bytes: %w", n, lenSize, io.ErrUnexpectedEOF)
		}
		return nil, err
	}
	var hlen int64
	if lenSize == 2 {
		hlen = int64(binary.LittleEndian.Uint16(lb[:]))
	} else {
		hlen = int64(binary.LittleEndian.Uint32(lb[:]))
	}
	if hlen > maxHeaderLen {
		return nil, fmt.Errorf("header length %d exceeds the limit of %d bytes", hlen, maxHeaderLen)
	}
	h.length = int64(preambleLen+lenSize) + hlen
	// Read the header through a LimitReader so that the buffer only grows
	// as far as the input really goes.
	raw, err := io.ReadAll(io.LimitReader(r, hlen))
	if err != nil {
		return nil, err
	}
	if int64(len(raw)) < hlen {
		return nil, fmt.Errorf("truncated header: %d of %d bytes: %w", len(raw), hlen, io.ErrUnexpectedEOF)
	}
	// Versions 1.0 and 2.0 are Latin-1, 3.0 is UTF-8. Outside string
	// literals only ASCII is valid syntax, and a dtype name is ASCII, so
	// the bytes can be parsed as they are once 3.0 is checked for UTF-8.
	if h.major == 3 && !utf8.Valid(raw) {
		return nil, errors.New("version 3.0 header is not valid UTF-8")
	}
	if err := h.parseDict(string(raw)); err != nil {
		return nil, err
	}
	return h, nil
}

func isEOF(err error) bool { return err == io.EOF || err == io.ErrUnexpectedEOF }

// parseDict checks the header dict's keys and values and fills in h.
func (h *header) parseDict(text string) error {
	d, err := parseHeaderDict(text)
	if err != nil {
		return err
	}
	want := []string{"descr", "fortran_order", "shape"}
	ok := len(d.keys) == len(want)
	for _, k := range want {
		if _, present := d.vals[k]; !present {
			ok = false
		}
	}
	if !ok {
		return fmt.Errorf("header keys %s, want exactly 'descr', 'fortran_order' and 'shape'", shorten(reprValue(toList(d.keys))))
	}

	switch descr := d.vals["descr"].(type) {
	case string:
		dt, ok := dtypes[descr]
		if !ok {
			return fmt.Errorf("unsupported dtype %q: only float64 ('<f8') and float32 ('<f4') are supported", shorten(descr))
		}
		h.dt = dt
	case pyList:
		return fmt.Errorf("unsupported structured dtype %s: only float64 ('<f8') and float32 ('<f4') are supported", shorten(reprValue(descr)))
	default:
		return fmt.Errorf("descr is %s, not a dtype string", shorten(reprValue(descr)))
	}

	switch fo := d.vals["fortran_order"].(type) {
	case bool:
		if fo {
			return errors.New("fortran_order True (column-major data) is not supported: save np.ascontiguousarray(a)")
		}
	default:
		return fmt.Errorf("fortran_order is %s, not a bool", shorten(reprValue(fo)))
	}

	tup, ok := d.vals["shape"].(pyTuple)
	if !ok {
		return fmt.Errorf("shape is %s, not a tuple", shorten(reprValue(d.vals["shape"])))
	}
	h.shape = make([]int, len(tup))
	// The product of the non-zero axes must fit, even when another axis is
	// 0, as the tensor package requires (and NumPy, which refuses
	// np.empty((0, 2**62, 2**62))): 8 bytes per element must be
	// addressable.
	const maxCount = math.MaxInt / 8
	count, empty := int64(1), false
	for i, v := range tup {
		n, ok := v.(pyInt)
		if !ok {
			return fmt.Errorf("shape %s: axis %d is %s, not an int", shorten(reprValue(tup)), i, typeName(v))
		}
		if n.overflow || n.v > math.MaxInt {
			return fmt.Errorf("shape %s: axis %d is too large", shorten(reprValue(tup)), i)
		}
		if n.v < 0 {
			return fmt.Errorf("shape %s: axis %d is negative", shorten(reprValue(tup)), i)
		}
		h.shape[i] = int(n.v)
		if n.v == 0 {
			empty = true
			continue
		}
		if n.v > maxCount/count {
			return fmt.Errorf("shape %s has too many elements", shorten(reprValue(tup)))
		}
		count *= n.v
	}
	if empty {
		count = 0
	}
	h.count = int(count)
	return nil
}

func toList(keys []string) pyList {
	l := make(pyList, len(keys))
	for i, k := range keys {
		l[i] = k
	}
	return l
}

// shorten truncates s for an error message.
func shorten(s string) string {
	const max = 80
	if len(s) > max {
		return s[:max] + "..."
	}
	return s
}

// readData reads the h.count elements that follow the header. avail is the
// number of bytes left in r, or -1 if unknown: when it is known the result
// is allocated at once, otherwise the data is read in blocks, and the
// result allocated once it has all arrived, so that memory grows only with
// the data actually read.
func readData(r io.Reader, h *header, avail int64) ([]float64, error) {
	need := h.dataBytes()
	if avail >= 0 && avail < need {
		return nil, h.truncated(avail)
	}
	size := h.dt.itemSize
	chunk := chunkBytes / size // elements per read
	buf := make([]byte, min(need, int64(chunk*size)))
	if avail >= 0 || h.count <= chunk {
		out := make([]float64, 0, h.count)
		for len(out) < h.count {
			b := buf[:min(h.count-len(out), chunk)*size]
			if n, err := io.ReadFull(r, b); err != nil {
				return nil, h.readError(int64(len(out)*size+n), err)
			}
			out = appendFloats(out, b, h.dt)
		}
		return out, nil
	}
	const blockLen = 1 << 16 // elements per block, a multiple of chunk
	var blocks [][]float64
	read := 0
	for read < h.count {
		block := make([]float64, 0, min(h.count-read, blockLen))
		for len(block) < cap(block) {
			b := buf[:min(cap(block)-len(block), chunk)*size]
			if n, err := io.ReadFull(r, b); err != nil {
				return nil, h.readError(int64((read+len(block))*size+n), err)
			}
			block = appendFloats(block, b, h.dt)
		}
		blocks = append(blocks, block)
		read += len(block)
	}
	out := make([]float64, 0, h.count)
	for _, b := range blocks {
		out = append(out, b...)
	}
	return out, nil
}

// readError reports a failed read after have bytes of data.
func (h *header) readError(have int64, err error) error {
	if isEOF(err) {
		return h.truncated(have)
	}
	return fmt.Errorf("reading data: %w", err)
}

func (h *header) truncated(have int64) error {
	return fmt.Errorf("data truncated: shape %s of %s needs %d bytes, only %d present: %w",
		tensor.ShapeString(h.shape), h.dt.descr, h.dataBytes(), have, io.ErrUnexpectedEOF)
}

// appendFloats decodes b, a whole number of elements of type dt.
func appendFloats(dst []float64, b []byte, dt dtype) []float64 {
	if dt.itemSize == 8 {
		for i := 0; i+8 <= len(b); i += 8 {
			dst = append(dst, math.Float64frombits(dt.order.Uint64(b[i:])))
		}
		return dst
	}
	for i := 0; i+4 <= len(b); i += 4 {
		dst = append(dst, float64(math.Float32frombits(dt.order.Uint32(b[i:]))))
	}
	return dst
}

// Write writes t to w in .npy format as little-endian float64 ('<f8') in C
// order, like np.save: format version 1.0, or 2.0 if the header is too long
// for 1.0. The bytes are the same as NumPy 1.24's np.save writes for the
// same float64 array.
func Write(w io.Writer, t *tensor.Tensor) error {
	if t == nil {
		return errors.New("npy: Write: nil tensor")
	}
	if err := encode(w, t); err != nil {
		return fmt.Errorf("npy: %w", err)
	}
	return nil
}

// WriteFile writes t to the file at path in .npy format; see Write. The
// data goes to a temporary file in the same folder that replaces path only
// once it is complete, so a failed write leaves a previous file at path as
// it was. Errors name the file.
func WriteFile(path string, t *tensor.Tensor) error {
	if t == nil {
		return fmt.Errorf("npy: %s: nil tensor", path)
	}
	return writeFile(path, func(w io.Writer) error { return encode(w, t) })
}

// writeFile writes path through atomicfile; errors name the file once.
func writeFile(path string, write func(w io.Writer) error) error {
	err := atomicfile.Write(path, 0o666, write)
	var pe *fs.PathError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &pe) && pe.Path == path:
		return fmt.Errorf("npy: %w", err)
	}
	return fmt.Errorf("npy: %s: %w", path, err)
}

func encode(w io.Writer, t *tensor.Tensor) error {
	hdr, err := encodeHeader(t.Shape())
	if err != nil {
		return err
	}
	if _, err := w.Write(hdr); err != nil {
		return err
	}
	data := t.Data()
	buf := make([]byte, 0, min(len(data)*8, chunkBytes))
	for len(data) > 0 {
		n := min(len(data), chunkBytes/8)
		buf = buf[:0]
		for _, v := range data[:n] {
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(v))
		}
		if _, err := w.Write(buf); err != nil {
			return err
		}
		data = data[n:]
	}
	return nil
}

// encodeHeader returns the preamble and header that NumPy 1.24's np.save
// writes for a float64 C-order array of the given shape.
func encodeHeader(shape []int) ([]byte, error) {
	var b strings.Builder
	b.WriteString("{'descr': '<f8', 'fortran_order': False, 'shape': ")
	b.WriteString(shapeRepr(shape))
	b.WriteString(", }")
	if len(shape) > 0 {
		// Room for the first axis to grow, as np.save leaves it.
		if pad := growthAxisMaxDigits - len(strconv.Itoa(shape[0])); pad > 0 {
			b.WriteString(strings.Repeat(" ", pad))
		}
	}
	dict := b.String()
	for _, v := range []struct {
		major   byte
		lenSize int
		max     int
	}{{1, 2, math.MaxUint16}, {2, 4, math.MaxUint32}} {
		hlen := len(dict) + 1 // the final '\n'
		pad := arrayAlign - (preambleLen+v.lenSize+hlen)%arrayAlign
		if hlen+pad > v.max {
			continue
		}
		out := make([]byte, 0, preambleLen+v.lenSize+hlen+pad)
		out = append(out, magic...)
		out = append(out, v.major, 0)
		if v.lenSize == 2 {
			out = binary.LittleEndian.AppendUint16(out, uint16(hlen+pad))
		} else {
			out = binary.LittleEndian.AppendUint32(out, uint32(hlen+pad))
		}
		out = append(out, dict...)
		for range pad {
			out = append(out, ' ')
		}
		return append(out, '\n'), nil
	}
	return nil, fmt.Errorf("header of %d bytes is too long even for format 2.0", len(dict))
}

// shapeRepr is Python's repr of the shape tuple: (), (3,), (2, 3).
func shapeRepr(shape []int) string {
	switch len(shape) {
	case 0:
		return "()"
	case 1:
		return "(" + strconv.Itoa(shape[0]) + ",)"
	}
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = strconv.Itoa(d)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

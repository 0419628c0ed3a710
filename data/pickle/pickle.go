package pickle

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dlfs-go/dlfs/internal/membudget"
	"github.com/dlfs-go/dlfs/tensor"
)

// The default limits on what one read returns, as float64 tensors: 512 MiB
// for one array and 1 GiB for all of them. The book's largest weights file,
// ch07/params.pkl, holds 3.3 MiB.
const (
	DefaultMaxArrayBytes = 512 << 20
	DefaultMaxTotalBytes = 1 << 30
)

// ErrLimit is wrapped by the errors of readers that refuse a pickle
// because it would exceed their Limits.
var ErrLimit = errors.New("weights too large")

// Limits bounds the memory a read may fill, counted as the float64 tensors
// it returns (8 bytes per element, so a float32 array counts twice its
// size in the file). The pickle itself may take at most twice
// MaxTotalBytes, plus 1 MiB (protocol 2 stores each byte of array data in
// one or two bytes). The zero value, and the package functions
// ReadWeights and ReadWeightsFile, use the defaults; to read larger
// weights, raise them:
//
//	params, err := pickle.Limits{MaxArrayBytes: 2 << 30, MaxTotalBytes: 4 << 30}.ReadWeightsFile(path)
type Limits struct {
	// MaxArrayBytes bounds one array. Zero or negative means
	// DefaultMaxArrayBytes.
	MaxArrayBytes int64
	// MaxTotalBytes bounds all the arrays together. Zero or negative
	// means DefaultMaxTotalBytes.
	MaxTotalBytes int64
}

// budget is what is left of a Limits during one read.
type budget struct{ membudget.Budget }

func (l Limits) budget() *budget {
	return &budget{membudget.New(l.MaxArrayBytes, l.MaxTotalBytes, DefaultMaxArrayBytes, DefaultMaxTotalBytes)}
}

// maxInput is the largest pickle the budget admits.
func (b *budget) maxInput() int64 {
	if b.Total > (math.MaxInt64-1<<20)/2 {
		return math.MaxInt64 - 1
	}
	return 2*b.Total + 1<<20
}

// take reserves an array of count elements of the given shape.
func (b *budget) take(shape []int, dt *dtype, count uint64) error {
	// setState bounds count by math.MaxInt / 8.
	return b.Take(ErrLimit, "numpy array of shape "+tensor.ShapeString(shape)+" of "+dt.name, int64(count)*8)
}

// ReadWeights reads a pickled dict of NumPy arrays from r, as the book's
// pickle.load(f) does for its trained weights (ch03/sample_weight.pkl,
// ch07/params.pkl, ch08/deep_convnet_params.pkl), and returns the arrays
// by key. float32 arrays are widened to float64; Fortran-ordered arrays
// are rearranged into the tensor's C order.
//
// Only pickle protocols 2 to 5 and only the opcodes that such a dict
// needs are understood, and the only globals a pickle may name are
// numpy.core.multiarray._reconstruct, numpy.ndarray, numpy.dtype,
// _codecs.encode and bytes (protocol 2 writes empty data as bytes()), which
// are interpreted, never looked up or called.
// Input that does not start as such a pickle does (with the PROTO opcode)
// is reported as not a pickle file, saying what it looks like if that is
// known (a zip archive such as an .npz, a .npy file, gzip data, text or
// HTML, an empty file).
// Anything else (another global, an unsupported opcode, a data type other
// than float32 and float64, a malformed or truncated stream, a top-level
// object that is not a dict of arrays keyed by strings) returns an error
// that names the opcode and its byte offset. ReadWeights never panics.
//
// What it allocates is bounded: arrays larger than the default Limits are
// refused with an error wrapping ErrLimit, and since the arrays' data must
// come from distinct bytes of the pickle (a bytes object that the memo
// hands to several arrays is an error), the arrays take at most twice the
// pickle's size (float32 widened to float64). A lying length field cannot
// make it allocate for the claim.
//
// r is read to its end; bytes after the pickle's STOP are ignored, as
// pickle.load ignores them.
func ReadWeights(r io.Reader) (map[string]*tensor.Tensor, error) { return Limits{}.ReadWeights(r) }

// ReadWeights is ReadWeights with the limits l.
func (l Limits) ReadWeights(r io.Reader) (map[string]*tensor.Tensor, error) {
	b := l.budget()
	data, err := io.ReadAll(io.LimitReader(r, b.maxInput()+1))
	if err != nil {
		return nil, fmt.Errorf("pickle: %w", err)
	}
	if int64(len(data)) > b.maxInput() {
		return nil, fmt.Errorf("pickle: %w", b.inputTooLarge(-1))
	}
	m, err := decodeWeights(data, b)
	if err != nil {
		return nil, fmt.Errorf("pickle: %w", err)
	}
	return m, nil
}

// inputTooLarge says that the pickle, of size bytes (-1 if unknown), is
// larger than the budget admits.
func (b *budget) inputTooLarge(size int64) error {
	has := "more than " + membudget.Size(b.maxInput())
	if size >= 0 {
		has = strconv.FormatInt(size, 10) + " bytes, more than " + membudget.Size(b.maxInput())
	}
	return fmt.Errorf("%w: the pickle has %s, the most that the limit of %s of arrays in all admits (Limits.MaxTotalBytes)",
		ErrLimit, has, membudget.Size(b.Total))
}

// ReadWeightsFile reads the pickled weights file at path; see ReadWeights.
// Errors name the file.
func ReadWeightsFile(path string) (map[string]*tensor.Tensor, error) {
	return Limits{}.ReadWeightsFile(path)
}

// ReadWeightsFile is ReadWeightsFile with the limits l.
func (l Limits) ReadWeightsFile(path string) (map[string]*tensor.Tensor, error) {
	b := l.budget()
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("pickle: %w", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > b.maxInput() {
		return nil, fmt.Errorf("pickle: %s: %w", path, b.inputTooLarge(fi.Size()))
	}
	data, err := io.ReadAll(io.LimitReader(f, b.maxInput()+1))
	if err != nil {
		return nil, fmt.Errorf("pickle: %s: %w", path, err)
	}
	if int64(len(data)) > b.maxInput() {
		return nil, fmt.Errorf("pickle: %s: %w", path, b.inputTooLarge(-1))
	}
	m, err := decodeWeights(data, b)
	if err != nil {
		return nil, fmt.Errorf("pickle: %s: %w", path, err)
	}
	return m, nil
}

// decodeWeights unpickles data and converts the dict of arrays to tensors.
func decodeWeights(data []byte, b *budget) (map[string]*tensor.Tensor, error) {
	arrays, err := decodeArraysLimit(data, b)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*tensor.Tensor, len(arrays))
	for k, a := range arrays {
		out[k] = a.tensor
	}
	return out, nil
}

// decodeArrays unpickles data, which must hold a dict from str to arrays,
// under the default limits.
func decodeArrays(data []byte) (map[string]*array, error) {
	return decodeArraysLimit(data, Limits{}.budget())
}

// decodeArraysLimit unpickles data under the budget b.
func decodeArraysLimit(data []byte, b *budget) (map[string]*array, error) {
	if err := sniff(data); err != nil {
		return nil, err
	}
	u := &unpickler{data: data, memo: map[uint32]any{}, budget: b}
	v, err := u.run()
	if err != nil {
		return nil, err
	}
	d, ok := v.(*dict)
	if !ok {
		return nil, fmt.Errorf("the pickle holds %s, want a dict of arrays", typeName(v))
	}
	out := make(map[string]*array, len(d.keys))
	for _, k := range d.keys {
		a, ok := d.vals[k].(*array)
		if !ok {
			return nil, fmt.Errorf("dict value for key %q is %s, want a numpy array", k, typeName(d.vals[k]))
		}
		if a.tensor == nil {
			return nil, fmt.Errorf("dict value for key %q is an array whose state was never set (no BUILD)", k)
		}
		out[k] = a
	}
	return out, nil
}

// sniff checks that data starts as a pickle of protocol 2 to 5 does, with
// PROTO, and otherwise says that it is not a pickle file and, where the
// first bytes tell, what it looks like.
func sniff(data []byte) error {
	if len(data) == 0 {
		return fmt.Errorf("empty input, not a pickle file: %w", io.ErrUnexpectedEOF)
	}
	if data[0] == opProto {
		return nil
	}
	head := data[:min(len(data), 512)]
	what := ""
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06")):
		what = "a zip archive, such as NumPy's .npz (read it with package data/npy)"
	case bytes.HasPrefix(head, []byte("\x93NUMPY")):
		what = "a NumPy .npy file (read it with package data/npy)"
	case bytes.HasPrefix(head, []byte("\x1f\x8b")):
		what = "gzip-compressed data (decompress it first)"
	case bytes.HasPrefix(head, []byte("BZh")):
		what = "bzip2-compressed data (decompress it first)"
	case isText(head):
		t := firstLine(strings.TrimLeft(string(head), " \t\r\n\f"))
		if strings.HasPrefix(strings.TrimPrefix(t, "\ufeff"), "<") {
			what = fmt.Sprintf("HTML or XML text (a web page saved in place of the file?), starting %q", shorten(t))
		} else {
			what = fmt.Sprintf("text, starting %q", shorten(t))
		}
	case data[0] == opEmptyDict || data[0] == opMark:
		what = "a pickle of protocol 0 or 1, which this reader does not read (save it again with protocol 2 or later)"
	default:
		what = fmt.Sprintf("binary data starting % x", head[:min(len(head), 8)])
	}
	return fmt.Errorf("not a pickle file (a pickle of protocol 2 to 5 starts with byte 0x80): it looks like %s", what)
}

// isText reports whether b looks like text: UTF-8 (possibly cut in the
// middle of the last character) without control characters other than
// white space.
func isText(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			return len(b) < utf8.UTFMax && !utf8.FullRune(b)
		}
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' || r == 0x7f {
			return false
		}
		b = b[n:]
	}
	return true
}

// firstLine returns the text up to the first line break.
func firstLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	return s
}

// The Python values an unpickled weights file is made of.
type (
	// mark is the MARK opcode's marker; it lives on the stack only.
	mark struct{}
	// none is Python's None.
	none struct{}
	// tuple is a Python tuple.
	tuple []any
	// pyBytes is a Python 3 bytes object.
	pyBytes []byte
	// py2Str is a Python 2 str (BINSTRING, SHORT_BINSTRING): bytes that
	// also serve as text, as pickle.load(f, encoding='latin1') reads them.
	py2Str []byte
	// dict is a Python dict with str keys, in insertion order.
	dict struct {
		keys []string
		vals map[string]any
	}
	// global is one of the allowed globals.
	global int
	// dtype is a numpy.dtype made by REDUCE and completed by BUILD.
	dtype struct {
		name     string // 'f8' or 'f4'
		itemSize int
		order    binary.ByteOrder // set by BUILD; nil before
	}
	// array is a numpy.ndarray made by _reconstruct and filled by BUILD.
	array struct {
		dtype   *dtype
		fortran bool
		tensor  *tensor.Tensor
	}
)

const (
	globalReconstruct global = iota // numpy.core.multiarray._reconstruct
	globalNdarray                   // numpy.ndarray
	globalDtype                     // numpy.dtype
	globalEncode                    // _codecs.encode
	globalBytes                     // builtins.bytes
	globalFrombuffer                // numpy.core.numeric._frombuffer
)

// allowedGlobals are the only (module, name) pairs GLOBAL and STACK_GLOBAL
// accept. NumPy 2 writes numpy._core.multiarray for the module that NumPy 1
// calls numpy.core.multiarray; both name the same function. Protocol 2
// writes an empty bytes object (the data of an array with no elements) as
// bytes() under Python 2's name, __builtin__.bytes.
var allowedGlobals = map[[2]string]global{
	{"numpy.core.multiarray", "_reconstruct"}:  globalReconstruct,
	{"numpy._core.multiarray", "_reconstruct"}: globalReconstruct,
	{"numpy", "ndarray"}:                       globalNdarray,
	{"numpy", "dtype"}:                         globalDtype,
	{"_codecs", "encode"}:                      globalEncode,
	{"__builtin__", "bytes"}:                   globalBytes,
	{"builtins", "bytes"}:                      globalBytes,
	{"numpy.core.numeric", "_frombuffer"}:      globalFrombuffer,
	{"numpy._core.numeric", "_frombuffer"}:     globalFrombuffer,
}

// String formats the global as module.name.
func (g global) String() string {
	return [...]string{"numpy.core.multiarray._reconstruct", "numpy.ndarray", "numpy.dtype",
		"_codecs.encode", "builtins.bytes", "numpy.core.numeric._frombuffer"}[g]
}

// typeName names a value's Python type, with an article, for errors.
func typeName(v any) string {
	switch v := v.(type) {
	case mark:
		return "a MARK"
	case none:
		return "None"
	case bool:
		return "a bool"
	case int64:
		return "an int"
	case string:
		return "a str"
	case pyBytes:
		return "a bytes"
	case py2Str:
		return "a Python 2 str"
	case tuple:
		if len(v) == 1 {
			return "a tuple of 1 item"
		}
		return fmt.Sprintf("a tuple of %d items", len(v))
	case *dict:
		return "a dict"
	case global:
		return "the global " + v.String()
	case *dtype:
		return "a numpy.dtype"
	case *array:
		return "a numpy array"
	}
	return fmt.Sprintf("%T", v)
}

// describe shows a str's or an int's value, and other values' types.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(shorten(v))
	case int64:
		return strconv.FormatInt(v, 10)
	}
	return typeName(v)
}

// unpickler is a pickle virtual machine restricted to weights files. It
// reads from data, which holds the whole pickle: lengths are checked
// against what is left before anything is allocated for them.
type unpickler struct {
	data  []byte
	pos   int   // next byte to read
	op    byte  // opcode being executed
	opPos int   // its offset
	stack []any // the stack; MARKs are recorded in marks, not pushed
	marks []int // stack heights at each open MARK
	memo  map[uint32]any

	budget *budget
	// made counts the bytes that _codecs.encode calls have made and
	// arrayData the bytes that arrays have used as data; neither may
	// exceed the pickle's size, which they do only when the memo hands
	// the same object to several calls or arrays.
	made, arrayData int64
}

// opError is an error in the opcode at offset.
type opError struct {
	op     byte
	offset int
	err    error
}

// Error names the file, the opcode and its offset, and what went wrong.
func (e *opError) Error() string {
	return fmt.Sprintf("opcode %s at offset %d: %v", opName(e.op), e.offset, e.err)
}

// Unwrap returns the underlying error.
func (e *opError) Unwrap() error { return e.err }

// run executes opcodes up to STOP and returns the object STOP pops.
func (u *unpickler) run() (any, error) {
	for {
		if u.pos >= len(u.data) {
			if len(u.data) == 0 {
				return nil, fmt.Errorf("empty input: %w", io.ErrUnexpectedEOF)
			}
			return nil, fmt.Errorf("pickle ends at offset %d without STOP: %w", u.pos, io.ErrUnexpectedEOF)
		}
		u.opPos, u.op = u.pos, u.data[u.pos]
		u.pos++
		if u.op == opStop {
			v, err := u.pop()
			if err != nil {
				return nil, u.wrap(err)
			}
			return v, nil
		}
		if err := u.step(); err != nil {
			return nil, u.wrap(err)
		}
	}
}

func (u *unpickler) wrap(err error) error {
	return &opError{op: u.op, offset: u.opPos, err: err}
}

var errUnderflow = errors.New("stack underflow")

// push pushes v.
func (u *unpickler) push(v any) { u.stack = append(u.stack, v) }

// fence is the lowest stack index the current MARK lets ops pop.
func (u *unpickler) fence() int {
	if len(u.marks) == 0 {
		return 0
	}
	return u.marks[len(u.marks)-1]
}

// pop pops the top of the stack, which must lie above the last MARK.
func (u *unpickler) pop() (any, error) {
	if len(u.stack) <= u.fence() {
		return nil, errUnderflow
	}
	v := u.stack[len(u.stack)-1]
	u.stack = u.stack[:len(u.stack)-1]
	return v, nil
}

// top returns the top of the stack without popping it.
func (u *unpickler) top() (any, error) {
	if len(u.stack) <= u.fence() {
		return nil, errUnderflow
	}
	return u.stack[len(u.stack)-1], nil
}

// popN pops the top n items, in stack order.
func (u *unpickler) popN(n int) ([]any, error) {
	if len(u.stack)-u.fence() < n {
		return nil, errUnderflow
	}
	items := slices.Clone(u.stack[len(u.stack)-n:])
	u.stack = u.stack[:len(u.stack)-n]
	return items, nil
}

// popMark pops the items above the last MARK and the MARK itself.
func (u *unpickler) popMark() ([]any, error) {
	if len(u.marks) == 0 {
		return nil, errors.New("no MARK on the stack")
	}
	k := u.marks[len(u.marks)-1]
	u.marks = u.marks[:len(u.marks)-1]
	items := slices.Clone(u.stack[k:])
	u.stack = u.stack[:k]
	return items, nil
}

// read returns the next n bytes of the argument.
func (u *unpickler) read(n uint64) ([]byte, error) {
	if left := uint64(len(u.data) - u.pos); n > left {
		return nil, fmt.Errorf("argument of %d bytes, only %d left: %w", n, left, io.ErrUnexpectedEOF)
	}
	b := u.data[u.pos : u.pos+int(n)]
	u.pos += int(n)
	return b, nil
}

// uint reads an n-byte little-endian unsigned integer.
func (u *unpickler) uint(n int) (uint64, error) {
	b, err := u.read(uint64(n))
	if err != nil {
		return 0, err
	}
	var v uint64
	for i := n - 1; i >= 0; i-- {
		v = v<<8 | uint64(b[i])
	}
	return v, nil
}

// counted reads a length of lenSize bytes and then that many bytes.
func (u *unpickler) counted(lenSize int) ([]byte, error) {
	n, err := u.uint(lenSize)
	if err != nil {
		return nil, err
	}
	return u.read(n)
}

// line reads up to and including the next '\n' and returns the line
// without it.
func (u *unpickler) line() (string, error) {
	i := bytes.IndexByte(u.data[u.pos:], '\n')
	if i < 0 {
		return "", fmt.Errorf("no end of line: %w", io.ErrUnexpectedEOF)
	}
	s := string(u.data[u.pos : u.pos+i])
	u.pos += i + 1
	return s, nil
}

// step executes the opcode u.op, whose argument starts at u.pos.
func (u *unpickler) step() error {
	switch u.op {
	case opProto:
		v, err := u.uint(1)
		if err != nil {
			return err
		}
		if v < 2 || v > 5 {
			return fmt.Errorf("unsupported pickle protocol %d (protocols 2 to 5 are supported)", v)
		}
	case opFrame:
		// Frames only group opcodes for buffered reading; the whole
		// pickle is in memory already. Check that the frame is there.
		n, err := u.uint(8)
		if err != nil {
			return err
		}
		if left := uint64(len(u.data) - u.pos); n > left {
			return fmt.Errorf("frame of %d bytes, only %d left: %w", n, left, io.ErrUnexpectedEOF)
		}
	case opMark:
		u.marks = append(u.marks, len(u.stack))

	case opNone:
		u.push(none{})
	case opNewTrue:
		u.push(true)
	case opNewFalse:
		u.push(false)
	case opBinInt1, opBinInt2:
		n := 1
		if u.op == opBinInt2 {
			n = 2
		}
		v, err := u.uint(n)
		if err != nil {
			return err
		}
		u.push(int64(v))
	case opBinInt:
		v, err := u.uint(4)
		if err != nil {
			return err
		}
		u.push(int64(int32(uint32(v))))
	case opLong1:
		n, err := u.uint(1)
		if err != nil {
			return err
		}
		if n > 8 {
			return fmt.Errorf("integer of %d bytes is too large", n)
		}
		v, err := u.uint(int(n))
		if err != nil {
			return err
		}
		if n > 0 && n < 8 && v&(1<<(8*n-1)) != 0 {
			v |= ^uint64(0) << (8 * n) // sign-extend two's complement
		}
		u.push(int64(v))

	case opShortBinUnicode, opBinUnicode, opBinUnicode8:
		b, err := u.counted(lengthSize(u.op))
		if err != nil {
			return err
		}
		if !utf8.Valid(b) {
			return errors.New("string is not valid UTF-8")
		}
		u.push(string(b))
	case opShortBinBytes, opBinBytes, opBinBytes8, opByteArray8:
		// A bytearray (protocol 5's in-band buffer of an array's data)
		// serves as bytes here.
		b, err := u.counted(lengthSize(u.op))
		if err != nil {
			return err
		}
		u.push(pyBytes(b))
	case opShortBinString:
		b, err := u.counted(1)
		if err != nil {
			return err
		}
		u.push(py2Str(b))
	case opBinString:
		n, err := u.uint(4)
		if err != nil {
			return err
		}
		if int32(uint32(n)) < 0 {
			return fmt.Errorf("negative length %d", int32(uint32(n)))
		}
		b, err := u.read(n)
		if err != nil {
			return err
		}
		u.push(py2Str(b))

	case opEmptyTuple:
		u.push(tuple{})
	case opTuple1, opTuple2, opTuple3:
		items, err := u.popN(int(u.op-opTuple1) + 1)
		if err != nil {
			return err
		}
		u.push(tuple(items))
	case opTuple:
		items, err := u.popMark()
		if err != nil {
			return err
		}
		u.push(tuple(items))
	case opEmptyDict:
		u.push(&dict{vals: map[string]any{}})
	case opSetItem:
		items, err := u.popN(2)
		if err != nil {
			return err
		}
		return u.setItems(items)
	case opSetItems:
		items, err := u.popMark()
		if err != nil {
			return err
		}
		if len(items)%2 != 0 {
			return fmt.Errorf("odd number of items (%d) for key-value pairs", len(items))
		}
		return u.setItems(items)

	case opBinPut, opLongBinPut, opMemoize:
		var idx uint64
		switch u.op {
		case opBinPut:
			v, err := u.uint(1)
			if err != nil {
				return err
			}
			idx = v
		case opLongBinPut:
			v, err := u.uint(4)
			if err != nil {
				return err
			}
			idx = v
		default:
			idx = uint64(len(u.memo))
		}
		v, err := u.top()
		if err != nil {
			return err
		}
		if idx > math.MaxUint32 {
			return fmt.Errorf("memo index %d too large", idx)
		}
		u.memo[uint32(idx)] = v
	case opBinGet, opLongBinGet:
		n := 1
		if u.op == opLongBinGet {
			n = 4
		}
		idx, err := u.uint(n)
		if err != nil {
			return err
		}
		v, ok := u.memo[uint32(idx)]
		if !ok {
			return fmt.Errorf("memo index %d was never stored (memo holds %d objects)", idx, len(u.memo))
		}
		u.push(v)

	case opGlobal:
		module, err := u.line()
		if err != nil {
			return err
		}
		name, err := u.line()
		if err != nil {
			return err
		}
		return u.pushGlobal(module, name)
	case opStackGlobal:
		items, err := u.popN(2)
		if err != nil {
			return err
		}
		module, ok1 := items[0].(string)
		name, ok2 := items[1].(string)
		if !ok1 || !ok2 {
			return fmt.Errorf("module and name are %s and %s, want two str", typeName(items[0]), typeName(items[1]))
		}
		return u.pushGlobal(module, name)
	case opReduce:
		items, err := u.popN(2)
		if err != nil {
			return err
		}
		v, err := u.reduce(items[0], items[1])
		if err != nil {
			return err
		}
		u.push(v)
	case opBuild:
		state, err := u.pop()
		if err != nil {
			return err
		}
		obj, err := u.top()
		if err != nil {
			return err
		}
		return u.build(obj, state)

	default:
		if _, known := opNames[u.op]; known {
			return errors.New("not supported in a weights file")
		}
		return errors.New("not a pickle opcode")
	}
	return nil
}

// lengthSize is the size of the length field of a counted string opcode.
func lengthSize(op byte) int {
	switch op {
	case opShortBinUnicode, opShortBinBytes:
		return 1
	case opBinUnicode, opBinBytes:
		return 4
	}
	return 8
}

// setItems pops the dict under the key-value pairs in items and sets them.
func (u *unpickler) setItems(items []any) error {
	v, err := u.top()
	if err != nil {
		return err
	}
	d, ok := v.(*dict)
	if !ok {
		return fmt.Errorf("setting items of %s, want a dict", typeName(v))
	}
	for i := 0; i < len(items); i += 2 {
		k, ok := asString(items[i])
		if !ok {
			return fmt.Errorf("dict key is %s, want a str", typeName(items[i]))
		}
		if _, dup := d.vals[k]; !dup {
			d.keys = append(d.keys, k)
		}
		d.vals[k] = items[i+1]
	}
	return nil
}

func (u *unpickler) pushGlobal(module, name string) error {
	g, ok := allowedGlobals[[2]string{module, name}]
	if !ok {
		what := strconv.Quote(shorten(module + "." + name))
		if strings.Contains(name, ".") {
			what = fmt.Sprintf("%q in module %q", shorten(name), shorten(module))
		}
		return fmt.Errorf("global %s is not allowed: a weights file may only name "+
			"numpy.core.multiarray._reconstruct, numpy.ndarray, numpy.dtype, _codecs.encode, bytes "+
			"and numpy.core.numeric._frombuffer", what)
	}
	u.push(g)
	return nil
}

// shorten truncates s for an error message.
func shorten(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}

// asString returns a str, or a Python 2 str decoded as Latin-1.
func asString(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case py2Str:
		r := make([]rune, len(v))
		for i, c := range v {
			r[i] = rune(c)
		}
		return string(r), true
	}
	return "", false
}

// asBytes returns a bytes object or a Python 2 str.
func asBytes(v any) ([]byte, bool) {
	switch v := v.(type) {
	case pyBytes:
		return v, true
	case py2Str:
		return v, true
	}
	return nil, false
}

// asInt returns an int, or a bool as 0 or 1 (bool is an int in Python).
func asInt(v any) (int64, bool) {
	switch v := v.(type) {
	case int64:
		return v, true
	case bool:
		if v {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// reduce applies one of the allowed callables to args, as REDUCE does.
func (u *unpickler) reduce(callable, argv any) (any, error) {
	g, ok := callable.(global)
	if !ok {
		return nil, fmt.Errorf("cannot call %s", typeName(callable))
	}
	args, ok := argv.(tuple)
	if !ok {
		return nil, fmt.Errorf("arguments of %s are %s, want a tuple", g, typeName(argv))
	}
	switch g {
	case globalReconstruct:
		// _reconstruct(ndarray, (0,), b'b') makes an empty array that
		// BUILD then fills in.
		if len(args) != 3 || args[0] != any(globalNdarray) {
			return nil, fmt.Errorf("%s%s: want (numpy.ndarray, shape, b'b')", g, argTypes(args))
		}
		if _, ok := args[1].(tuple); !ok {
			return nil, fmt.Errorf("%s: shape argument is %s, want a tuple", g, typeName(args[1]))
		}
		if b, ok := asBytes(args[2]); !ok || string(b) != "b" {
			return nil, fmt.Errorf("%s: type code is %s, want b'b'", g, typeName(args[2]))
		}
		return &array{}, nil
	case globalDtype:
		// dtype('f8', False, True)
		if len(args) != 3 {
			return nil, fmt.Errorf("%s%s: want (name, align, copy)", g, argTypes(args))
		}
		name, ok := asString(args[0])
		if !ok {
			return nil, fmt.Errorf("%s: name is %s, want a str", g, typeName(args[0]))
		}
		for _, a := range args[1:] {
			if _, ok := asInt(a); !ok {
				return nil, fmt.Errorf("%s: flag is %s, want a bool", g, typeName(a))
			}
		}
		switch name {
		case "f8":
			return &dtype{name: name, itemSize: 8}, nil
		case "f4":
			return &dtype{name: name, itemSize: 4}, nil
		}
		return nil, fmt.Errorf("unsupported dtype %q: only float64 ('f8') and float32 ('f4') are supported", shorten(name))
	case globalEncode:
		// Protocol 2 writes bytes b as _codecs.encode(b.decode('latin1'), 'latin1').
		if len(args) != 2 {
			return nil, fmt.Errorf("%s%s: want (str, 'latin1')", g, argTypes(args))
		}
		s, ok1 := args[0].(string)
		enc, ok2 := args[1].(string)
		if !ok1 || !ok2 || enc != "latin1" {
			return nil, fmt.Errorf("%s%s: want (str, 'latin1')", g, argTypes(args))
		}
		if u.made += int64(len(s)); u.made > int64(len(u.data)) {
			return nil, fmt.Errorf("%s: the calls so far make %d bytes from a %d-byte pickle: "+
				"a str reused through the memo?", g, u.made, len(u.data))
		}
		b := make([]byte, 0, len(s))
		for _, r := range s {
			if r > 0xff {
				return nil, fmt.Errorf("%s: character U+%04X is not Latin-1", g, r)
			}
			b = append(b, byte(r))
		}
		return pyBytes(b), nil
	case globalFrombuffer:
		// Protocol 5: _frombuffer(buffer, dtype, shape, order) makes a
		// C- ('C') or Fortran-ordered ('F') array of the buffer's bytes.
		if len(args) != 4 {
			return nil, fmt.Errorf("%s%s: want (buffer, dtype, shape, order)", g, argTypes(args))
		}
		order, ok := asString(args[3])
		if !ok || order != "C" && order != "F" {
			return nil, fmt.Errorf("%s: order is %s, want 'C' or 'F'", g, describe(args[3]))
		}
		a := &array{}
		if err := a.setState(tuple{args[2], args[1], order == "F", args[0]}, u); err != nil {
			return nil, fmt.Errorf("%s: %w", g, err)
		}
		return a, nil
	case globalBytes:
		// bytes() is b''; nothing else is needed.
		if len(args) != 0 {
			return nil, fmt.Errorf("%s%s: want ()", g, argTypes(args))
		}
		return pyBytes{}, nil
	}
	return nil, fmt.Errorf("cannot call %s", g)
}

// argTypes describes an argument tuple for an error message.
func argTypes(args tuple) string {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = typeName(a)
	}
	return " called with (" + strings.Join(parts, ", ") + ")"
}

// build sets the state of a dtype or an array, as BUILD does through
// their __setstate__.
func (u *unpickler) build(obj, st any) error {
	state, ok := st.(tuple)
	if !ok {
		return fmt.Errorf("state of %s is %s, want a tuple", typeName(obj), typeName(st))
	}
	switch obj := obj.(type) {
	case *dtype:
		return obj.setState(state)
	case *array:
		return obj.setState(state, u)
	}
	return fmt.Errorf("cannot set the state of %s", typeName(obj))
}

// setState applies numpy.dtype's state (3, '<', None, None, None, -1, -1,
// 0): version, byte order, subarray, names, fields, element size,
// alignment, flags (and metadata in version 4).
func (d *dtype) setState(state tuple) error {
	if d.order != nil {
		return errors.New("numpy.dtype state set twice")
	}
	if len(state) != 8 && len(state) != 9 {
		return fmt.Errorf("numpy.dtype state has %d items, want 8 or 9", len(state))
	}
	if v, ok := state[0].(int64); !ok || (v != 3 && v != 4) {
		return fmt.Errorf("numpy.dtype state version is %s, want 3 or 4", describe(state[0]))
	}
	for i, what := range []string{"subarray", "field names", "fields"} {
		if _, ok := state[2+i].(none); !ok {
			return fmt.Errorf("numpy.dtype with %s is not supported", what)
		}
	}
	for _, v := range state[5:8] {
		if _, ok := v.(int64); !ok {
			return fmt.Errorf("numpy.dtype state holds %s, want an int", typeName(v))
		}
	}
	switch endian, _ := asString(state[1]); endian {
	case "<":
		d.order = binary.LittleEndian
	case ">":
		d.order = binary.BigEndian
	default:
		return fmt.Errorf("numpy.dtype byte order is %s, want '<' or '>'", describe(state[1]))
	}
	return nil
}

// setState applies numpy.ndarray's state (version, shape, dtype,
// is_fortran, raw data); NumPy also accepts it without the version.
func (a *array) setState(state tuple, u *unpickler) error {
	if a.tensor != nil {
		return errors.New("numpy array state set twice")
	}
	switch len(state) {
	case 5:
		if v, ok := state[0].(int64); !ok || v != 1 {
			return fmt.Errorf("numpy array state version is %s, want 1", describe(state[0]))
		}
		state = state[1:]
	case 4:
	default:
		return fmt.Errorf("numpy array state has %d items, want 5", len(state))
	}
	shapeTuple, ok := state[0].(tuple)
	if !ok {
		return fmt.Errorf("numpy array shape is %s, want a tuple", typeName(state[0]))
	}
	dt, ok := state[1].(*dtype)
	if !ok {
		return fmt.Errorf("numpy array dtype is %s, want a numpy.dtype", typeName(state[1]))
	}
	if dt.order == nil {
		return errors.New("numpy array dtype has no state (no BUILD)")
	}
	fortran, ok := asInt(state[2])
	if !ok {
		return fmt.Errorf("numpy array is_fortran is %s, want a bool", typeName(state[2]))
	}
	raw, ok := asBytes(state[3])
	if !ok {
		return fmt.Errorf("numpy array data is %s, want bytes (object arrays are not supported)", typeName(state[3]))
	}

	shape := make([]int, len(shapeTuple))
	// The product of the non-zero axes must fit, even when another axis
	// is 0, as the tensor package requires (and NumPy, which refuses
	// np.empty((0, 2**62, 2**62))).
	count, overflow, empty := uint64(1), false, false
	for i, v := range shapeTuple {
		n, ok := v.(int64)
		if !ok {
			return fmt.Errorf("numpy array shape holds %s, want ints", typeName(v))
		}
		if n < 0 || n > math.MaxInt {
			return fmt.Errorf("numpy array shape has axis %d of size %d", i, n)
		}
		shape[i] = int(n)
		if n == 0 {
			empty = true
			continue
		}
		hi, lo := bits.Mul64(count, uint64(n))
		count, overflow = lo, overflow || hi != 0
	}
	if overflow || count > math.MaxInt/8 {
		return fmt.Errorf("numpy array data has %d bytes, shape %s of %s has too many elements",
			len(raw), tensor.ShapeString(shape), dt.name)
	}
	if empty {
		count = 0
	}
	// The data is in memory, so checking its size against the shape
	// before allocating bounds the allocation by the input's size.
	need := count * uint64(dt.itemSize)
	if need != uint64(len(raw)) {
		return fmt.Errorf("numpy array data has %d bytes, shape %s of %s needs %d",
			len(raw), tensor.ShapeString(shape), dt.name, need)
	}
	if u.arrayData += int64(len(raw)); u.arrayData > int64(len(u.data)) {
		return fmt.Errorf("the arrays so far take %d bytes of data from a %d-byte pickle: "+
			"a bytes object used by several arrays through the memo?", u.arrayData, len(u.data))
	}
	if err := u.budget.take(shape, dt, count); err != nil {
		return err
	}
	data := make([]float64, count)
	for i := range data {
		if dt.itemSize == 8 {
			data[i] = math.Float64frombits(dt.order.Uint64(raw[8*i:]))
		} else {
			data[i] = float64(math.Float32frombits(dt.order.Uint32(raw[4*i:])))
		}
	}
	a.fortran = fortran != 0
	if a.fortran {
		data = fortranToC(data, shape)
	}
	a.dtype = dt
	if len(shape) == 0 {
		a.tensor = tensor.Scalar(data[0])
	} else {
		a.tensor = tensor.New(data, shape...)
	}
	return nil
}

// fortranToC returns the elements of a column-major array of the given
// shape in row-major order.
func fortranToC(src []float64, shape []int) []float64 {
	if len(shape) < 2 || len(src) == 0 {
		return src
	}
	nd := len(shape)
	stride := make([]int, nd) // C-order strides
	s := 1
	for k := nd - 1; k >= 0; k-- {
		stride[k] = s
		s *= shape[k]
	}
	dst := make([]float64, len(src))
	idx := make([]int, nd)
	off := 0
	for _, v := range src {
		dst[off] = v
		// Step idx in Fortran order: axis 0 fastest.
		for k := 0; k < nd; k++ {
			idx[k]++
			off += stride[k]
			if idx[k] < shape[k] {
				break
			}
			off -= idx[k] * stride[k]
			idx[k] = 0
		}
	}
	return dst
}

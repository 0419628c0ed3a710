package pickle

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/dlfs-go/dlfs/internal/atomicfile"
	"github.com/dlfs-go/dlfs/tensor"
)

// Array is one named array of a weights file, in the order the file holds
// them.
type Array struct {
	Name  string
	Value *tensor.Tensor
}

// WriteWeights writes arrays as the book's save_params does, pickle.dump
// of a dict {name: ndarray}: a pickle of protocol 4 of a dict whose items
// are in the order of arrays, each a float64 ndarray in C order, so that
// Python's pickle.load (the book's load_params) returns NumPy arrays equal
// to the tensors. The arrays are pickled as NumPy 1.x pickles them
// (numpy.core.multiarray._reconstruct, then their state), which NumPy 2
// reads too, and which ReadWeights reads back. Names must be non-empty
// and distinct.
func WriteWeights(w io.Writer, arrays []Array) error {
	if err := checkWriteArrays(arrays); err != nil {
		return fmt.Errorf("pickle: %w", err)
	}
	bw := bufio.NewWriter(w)
	p := &pickler{w: bw}
	p.weights(arrays)
	if p.err == nil {
		p.err = bw.Flush()
	}
	if p.err != nil {
		return fmt.Errorf("pickle: %w", p.err)
	}
	return nil
}

// WriteWeightsFile writes arrays to the file at path as WriteWeights does.
// The pickle goes to a temporary file in the same folder that replaces
// path only once it is complete, so a failed write leaves a previous file
// at path as it was. Errors name the file.
func WriteWeightsFile(path string, arrays []Array) error {
	if err := checkWriteArrays(arrays); err != nil {
		return fmt.Errorf("pickle: %s: %w", path, err)
	}
	err := atomicfile.Write(path, 0o644, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		p := &pickler{w: bw}
		p.weights(arrays)
		if p.err != nil {
			return p.err
		}
		return bw.Flush()
	})
	if err != nil {
		return fmt.Errorf("pickle: %w", err)
	}
	return nil
}

func checkWriteArrays(arrays []Array) error {
	seen := make(map[string]bool, len(arrays))
	for _, a := range arrays {
		switch {
		case a.Name == "":
			return errors.New("an array has an empty name")
		case seen[a.Name]:
			return fmt.Errorf("two arrays are named %q", a.Name)
		case a.Value == nil:
			return fmt.Errorf("array %q is nil", a.Name)
		}
		seen[a.Name] = true
	}
	return nil
}

// pickler writes opcodes, keeping the first error.
type pickler struct {
	w   *bufio.Writer
	err error
	buf [9]byte
}

func (p *pickler) bytes(b ...byte) {
	if p.err == nil {
		_, p.err = p.w.Write(b)
	}
}

// counted writes op1 (1-byte length), op4 (4-byte) or op8 (8-byte length)
// and b: the shortest that holds len(b) (op8 0 for none).
func (p *pickler) counted(op1, op4, op8 byte, b []byte) {
	n := len(b)
	switch {
	case n < 256 && op1 != 0:
		p.bytes(op1, byte(n))
	case uint64(n) <= math.MaxUint32:
		p.bytes(op4)
		binary.LittleEndian.PutUint32(p.buf[:4], uint32(n))
		p.bytes(p.buf[:4]...)
	default:
		p.bytes(op8)
		binary.LittleEndian.PutUint64(p.buf[:8], uint64(n))
		p.bytes(p.buf[:8]...)
	}
	p.bytes(b...)
}

func (p *pickler) str(s string) {
	p.counted(opShortBinUnicode, opBinUnicode, opBinUnicode8, []byte(s))
}

func (p *pickler) global(module, name string) {
	p.str(module)
	p.str(name)
	p.bytes(opStackGlobal)
}

// int writes a non-negative or small negative int in the shortest form.
func (p *pickler) int(v int64) {
	switch {
	case v >= 0 && v < 1<<8:
		p.bytes(opBinInt1, byte(v))
	case v >= 0 && v < 1<<16:
		p.bytes(opBinInt2, byte(v), byte(v>>8))
	case v >= math.MinInt32 && v <= math.MaxInt32:
		p.bytes(opBinInt)
		binary.LittleEndian.PutUint32(p.buf[:4], uint32(int32(v)))
		p.bytes(p.buf[:4]...)
	default:
		// LONG1: little-endian two's complement, 8 bytes is enough.
		p.bytes(opLong1, 8)
		binary.LittleEndian.PutUint64(p.buf[:8], uint64(v))
		p.bytes(p.buf[:8]...)
	}
}

// weights writes the whole pickle: {name: array, ...}.
func (p *pickler) weights(arrays []Array) {
	p.bytes(opProto, 4, opEmptyDict)
	if len(arrays) > 0 {
		p.bytes(opMark)
		for _, a := range arrays {
			p.str(a.Name)
			p.array(a.Value)
		}
		p.bytes(opSetItems)
	}
	p.bytes(opStop)
}

// array writes _reconstruct(ndarray, (0,), b'b') and BUILD with the state
// (1, shape, dtype('<f8'), False, data).
func (p *pickler) array(t *tensor.Tensor) {
	p.global("numpy.core.multiarray", "_reconstruct")
	p.global("numpy", "ndarray")
	p.bytes(opBinInt1, 0, opTuple1)
	p.counted(opShortBinBytes, opBinBytes, opBinBytes8, []byte("b"))
	p.bytes(opTuple3, opReduce)

	p.bytes(opMark)
	p.int(1)
	p.bytes(opMark)
	for _, d := range t.Shape() {
		p.int(int64(d))
	}
	p.bytes(opTuple)
	// dtype('f8', False, True) with the state (3, '<', None, None, None,
	// -1, -1, 0).
	p.global("numpy", "dtype")
	p.str("f8")
	p.bytes(opNewFalse, opNewTrue, opTuple3, opReduce)
	p.bytes(opMark)
	p.int(3)
	p.str("<")
	p.bytes(opNone, opNone, opNone)
	p.int(-1)
	p.int(-1)
	p.int(0)
	p.bytes(opTuple, opBuild)
	p.bytes(opNewFalse) // not Fortran-ordered
	data := make([]byte, 8*t.Len())
	for i, v := range t.Data() {
		binary.LittleEndian.PutUint64(data[8*i:], math.Float64bits(v))
	}
	p.counted(opShortBinBytes, opBinBytes, opBinBytes8, data)
	p.bytes(opTuple, opBuild)
}

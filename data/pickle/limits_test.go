package pickle

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// longStr is BINUNICODE.
func (p pk) longStr(s string) pk {
	p = binary.LittleEndian.AppendUint32(append(p, opBinUnicode), uint32(len(s)))
	return append(p, s...)
}

// memo stores the top of the stack at index i (LONG_BINPUT); get pushes
// it again (LONG_BINGET).
func (p pk) memo(i uint32) pk { return binary.LittleEndian.AppendUint32(append(p, opLongBinPut), i) }
func (p pk) get(i uint32) pk  { return binary.LittleEndian.AppendUint32(append(p, opLongBinGet), i) }

// arrayOf pushes an f8 array of the given shape whose data is pushed by
// data.
func (p pk) arrayOf(shape []int, data func(pk) pk) pk {
	p = p.reconstruct().op(opMark).int(1).op(opMark)
	for _, d := range shape {
		p = p.int(d)
	}
	p = p.op(opTuple).dtype("f8", "<").op(opNewFalse)
	return data(p).op(opTuple, opBuild)
}

// bigShape pushes an f8 array with no data and a shape of LONG1 ints.
func (p pk) bigShape(shape []int64) pk {
	p = p.reconstruct().op(opMark).int(1).op(opMark)
	for _, d := range shape {
		p = binary.LittleEndian.AppendUint64(append(p, opLong1, 8), uint64(d))
	}
	return p.op(opTuple).dtype("f8", "<").op(opNewFalse).bytes(nil).op(opTuple, opBuild)
}

// memoBomb is the BINGET bomb: one bytes object of kib KiB,
// memoized, and the data of n arrays.
func memoBomb(n, kib int) []byte {
	raw := make([]byte, kib<<10)
	p := pk{opProto, 4, opEmptyDict}
	for i := range n {
		p = p.str("a"+strconv.Itoa(i)).arrayOf([]int{kib << 7}, func(p pk) pk {
			if i == 0 {
				return p.bytes(raw).memo(0)
			}
			return p.get(0)
		}).op(opSetItem)
	}
	return p.op(opStop)
}

// encodeBomb calls _codecs.encode n times on one memoized str of kib KiB.
func encodeBomb(n, kib int) []byte {
	p := pk{opProto, 2}.global("_codecs", "encode").memo(0).longStr(strings.Repeat("x", kib<<10)).memo(1).
		str("latin1").op(opTuple2, opReduce)
	for range n - 1 {
		p = p.get(0).get(1).str("latin1").op(opTuple2, opReduce)
	}
	return p.op(opStop)
}

// twoArrays is {a: f8 array of na elements, b: f4 array of nb elements}.
func twoArrays(na, nb int) []byte {
	return pk{opProto, 4, opEmptyDict}.
		str("a").array(spec{"f8", "<", []int{na}, false, make([]byte, 8*na)}).op(opSetItem).
		str("b").array(spec{"f4", "<", []int{nb}, false, make([]byte, 4*nb)}).op(opSetItem, opStop)
}

// The memory bombs and arrays over the limits are errors that say
// what is wrong, found before the arrays are allocated.
func TestMemoryBombs(t *testing.T) {
	tests := []struct {
		name   string
		in     []byte
		limits Limits
		want   string
		limit  bool // the error wraps ErrLimit
	}{
		{"one bytes object for 1024 arrays of 256 KiB", memoBomb(1024, 256), Limits{},
			"opcode BUILD at offset 262414: the arrays so far take 524288 bytes of data from a {len}-byte pickle: a bytes object used by several arrays through the memo?", false},
		{"two arrays share their data", memoBomb(2, 1), Limits{}, "a bytes object used by several arrays through the memo?", false},
		{"encode of one str 1000 times", encodeBomb(1000, 64), Limits{},
			"opcode REDUCE at offset 65600: _codecs.encode: the calls so far make 131072 bytes from a {len}-byte pickle: a str reused through the memo?", false},
		{"array over the limit", twoArrays(1<<17, 0), Limits{MaxArrayBytes: 1<<20 - 8},
			"weights too large: numpy array of shape (131072,) of f8 needs 1 MiB as float64, more than the limit of 1048568 bytes per array (Limits.MaxArrayBytes)", true},
		{"float32 counts as float64", twoArrays(0, 1<<17), Limits{MaxArrayBytes: 1 << 19},
			"shape (131072,) of f4 needs 1 MiB as float64, more than the limit of 524288 bytes per array", true},
		{"arrays over the total", twoArrays(1<<17, 1<<17), Limits{MaxTotalBytes: 3 << 19},
			"shape (131072,) of f4 needs 1 MiB as float64, which with the 1 MiB read before is more than the limit of 1.5 MiB in all (Limits.MaxTotalBytes)", true},
		{"input over what the total admits", twoArrays(1<<17, 0), Limits{MaxTotalBytes: 1},
			"weights too large: the pickle has {more than} 1 MiB, the most that the limit of 1 bytes of arrays in all admits (Limits.MaxTotalBytes)", true},
		{"shape (0, 2**62, 2**62)", pk{opProto, 4, opEmptyDict}.str("k").bigShape([]int64{0, 1 << 62, 1 << 62}).op(opSetItem, opStop), Limits{},
			"shape (0,4611686018427387904,4611686018427387904) of f8 has too many elements", false},
		{"shape (2**61,)", pk{opProto, 4, opEmptyDict}.str("k").bigShape([]int64{1 << 61}).op(opSetItem, opStop), Limits{},
			"shape (2305843009213693952,) of f8 has too many elements", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			m, err := tt.limits.ReadWeights(bytes.NewReader(tt.in))
			runtime.ReadMemStats(&after)
			if err == nil {
				t.Fatalf("ReadWeights returned %d arrays and no error", len(m))
			}
			t.Log(err)
			want := strings.NewReplacer("{len}", strconv.Itoa(len(tt.in)), "{more than}", "more than").Replace(tt.want)
			if !strings.HasPrefix(err.Error(), "pickle: ") || !strings.Contains(err.Error(), want) {
				t.Errorf("error %q, want it to start with \"pickle: \" and contain %q", err, want)
			}
			if errors.Is(err, ErrLimit) != tt.limit {
				t.Errorf("errors.Is(err, ErrLimit) = %v, want %v", !tt.limit, tt.limit)
			}
			// Reading the input and the arrays under the limit, at most.
			if n, bound := after.TotalAlloc-before.TotalAlloc, 4*uint64(len(tt.in))+(4<<20); n > bound {
				t.Errorf("ReadWeights allocated %d bytes for a %d-byte input, want at most %d", n, len(tt.in), bound)
			}
			path := filepath.Join(t.TempDir(), "bomb.pkl")
			if err := os.WriteFile(path, tt.in, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err = tt.limits.ReadWeightsFile(path)
			want = strings.NewReplacer("{len}", strconv.Itoa(len(tt.in)), "{more than}", strconv.Itoa(len(tt.in))+" bytes, more than").Replace(tt.want)
			if err == nil || !strings.HasPrefix(err.Error(), "pickle: "+path+": ") || !strings.Contains(err.Error(), want) {
				t.Errorf("ReadWeightsFile: %v, want an error naming %s and saying %q", err, path, want)
			}
		})
	}
}

// What the limits admit is read.
func TestLimitsAdmit(t *testing.T) {
	in := twoArrays(1<<17, 1<<17) // 1 MiB and 1 MiB as float64
	for _, l := range []Limits{{}, {MaxArrayBytes: 1 << 20, MaxTotalBytes: 2 << 20}, {MaxArrayBytes: 1 << 40, MaxTotalBytes: 1 << 62}} {
		m, err := l.ReadWeights(bytes.NewReader(in))
		if err != nil {
			t.Errorf("%+v: %v", l, err)
			continue
		}
		if m["a"].Len() != 1<<17 || m["b"].Len() != 1<<17 {
			t.Errorf("%+v: arrays of %d and %d elements, want 131072 each", l, m["a"].Len(), m["b"].Len())
		}
	}
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func zipped(name string, b []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create(name)
	w.Write(b)
	zw.Close()
	return buf.Bytes()
}

// Files that are not pickles are named as such, with what they look like,
// instead of an error about their first byte as an opcode.
func TestNotAPickle(t *testing.T) {
	valid := weights("W1", okSpec)
	npyFile := append([]byte("\x93NUMPY\x01\x00v\x00{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }"), bytes.Repeat([]byte(" "), 60)...)
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"empty", nil, "empty input, not a pickle file"},
		{"text", []byte("W1 = [[0.1, 0.2]]\nb1 = [0]\n"), `not a pickle file (a pickle of protocol 2 to 5 starts with byte 0x80): it looks like text, starting "W1 = [[0.1, 0.2]]"`},
		{"UTF-8 text with a BOM", []byte("\ufeffpoids: 0,5\n"), `it looks like text, starting "\ufeffpoids: 0,5"`},
		{"HTML", []byte("\n<!DOCTYPE html>\n<html><head><title>404 Not Found</title>"), `it looks like HTML or XML text (a web page saved in place of the file?), starting "<!DOCTYPE html>"`},
		{"npz", zipped("W1.npy", npyFile), "not a pickle file (a pickle of protocol 2 to 5 starts with byte 0x80): it looks like a zip archive, such as NumPy's .npz"},
		{"empty zip", zipped("", nil)[len(zipped("", nil))-22:], "it looks like a zip archive"},
		{"npy", npyFile, "it looks like a NumPy .npy file"},
		{"gzip", gzipped(valid), "it looks like gzip-compressed data (decompress it first)"},
		{"protocol 0", []byte("(dp0\nS'W1'\np1\n"), `it looks like text, starting "(dp0"`},
		{"protocol 0 exploit", []byte("cos\nsystem\n(S'echo hi'\ntR."), `it looks like text, starting "cos"`},
		{"protocol 1", []byte("}q\x00(X\x02\x00\x00\x00W1q\x01"), "it looks like a pickle of protocol 0 or 1, which this reader does not read (save it again with protocol 2 or later)"},
		{"binary", []byte{0x00, 0x01, 0x02, 0xfe}, "it looks like binary data starting 00 01 02 fe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadWeights(bytes.NewReader(tt.in))
			if err == nil || !strings.HasPrefix(err.Error(), "pickle: ") || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "not a pickle file") {
				t.Errorf("error %v, want it to say not a pickle file and %q", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "opcode") {
				t.Errorf("error %q talks of opcodes", err)
			}
			if errors.Is(err, io.ErrUnexpectedEOF) != (len(tt.in) == 0) {
				t.Errorf("errors.Is(%v, io.ErrUnexpectedEOF) = %v, want %v", err, len(tt.in) != 0, len(tt.in) == 0)
			}
			path := filepath.Join(t.TempDir(), "weights.pkl")
			if err := os.WriteFile(path, tt.in, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := ReadWeightsFile(path); err == nil || !strings.HasPrefix(err.Error(), "pickle: "+path+": ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadWeightsFile: %v, want an error naming %s and saying %q", err, path, tt.want)
			}
		})
	}
}

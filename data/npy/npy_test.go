package npy_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dlfs-go/dlfs/data/npy"
	"github.com/dlfs-go/dlfs/tensor"
)

// arrayFixture is one array of testdata/expected.json, written by
// testdata/gen_fixtures.py from what NumPy reads back.
type arrayFixture struct {
	Descr   string   `json:"descr"`
	Shape   []int    `json:"shape"`
	Values  []string `json:"values"` // float.hex() of every element, C order
	Version []int    `json:"version"`
}

type fixtureFile struct {
	NumPy string                             `json:"numpy"`
	NPY   map[string]arrayFixture            `json:"npy"`
	NPZ   map[string]map[string]arrayFixture `json:"npz"`
}

func loadFixtures(t *testing.T) fixtureFile {
	t.Helper()
	raw, err := os.ReadFile("testdata/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var fx fixtureFile
	if err := json.Unmarshal(raw, &fx); err != nil {
		t.Fatal(err)
	}
	if len(fx.NPY) == 0 || len(fx.NPZ) == 0 {
		t.Fatal("testdata/expected.json holds no fixtures")
	}
	return fx
}

// values decodes the fixture's float.hex() strings.
func (a arrayFixture) values(t *testing.T) []float64 {
	t.Helper()
	out := make([]float64, len(a.Values))
	for i, s := range a.Values {
		if s == "nan" {
			out[i] = npNaN // float.hex() drops the payload; NumPy's NaNs are np.nan
			continue
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("value %d: %v", i, err)
		}
		out[i] = v
	}
	return out
}

// tensor builds the fixture's array as a tensor.
func (a arrayFixture) tensor(t *testing.T) *tensor.Tensor {
	t.Helper()
	if len(a.Shape) == 0 {
		return tensor.Scalar(a.values(t)[0])
	}
	return tensor.New(a.values(t), a.Shape...)
}

// exact compares floats bit for bit (so -0 differs from 0), treating any
// two NaNs as equal.
var exact = cmp.Comparer(sameFloat)

func sameFloat(a, b float64) bool {
	if math.IsNaN(a) && math.IsNaN(b) {
		return true
	}
	return math.Float64bits(a) == math.Float64bits(b)
}

// checkTensor compares got with want's shape and values exactly.
func checkTensor(t *testing.T, got *tensor.Tensor, want arrayFixture) {
	t.Helper()
	if got == nil {
		t.Fatal("nil tensor")
	}
	if diff := cmp.Diff(want.Shape, got.Shape(), cmp.Comparer(func(a, b []int) bool { return slices.Equal(a, b) })); diff != "" {
		t.Errorf("shape (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want.values(t), got.Data(), exact); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
}

func checkSame(t *testing.T, got, want *tensor.Tensor) {
	t.Helper()
	if !tensor.EqualShapes(got.Shape(), want.Shape()) {
		t.Fatalf("shape %v, want %v", got.Shape(), want.Shape())
	}
	// cmp.Diff is slow on long slices; only call it to report a mismatch.
	if !slices.EqualFunc(want.Data(), got.Data(), sameFloat) {
		t.Errorf("values (-want +got):\n%s", cmp.Diff(want.Data(), got.Data(), exact))
	}
}

// hideLen hides a reader's Len method, so that Read cannot know how many
// bytes are left and must grow its buffer as it reads.
type hideLen struct{ r io.Reader }

func (h hideLen) Read(p []byte) (int, error) { return h.r.Read(p) }

// oneByte returns at most one byte per Read.
type oneByte struct{ r io.Reader }

func (o oneByte) Read(p []byte) (int, error) {
	if len(p) > 1 {
		p = p[:1]
	}
	return o.r.Read(p)
}

func TestReadNumPyFixtures(t *testing.T) {
	fx := loadFixtures(t)
	readers := []struct {
		name string
		read func(path string) (*tensor.Tensor, error)
	}{
		{"ReadFile", npy.ReadFile},
		{"Read/bytes.Reader", func(path string) (*tensor.Tensor, error) {
			raw, err := os.ReadFile(path)
			if err != nil {
				return nil, err
			}
			return npy.Read(bytes.NewReader(raw))
		}},
		{"Read/unknown length", func(path string) (*tensor.Tensor, error) {
			raw, err := os.ReadFile(path)
			if err != nil {
				return nil, err
			}
			return npy.Read(hideLen{bytes.NewReader(raw)})
		}},
		{"Read/one byte at a time", func(path string) (*tensor.Tensor, error) {
			raw, err := os.ReadFile(path)
			if err != nil {
				return nil, err
			}
			return npy.Read(oneByte{bytes.NewReader(raw)})
		}},
	}
	versions := map[int]bool{}
	for name, want := range fx.NPY {
		versions[want.Version[0]] = true
		for _, rd := range readers {
			t.Run(name+"/"+rd.name, func(t *testing.T) {
				got, err := rd.read(filepath.Join("testdata", name))
				if err != nil {
					t.Fatal(err)
				}
				checkTensor(t, got, want)
			})
		}
	}
	for _, v := range []int{1, 2, 3} {
		if !versions[v] {
			t.Errorf("no fixture of format version %d.0", v)
		}
	}
}

func TestReadNPZNumPyFixtures(t *testing.T) {
	fx := loadFixtures(t)
	for name, want := range fx.NPZ {
		t.Run(name, func(t *testing.T) {
			got, err := npy.ReadNPZFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Errorf("%d arrays, want %d", len(got), len(want))
			}
			for key, w := range want {
				t.Run(key, func(t *testing.T) { checkTensor(t, got[key], w) })
			}
		})
	}
}

// np.save writes C-order '<f8' arrays with a version 1.0 header; Write must
// produce exactly the bytes NumPy wrote.
func TestWriteMatchesNumPy(t *testing.T) {
	fx := loadFixtures(t)
	n := 0
	for name, a := range fx.NPY {
		if a.Descr != "<f8" || a.Version[0] != 1 {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := npy.Write(&buf, a.tensor(t)); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("Write wrote\n%q\nnp.save wrote\n%q", buf.Bytes(), want)
			}
		})
	}
	if n < 5 {
		t.Errorf("only %d np.save float64 fixtures", n)
	}
}

// goldenTensor is what testdata/go_written.npy holds. That file was written
// by Write and checked by hand with NumPy 1.24.2 (np.load gives
// [[0.5, -0.], [inf, nan]], and np.save writes the same bytes);
// gen_fixtures.py repeats that check.
func goldenTensor() *tensor.Tensor {
	return tensor.New([]float64{0.5, math.Copysign(0, -1), math.Inf(1), npNaN}, 2, 2)
}

// npNaN is np.nan, whose bits differ from those of Go's math.NaN().
var npNaN = math.Float64frombits(0x7ff8_0000_0000_0000)

func TestWriteGolden(t *testing.T) {
	want, err := os.ReadFile("testdata/go_written.npy")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "w.npy")
	if err := npy.WriteFile(path, goldenTensor()); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("WriteFile wrote\n%q\nwant\n%q", got, want)
	}
	back, err := npy.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	checkSame(t, back, goldenTensor())
}

func TestRoundTrip(t *testing.T) {
	many := make([]float64, 5*(chunkElems/2+3)) // more than two read and write chunks
	for i := range many {
		many[i] = float64(i)/7 - 3
	}
	ones := make([]int, 25000) // a header too long for version 1.0
	for i := range ones {
		ones[i] = 1
	}
	tests := []struct {
		name    string
		t       *tensor.Tensor
		version byte
	}{
		{"scalar", tensor.Scalar(-1.25), 1},
		{"empty", tensor.Zeros(0), 1},
		{"empty 2x0x3", tensor.Zeros(2, 0, 3), 1},
		{"vector", tensor.Vector(1, 2, 3), 1},
		{"special", goldenTensor(), 1},
		{"large", tensor.New(many, 5, len(many)/5), 1},
		{"4-D", tensor.New(many[:24], 2, 1, 3, 4), 1},
		{"25000 axes", tensor.New([]float64{42}, ones...), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := npy.Write(&buf, tt.t); err != nil {
				t.Fatal(err)
			}
			raw := buf.Bytes()
			if raw[6] != tt.version {
				t.Errorf("format version %d.%d, want %d.0", raw[6], raw[7], tt.version)
			}
			dataStart := len(raw) - 8*tt.t.Len()
			if dataStart%64 != 0 {
				t.Errorf("data starts at byte %d, not a multiple of 64", dataStart)
			}
			for _, r := range []io.Reader{bytes.NewReader(raw), hideLen{bytes.NewReader(raw)}} {
				got, err := npy.Read(r)
				if err != nil {
					t.Fatal(err)
				}
				checkSame(t, got, tt.t)
			}
		})
	}
}

// chunkElems is the number of float64s that Read and Write handle at once
// (64 KiB); the round trip test uses arrays that span several chunks.
const chunkElems = 1 << 13

func TestReadConsumesOneArray(t *testing.T) {
	a, b := tensor.Vector(1, 2, 3), tensor.Scalar(4)
	var buf bytes.Buffer
	for _, x := range []*tensor.Tensor{a, b} {
		if err := npy.Write(&buf, x); err != nil {
			t.Fatal(err)
		}
	}
	r := hideLen{&buf}
	for _, want := range []*tensor.Tensor{a, b} {
		got, err := npy.Read(r)
		if err != nil {
			t.Fatal(err)
		}
		checkSame(t, got, want)
	}
	if _, err := npy.Read(r); err == nil || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("Read at end of stream: %v, want an error wrapping io.ErrUnexpectedEOF", err)
	}
}

// npyBytes builds a .npy file by hand: format version major.0, the header
// text (padded and terminated as NumPy does) and the data.
func npyBytes(major byte, header string, data []byte) []byte {
	b := []byte("\x93NUMPY")
	b = append(b, major, 0)
	hl := len(header) + 1
	if major == 1 {
		b = binary.LittleEndian.AppendUint16(b, uint16(hl))
	} else {
		b = binary.LittleEndian.AppendUint32(b, uint32(hl))
	}
	b = append(b, header...)
	b = append(b, '\n')
	return append(b, data...)
}

func hdr(descr, fortran, shape string) string {
	return "{'descr': " + descr + ", 'fortran_order': " + fortran + ", 'shape': " + shape + ", }"
}

func f8(vals ...float64) []byte {
	var b []byte
	for _, v := range vals {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	return b
}

func TestReadMalformed(t *testing.T) {
	good := hdr("'<f8'", "False", "(2,)")
	valid := npyBytes(1, good, f8(1, 2))
	tests := []struct {
		name string
		in   []byte
		want string // in the error message
		eof  bool   // the error wraps io.ErrUnexpectedEOF
	}{
		{"empty", nil, "empty input", true},
		{"short magic", []byte("\x93NU"), "truncated preamble", true},
		{"wrong short magic", []byte("PK\x03"), "bad magic", false},
		{"bad magic", append([]byte("\x93NUMPX"), valid[6:]...), "bad magic", false},
		{"zip instead of npy", append([]byte("PK\x03\x04\x14\x00"), valid[6:]...), "bad magic", false},
		{"version 0.0", append([]byte("\x93NUMPY\x00\x00"), valid[8:]...), "unsupported format version 0.0", false},
		{"version 1.1", append([]byte("\x93NUMPY\x01\x01"), valid[8:]...), "unsupported format version 1.1", false},
		{"version 4.0", append([]byte("\x93NUMPY\x04\x00"), valid[8:]...), "unsupported format version 4.0", false},
		{"no header length", valid[:8], "truncated header length", true},
		{"half a header length", valid[:9], "truncated header length", true},
		{"truncated header", valid[:30], "truncated header", true},
		{"huge header length", []byte("\x93NUMPY\x02\x00\xff\xff\xff\xff{}"), "exceeds the limit", false},
		{"header length lies", []byte("\x93NUMPY\x02\x00\x00\x00\x01\x00{'descr'"), "truncated header", true},
		{"no data", npyBytes(1, good, nil), "data truncated", true},
		{"truncated data", valid[:len(valid)-3], "data truncated", true},
		{"int64", npyBytes(1, hdr("'<i8'", "False", "(2,)"), f8(1, 2)), `unsupported dtype "<i8"`, false},
		{"uint8", npyBytes(1, hdr("'|u1'", "False", "(2,)"), []byte{1, 2}), `unsupported dtype "|u1"`, false},
		{"float16", npyBytes(1, hdr("'<f2'", "False", "(2,)"), []byte{1, 2, 3, 4}), `unsupported dtype "<f2"`, false},
		{"complex", npyBytes(1, hdr("'<c16'", "False", "(1,)"), f8(1, 2)), `unsupported dtype "<c16"`, false},
		{"object", npyBytes(1, hdr("'|O'", "False", "(2,)"), []byte("\x80\x02N.")), `unsupported dtype "|O"`, false},
		{"native f8", npyBytes(1, hdr("'=f8'", "False", "(2,)"), f8(1, 2)), `unsupported dtype "=f8"`, false},
		{"structured", npyBytes(1, hdr("[('a', '<f8'), ('b', '<f8')]", "False", "(1,)"), f8(1, 2)), "structured dtype", false},
		{"descr not a string", npyBytes(1, hdr("8", "False", "(2,)"), f8(1, 2)), "descr is 8, not a dtype string", false},
		{"fortran order", npyBytes(1, hdr("'<f8'", "True", "(2, 1)"), f8(1, 2)), "fortran_order True", false},
		{"fortran_order not bool", npyBytes(1, hdr("'<f8'", "1", "(2,)"), f8(1, 2)), "fortran_order is 1, not a bool", false},
		{"negative axis", npyBytes(1, hdr("'<f8'", "False", "(-1,)"), f8(1, 2)), "axis 0 is negative", false},
		{"negative second axis", npyBytes(1, hdr("'<f8'", "False", "(2, -2)"), f8(1, 2)), "axis 1 is negative", false},
		{"axis overflows int64", npyBytes(1, hdr("'<f8'", "False", "(99999999999999999999,)"), nil), "axis 0 is too large", false},
		{"shape overflows", npyBytes(1, hdr("'<f8'", "False", "(4294967296, 4294967296)"), nil), "too many elements", false},
		{"shape overflows bytes", npyBytes(1, hdr("'<f8'", "False", "(1152921504606846976, 8)"), nil), "too many elements", false},
		{"shape is a list", npyBytes(1, hdr("'<f8'", "False", "[2]"), f8(1, 2)), "not a tuple", false},
		{"shape is an int", npyBytes(1, hdr("'<f8'", "False", "2"), f8(1, 2)), "not a tuple", false},
		{"float in shape", npyBytes(1, hdr("'<f8'", "False", "(2.0,)"), f8(1, 2)), "only integer numbers", false},
		{"string in shape", npyBytes(1, hdr("'<f8'", "False", "('2',)"), f8(1, 2)), "axis 0 is a str", false},
		{"huge shape, little data", npyBytes(1, hdr("'<f8'", "False", "(1000000000000,)"), f8(1, 2)), "array too large: shape (1000000000000,) of <f8 needs 7 TiB as float64, more than the limit of 512 MiB per array", false},
		{"large shape, little data", npyBytes(1, hdr("'<f8'", "False", "(1000000,)"), f8(1, 2)), "data truncated: shape (1000000,) of <f8 needs 8000000 bytes, only 16 present", true},
		{"shape (0, 2**62, 2**62)", npyBytes(1, hdr("'<f8'", "False", "(0, 4611686018427387904, 4611686018427387904)"), nil), "shape (0, 4611686018427387904, 4611686018427387904) has too many elements", false},
		{"shape (2**62, 2**62, 0)", npyBytes(1, hdr("'<f8'", "False", "(4611686018427387904, 4611686018427387904, 0)"), nil), "too many elements", false},
		{"missing key", npyBytes(1, "{'descr': '<f8', 'shape': (2,)}", f8(1, 2)), "header keys", false},
		{"extra key", npyBytes(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'x': 1}", f8(1, 2)), "header keys", false},
		{"misspelt key", npyBytes(1, "{'desc': '<f8', 'fortran_order': False, 'shape': (2,)}", f8(1, 2)), "header keys", false},
		{"not a dict", npyBytes(1, "('<f8', False, (2,))", f8(1, 2)), "header is a tuple, not a dict", false},
		{"empty header", npyBytes(1, "", f8(1, 2)), "unexpected end of header", false},
		{"unclosed dict", npyBytes(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,)", f8(1, 2)), "bad header", false},
		{"unterminated string", npyBytes(1, "{'descr: '<f8'}", f8(1, 2)), "bad header", false},
		{"garbage after dict", npyBytes(1, good+" x", f8(1, 2)), "after the header dict", false},
		{"missing colon", npyBytes(1, "{'descr' '<f8'}", f8(1, 2)), "want ':'", false},
		{"non-string key", npyBytes(1, "{1: '<f8'}", f8(1, 2)), "dict key is an int", false},
		{"call", npyBytes(1, "{'descr': dtype('<f8'), 'fortran_order': False, 'shape': (2,)}", f8(1, 2)), "bad header", false},
		{"deep nesting", npyBytes(1, strings.Repeat("(", 100000), nil), "nested more than", false},
		{"version 3 not UTF-8", npyBytes(3, "{'descr': '\xff<f8'}", f8(1, 2)), "not valid UTF-8", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, r := range []io.Reader{bytes.NewReader(tt.in), hideLen{bytes.NewReader(tt.in)}} {
				got, err := npy.Read(r)
				if err == nil {
					t.Fatalf("Read returned %v and no error", got)
				}
				t.Log(err)
				if !strings.HasPrefix(err.Error(), "npy: ") || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("error %q, want it to start with \"npy: \" and contain %q", err, tt.want)
				}
				if errors.Is(err, io.ErrUnexpectedEOF) != tt.eof {
					t.Errorf("errors.Is(%q, io.ErrUnexpectedEOF) = %v, want %v", err, !tt.eof, tt.eof)
				}
			}
		})
	}
}

// Headers that NumPy's reader (ast.literal_eval) accepts though np.save
// does not write them so.
func TestReadHeaderVariants(t *testing.T) {
	tests := []struct {
		name, header string
		shape        []int
	}{
		{"Python 2 long", "{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 1L), }", []int{2, 1}},
		{"double quotes", `{"descr": "<f8", "fortran_order": False, "shape": (2,)}`, []int{2}},
		{"other key order", "{'shape': (1, 2), 'fortran_order': False, 'descr': '<f8'}", []int{1, 2}},
		{"no trailing comma", "{'descr':'<f8','fortran_order':False,'shape':(2,)}", []int{2}},
		{"whitespace", "  {\t'descr' : '<f8' ,\n 'fortran_order' : False , 'shape' : ( 2 , ) ,\n}  ", []int{2}},
		{"parenthesised", "{'descr': ('<f8'), 'fortran_order': (False), 'shape': ((2,))}", []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := npy.Read(bytes.NewReader(npyBytes(1, tt.header, f8(1.5, -2))))
			if err != nil {
				t.Fatal(err)
			}
			checkSame(t, got, tensor.New([]float64{1.5, -2}, tt.shape...))
		})
	}
}

func TestReadFileErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	valid := npyBytes(1, hdr("'<f8'", "False", "(2,)"), f8(1, 2))
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"trailing.npy", append(valid[:len(valid):len(valid)], 0), "1 unexpected bytes after the array data"},
		{"truncated.npy", valid[:len(valid)-1], "data truncated"},
		{"int.npy", npyBytes(1, hdr("'<i4'", "False", "(2,)"), f8(1)), "unsupported dtype"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			if err := os.WriteFile(path, tt.in, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := npy.ReadFile(path)
			if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadFile: %v, want an error naming %s and containing %q", err, path, tt.want)
			}
		})
	}
	if _, err := npy.ReadFile(filepath.Join(dir, "missing.npy")); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadFile of a missing file: %v, want os.ErrNotExist", err)
	}
}

func TestWriteErrors(t *testing.T) {
	if err := npy.Write(io.Discard, nil); err == nil {
		t.Error("Write(nil tensor) returned no error")
	}
	if err := npy.Write(failWriter{}, tensor.Vector(1)); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Write to a failing writer: %v", err)
	}
	dir := filepath.Join(t.TempDir(), "no", "such", "dir")
	if err := npy.WriteFile(filepath.Join(dir, "a.npy"), tensor.Vector(1)); err == nil {
		t.Error("WriteFile into a missing directory returned no error")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// A header that claims far more data than the input holds must not make
// Read allocate for the claim: it may only allocate in step with the bytes
// it actually reads.
func TestLyingLengthsAllocateLittle(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
	}{
		{"shape 2**40", npyBytes(1, hdr("'<f8'", "False", "(1099511627776,)"), f8(1, 2, 3))},
		{"shape 2**37 x 8 float32", npyBytes(1, hdr("'<f4'", "False", "(137438953472, 8)"), f8(1, 2, 3))},
		{"header length 2**20", []byte("\x93NUMPY\x02\x00\x00\x00\x10\x00{'descr'")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := npy.Read(hideLen{bytes.NewReader(tt.in)})
			runtime.ReadMemStats(&after)
			if err == nil {
				t.Fatal("no error")
			}
			if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
				t.Errorf("Read allocated %d bytes for a %d-byte input", n, len(tt.in))
			}
		})
	}
}

// With DLFS_NPY_EXPORT set to a directory, TestExportForNumPy writes files
// there for testdata/check_go_written.py to load with NumPy:
//
//	DLFS_NPY_EXPORT=/tmp/npyout go test -run TestExportForNumPy ./data/npy/
//	/usr/bin/python3 data/npy/testdata/check_go_written.py /tmp/npyout
func TestExportForNumPy(t *testing.T) {
	dir := os.Getenv("DLFS_NPY_EXPORT")
	if dir == "" {
		t.Skip("DLFS_NPY_EXPORT not set")
	}
	arange := func(n int, div float64) []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = float64(i) / div
		}
		return v
	}
	files := map[string]*tensor.Tensor{
		"go_written.npy": goldenTensor(),
		"go_2x1x3x4.npy": tensor.New(arange(24, 7), 2, 1, 3, 4),
		"go_scalar.npy":  tensor.Scalar(3.25),
		"go_empty.npy":   tensor.Zeros(0),
		"go_2x0x3.npy":   tensor.Zeros(2, 0, 3),
	}
	for name, x := range files {
		path := filepath.Join(dir, name)
		if err := npy.WriteFile(path, x); err != nil {
			t.Fatal(err)
		}
		back, err := npy.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		checkSame(t, back, x)
	}
	arrays := map[string]*tensor.Tensor{
		"W1": tensor.New(arange(6, 7), 2, 3),
		"b1": tensor.Vector(0.5, -1.5, 2.25),
		"c":  tensor.Scalar(42),
	}
	for name, compress := range map[string]bool{"go_stored.npz": false, "go_deflated.npz": true} {
		path := filepath.Join(dir, name)
		if err := npy.WriteNPZFile(path, arrays, compress); err != nil {
			t.Fatal(err)
		}
		back, err := npy.ReadNPZFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for k, x := range arrays {
			checkSame(t, back[k], x)
		}
	}
}

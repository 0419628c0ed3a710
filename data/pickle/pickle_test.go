package pickle

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/internal/testenv"
	"github.com/google/go-cmp/cmp"
)

// fixture is one file of testdata/expected.json, written by
// testdata/gen_fixtures.py from what Python's pickle.load returns.
type fixture struct {
	Protocol int      `json:"protocol"`
	Opcodes  []string `json:"opcodes"`
	Arrays   map[string]struct {
		DType   string   `json:"dtype"`
		Fortran bool     `json:"fortran"`
		Shape   []int    `json:"shape"`
		Values  []string `json:"values"` // float.hex(), C order
	} `json:"arrays"`
}

func loadFixtures(t *testing.T) map[string]fixture {
	t.Helper()
	raw, err := os.ReadFile("testdata/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var fx struct {
		Files map[string]fixture `json:"files"`
	}
	if err := json.Unmarshal(raw, &fx); err != nil {
		t.Fatal(err)
	}
	if len(fx.Files) == 0 {
		t.Fatal("testdata/expected.json holds no fixtures")
	}
	return fx.Files
}

func parseHex(t *testing.T, hex []string) []float64 {
	t.Helper()
	out := make([]float64, len(hex))
	for i, s := range hex {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = v
	}
	return out
}

// exact compares floats bit for bit.
var exact = cmp.Comparer(func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) })

func TestReadFixtures(t *testing.T) {
	for name, fx := range loadFixtures(t) {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", name)
			got, err := ReadWeightsFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(slices.Sorted(maps.Keys(fx.Arrays)), slices.Sorted(maps.Keys(got))); diff != "" {
				t.Errorf("keys (-want +got):\n%s", diff)
			}
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			arrays, err := decodeArrays(raw)
			if err != nil {
				t.Fatal(err)
			}
			for key, want := range fx.Arrays {
				g := got[key]
				if g == nil {
					continue
				}
				if !slices.Equal(g.Shape(), want.Shape) {
					t.Errorf("%s: shape %v, want %v", key, g.Shape(), want.Shape)
				}
				if diff := cmp.Diff(parseHex(t, want.Values), g.Data(), exact); diff != "" {
					t.Errorf("%s: values (-want +got):\n%s", key, diff)
				}
				a := arrays[key]
				if dt := dtypeStr(a.dtype); dt != want.DType {
					t.Errorf("%s: dtype %s, want %s", key, dt, want.DType)
				}
				if a.fortran != want.Fortran {
					t.Errorf("%s: Fortran order %v, want %v", key, a.fortran, want.Fortran)
				}
			}
		})
	}
}

// dtypeStr writes a dtype as NumPy's dtype.str does: '<f8'.
func dtypeStr(d *dtype) string {
	order := "<"
	if d.order == binary.BigEndian {
		order = ">"
	}
	return order + d.name
}

// The fixtures exercise what they were made for.
func TestFixturesCoverOpcodes(t *testing.T) {
	fxs := loadFixtures(t)
	tests := []struct {
		file     string
		protocol int
		opcodes  []string
	}{
		{"params_p2.pkl", 2, []string{"GLOBAL", "BINPUT", "BINGET", "EMPTY_TUPLE", "SETITEMS"}},
		{"params_p3.pkl", 3, []string{"GLOBAL", "SHORT_BINBYTES", "BINPUT"}},
		{"params_p4.pkl", 4, []string{"FRAME", "STACK_GLOBAL", "MEMOIZE", "SHORT_BINUNICODE"}},
		{"single_p3.pkl", 3, []string{"SETITEM"}},
		{"memo_p2.pkl", 2, []string{"LONG_BINPUT", "LONG_BINGET"}},
		{"params_p5.pkl", 5, []string{"BYTEARRAY8", "STACK_GLOBAL"}},
	}
	for _, tt := range tests {
		fx, ok := fxs[tt.file]
		if !ok {
			t.Errorf("no fixture %s", tt.file)
			continue
		}
		if fx.Protocol != tt.protocol {
			t.Errorf("%s: protocol %d, want %d", tt.file, fx.Protocol, tt.protocol)
		}
		for _, op := range tt.opcodes {
			if !slices.Contains(fx.Opcodes, op) {
				t.Errorf("%s does not use %s", tt.file, op)
			}
		}
	}
	// The protocol 2 fixture stores its bytes through _codecs.encode.
	raw, err := os.ReadFile("testdata/params_p2.pkl")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte("c_codecs\nencode\n")) {
		t.Error("params_p2.pkl does not use _codecs.encode")
	}
}

// bookWeightsDir is where the book's weight files are ($DLFS_BOOK_WEIGHTS,
// or ../shared/book-weights beside the repository; see testenv). The test
// skips, or fails under DLFS_REQUIRE_DATA, unless every file is there.
func bookWeightsDir(t *testing.T, files ...string) string {
	t.Helper()
	var path string
	for _, f := range files {
		path = testenv.BookWeights(t, f)
	}
	return filepath.Dir(path)
}

// bookArray is what NumPy 1.24.2 reports for one array of a book file:
// pickle.load(f)[key].dtype, .shape, whether it is Fortran-ordered, and
// a.ravel()[0], a.ravel()[1] and a.ravel()[-1] (C order, widened to
// float64 for float32 arrays).
type bookArray struct {
	key                 string
	dtype               string
	shape               []int
	fortran             bool
	first, second, last float64
}

func TestBookWeights(t *testing.T) {
	dir := bookWeightsDir(t, "ch03_sample_weight.pkl", "ch07_params.pkl", "ch08_deep_convnet_params.pkl")
	tests := []struct {
		file     string
		protocol byte
		arrays   []bookArray
	}{
		{"ch03_sample_weight.pkl", 3, []bookArray{
			{key: "b2", dtype: "<f4", shape: []int{100}, first: -0.014711079187691212, second: -0.0721513107419014, last: -0.04358607530593872},
			{key: "W1", dtype: "<f4", shape: []int{784, 50}, fortran: true, first: -0.007412489037960768, second: -0.007904390804469585, last: -0.040211476385593414},
			{key: "b1", dtype: "<f4", shape: []int{50}, first: -0.06750315427780151, second: 0.06959260255098343, last: 0.10716812312602997},
			{key: "W2", dtype: "<f4", shape: []int{50, 100}, fortran: true, first: -0.1069403886795044, second: 0.01591246761381626, last: 0.009080098010599613},
			{key: "W3", dtype: "<f4", shape: []int{100, 10}, fortran: true, first: -0.4217357635498047, second: 0.6894454956054688, last: 0.03177173063158989},
			{key: "b3", dtype: "<f4", shape: []int{10}, first: -0.060239847749471664, second: 0.009326279163360596, last: 0.053233496844768524},
		}},
		{"ch07_params.pkl", 4, []bookArray{
			{key: "W1", dtype: "<f8", shape: []int{30, 1, 5, 5}, first: 0.029043125307097867, second: 0.04382340274650647, last: 0.07069916923024308},
			{key: "b1", dtype: "<f8", shape: []int{30}, first: -0.00436782044949035, second: -0.002406257738795218, last: -0.001900417362071554},
			{key: "W2", dtype: "<f8", shape: []int{4320, 100}, first: -0.0037957684322847012, second: -0.03216745297791763, last: 0.0420776218305481},
			{key: "b2", dtype: "<f8", shape: []int{100}, first: -0.009000240429435938, second: 0.01609657081476974, last: 0.035968773451534916},
			{key: "W3", dtype: "<f8", shape: []int{100, 10}, first: 0.029296026645952405, second: -0.08131168891450186, last: 0.03931343759527688},
			{key: "b3", dtype: "<f8", shape: []int{10}, first: -0.019599940732667402, second: 0.04901102293111772, last: 0.004335298040831813},
		}},
		{"ch08_deep_convnet_params.pkl", 4, []bookArray{
			{key: "W1", dtype: "<f8", shape: []int{16, 1, 3, 3}, first: -0.8277412376260538, second: 0.7702184045245654, last: -0.04648231207688203},
			{key: "b1", dtype: "<f8", shape: []int{16}, first: 0.01927885645263165, second: -0.009544165827894089, last: 0.04308728431561233},
			{key: "W2", dtype: "<f8", shape: []int{16, 16, 3, 3}, first: 0.01429705068808758, second: -0.007760787820142087, last: 0.03636138942661886},
			{key: "b2", dtype: "<f8", shape: []int{16}, first: -0.015590673985304304, second: -0.010626027537912001, last: 0.0023215013567952285},
			{key: "W3", dtype: "<f8", shape: []int{32, 16, 3, 3}, first: 0.18133971004672925, second: -0.16900617591169964, last: 0.22331309699936222},
			{key: "b3", dtype: "<f8", shape: []int{32}, first: 0.018086322646100123, second: 0.004477557579439766, last: 0.001707419378822525},
			{key: "W4", dtype: "<f8", shape: []int{32, 32, 3, 3}, first: 0.07230080414635572, second: 0.0666944413346651, last: -0.08927766626934876},
			{key: "b4", dtype: "<f8", shape: []int{32}, first: -0.00893285367027812, second: -0.004419720423010861, last: -0.009746032735347071},
			{key: "W5", dtype: "<f8", shape: []int{64, 32, 3, 3}, first: -0.09524583579366395, second: -0.005678994994134486, last: 0.05785602276373288},
			{key: "b5", dtype: "<f8", shape: []int{64}, first: -0.009059867440718183, second: 0.0387600736242472, last: 0.011118196979142968},
			{key: "W6", dtype: "<f8", shape: []int{64, 64, 3, 3}, first: 0.054493120588714264, second: -0.07497758638886005, last: -0.15820929095959024},
			{key: "b6", dtype: "<f8", shape: []int{64}, first: -0.006373986727768255, second: -0.0043350003743014, last: 0.0025192675313988515},
			{key: "W7", dtype: "<f8", shape: []int{1024, 50}, first: 0.032971401187949965, second: 0.011980184775460931, last: -3.973970700943336e-05},
			{key: "b7", dtype: "<f8", shape: []int{50}, first: -0.0030401295453345713, second: -0.005498974480720057, last: 0.004759218459989368},
			{key: "W8", dtype: "<f8", shape: []int{50, 10}, first: 0.0025516390121961916, second: 0.42785555620016347, last: 0.20625942505385914},
			{key: "b8", dtype: "<f8", shape: []int{10}, first: -0.0792862361671907, second: -0.09955295304236493, last: -0.07505079879166171},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(raw) < 2 || raw[0] != opProto || raw[1] != tt.protocol {
				t.Errorf("file does not start with PROTO %d", tt.protocol)
			}
			got, err := ReadWeightsFile(path)
			if err != nil {
				t.Fatal(err)
			}
			arrays, err := decodeArrays(raw)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.arrays) {
				t.Errorf("%d arrays, want %d", len(got), len(tt.arrays))
			}
			for _, want := range tt.arrays {
				g, ok := got[want.key]
				if !ok {
					t.Errorf("key %q missing", want.key)
					continue
				}
				if !slices.Equal(g.Shape(), want.shape) {
					t.Errorf("%s: shape %v, want %v", want.key, g.Shape(), want.shape)
				}
				d := g.Data()
				if vals := []float64{d[0], d[1], d[len(d)-1]}; !slices.Equal(vals, []float64{want.first, want.second, want.last}) {
					t.Errorf("%s: first, second and last values %v, want %v", want.key, vals, []float64{want.first, want.second, want.last})
				}
				if dt := dtypeStr(arrays[want.key].dtype); dt != want.dtype {
					t.Errorf("%s: dtype %s, want %s", want.key, dt, want.dtype)
				}
				if f := arrays[want.key].fortran; f != want.fortran {
					t.Errorf("%s: Fortran order %v, want %v", want.key, f, want.fortran)
				}
			}
		})
	}
}

func TestFortranToC(t *testing.T) {
	// np.arange(24.).reshape(2, 3, 4) stored in Fortran order is
	// a.ravel(order='F').
	tests := []struct {
		shape   []int
		fortran []float64
	}{
		{[]int{2, 3, 4}, []float64{0, 12, 4, 16, 8, 20, 1, 13, 5, 17, 9, 21, 2, 14, 6, 18, 10, 22, 3, 15, 7, 19, 11, 23}},
		{[]int{2, 3}, []float64{0, 3, 1, 4, 2, 5}},
		{[]int{3, 1}, []float64{0, 1, 2}},
		{[]int{4}, []float64{0, 1, 2, 3}},
		{[]int{2, 0}, []float64{}},
	}
	for _, tt := range tests {
		got := fortranToC(slices.Clone(tt.fortran), tt.shape)
		for i, v := range got {
			if v != float64(i) {
				t.Errorf("shape %v: got %v, want 0, 1, 2, ...", tt.shape, got)
				break
			}
		}
	}
}

// pk assembles a pickle from opcodes and arguments.
type pk []byte

func (p pk) op(ops ...byte) pk { return append(p, ops...) }

// str is SHORT_BINUNICODE.
func (p pk) str(s string) pk { return append(append(p, opShortBinUnicode, byte(len(s))), s...) }

// bytes is SHORT_BINBYTES, or BINBYTES when long.
func (p pk) bytes(b []byte) pk {
	if len(b) < 256 {
		return append(append(p, opShortBinBytes, byte(len(b))), b...)
	}
	p = binary.LittleEndian.AppendUint32(append(p, opBinBytes), uint32(len(b)))
	return append(p, b...)
}

// int is BININT1 or BININT.
func (p pk) int(v int) pk {
	if 0 <= v && v < 256 {
		return append(p, opBinInt1, byte(v))
	}
	return binary.LittleEndian.AppendUint32(append(p, opBinInt), uint32(int32(v)))
}

func (p pk) global(module, name string) pk {
	return p.str(module).str(name).op(opStackGlobal)
}

// spec describes one array for array().
type spec struct {
	dtypeName, endian string
	shape             []int
	fortran           bool
	raw               []byte
}

func f8s(vals ...float64) []byte {
	var b []byte
	for _, v := range vals {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	return b
}

var okSpec = spec{"f8", "<", []int{2}, false, f8s(1.5, -2)}

// reconstruct pushes _reconstruct(ndarray, (0,), b'b').
func (p pk) reconstruct() pk {
	return p.global("numpy.core.multiarray", "_reconstruct").global("numpy", "ndarray").
		int(0).op(opTuple1).bytes([]byte("b")).op(opTuple3).op(opReduce)
}

// dtype pushes dtype(name, False, True) with its BUILD state.
func (p pk) dtype(name, endian string) pk {
	return p.global("numpy", "dtype").str(name).op(opNewFalse, opNewTrue, opTuple3, opReduce).
		op(opMark).int(3).str(endian).op(opNone, opNone, opNone).int(-1).int(-1).int(0).op(opTuple, opBuild)
}

// array pushes an array as protocol 4 pickles it.
func (p pk) array(s spec) pk {
	p = p.reconstruct().op(opMark).int(1).op(opMark)
	for _, d := range s.shape {
		p = p.int(d)
	}
	p = p.op(opTuple).dtype(s.dtypeName, s.endian)
	if s.fortran {
		p = p.op(opNewTrue)
	} else {
		p = p.op(opNewFalse)
	}
	return p.bytes(s.raw).op(opTuple, opBuild)
}

// weights is a whole pickle of {key: array(spec)}.
func weights(key string, s spec) []byte {
	return pk{opProto, 4, opEmptyDict}.str(key).array(s).op(opSetItem, opStop)
}

func TestHandMadePickles(t *testing.T) {
	// Python 2 wrote str where Python 3 writes bytes: SHORT_BINSTRING for
	// the type code, dtype name, byte order and key, BINSTRING for data.
	py2 := func(s string) pk { return append(pk{opShortBinString, byte(len(s))}, s...) }
	data := f8s(0.5, 0.25, -1, 8)
	p2 := pk{opProto, 2, opEmptyDict}.op(py2("W")...).
		op(opGlobal).op([]byte("numpy.core.multiarray\n_reconstruct\n")...).
		op(opGlobal).op([]byte("numpy\nndarray\n")...).
		int(0).op(opTuple1).op(py2("b")...).op(opTuple3, opReduce).
		op(opMark).int(1).int(2).int(2).op(opTuple2).
		op(opGlobal).op([]byte("numpy\ndtype\n")...).op(py2("f8")...).int(0).int(1).op(opTuple3, opReduce).
		op(opMark).int(3).op(py2("<")...).op(opNone, opNone, opNone).int(-1).int(-1).int(0).op(opTuple, opBuild).
		op(opNewFalse, opBinString).op(binary.LittleEndian.AppendUint32(nil, uint32(len(data)))...).op(data...).
		op(opTuple, opBuild, opSetItem, opStop)

	f4 := func(vals ...float32) []byte {
		var b []byte
		for _, v := range vals {
			b = binary.BigEndian.AppendUint32(b, math.Float32bits(v))
		}
		return b
	}
	tests := []struct {
		name  string
		in    []byte
		key   string
		shape []int
		want  []float64
	}{
		{"python 2 strings", p2, "W", []int{2, 2}, []float64{0.5, 0.25, -1, 8}},
		{"4-item state without version", pk{opProto, 4, opEmptyDict}.str("v").reconstruct().
			op(opMark).op(opMark).int(2).op(opTuple).dtype("f8", "<").op(opNewFalse).bytes(f8s(3, 4)).op(opTuple, opBuild, opSetItem, opStop),
			"v", []int{2}, []float64{3, 4}},
		{"big-endian float32 in Fortran order", weights("x", spec{"f4", ">", []int{2, 3}, true, f4(0, 3, 1, 4, 2, 5)}),
			"x", []int{2, 3}, []float64{0, 1, 2, 3, 4, 5}},
		{"0-d", weights("s", spec{"f8", "<", nil, false, f8s(-7)}), "s", []int{}, []float64{-7}},
		{"empty", weights("e", spec{"f8", "<", []int{0, 3}, false, nil}), "e", []int{0, 3}, []float64{}},
		{"trailing bytes after STOP", append(weights("k", okSpec), "garbage"...), "k", []int{2}, []float64{1.5, -2}},
		{"LONG1 dimension", pk{opProto, 4, opEmptyDict}.str("l").reconstruct().op(opMark).int(1).
			op(opLong1, 2, 3, 0, opTuple1).dtype("f8", "<").op(opNewFalse).bytes(f8s(1, 2, 3)).op(opTuple, opBuild, opSetItem, opStop),
			"l", []int{3}, []float64{1, 2, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ReadWeights(bytes.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			got := m[tt.key]
			if got == nil || len(m) != 1 {
				t.Fatalf("got %v, want one array %q", m, tt.key)
			}
			if !slices.Equal(got.Shape(), tt.shape) {
				t.Errorf("shape %v, want %v", got.Shape(), tt.shape)
			}
			if diff := cmp.Diff(tt.want, got.Data(), exact); diff != "" {
				t.Errorf("values (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMaliciousAndMalformed(t *testing.T) {
	proto := pk{opProto, 4}
	okArray := pk{}.array(okSpec)
	tests := []struct {
		name   string
		in     []byte
		op     string // the opcode the error names
		offset int    // and its offset; -1: don't check
		want   string // in the error message
	}{
		// Globals other than the four allowed ones are refused on sight.
		{"os.system", append(pk{opProto, 2}, "cos\nsystem\n(S'echo hi'\ntR."...), "GLOBAL", 2, `global "os.system" is not allowed`},
		{"posix.system", append(proto.op(opGlobal), "posix\nsystem\n"...), "GLOBAL", 2, `"posix.system"`},
		{"builtins.eval", proto.global("builtins", "eval").str("1+1").op(opTuple1, opReduce, opStop), "STACK_GLOBAL", 18, `"builtins.eval"`},
		{"builtins.getattr", proto.global("builtins", "getattr"), "STACK_GLOBAL", -1, `"builtins.getattr"`},
		{"subprocess.Popen", proto.global("subprocess", "Popen"), "STACK_GLOBAL", -1, "not allowed"},
		{"numpy.load", proto.global("numpy", "load"), "STACK_GLOBAL", -1, `"numpy.load"`},
		{"numpy scalar", proto.global("numpy.core.multiarray", "scalar"), "STACK_GLOBAL", -1, `"numpy.core.multiarray.scalar"`},
		{"numpy.frombuffer", proto.global("numpy", "frombuffer"), "STACK_GLOBAL", -1, "not allowed"},
		{"codecs.encode", proto.global("codecs", "encode"), "STACK_GLOBAL", -1, `"codecs.encode"`},
		{"name with a dot", proto.global("numpy.core", "multiarray._reconstruct"), "STACK_GLOBAL", -1, `global "multiarray._reconstruct" in module "numpy.core" is not allowed`},
		{"global with spaces", append(proto.op(opGlobal), "numpy \nndarray\n"...), "GLOBAL", 2, "not allowed"},
		{"global without newline", append(proto.op(opGlobal), "numpy\nndarray"...), "GLOBAL", 2, "no end of line"},
		{"STACK_GLOBAL of bytes", proto.bytes([]byte("os")).bytes([]byte("system")).op(opStackGlobal), "STACK_GLOBAL", -1, "want two str"},
		// REDUCE calls only the allowed callables, with the arguments NumPy writes.
		{"REDUCE on a str", proto.str("os.system").str("x").op(opTuple1, opReduce), "REDUCE", -1, "cannot call a str"},
		{"REDUCE on ndarray", proto.global("numpy", "ndarray").int(2).op(opTuple1, opReduce), "REDUCE", -1, "cannot call numpy.ndarray"},
		{"REDUCE with non-tuple args", proto.global("numpy", "dtype").str("f8").op(opReduce), "REDUCE", -1, "want a tuple"},
		{"_reconstruct of dtype", proto.global("numpy.core.multiarray", "_reconstruct").global("numpy", "dtype").int(0).op(opTuple1).bytes([]byte("b")).op(opTuple3, opReduce), "REDUCE", -1, "want (numpy.ndarray, shape, b'b')"},
		{"_reconstruct()", proto.global("numpy.core.multiarray", "_reconstruct").op(opEmptyTuple, opReduce), "REDUCE", -1, "want (numpy.ndarray, shape, b'b')"},
		{"dtype()", proto.global("numpy", "dtype").op(opEmptyTuple, opReduce), "REDUCE", -1, "want (name, align, copy)"},
		{"encode()", proto.global("_codecs", "encode").op(opEmptyTuple, opReduce), "REDUCE", -1, "want (str, 'latin1')"},
		{"_reconstruct type code", proto.global("numpy.core.multiarray", "_reconstruct").global("numpy", "ndarray").int(0).op(opTuple1).bytes([]byte("O")).op(opTuple3, opReduce), "REDUCE", -1, "want b'b'"},
		{"int64 dtype", proto.global("numpy", "dtype").str("i8").op(opNewFalse, opNewTrue, opTuple3, opReduce), "REDUCE", -1, `unsupported dtype "i8"`},
		{"object dtype", proto.global("numpy", "dtype").str("O8").op(opNewFalse, opNewTrue, opTuple3, opReduce), "REDUCE", -1, `unsupported dtype "O8"`},
		{"dtype with one arg", proto.global("numpy", "dtype").str("f8").op(opTuple1, opReduce), "REDUCE", -1, "want (name, align, copy)"},
		{"dtype with a str flag", proto.global("numpy", "dtype").str("f8").str("x").op(opNewTrue, opTuple3, opReduce), "REDUCE", -1, "flag is a str"},
		{"encode utf-8", proto.global("_codecs", "encode").str("abc").str("utf-8").op(opTuple2, opReduce), "REDUCE", -1, "want (str, 'latin1')"},
		{"encode non-Latin-1", proto.global("_codecs", "encode").str("\u20ac").str("latin1").op(opTuple2, opReduce), "REDUCE", -1, "not Latin-1"},
		// BUILD sets the state of dtypes and arrays only, once.
		{"BUILD on a dict", proto.op(opEmptyDict).op(opEmptyDict).op(opBuild), "BUILD", -1, "state of a dict is a dict"},
		{"BUILD on a str", proto.str("x").int(1).op(opTuple1, opBuild), "BUILD", -1, "cannot set the state of a str"},
		{"BUILD an array twice", proto.op(opEmptyDict).str("k").array(okSpec).op(opMark).int(1).int(2).op(opTuple1).dtype("f8", "<").op(opNewFalse).bytes(f8s(1, 2)).op(opTuple, opBuild), "BUILD", -1, "set twice"},
		{"BUILD a dtype twice", proto.dtype("f8", "<").op(opMark).int(3).str("<").op(opNone, opNone, opNone).int(-1).int(-1).int(0).op(opTuple, opBuild), "BUILD", -1, "set twice"},
		{"dtype byte order |", pk{opProto, 4, opEmptyDict}.str("k").array(spec{"f8", "|", []int{2}, false, f8s(1, 2)}), "BUILD", -1, `byte order is "|"`},
		{"dtype byte order int", proto.global("numpy", "dtype").str("f8").op(opNewFalse, opNewTrue, opTuple3, opReduce).op(opMark).int(3).int(60).op(opNone, opNone, opNone).int(-1).int(-1).int(0).op(opTuple, opBuild), "BUILD", -1, "byte order is 60"},
		{"structured dtype", proto.global("numpy", "dtype").str("f8").op(opNewFalse, opNewTrue, opTuple3, opReduce).op(opMark).int(3).str("<").op(opNone).str("a").op(opTuple1, opNone).int(-1).int(-1).int(0).op(opTuple, opBuild), "BUILD", -1, "field names"},
		{"dtype state too short", proto.global("numpy", "dtype").str("f8").op(opNewFalse, opNewTrue, opTuple3, opReduce).int(3).str("<").op(opTuple2, opBuild), "BUILD", -1, "2 items"},
		{"array data too short", proto.array(spec{"f8", "<", []int{3}, false, f8s(1, 2)}), "BUILD", -1, "data has 16 bytes, shape (3,) of f8 needs 24"},
		{"array data too long", proto.array(spec{"f4", "<", []int{1}, false, f8s(1)}), "BUILD", -1, "data has 8 bytes, shape (1,) of f4 needs 4"},
		{"negative shape", proto.array(spec{"f8", "<", []int{-2}, false, f8s(1, 2)}), "BUILD", -1, "axis 0 of size -2"},
		{"shape overflows", proto.array(spec{"f8", "<", []int{1 << 30, 1 << 30, 1 << 30, 1 << 30}, false, f8s(1, 2)}), "BUILD", -1, "shape (1073741824,1073741824,1073741824,1073741824) of f8 has too many elements"},
		{"negative axis after a 0", proto.array(spec{"f8", "<", []int{0, -1}, false, nil}), "BUILD", -1, "axis 1 of size -1"},
		{"bytes with an argument", append(proto.op(opGlobal), "__builtin__\nbytes\n"...).int(3).op(opTuple1, opReduce), "REDUCE", -1, "want ()"},
		{"array of None data", proto.reconstruct().op(opMark).int(1).int(1).op(opTuple1).dtype("f8", "<").op(opNewFalse, opNone, opTuple, opBuild), "BUILD", -1, "object arrays are not supported"},
		{"array state version 2", proto.reconstruct().op(opMark).int(2).int(1).op(opTuple1).dtype("f8", "<").op(opNewFalse).bytes(f8s(1)).op(opTuple, opBuild), "BUILD", -1, "version is 2, want 1"},
		{"array dtype not built", proto.reconstruct().op(opMark).int(1).int(1).op(opTuple1).global("numpy", "dtype").str("f8").op(opNewFalse, opNewTrue, opTuple3, opReduce).op(opNewFalse).bytes(f8s(1)).op(opTuple, opBuild), "BUILD", -1, "no BUILD"},
		{"array dtype is a str", proto.reconstruct().op(opMark).int(1).int(1).op(opTuple1).str("f8").op(opNewFalse).bytes(f8s(1)).op(opTuple, opBuild), "BUILD", -1, "dtype is a str"},
		// The result must be a dict of str to built arrays.
		{"top level is a tuple", proto.op(opEmptyTuple, opStop), "", -1, "the pickle holds a tuple of 0 items, want a dict of arrays"},
		{"top level is None", proto.op(opNone, opStop), "", -1, "holds None"},
		{"dict of ints", proto.op(opEmptyDict).str("k").int(1).op(opSetItem, opStop), "", -1, `key "k" is an int, want a numpy array`},
		{"array without BUILD", proto.op(opEmptyDict).str("k").reconstruct().op(opSetItem, opStop), "", -1, "no BUILD"},
		{"int key", proto.op(opEmptyDict).int(1).op(okArray...).op(opSetItem, opStop), "SETITEM", -1, "dict key is an int"},
		{"SETITEM on a tuple", proto.op(opEmptyTuple).str("k").int(1).op(opSetItem), "SETITEM", -1, "want a dict"},
		{"odd SETITEMS", proto.op(opEmptyDict, opMark).str("k").op(opSetItems), "SETITEMS", -1, "odd number"},
		// Opcodes a weights file does not need.
		{"unknown opcode", proto.op(0xff), "0xff", 2, "not a pickle opcode"},
		{"opcode 0x00", proto.op(0), "0x00", 2, "not a pickle opcode"},
		{"EMPTY_LIST", proto.op(opEmptyList), "EMPTY_LIST", 2, "not supported"},
		{"INST", append(proto.op(opInst), "os\nsystem\n"...), "INST", 2, "not supported"},
		{"OBJ", proto.op(opMark, opObj), "OBJ", 3, "not supported"},
		{"NEWOBJ", proto.op(opNewObj), "NEWOBJ", 2, "not supported"},
		{"PERSID", append(proto.op(opPersID), "x\n"...), "PERSID", 2, "not supported"},
		{"EXT1", proto.op(opExt1, 1), "EXT1", 2, "not supported"},
		{"text INT", append(proto, "I1\n."...), "INT", 2, "not supported"},
		{"text PUT", proto.op(opNone).op([]byte("p0\n")...), "PUT", 3, "not supported"},
		{"NEXT_BUFFER", pk{opProto, 5, opNextBuffer}, "NEXT_BUFFER", 2, "not supported"},
		{"READONLY_BUFFER", pk{opProto, 5, opByteArray8, 1, 0, 0, 0, 0, 0, 0, 0, 'x', opReadOnlyBuffer}, "READONLY_BUFFER", 12, "not supported"},
		{"_frombuffer order", proto.global("numpy.core.numeric", "_frombuffer").op(opMark).op(opByteArray8, 0, 0, 0, 0, 0, 0, 0, 0).op(opNone, opEmptyTuple).str("K").op(opTuple, opReduce), "REDUCE", -1, `order is "K", want 'C' or 'F'`},
		{"_frombuffer arguments", proto.global("numpy.core.numeric", "_frombuffer").op(opEmptyTuple, opReduce), "REDUCE", -1, "want (buffer, dtype, shape, order)"},
		{"protocol 6", pk{opProto, 6}, "PROTO", 0, "unsupported pickle protocol 6"},
		{"protocol 1", pk{opProto, 1}, "PROTO", 0, "unsupported pickle protocol 1"},
		// Memo.
		{"BINGET of nothing", proto.op(opBinGet, 5), "BINGET", 2, "memo index 5 was never stored"},
		{"LONG_BINGET of nothing", proto.op(opNone, opBinPut, 0, opLongBinGet, 1, 0, 0, 0), "LONG_BINGET", 5, "memo index 1 was never stored (memo holds 1 objects)"},
		{"BINPUT of nothing", proto.op(opBinPut, 0), "BINPUT", 2, "stack underflow"},
		{"MEMOIZE of nothing", proto.op(opMemoize), "MEMOIZE", 2, "stack underflow"},
		// Stack.
		{"STOP on empty stack", proto.op(opStop), "STOP", 2, "stack underflow"},
		{"TUPLE2 of one", proto.op(opNone, opTuple2), "TUPLE2", 3, "stack underflow"},
		{"TUPLE1 across a MARK", proto.op(opNone, opMark, opTuple1), "TUPLE1", 4, "stack underflow"},
		{"STOP across a MARK", proto.op(opNone, opMark, opStop), "STOP", 4, "stack underflow"},
		{"REDUCE on empty", proto.op(opReduce), "REDUCE", 2, "stack underflow"},
		{"BUILD on one", proto.op(opNone, opBuild), "BUILD", 3, "stack underflow"},
		{"SETITEM on empty", proto.op(opSetItem), "SETITEM", 2, "stack underflow"},
		{"SETITEMS on nothing", proto.op(opMark, opSetItems), "SETITEMS", 3, "stack underflow"},
		{"TUPLE without MARK", proto.op(opNone, opTuple), "TUPLE", 3, "no MARK"},
		{"SETITEMS without MARK", proto.op(opEmptyDict, opSetItems), "SETITEMS", 3, "no MARK"},
		// Lengths and truncation.
		{"empty", nil, "", -1, "empty input"},
		{"no STOP", proto.op(opNone), "", -1, "without STOP"},
		{"BINBYTES 4 GiB", proto.op(opBinBytes, 0xff, 0xff, 0xff, 0xff, 'x'), "BINBYTES", 2, "argument of 4294967295 bytes, only 1 left"},
		{"BINBYTES8 huge", proto.op(opBinBytes8, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), "BINBYTES8", 2, "argument of 18446744073709551615 bytes, only 0 left"},
		{"BINUNICODE8 huge", proto.op(opBinUnicode8, 0, 0, 0, 0, 0, 0, 0, 0x80, 'x'), "BINUNICODE8", 2, "only 1 left"},
		{"BINUNICODE truncated", proto.op(opBinUnicode, 5, 0, 0, 0, 'a', 'b'), "BINUNICODE", 2, "argument of 5 bytes, only 2 left"},
		{"BINUNICODE length truncated", proto.op(opBinUnicode, 5, 0), "BINUNICODE", 2, "argument of 4 bytes, only 2 left"},
		{"BINSTRING negative", proto.op(opBinString, 0xfe, 0xff, 0xff, 0xff), "BINSTRING", 2, "negative length -2"},
		{"FRAME huge", proto.op(opFrame, 0, 0, 0, 0, 0, 0, 0, 1, opNone, opStop), "FRAME", 2, "frame of 72057594037927936 bytes, only 2 left"},
		{"LONG1 too long", proto.op(opLong1, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9), "LONG1", 2, "integer of 9 bytes is too large"},
		{"BININT truncated", proto.op(opBinInt, 1), "BININT", 2, "only 1 left"},
		{"PROTO truncated", pk{opProto}, "PROTO", 0, "only 0 left"},
		{"BINUNICODE not UTF-8", proto.op(opShortBinUnicode, 2, 0xc3, 0x28), "SHORT_BINUNICODE", 2, "not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ReadWeights(bytes.NewReader(tt.in))
			if err == nil {
				t.Fatalf("ReadWeights returned %v and no error", m)
			}
			msg := err.Error()
			t.Log(msg)
			if !strings.HasPrefix(msg, "pickle: ") || !strings.Contains(msg, tt.want) {
				t.Errorf("error %q, want it to start with \"pickle: \" and contain %q", msg, tt.want)
			}
			if tt.op != "" {
				var oe *opError
				if !errors.As(err, &oe) {
					t.Fatalf("error %q does not name an opcode", msg)
				}
				if opName(oe.op) != tt.op || (tt.offset >= 0 && oe.offset != tt.offset) {
					t.Errorf("error names opcode %s at offset %d, want %s at %d", opName(oe.op), oe.offset, tt.op, tt.offset)
				}
				if !strings.Contains(msg, "opcode "+tt.op+" at offset ") {
					t.Errorf("error %q does not say \"opcode %s at offset\"", msg, tt.op)
				}
			}
		})
	}
}

// Every truncation of a valid pickle is an error, never a panic.
func TestTruncatedFixtures(t *testing.T) {
	for _, name := range []string{"params_p2.pkl", "params_p3.pkl", "params_p4.pkl", "params_p5.pkl", "single_p3.pkl"} {
		raw, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		for n := range len(raw) - 1 { // raw[len(raw)-1] is STOP
			// A cut inside an argument leaves it short; a cut anywhere
			// else leaves no STOP. Both are truncation errors.
			if _, err := ReadWeights(bytes.NewReader(raw[:n])); !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Errorf("%s cut to %d of %d bytes: %v, want an error wrapping io.ErrUnexpectedEOF", name, n, len(raw), err)
			}
		}
	}
}

func TestReadWeightsFileErrorsNameTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "evil.pkl")
	if err := os.WriteFile(path, []byte("\x80\x02cos\nsystem\n(S'echo hi'\ntR."), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadWeightsFile(path)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "os.system") {
		t.Errorf("ReadWeightsFile: %v, want an error naming %s and os.system", err, path)
	}
	if _, err := ReadWeightsFile(filepath.Join(t.TempDir(), "missing.pkl")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadWeightsFile of a missing file: %v, want os.ErrNotExist", err)
	}
}

// A lying length or shape cannot make ReadWeights allocate for the claim.
func TestLyingLengthsAllocateLittle(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
	}{
		{"BINBYTES8 2**60", pk{opProto, 4, opBinBytes8, 0, 0, 0, 0, 0, 0, 0, 0x10, 'x'}},
		{"shape 2**40 with 16 bytes", pk{opProto, 4}.array(spec{"f8", "<", []int{1 << 20, 1 << 20}, false, f8s(1, 2)})},
		{"shape 2**40 and 0", pk{opProto, 4}.array(spec{"f8", "<", []int{1 << 20, 1 << 20, 0}, false, f8s(1, 2)})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := ReadWeights(bytes.NewReader(tt.in))
			runtime.ReadMemStats(&after)
			if err == nil {
				t.Fatal("no error")
			}
			if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
				t.Errorf("ReadWeights allocated %d bytes for a %d-byte input", n, len(tt.in))
			}
		})
	}
}

// FuzzReadPickle checks that ReadWeights never panics on any input, and
// that whatever it returns is well formed.
func FuzzReadPickle(f *testing.F) {
	files, err := filepath.Glob("testdata/*.pkl")
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed pickles: %v", err)
	}
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Add([]byte("cos\nsystem\n(S'echo hi'\ntR."))
	f.Add([]byte(weights("x", spec{"f4", ">", []int{2, 3}, true, make([]byte, 24)})))
	// The memory bombs, shapes that overflow, and files that are
	// not pickles.
	f.Add(memoBomb(16, 64))
	f.Add(encodeBomb(100, 16))
	f.Add(twoArrays(1<<17, 1<<17))
	f.Add([]byte(pk{opProto, 4, opEmptyDict}.str("k").bigShape([]int64{0, 1 << 62, 1 << 62}).op(opSetItem, opStop)))
	f.Add([]byte("<!DOCTYPE html>\n<html>"))
	f.Add(zipped("W1.npy", []byte("\x93NUMPY\x01\x00")))
	f.Add(gzipped(weights("x", okSpec)))
	limits := Limits{MaxArrayBytes: 1 << 20, MaxTotalBytes: 3 << 19}
	f.Fuzz(func(t *testing.T, in []byte) {
		m, err := limits.ReadWeights(bytes.NewReader(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "pickle: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
			return
		}
		// The arrays (each counted once, though the memo may put one
		// under several keys) keep to the limits and take at most twice
		// the input (float32 widened to float64).
		seen := map[*float64]bool{}
		total := int64(0)
		for _, x := range m {
			if d := x.Data(); len(d) > 0 && !seen[&d[0]] {
				seen[&d[0]] = true
				total += int64(len(d)) * 8
				if int64(len(d))*8 > limits.MaxArrayBytes {
					t.Fatalf("array of %d elements, over the limit of %d bytes", len(d), limits.MaxArrayBytes)
				}
			}
		}
		if total > limits.MaxTotalBytes || total > 2*int64(len(in)) {
			t.Fatalf("arrays take %d bytes from a %d-byte input, limit %d", total, len(in), limits.MaxTotalBytes)
		}
		for k, x := range m {
			if x == nil {
				t.Fatalf("key %q: nil tensor", k)
			}
			n := 1
			for _, d := range x.Shape() {
				n *= d
			}
			if n != x.Len() {
				t.Fatalf("key %q: shape %v holds %d values, tensor has %d", k, x.Shape(), n, x.Len())
			}
		}
	})
}

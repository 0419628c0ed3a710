// Package weightstest writes small weight pickles for the tests of the
// chapter 3 inference twins: a dict of float64 NumPy arrays as NumPy's
// pickle protocol 4 writes it, with the names and shapes a test chooses
// (the book's sample_weight.pkl, or one broken on purpose), and checks
// that the twins reject bad weights, MNIST folders and flags.
package weightstest

import (
	"bytes"
	"encoding/binary"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/data/mnist/mnisttest"
	"github.com/dlfs-go/dlfs/internal/cli/clitest"
)

// Array is one entry of the pickled dict: a name and a shape. Its values
// are small numbers that vary with the position.
type Array struct {
	Name  string
	Shape []int
}

// Book returns the entries of the book's sample_weight.pkl with hidden
// layers of a and b units: W1 (784, a), b1 (a,), W2 (a, b), b2 (b,),
// W3 (b, 10), b3 (10,).
func Book(a, b int) []Array {
	return []Array{
		{"W1", []int{784, a}}, {"b1", []int{a}},
		{"W2", []int{a, b}}, {"b2", []int{b}},
		{"W3", []int{b, 10}}, {"b3", []int{10}},
	}
}

// Replace returns a copy of arrays with the shape of the entry called name
// replaced by shape.
func Replace(arrays []Array, name string, shape ...int) []Array {
	out := make([]Array, len(arrays))
	copy(out, arrays)
	for i := range out {
		if out[i].Name == name {
			out[i].Shape = shape
		}
	}
	return out
}

// Without returns a copy of arrays without the entry called name.
func Without(arrays []Array, name string) []Array {
	var out []Array
	for _, a := range arrays {
		if a.Name != name {
			out = append(out, a)
		}
	}
	return out
}

// Pickle opcodes (Python's Lib/pickletools.py).
const (
	opProto           = 0x80
	opEmptyDict       = '}'
	opMark            = '('
	opShortBinUnicode = 0x8c
	opStackGlobal     = 0x93
	opBinInt1         = 'K'
	opBinInt          = 'J'
	opTuple1          = 0x85
	opTuple3          = 0x87
	opTuple           = 't'
	opShortBinBytes   = 'C'
	opBinBytes        = 'B'
	opReduce          = 'R'
	opNewTrue         = 0x88
	opNewFalse        = 0x89
	opNone            = 'N'
	opBuild           = 'b'
	opSetItem         = 's'
	opStop            = '.'
)

type pk []byte

func (p pk) op(ops ...byte) pk { return append(p, ops...) }
func (p pk) str(s string) pk   { return append(append(p, opShortBinUnicode, byte(len(s))), s...) }
func (p pk) global(module, name string) pk {
	return p.str(module).str(name).op(opStackGlobal)
}
func (p pk) int(v int) pk {
	if 0 <= v && v < 256 {
		return append(p, opBinInt1, byte(v))
	}
	return binary.LittleEndian.AppendUint32(append(p, opBinInt), uint32(int32(v)))
}
func (p pk) bytes(b []byte) pk {
	if len(b) < 256 {
		return append(append(p, opShortBinBytes, byte(len(b))), b...)
	}
	p = binary.LittleEndian.AppendUint32(append(p, opBinBytes), uint32(len(b)))
	return append(p, b...)
}

// array appends a C-ordered little-endian float64 array of shape.
func (p pk) array(shape []int) pk {
	n := 1
	for _, d := range shape {
		n *= d
	}
	var raw []byte
	for k := range n {
		raw = binary.LittleEndian.AppendUint64(raw, math.Float64bits(float64(k%7-3)/100))
	}
	p = p.global("numpy.core.multiarray", "_reconstruct").global("numpy", "ndarray").
		int(0).op(opTuple1).bytes([]byte("b")).op(opTuple3, opReduce)
	p = p.op(opMark).int(1).op(opMark)
	for _, d := range shape {
		p = p.int(d)
	}
	p = p.op(opTuple)
	p = p.global("numpy", "dtype").str("f8").op(opNewFalse, opNewTrue, opTuple3, opReduce).
		op(opMark).int(3).str("<").op(opNone, opNone, opNone).int(-1).int(-1).int(0).op(opTuple, opBuild)
	return p.op(opNewFalse).bytes(raw).op(opTuple, opBuild)
}

// Pickle returns the pickled dict {name: array} of arrays, in order.
func Pickle(arrays []Array) []byte {
	p := pk{opProto, 4, opEmptyDict}
	for _, a := range arrays {
		p = p.str(a.Name).array(a.Shape).op(opSetItem)
	}
	return p.op(opStop)
}

// Write writes Pickle(arrays) to a file called name in a new temporary
// folder and returns its path.
func Write(t testing.TB, name string, arrays []Array) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, Pickle(arrays), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// RunFunc is a twin's run function.
type RunFunc = func(args []string, stdout, stderr io.Writer) error

// CheckBadInputs checks that an inference twin (neuralnet_mnist,
// neuralnet_mnist_batch) reports every bad weights file, MNIST folder and
// flag of issue 8 as an error naming the file and what is wrong, prints
// nothing to stdout then, and reads the weights before MNIST.
func CheckBadInputs(t *testing.T, run RunFunc) {
	t.Helper()
	book := Book(50, 100)
	good := Write(t, "sample_weight.pkl", book)
	badW2 := Write(t, "sample_weight.pkl", Replace(book, "W2", 50))
	text := filepath.Join(t.TempDir(), "weights.txt")
	if err := os.WriteFile(text, []byte("W1 = [[0.1, 0.2]]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := mnisttest.Files(3, 2)
	data := mnisttest.WriteDir(t, files)
	missing := filepath.Join(t.TempDir(), "nope")
	dirOf := func(name string, b []byte, also ...[]byte) string {
		f := mnisttest.With(files, name, b)
		if len(also) > 0 {
			// an empty image file needs an empty label file beside it
			f = mnisttest.With(f, labelsOf[name], also[0])
		}
		return mnisttest.WriteDir(t, f)
	}
	noImages := dirOf(mnist.TestImagesFile, mnisttest.Images(0, 28, 28), mnisttest.Labels())
	small := dirOf(mnist.TestImagesFile, mnisttest.Images(2, 27, 27))
	badLabel := dirOf(mnist.TestLabelsFile, mnisttest.Labels(3, 10))
	fewLabels := dirOf(mnist.TestLabelsFile, mnisttest.Labels(3))
	tests := clitest.BadInputs{
		{"W2 of the wrong shape", []string{"-weights", badW2, "-data", data},
			badW2 + ": W2 has shape (50,), want (50, N) with N ≥ 1 to match W1: not the book's sample_weight.pkl", false},
		{"weights read before MNIST", []string{"-weights", badW2, "-data", missing}, badW2 + ": W2 has shape (50,)", false},
		{"a text file as weights", []string{"-weights", text, "-data", data}, text + ": not a pickle file", false},
		{"test set without images", []string{"-weights", good, "-data", noImages},
			filepath.Join(noImages, mnist.TestImagesFile) + ": holds no images", false},
		{"27x27 images", []string{"-weights", good, "-data", small},
			filepath.Join(small, mnist.TestImagesFile) + ": images of 27x27 pixels, but MNIST's are 28x28", false},
		{"label 10", []string{"-weights", good, "-data", badLabel},
			filepath.Join(badLabel, mnist.TestLabelsFile) + ": label 10 at index 1 is not a digit 0..9", false},
		{"fewer labels than images", []string{"-weights", good, "-data", fewLabels},
			filepath.Join(fewLabels, mnist.TestLabelsFile) + ": holds 1 labels, but", false},
		{"-data does not exist", []string{"-weights", good, "-data", missing}, "mnist: the data directory " + missing + " does not exist", false},
		{"stray argument", []string{"-weights", good, "stray"}, `unexpected argument "stray"`, true},
	}
	clitest.CheckBadInputs(t, run, tests)
	var stdout bytes.Buffer
	if err := run([]string{"-weights", good, "-data", data}, &stdout, io.Discard); err != nil {
		t.Fatalf("well-formed files: %v", err)
	}
	if !strings.Contains(stdout.String(), "Accuracy:") {
		t.Errorf("well-formed files: output %q, want an Accuracy line", stdout.String())
	}
}

// labelsOf maps an image file to its label file.
var labelsOf = map[string]string{
	mnist.TrainImagesFile: mnist.TrainLabelsFile,
	mnist.TestImagesFile:  mnist.TestLabelsFile,
}

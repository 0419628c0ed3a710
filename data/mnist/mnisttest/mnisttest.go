// Package mnisttest writes small MNIST folders for tests: the four IDX
// files with a few images each, well-formed or broken on purpose (no
// images, images of the wrong size, labels that are not digits, counts
// that differ).
package mnisttest

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/dlfs-go/dlfs/data/mnist"
)

// Images returns an IDX3 image file of n images of rows x cols pixels,
// raw; pixel k of the file is k%256.
func Images(n, rows, cols int) []byte {
	b := binary.BigEndian.AppendUint32(nil, 0x00000803)
	for _, d := range []int{n, rows, cols} {
		b = binary.BigEndian.AppendUint32(b, uint32(d))
	}
	for k := range n * rows * cols {
		b = append(b, byte(k))
	}
	return b
}

// Labels returns an IDX1 label file holding labels, raw.
func Labels(labels ...byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, 0x00000801)
	b = binary.BigEndian.AppendUint32(b, uint32(len(labels)))
	return append(b, labels...)
}

// Digits returns n labels 0, 1, ..., 9, 0, 1, ...
func Digits(n int) []byte {
	l := make([]byte, n)
	for i := range l {
		l[i] = byte(i % 10)
	}
	return l
}

// Files returns the four files of a well-formed MNIST folder with nTrain
// training and nTest test images of 28x28, keyed by file name; change an
// entry to break the folder.
func Files(nTrain, nTest int) map[string][]byte {
	return map[string][]byte{
		mnist.TrainImagesFile: Images(nTrain, mnist.ImageRows, mnist.ImageCols),
		mnist.TrainLabelsFile: Labels(Digits(nTrain)...),
		mnist.TestImagesFile:  Images(nTest, mnist.ImageRows, mnist.ImageCols),
		mnist.TestLabelsFile:  Labels(Digits(nTest)...),
	}
}

// WriteDir writes files (name to content) into a new temporary folder and
// returns its path.
func WriteDir(t testing.TB, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Dir writes a well-formed MNIST folder with nTrain training and nTest
// test images (see Files) and returns its path.
func Dir(t testing.TB, nTrain, nTest int) string {
	t.Helper()
	return WriteDir(t, Files(nTrain, nTest))
}

// With returns a copy of files with name's content replaced by b.
func With(files map[string][]byte, name string, b []byte) map[string][]byte {
	out := make(map[string][]byte, len(files))
	for k, v := range files {
		out[k] = v
	}
	out[name] = b
	return out
}

package mnist_test

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/data/mnist/mnisttest"
)

// gzDir writes the four files of a small MNIST gzipped, as the module
// holds them, and returns the folder.
func gzDir(t *testing.T) string {
	dir := t.TempDir()
	for name, b := range mnisttest.Files(5, 3) {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		if err := os.WriteFile(filepath.Join(dir, name+".gz"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestUnpackedCopy checks the cache of the module's files: the first load
// writes the raw files, the next reads them (even with the module gone),
// a broken copy is replaced, an unwritable cache folder costs nothing, and
// DLFS_MNIST_CACHE=off turns it off.
func TestUnpackedCopy(t *testing.T) {
	module := gzDir(t)
	want, err := mnist.Load(module)
	if err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(t.TempDir(), "dlfs", "mnist", "v")
	got, err := mnist.LoadModule(module, cache)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("first load: %v, %v; want the module's sets", got, err)
	}
	if missing := mnist.MissingFiles(cache); len(missing) > 0 {
		t.Fatalf("the copy lacks %v", missing)
	}
	for _, name := range mnist.FileNames { // raw IDX files, as the module's unpacked
		raw, err := os.ReadFile(filepath.Join(cache, name))
		if err != nil {
			t.Fatal(err)
		}
		if orig := mnisttest.Files(5, 3)[name]; !bytes.Equal(raw, orig) {
			t.Errorf("%s: the copy differs from the unpacked module file", name)
		}
	}
	if got, err := mnist.LoadModule(filepath.Join(t.TempDir(), "gone"), cache); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("load from the copy alone: %v, %v", got, err)
	}

	// A broken copy: read from the module again, and rewritten.
	broken := filepath.Join(cache, mnist.TrainLabelsFile)
	if err := os.WriteFile(broken, []byte("not an idx file"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := mnist.LoadModule(module, cache); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("load with a broken copy: %v, %v", got, err)
	}
	if _, err := mnist.ReadLabels(broken); err != nil {
		t.Errorf("the broken copy was not rewritten: %v", err)
	}

	// A cache folder that cannot be made: the load still works.
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	if got, err := mnist.LoadModule(module, filepath.Join(file, "sub")); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("load with an unwritable cache: %v, %v", got, err)
	}

	t.Setenv(mnist.EnvCache, "off")
	if d := mnist.CacheDir(); d != "" {
		t.Errorf("with %s=off the cache folder is %q", mnist.EnvCache, d)
	}
}

package testenv

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// fakeTB records how a helper ended the test. Skip and Fatal stop the
// helper as the testing package's do (by unwinding), so that nothing after
// them runs.
type fakeTB struct {
	ended string // "", "skip" or "fatal"
	msg   string // the message of Skip or Fatal, else of Log
}

type stop struct{}

func (f *fakeTB) Helper()           {}
func (f *fakeTB) Log(args ...any)   { f.msg = fmt.Sprint(args...) }
func (f *fakeTB) Skip(args ...any)  { f.end("skip", args) }
func (f *fakeTB) Fatal(args ...any) { f.end("fatal", args) }
func (f *fakeTB) end(how string, args []any) {
	f.ended, f.msg = how, fmt.Sprint(args...)
	panic(stop{})
}

// call runs helper with a fakeTB and returns it and what helper returned.
func call(helper func(TB) string) (f *fakeTB, got string) {
	f = &fakeTB{}
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(stop); !ok {
				panic(r)
			}
		}
	}()
	got = helper(f)
	return f, got
}

func TestHelpers(t *testing.T) {
	weights := t.TempDir()
	if err := os.WriteFile(filepath.Join(weights, "ch03_sample_weight.pkl"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	emptyMNIST := t.TempDir()
	bookWeights := func(tb TB) string { return BookWeights(tb, "ch03_sample_weight.pkl") }
	full := func(tb TB) string { Full(tb, "the full run"); return "ran" }
	tests := []struct {
		name   string
		env    map[string]string
		helper func(TB) string
		// want is what the helper returns, or how it ends the test
		// ("skip", "fatal"); msg is a part of the message.
		want, ended, msg string
	}{
		{"weights found", map[string]string{EnvBookWeights: weights}, bookWeights,
			filepath.Join(weights, "ch03_sample_weight.pkl"), "", ""},
		{"weights missing: skip", map[string]string{EnvBookWeights: emptyMNIST}, bookWeights,
			"", "skip", "set DLFS_BOOK_WEIGHTS to the folder that holds the book's weight files, or put them in ../shared/book-weights beside the clone " + SkipMarker},
		{"weights missing, required: fail", map[string]string{EnvBookWeights: emptyMNIST, EnvRequire: "1"}, bookWeights,
			"", "fatal", "ch03_sample_weight.pkl is not available"},
		{"required=0 is off", map[string]string{EnvBookWeights: emptyMNIST, EnvRequire: "0"}, bookWeights,
			"", "skip", SkipMarker},
		{"MNIST missing: skip", map[string]string{"MNIST_DIR": emptyMNIST}, MNIST,
			"", "skip", "MNIST is not available: mnist: $MNIST_DIR " + emptyMNIST + " lacks"},
		{"MNIST missing, required: fail", map[string]string{"MNIST_DIR": emptyMNIST, EnvRequire: "1"}, MNIST,
			"", "fatal", "set MNIST_DIR to a folder holding the four IDX files"},
		{"full: not asked", map[string]string{EnvFull: ""}, full,
			"", "skip", "the full run is a full-length check; set DLFS_FULL=1 to run it"},
		{"full: not asked, required", map[string]string{EnvFull: "", EnvRequire: "1"}, full,
			"", "skip", "set DLFS_FULL=1"},
		{"full: asked", map[string]string{EnvFull: "1"}, full, "ran", "", "full-length check running: the full run"},
		{"full: false", map[string]string{EnvFull: "false"}, full, "", "skip", "DLFS_FULL=1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(EnvRequire, "")
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			f, got := call(tt.helper)
			if got != tt.want || f.ended != tt.ended || !strings.Contains(f.msg, tt.msg) {
				t.Errorf("returned %q, ended %q with %q; want %q, ended %q with a message containing %q",
					got, f.ended, f.msg, tt.want, tt.ended, tt.msg)
			}
		})
	}
}

// TestBookWeightsDir checks the default: ../shared/book-weights beside
// the module root, which is two folders above this package.
func TestBookWeightsDir(t *testing.T) {
	t.Setenv(EnvBookWeights, "")
	here, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	got, err := BookWeightsDir()
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(here, "..", "..", "..", "shared", "book-weights")
	if diff := cmp.Diff(filepath.Clean(want), got); diff != "" {
		t.Errorf("BookWeightsDir (-want +got):\n%s", diff)
	}
	t.Setenv(EnvBookWeights, "/elsewhere")
	if got, err := BookWeightsDir(); got != "/elsewhere" || err != nil {
		t.Errorf("with %s=/elsewhere: %q, %v", EnvBookWeights, got, err)
	}
}

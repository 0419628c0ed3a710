package main

import (
	"bufio"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/internal/testenv"
	"github.com/dlfs-go/dlfs/random"
)

// TestMatchesBook compares the differences with the book's script run with
// np.random.seed(0) and np.random.seed(3) prepended
// (testdata/ch05_gradient_check.txt, testdata/ch05_gradient_check_seed3.txt).
// Central differences are noisy, so the two agree in size, not in every
// digit: the test asks for 0.1%. A full-length check: it runs with
// DLFS_FULL=1.
func TestMatchesBook(t *testing.T) {
	testenv.Full(t, "central differences over 39760 parameters, two seeds")
	ds, err := mnist.LoadDefault(testenv.MNIST(t), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		seed uint32
		file string
	}{{0, "testdata/ch05_gradient_check.txt"}, {3, "testdata/ch05_gradient_check_seed3.txt"}} {
		want := readReference(t, tc.file)
		got := check(ds, random.New(tc.seed))
		if len(got) != len(want) {
			t.Fatalf("seed %d: %d parameters, reference has %d", tc.seed, len(got), len(want))
		}
		for i, d := range got {
			if d.name != want[i].name {
				t.Errorf("seed %d: parameter %d is %s, reference %s", tc.seed, i, d.name, want[i].name)
			}
			if math.Abs(d.diff-want[i].diff) > 1e-3*want[i].diff {
				t.Errorf("seed %d: %s: %v, reference %v", tc.seed, d.name, d.diff, want[i].diff)
			}
		}
	}
}

func readReference(t *testing.T, path string) []paramDiff {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []paramDiff
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || strings.HasPrefix(name, "REF") {
			continue
		}
		d, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, paramDiff{name, d})
	}
	return out
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-seed", "-1"}, {"-seed", "99999999999"}, {"stray"}} {
		if err := run(args, io.Discard, io.Discard); err == nil {
			t.Errorf("run(%q) succeeded", args)
		}
	}
	err := run([]string{"-data", t.TempDir()}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "MNIST_DIR") {
		t.Errorf("an empty -data directory: error %v, want one saying how to supply the files", err)
	}
}

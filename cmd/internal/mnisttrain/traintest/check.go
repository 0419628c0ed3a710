// Package traintest holds the test helpers of the training twins: runs
// compared with NumPy's accuracy lines.
package traintest

import (
	"bytes"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/cmd/internal/mnisttrain"
	"github.com/dlfs-go/dlfs/data/mnist"
)

// RunFunc is a twin's run function.
type RunFunc func(args []string, stdout, stderr io.Writer) error

// CheckShortRuns runs the twin with the settings of each "run:" line of a
// testdata file and compares its accuracy lines with NumPy's that follow,
// to within tol. It skips when MNIST cannot be found.
func CheckShortRuns(t *testing.T, run RunFunc, file string, tol float64) {
	t.Helper()
	if _, err := mnist.Find("", io.Discard); err != nil {
		t.Skip("MNIST not available:", err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	type runCase struct {
		args []string
		want string
	}
	var runs []runCase
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "#"), line == "":
		case strings.HasPrefix(line, "run:"):
			runs = append(runs, runCase{args: strings.Fields(strings.TrimPrefix(line, "run:"))})
		case len(runs) > 0:
			runs[len(runs)-1].want += line + "\n"
		}
	}
	for _, rc := range runs {
		CheckRun(t, run, rc.args, rc.want, tol)
	}
}

// CheckRun runs the twin with args (and -o into a temporary directory) and
// compares its accuracy lines with those of want, to within tol.
func CheckRun(t *testing.T, run RunFunc, args []string, want string, tol float64) {
	t.Helper()
	var out bytes.Buffer
	args = append(args, "-o", filepath.Join(t.TempDir(), "curves.svg"))
	if err := run(args, &out, io.Discard); err != nil {
		t.Fatalf("run %q: %v", args, err)
	}
	got, err := mnisttrain.ParseAccuracies(out.String())
	if err != nil {
		t.Fatal(err)
	}
	ref, err := mnisttrain.ParseAccuracies(want)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(ref) {
		t.Fatalf("run %q: %d epoch lines, NumPy printed %d:\n%s", args, len(got), len(ref), out.String())
	}
	exact := true
	for i := range got {
		for j := range 2 {
			if math.Abs(got[i][j]-ref[i][j]) > tol {
				t.Errorf("run %q, epoch line %d: %v, NumPy %v", args, i, got[i], ref[i])
			}
			exact = exact && got[i][j] == ref[i][j]
		}
	}
	t.Logf("run %q: %d epoch lines within %v of NumPy's (all identical: %v)", args, len(got), tol, exact)
}

// CheckTwin runs the tests every training twin shares: short seeded runs
// against NumPy's (testdata/numpy_short_runs.txt), the script's full run
// against the book's reference (testdata/<reference>), and the rejection
// of bad flags. The MNIST runs are skipped with -short.
func CheckTwin(t *testing.T, run RunFunc, reference string) {
	t.Run("ShortRunsMatchNumPy", func(t *testing.T) {
		if testing.Short() {
			t.Skip("trains on MNIST; skipped with -short")
		}
		CheckShortRuns(t, run, "testdata/numpy_short_runs.txt", 0.001)
	})
	t.Run("FullRunMatchesBook", func(t *testing.T) {
		if testing.Short() {
			t.Skip("trains on MNIST for 10000 iterations; skipped with -short")
		}
		want, err := os.ReadFile(filepath.Join("testdata", reference))
		if err != nil {
			t.Fatal(err)
		}
		CheckRun(t, run, nil, string(want), 0.001)
	})
	t.Run("BadFlags", func(t *testing.T) {
		for _, tc := range []struct {
			args []string
			want string
		}{
			{[]string{"-iters", "0"}, "-iters 0 must be at least 1"},
			{[]string{"-batch", "0"}, "-batch 0 must be between 1 and 60000"},
			{[]string{"-lr", "-1"}, "-lr -1 must be a positive number"},
			{[]string{"-hidden", "0"}, "-hidden 0 must be at least 1"},
			{[]string{"-seed", "4294967296"}, "-seed 4294967296 is out of range"},
			{[]string{"extra"}, "unexpected argument"},
		} {
			err := run(tc.args, io.Discard, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("run(%q): error %v, want %q", tc.args, err, tc.want)
			}
		}
	})
}

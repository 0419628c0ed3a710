// Package traintest holds the test helpers of the training twins: runs
// compared with NumPy's accuracy lines.
package traintest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/internal/testenv"
	"github.com/google/go-cmp/cmp"
)

// RunFunc is a twin's run function.
type RunFunc func(args []string, stdout, stderr io.Writer) error

// Run is one seeded run of a testdata file: the twin's flags and the
// accuracy lines NumPy printed for the same settings.
type Run struct {
	Args []string
	Want string
}

// ParseRuns reads a testdata file of runs: "#" comments, then for each run
// a "run:" line with the twin's flags followed by NumPy's output lines. A
// file without a run, or a run without an accuracy line, is an error: a
// check over it would compare nothing.
func ParseRuns(data string) ([]Run, error) {
	var runs []Run
	for _, line := range strings.Split(data, "\n") {
		switch {
		case strings.HasPrefix(line, "#"), line == "":
		case strings.HasPrefix(line, "run:"):
			runs = append(runs, Run{Args: strings.Fields(strings.TrimPrefix(line, "run:"))})
		case len(runs) > 0:
			runs[len(runs)-1].Want += line + "\n"
		default:
			return nil, fmt.Errorf("line %q comes before the first run: line", line)
		}
	}
	if len(runs) == 0 {
		return nil, errors.New("no run: lines")
	}
	for _, r := range runs {
		if len(AccuracyLines(r.Want)) == 0 {
			return nil, fmt.Errorf("run %q has no accuracy lines", r.Args)
		}
	}
	return runs, nil
}

// AccuracyLines returns the lines of out that print a training and a test
// accuracy, as the book's scripts do: "train acc, test acc | 0.9, 0.91"
// (ch04) or "0.9 0.91" (ch05).
func AccuracyLines(out string) []string {
	var lines []string
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(strings.ReplaceAll(strings.TrimPrefix(line, "train acc, test acc | "), ",", " "))
		if len(f) != 2 {
			continue
		}
		if _, err := strconv.ParseFloat(f[0], 64); err != nil {
			continue
		}
		if _, err := strconv.ParseFloat(f[1], 64); err != nil {
			continue
		}
		lines = append(lines, line)
	}
	return lines
}

// CheckShortRuns runs the twin with the settings of each "run:" line of a
// testdata file and checks that it prints NumPy's accuracy lines that
// follow, character for character. It fails when the file holds no run,
// and skips (fails under DLFS_REQUIRE_DATA) when MNIST cannot be found.
func CheckShortRuns(t *testing.T, run RunFunc, file string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	runs, err := ParseRuns(string(data))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	testenv.MNIST(t)
	for _, rc := range runs {
		CheckRun(t, run, rc.Args, rc.Want)
	}
}

// CheckRun runs the twin with args (and -o into a temporary directory) and
// checks that its accuracy lines are those of want, character for
// character: the twin computes what NumPy computes, rounding included.
func CheckRun(t *testing.T, run RunFunc, args []string, want string) {
	t.Helper()
	var out bytes.Buffer
	args = append(args, "-o", filepath.Join(t.TempDir(), "curves.svg"))
	if err := run(args, &out, io.Discard); err != nil {
		t.Fatalf("run %q: %v", args, err)
	}
	got, ref := AccuracyLines(out.String()), AccuracyLines(want)
	if len(ref) == 0 {
		t.Fatalf("run %q: the reference has no accuracy lines", args)
	}
	if diff := cmp.Diff(ref, got); diff != "" {
		t.Errorf("run %q: accuracy lines (-NumPy +twin):\n%s", args, diff)
	}
}

// CheckTwin runs the tests every training twin shares: short seeded runs
// against NumPy's (testdata/numpy_short_runs.txt; skipped with -short), the
// script's full run against the book's reference (testdata/<reference>;
// a full-length check, run only with DLFS_FULL=1), and the rejection of
// bad flags.
func CheckTwin(t *testing.T, run RunFunc, reference string) {
	t.Run("ShortRunsMatchNumPy", func(t *testing.T) {
		if testing.Short() {
			t.Skip("trains on MNIST; skipped with -short")
		}
		CheckShortRuns(t, run, "testdata/numpy_short_runs.txt")
	})
	t.Run("FullRunMatchesBook", func(t *testing.T) {
		testenv.Full(t, "the script's run of 10000 iterations")
		want, err := os.ReadFile(filepath.Join("testdata", reference))
		if err != nil {
			t.Fatal(err)
		}
		testenv.MNIST(t)
		CheckRun(t, run, nil, string(want))
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

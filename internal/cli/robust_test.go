package cli

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMainCodeRecoversPanic: a panic in run is reported as an internal
// error with status 1, not as a crash with status 2.
func TestMainCodeRecoversPanic(t *testing.T) {
	var stderr bytes.Buffer
	code := mainCode("prog", func([]string, io.Writer, io.Writer) error {
		panic("ops.MatMulT: shapes (50,) and (7,100) do not align")
	}, nil, io.Discard, &stderr)
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	const want = "prog: internal error: ops.MatMulT: shapes (50,) and (7,100) do not align\n"
	if !strings.HasPrefix(stderr.String(), want) {
		t.Errorf("stderr %q, want it to start with %q", stderr.String(), want)
	}
}

// TestBadFlagPrintedOnce: the flag package's message appears once,
// followed by the usage, and Main does not print it again.
func TestBadFlagPrintedOnce(t *testing.T) {
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"not a number", []string{"-n", "x"}, `-n "x" is not a whole number`},
		{"unknown flag", []string{"-zzz"}, "flag provided but not defined: -zzz"},
		{"stray argument", []string{"stray"}, `unexpected argument "stray" (settings are flags; see -h)`},
		{"negative seed", []string{"-seed", "-1"}, `-seed -1 is out of range: NumPy's seeds are 0 to 4294967295`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			run := func(args []string, _, stderr io.Writer) error {
				fs := FlagSet("prog", stderr)
				fs.Int("n", 1, "count")
				SeedFlag(fs)
				return Parse(fs, args)
			}
			code := mainCode("prog", run, tt.args, io.Discard, &stderr)
			if code != 2 {
				t.Errorf("exit status %d, want 2", code)
			}
			got := stderr.String()
			want := "prog: " + tt.msg + "\nUsage of prog:\n"
			if !strings.HasPrefix(got, want) {
				t.Errorf("stderr:\n%s\nwant it to start with:\n%s", got, want)
			}
			if n := strings.Count(got, tt.msg); n != 1 {
				t.Errorf("the message appears %d times in stderr:\n%s", n, got)
			}
			if !strings.Contains(got, "-n int") || !strings.Contains(got, "-seed seed") {
				t.Errorf("stderr does not list the flags:\n%s", got)
			}
		})
	}
}

func TestHelpPrintsUsageOnce(t *testing.T) {
	var stderr bytes.Buffer
	fs := FlagSet("prog", &stderr)
	fs.Int("n", 1, "count")
	if err := Parse(fs, []string{"-h"}); !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("Parse(-h) = %v, want flag.ErrHelp", err)
	}
	if got, want := stderr.String(), "Usage of prog:\n  -n int\n    \tcount (default 1)\n"; got != want {
		t.Errorf("usage %q, want %q", got, want)
	}
	if code := exitCode("prog", flag.ErrHelp, &stderr); code != 0 {
		t.Errorf("exit status %d after -h, want 0", code)
	}
}

func TestSeedFlag(t *testing.T) {
	tests := []struct {
		arg  string
		want uint32
		err  string // "" for none
	}{
		{"0", 0, ""},
		{"4294967295", 4294967295, ""},
		{"42", 42, ""},
		{"-1", 0, `-seed -1 is out of range: NumPy's seeds are 0 to 4294967295`},
		{"4294967296", 0, `-seed 4294967296 is out of range: NumPy's seeds are 0 to 4294967295`},
		{"99999999999999999999999", 0, `-seed 99999999999999999999999 is out of range: NumPy's seeds are 0 to 4294967295`},
		{"abc", 0, `-seed "abc" is not a whole number: NumPy's seeds are 0 to 4294967295`},
		{"1.5", 0, `-seed "1.5" is not a whole number: NumPy's seeds are 0 to 4294967295`},
	}
	for _, tt := range tests {
		fs := FlagSet("prog", io.Discard)
		seed := SeedFlag(fs)
		err := Parse(fs, []string{"-seed", tt.arg})
		if tt.err == "" {
			if err != nil || *seed != tt.want {
				t.Errorf("-seed %s: %d, %v; want %d", tt.arg, *seed, err, tt.want)
			}
			continue
		}
		var u UsageError
		if err == nil || err.Error() != tt.err || !errors.As(err, &u) {
			t.Errorf("-seed %s: error %v, want the usage error %q", tt.arg, err, tt.err)
		}
	}
}

func TestCheckInt(t *testing.T) {
	tests := []struct {
		v    int
		want string
	}{
		{1, ""},
		{100000, ""},
		{0, "-hidden 0 must be at least 1 (allowed: 1 to 100000)"},
		{-5, "-hidden -5 must be at least 1 (allowed: 1 to 100000)"},
		{1000000000000, "-hidden 1000000000000 is out of range (allowed: 1 to 100000)"},
	}
	for _, tt := range tests {
		err := CheckInt("hidden", tt.v, 1, 100000)
		got := ""
		if err != nil {
			got = err.Error()
			var u UsageError
			if !errors.As(err, &u) {
				t.Errorf("CheckInt(%d): %v is not a usage error", tt.v, err)
			}
		}
		if got != tt.want {
			t.Errorf("CheckInt(%d) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

// listDir returns the names in dir.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestCheckOutput(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "old.svg")
	if err := os.WriteFile(existing, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "file.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "no", "such")
	tests := []struct {
		name, path, err string // err "" for none
	}{
		{"new file", filepath.Join(dir, "new.svg"), ""},
		{"existing file", existing, ""},
		{"missing folder", filepath.Join(missing, "f.svg"), "cannot write " + filepath.Join(missing, "f.svg") + ": the folder " + missing + " does not exist"},
		{"folder is a file", filepath.Join(file, "f.svg"), "cannot write " + filepath.Join(file, "f.svg") + ": " + file + " is not a folder"},
		{"target is a folder", sub, "cannot write " + sub + ": it is a folder"},
		{"empty", "", "no file name given"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckOutput(tt.path)
			if tt.err == "" && err != nil || tt.err != "" && (err == nil || err.Error() != tt.err) {
				t.Errorf("CheckOutput(%q) = %v, want %q", tt.path, err, tt.err)
			}
		})
	}
	// Nothing was created, and the existing file is unchanged.
	if diff := cmp.Diff([]string{"file.txt", "old.svg", "sub"}, listDir(t, dir)); diff != "" {
		t.Errorf("folder after the checks (-want +got):\n%s", diff)
	}
	if b, err := os.ReadFile(existing); err != nil || string(b) != "keep me" {
		t.Errorf("existing file now holds %q, %v", b, err)
	}
}

// TestParseChecksOutputs: output flags are checked as soon as the flags
// are parsed; an optional one may be empty.
func TestParseChecksOutputs(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "missing", "out.svg")
	tests := []struct {
		name string
		args []string
		err  string
	}{
		{"defaults", nil, ""},
		{"good paths", []string{"-o", filepath.Join(dir, "a.svg"), "-curves", filepath.Join(dir, "b.svg")}, ""},
		{"optional empty", []string{"-curves", ""}, ""},
		{"bad -o", []string{"-o", bad}, "-o: cannot write " + bad + ": the folder " + filepath.Dir(bad) + " does not exist"},
		{"bad optional", []string{"-curves", bad}, "-curves: cannot write " + bad},
		{"required empty", []string{"-o", ""}, "-o: no file name given"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := FlagSet("prog", io.Discard)
			OutputFlag(fs, "o", filepath.Join(dir, "default.png"), "PNG `file`")
			OptionalOutputFlag(fs, "curves", "", "SVG `file` (\"\" for none)")
			err := Parse(fs, tt.args)
			if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.err)) {
				t.Errorf("Parse(%q) = %v, want %q", tt.args, err, tt.err)
			}
		})
	}
}

func TestPlainFlagErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-i", "x"}, `-i "x" is not a whole number`},
		{[]string{"-i", "99999999999999999999"}, `-i "99999999999999999999" is out of range for a whole number`},
		{[]string{"-f", "one"}, `-f "one" is not a number`},
		{[]string{"-b=maybe"}, `-b "maybe" is not true or false`},
		{[]string{"-d", "5 parsecs"}, `-d "5 parsecs" is not a duration such as 1.5s`},
		{[]string{"-zzz"}, "flag provided but not defined: -zzz"},
	} {
		fs := FlagSet("prog", io.Discard)
		fs.Int("i", 0, "")
		fs.Float64("f", 0, "")
		fs.Bool("b", false, "")
		fs.Duration("d", 0, "")
		err := Parse(fs, tc.args)
		var u UsageError
		if err == nil || err.Error() != tc.want || !errors.As(err, &u) {
			t.Errorf("Parse(%q): error %v, want the usage error %q", tc.args, err, tc.want)
		}
	}
}

// TestBadKernelEnvironment: a bad $DLFS_GEMM_KERNEL stops a program before
// it runs, with status 1.
func TestBadKernelEnvironment(t *testing.T) {
	saved := kernelEnvError
	defer func() { kernelEnvError = saved }()
	kernelEnvError = func() error { return errors.New(`$DLFS_GEMM_KERNEL="fast" is not a kernel`) }
	ran := false
	var stderr bytes.Buffer
	code := mainCode("prog", func([]string, io.Writer, io.Writer) error { ran = true; return nil }, nil, io.Discard, &stderr)
	if code != 1 || ran {
		t.Errorf("exit status %d, ran %v; want 1 without running", code, ran)
	}
	if want := "prog: $DLFS_GEMM_KERNEL=\"fast\" is not a kernel\n"; stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr.String(), want)
	}
}

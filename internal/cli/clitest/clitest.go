// Package clitest holds test helpers for the programs under cmd.
package clitest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli"
)

// Run calls a program's run function with args and returns what it wrote
// to stdout, failing the test on an error.
func Run(t *testing.T, run func(args []string, stdout, stderr io.Writer) error, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if err := run(args, &out, &errOut); err != nil {
		t.Fatalf("run(%q): %v\nstderr: %s", args, err, errOut.String())
	}
	return out.String()
}

// FigureRun runs a program that writes a figure, with -o pointing into a
// temporary directory, checks that the figure is a well-formed SVG
// document, and returns stdout with the temporary directory replaced by
// "DIR".
func FigureRun(t *testing.T, run func(args []string, stdout, stderr io.Writer) error, name string, args ...string) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, name)
	out := Run(t, run, append(args, "-o", path)...)
	CheckSVG(t, path)
	return strings.ReplaceAll(out, dir, "DIR")
}

// CheckSVG fails unless path holds a well-formed XML document whose root
// element is <svg> and which draws at least one path, polyline or image.
func CheckSVG(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	root, drawn := "", 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", path, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if root == "" {
				root = se.Name.Local
			}
			if se.Name.Local == "path" || se.Name.Local == "polyline" || se.Name.Local == "image" {
				drawn++
			}
		}
	}
	if root != "svg" || drawn == 0 {
		t.Fatalf("%s: root <%s>, %d paths, polylines and images: not an SVG figure", path, root, drawn)
	}
}

// FigureTwin checks a twin that prints want (with its figure's directory
// written as DIR) and writes an SVG figure named name, and that it rejects
// a stray argument and an unwritable -o path.
func FigureTwin(t *testing.T, run func(args []string, stdout, stderr io.Writer) error, name, want string) {
	t.Helper()
	if got := FigureRun(t, run, name); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
	if err := run([]string{"extra"}, io.Discard, io.Discard); err == nil {
		t.Error("a stray argument was accepted")
	}
	if err := run([]string{"-o", filepath.Join(t.TempDir(), "no", "such", "dir", name)}, io.Discard, io.Discard); err == nil {
		t.Error("an unwritable -o path was accepted")
	}
}

// TextTwin checks a twin that takes no flags and prints want, and that it
// rejects a stray argument.
func TextTwin(t *testing.T, run func(args []string, stdout, stderr io.Writer) error, want string) {
	t.Helper()
	if got := Run(t, run); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
	if err := run([]string{"extra"}, io.Discard, io.Discard); err == nil {
		t.Error("a stray argument was accepted")
	}
}

// BadInputs are command lines that a program must refuse before doing any
// work: each one's error contains Err, and it is a usage error (exit
// status 2) exactly when Usage is set. (The element type is unnamed so
// that tables can list the fields without their names.)
type BadInputs []struct {
	Name  string
	Args  []string
	Err   string
	Usage bool
}

// CheckBadInputs runs the program once for each case and checks that run
// returns an error containing the case's Err, a cli.UsageError exactly
// when Usage is set, and that nothing was printed to stdout first.
func CheckBadInputs(t *testing.T, run func(args []string, stdout, stderr io.Writer) error, cases BadInputs) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			var stdout bytes.Buffer
			err := run(tc.Args, &stdout, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tc.Err) {
				t.Fatalf("run(%q) error\n%v\nwant it to contain\n%s", tc.Args, err, tc.Err)
			}
			var u cli.UsageError
			if errors.As(err, &u) != tc.Usage {
				t.Errorf("usage error: %v, want %v", !tc.Usage, tc.Usage)
			}
			if stdout.Len() != 0 {
				t.Errorf("printed %q before failing", stdout.String())
			}
		})
	}
}

// TextTwinFile is TextTwin with the expected output read from a fixture
// file: what the book's script printed, after the file's "#" header lines
// (which say how it was made).
func TextTwinFile(t *testing.T, run func(args []string, stdout, stderr io.Writer) error, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := string(data)
	for strings.HasPrefix(want, "#") {
		_, want, _ = strings.Cut(want, "\n")
	}
	if want == "" {
		t.Fatalf("%s holds no output", path)
	}
	TextTwin(t, run, want)
}

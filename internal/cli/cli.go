// Package cli holds what the runnable programs under cmd share: running a
// main function with the right exit status, flag sets that report usage
// errors, and progress lines that appear only on a terminal.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// UsageError is a bad command line: the program exits with status 2.
type UsageError struct{ Err error }

// Error returns the message of the underlying error.
func (e UsageError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e UsageError) Unwrap() error { return e.Err }

// Usagef returns a UsageError with a formatted message.
func Usagef(format string, args ...any) error {
	return UsageError{fmt.Errorf(format, args...)}
}

// Main runs run with the program's arguments and standard streams, prints
// an error to stderr prefixed with the program's name, and exits: 0 on
// success or -h, 2 for a usage error, 1 for any other error.
func Main(name string, run func(args []string, stdout, stderr io.Writer) error) {
	os.Exit(exitCode(name, run(os.Args[1:], os.Stdout, os.Stderr), os.Stderr))
}

func exitCode(name string, err error, stderr io.Writer) int {
	var u UsageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &u):
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 2
	default:
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 1
	}
}

// FlagSet returns a flag set that writes its usage to stderr and returns
// errors instead of exiting.
func FlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// Parse parses args with fs, turning a parse failure or a stray argument
// into a UsageError (flag.ErrHelp is returned as is).
func Parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return UsageError{err}
	}
	if fs.NArg() > 0 {
		return Usagef("unexpected argument %q (settings are flags; see -h)", fs.Arg(0))
	}
	return nil
}

// Seed checks a -seed flag value: NumPy's seeds are 0 to 2³²−1.
func Seed(v uint64) (uint32, error) {
	if v > 1<<32-1 {
		return 0, Usagef("-seed %d is out of range: NumPy's seeds are 0 to 4294967295", v)
	}
	return uint32(v), nil
}

// FigureFlag adds the -o flag naming the SVG file a twin writes its figure
// to, with the script's name as the default.
func FigureFlag(fs *flag.FlagSet, script string) *string {
	return fs.String("o", script+".svg", "SVG file to write the figure to")
}

// SaveFigure writes a figure (anything with a Save(path) error method, such
// as *plot.Figure) and prints where it went.
func SaveFigure(stdout io.Writer, fig interface{ Save(string) error }, path string) error {
	if err := fig.Save(path); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "figure:", path)
	return nil
}

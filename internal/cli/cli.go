// Package cli holds what the runnable programs under cmd share: running a
// main function with the right exit status, flag sets that report usage
// errors once, range-checked flags, output paths checked before the work
// starts, and progress lines that appear only on a terminal.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/dlfs-go/dlfs/internal/gemm"
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

// shownError is an error that Parse has already printed, with the usage
// after it: Main exits with the status of the error it wraps and prints
// nothing more.
type shownError struct{ err error }

// Error returns the message of the underlying error.
func (e shownError) Error() string { return e.err.Error() }

// Unwrap returns the underlying error.
func (e shownError) Unwrap() error { return e.err }

// Main runs run with the program's arguments and standard streams, prints
// an error to stderr prefixed with the program's name, and exits: 0 on
// success or -h, 2 for a usage error, 1 for any other error. A bad
// $DLFS_GEMM_KERNEL (see internal/gemm.EnvKernel) is an error reported
// before run starts.
//
// A panic in run is a bug (every error a file, a flag or the environment
// can cause is returned as an error); as a last resort Main reports it as
// "internal error: ..." followed by the stack, and exits with status 1.
func Main(name string, run func(args []string, stdout, stderr io.Writer) error) {
	os.Exit(mainCode(name, run, os.Args[1:], os.Stdout, os.Stderr))
}

// kernelEnvError reports a bad $DLFS_GEMM_KERNEL; tests replace it.
var kernelEnvError = gemm.KernelEnvError

// mainCode is Main without the exit: it runs run and returns the exit
// status, recovering a panic.
func mainCode(name string, run func(args []string, stdout, stderr io.Writer) error, args []string, stdout, stderr io.Writer) (code int) {
	if err := kernelEnvError(); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 1
	}
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "%s: internal error: %v\n"+
				"This is a bug in dlfs; please report it with the command line and the stack below.\n%s", name, r, debug.Stack())
			code = 1
		}
	}()
	return exitCode(name, run(args, stdout, stderr), stderr)
}

func exitCode(name string, err error, stderr io.Writer) int {
	var u UsageError
	var shown shownError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &shown):
		if errors.As(err, &u) {
			return 2
		}
		return 1
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
// into a UsageError (flag.ErrHelp is returned as is, after the usage is
// printed). A parse failure is printed once, to fs.Output() and followed by
// the usage, and Main prints it no more.
//
// Parse then checks every output flag (OutputFlag, OptionalOutputFlag,
// FigureFlag) with CheckOutput, so that a file that cannot be written is
// reported before the program's work starts rather than after it.
func Parse(fs *flag.FlagSet, args []string) error {
	out := fs.Output()
	// The flag package prints a parse error and then the usage; print
	// them here instead, so that Main need not print the error again.
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.SetOutput(out)
	switch {
	case errors.Is(err, flag.ErrHelp):
		usage(fs)
		return err
	case err != nil:
		return showUsage(fs, UsageError{plainFlagError(fs, err)})
	case fs.NArg() > 0:
		return showUsage(fs, Usagef("unexpected argument %q (settings are flags; see -h)", fs.Arg(0)))
	}
	var outErr error
	fs.VisitAll(func(f *flag.Flag) {
		o, ok := f.Value.(*outputValue)
		if !ok || outErr != nil || (o.optional && o.path == "") {
			return
		}
		if err := CheckOutput(o.path); err != nil {
			outErr = fmt.Errorf("-%s: %w", f.Name, err)
		}
	})
	return outErr
}

// plainFlagError rewrites the flag package's message for a value it
// cannot parse, `invalid value "x" for flag -n: parse error`, into one
// that says what is wrong: `-n "x" is not a whole number`. A flag.Value of
// this package already names the flag (`-seed -1 is out of range: ...`),
// and its message is kept as it is. Other errors are returned unchanged.
func plainFlagError(fs *flag.FlagSet, err error) error {
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, "invalid boolean value "); ok {
		if value, rest, ok := strings.Cut(rest, " for -"); ok {
			name, _, _ := strings.Cut(rest, ": ")
			return fmt.Errorf("-%s %s is not true or false", name, value)
		}
	}
	rest, ok := strings.CutPrefix(msg, "invalid value ")
	if !ok {
		return err
	}
	value, rest, ok := strings.Cut(rest, " for flag -")
	if !ok {
		return err
	}
	name, reason, ok := strings.Cut(rest, ": ")
	if !ok {
		return err
	}
	if strings.HasPrefix(reason, "-"+name+" ") {
		return errors.New(reason)
	}
	kind := "a valid value"
	if f := fs.Lookup(name); f != nil {
		if g, ok := f.Value.(flag.Getter); ok {
			switch g.Get().(type) {
			case int, int64, uint, uint64:
				kind = "a whole number"
			case float64:
				kind = "a number"
			case bool:
				kind = "true or false"
			case time.Duration:
				kind = "a duration such as 1.5s"
			}
		}
	}
	if reason == "value out of range" {
		return fmt.Errorf("-%s %s is out of range for %s", name, value, kind)
	}
	return fmt.Errorf("-%s %s is not %s", name, value, kind)
}

// showUsage prints err and the usage of fs, and returns err marked as
// printed.
func showUsage(fs *flag.FlagSet, err error) error {
	fmt.Fprintf(fs.Output(), "%s: %v\n", fs.Name(), err)
	usage(fs)
	return shownError{err}
}

// usage prints the usage of fs as the flag package does.
func usage(fs *flag.FlagSet) {
	if fs.Usage != nil {
		fs.Usage()
		return
	}
	fmt.Fprintf(fs.Output(), "Usage of %s:\n", fs.Name())
	fs.PrintDefaults()
}

// MaxSeed is the largest seed NumPy's np.random.seed accepts, 2³²−1.
const MaxSeed = 1<<32 - 1

// seedRange ends every message about a bad seed.
const seedRange = "NumPy's seeds are 0 to 4294967295"

// Seed checks a -seed flag value: NumPy's seeds are 0 to 2³²−1.
func Seed(v uint64) (uint32, error) {
	if v > MaxSeed {
		return 0, Usagef("-seed %d is out of range: %s", v, seedRange)
	}
	return uint32(v), nil
}

// seedValue is the flag.Value of SeedFlag.
type seedValue struct {
	name string
	v    uint32
}

// String returns the seed in decimal.
func (s *seedValue) String() string {
	if s == nil {
		return "0"
	}
	return strconv.FormatUint(uint64(s.v), 10)
}

// Set parses a seed, 0 to 4294967295, saying what is wrong otherwise.
func (s *seedValue) Set(str string) error {
	v, err := strconv.ParseInt(str, 10, 64)
	var ne *strconv.NumError
	switch {
	case errors.As(err, &ne) && ne.Err == strconv.ErrRange, err == nil && (v < 0 || v > MaxSeed):
		return fmt.Errorf("-%s %s is out of range: %s", s.name, str, seedRange)
	case err != nil:
		return fmt.Errorf("-%s %q is not a whole number: %s", s.name, str, seedRange)
	}
	s.v = uint32(v)
	return nil
}

// SeedFlag adds the -seed flag, the seed of the NumPy-compatible generator
// (np.random.seed), 0 by default. A value that is not a whole number from
// 0 to 4294967295 is a usage error that says so: "-seed -1 is out of
// range: NumPy's seeds are 0 to 4294967295".
func SeedFlag(fs *flag.FlagSet) *uint32 {
	s := &seedValue{name: "seed"}
	fs.Var(s, "seed", "seed of the NumPy-compatible generator (np.random.seed): a `seed` from 0 to 4294967295 (default 0)")
	return &s.v
}

// CheckInt checks the value v of the integer flag -name against its
// allowed range lo to hi, returning a UsageError that gives the range:
// "-hidden 0 must be at least 1 (allowed: 1 to 100000)" or "-hidden
// 1000000000000 is out of range (allowed: 1 to 100000)".
func CheckInt(name string, v, lo, hi int) error {
	switch {
	case v < lo:
		return Usagef("-%s %d must be at least %d (allowed: %d to %d)", name, v, lo, lo, hi)
	case v > hi:
		return Usagef("-%s %d is out of range (allowed: %d to %d)", name, v, lo, hi)
	}
	return nil
}

// outputValue is the flag.Value of an output flag: a path that Parse
// checks with CheckOutput.
type outputValue struct {
	path     string
	optional bool // "" means no output
}

// String returns the path.
func (o *outputValue) String() string {
	if o == nil {
		return ""
	}
	return o.path
}

// Set records the path; Parse checks it once all flags are read.
func (o *outputValue) Set(s string) error {
	o.path = s
	return nil
}

// OutputFlag adds a flag naming a file the program writes, with value as
// the default. Parse checks it with CheckOutput, before the program's work
// starts. Put a back-quoted word in usage to name the value in -h
// ("PNG `file` to write the image to").
func OutputFlag(fs *flag.FlagSet, name, value, usage string) *string {
	o := &outputValue{path: value}
	fs.Var(o, name, usage)
	return &o.path
}

// OptionalOutputFlag is OutputFlag for an output that the empty string
// turns off: Parse checks the path unless it is "".
func OptionalOutputFlag(fs *flag.FlagSet, name, value, usage string) *string {
	o := &outputValue{path: value, optional: true}
	fs.Var(o, name, usage)
	return &o.path
}

// DataFlag adds the -data flag that every MNIST twin takes: the folder
// holding the four MNIST IDX files ("" for $MNIST_DIR, then the Go module
// proxy; see data/mnist.Find).
func DataFlag(fs *flag.FlagSet) *string {
	return fs.String("data", "", "directory holding the four MNIST IDX files (default: $MNIST_DIR, then the Go module proxy)")
}

// FigureFlag adds the -o flag naming the SVG file a twin writes its figure
// to, with the script's name as the default. Parse checks it with
// CheckOutput.
func FigureFlag(fs *flag.FlagSet, script string) *string {
	return OutputFlag(fs, "o", script+".svg", "SVG `file` to write the figure to")
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

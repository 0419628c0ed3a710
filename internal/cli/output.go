package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// CheckOutput checks, before a program starts its work, that it will be
// able to write the file at path: the folder exists and a new file can be
// created in it, and path is not a folder or another kind of special file,
// and, when the file exists, it can be written. It leaves nothing behind:
// the test file it creates in the folder is removed, and an existing file
// at path is neither truncated nor changed. The error names path and says
// what is wrong.
func CheckOutput(path string) error {
	if path == "" {
		return errors.New("no file name given")
	}
	dir := filepath.Dir(path)
	di, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot write %s: the folder %s does not exist", path, dir)
	case err != nil:
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	case !di.IsDir():
		return fmt.Errorf("cannot write %s: %s is not a folder", path, dir)
	}
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		return fmt.Errorf("cannot write %s: it is a folder", path)
	case err == nil && !fi.Mode().IsRegular():
		return fmt.Errorf("cannot write %s: it is not a regular file (%s)", path, fi.Mode().Type())
	case err == nil:
		// Opened for writing without O_TRUNC or O_CREATE: nothing changes.
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
		}
		f.Close()
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	// Saves write a temporary file in the same folder and rename it over
	// the target, so the folder itself must take a new file.
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".check-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: cannot create a file in %s: %w", path, dir, unwrapPath(err))
	}
	name := f.Name()
	f.Close()
	if err := os.Remove(name); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}

// unwrapPath returns the reason of a *fs.PathError without its operation
// and path, which the caller's message already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Package atomicfile writes files so that a failed write never destroys
// the file it was to replace: the new content goes to a temporary file in
// the same folder, which is synced to disk and then renamed over the
// target. On any error the temporary file is removed and the previous file,
// if any, is left as it was.
//
// It is a leaf utility that imports only the standard library, so that
// packages which otherwise import nothing of the project (plot) can use it
// alongside data/npy and the programs under cmd.
package atomicfile

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"unicode/utf8"
)

// bufSize is the size of the buffer Write puts in front of the file.
const bufSize = 1 << 16

// WriteFile writes data to the file at path, like os.WriteFile, but
// through a temporary file that is renamed over path once it is complete;
// see Write.
func WriteFile(path string, data []byte, perm fs.FileMode) error {
	return Write(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Write creates a temporary file in path's folder, lets write fill it
// through a buffered writer, flushes it, syncs it to disk and renames it
// over path. If write returns an error (or panics), or any step fails, the
// temporary file is removed, the error is returned and the file at path is
// left untouched.
//
// A new file gets the permissions perm (before the umask), as os.Create
// and os.WriteFile give; a file that is replaced keeps its permissions. If
// path is a symbolic link, the file it points to is replaced and the link
// kept. If path exists and is not a regular file (a terminal, /dev/null, a
// named pipe), nothing can be renamed over it: it is opened and written in
// place. A path that is a directory is an error.
//
// Errors from the file system are *fs.PathError values that name path
// (not the temporary file); errors returned by write are returned as they
// are.
func Write(path string, perm fs.FileMode, write func(w io.Writer) error) error {
	target := path
	if fi, lerr := os.Lstat(path); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if resolved, rerr := filepath.EvalSymlinks(path); rerr == nil {
			target = resolved
		}
	}
	if fi, serr := os.Stat(target); serr == nil {
		switch {
		case fi.IsDir():
			return &fs.PathError{Op: "write", Path: path, Err: errors.New("is a directory")}
		case !fi.Mode().IsRegular():
			return writeInPlace(path, target, write)
		}
		perm = fi.Mode().Perm()
	}

	f, err := createTemp(target, perm)
	if err != nil {
		return &fs.PathError{Op: "create temporary file for", Path: path, Err: unwrapPath(err)}
	}
	tmp := f.Name()
	done := false
	defer func() {
		if !done {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := fill(f, path, write); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return &fs.PathError{Op: "sync", Path: path, Err: unwrapPath(err)}
	}
	if err := f.Close(); err != nil {
		return &fs.PathError{Op: "close", Path: path, Err: unwrapPath(err)}
	}
	if err := os.Rename(tmp, target); err != nil {
		return &fs.PathError{Op: "rename temporary file to", Path: path, Err: unwrapLink(err)}
	}
	done = true
	syncDir(filepath.Dir(target))
	return nil
}

// fill runs write on a buffered writer over f and flushes it. Write
// errors of f are reported under path.
func fill(f *os.File, path string, write func(w io.Writer) error) error {
	bw := bufio.NewWriterSize(namedWriter{f, path}, bufSize)
	if err := write(bw); err != nil {
		return err
	}
	return bw.Flush()
}

// writeInPlace writes to an existing file that is not a regular file.
func writeInPlace(path, target string, write func(w io.Writer) error) error {
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return &fs.PathError{Op: "open", Path: path, Err: unwrapPath(err)}
	}
	if err := fill(f, path, write); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return &fs.PathError{Op: "close", Path: path, Err: unwrapPath(err)}
	}
	return nil
}

// createTemp creates a new file in target's folder, named after it with a
// random suffix, with the permissions perm (less the umask).
func createTemp(target string, perm fs.FileMode) (*os.File, error) {
	dir, base := filepath.Split(target)
	// Keep the name within the 255 bytes most file systems allow.
	const maxBase = 200
	if len(base) > maxBase {
		cut := maxBase
		for cut > 0 && !utf8.RuneStart(base[cut]) {
			cut--
		}
		base = base[:cut]
	}
	for try := 0; ; try++ {
		name := filepath.Join(dir, "."+base+".tmp"+strconv.FormatUint(uint64(rand.Uint32()), 10))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if err == nil || !errors.Is(err, fs.ErrExist) || try >= 100 {
			return f, err
		}
	}
}

// syncDir syncs the folder so that the rename itself survives a crash.
// Not every system can sync a folder; failures are ignored, since the
// file's content is already safe.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// namedWriter reports write errors of f as errors on path.
type namedWriter struct {
	f    *os.File
	path string
}

// Write writes to the temporary file.
func (w namedWriter) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	if err != nil {
		err = &fs.PathError{Op: "write", Path: w.path, Err: unwrapPath(err)}
	}
	return n, err
}

// unwrapPath returns the cause of a *fs.PathError, whose path would name
// the temporary file, or err itself.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// unwrapLink returns the cause of an *os.LinkError, or err itself.
func unwrapLink(err error) error {
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

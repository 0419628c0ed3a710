package mnist

import (
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"

	"github.com/dlfs-go/dlfs/internal/atomicfile"
)

// EnvCache is the environment variable that turns the unpacked copy off:
// DLFS_MNIST_CACHE=off makes LoadDefault read the module's gzipped files
// every time.
const EnvCache = "DLFS_MNIST_CACHE"

// The files of the GoMNIST module are gzipped, and unpacking them takes
// most of the time of a load (about 0.4 s on the development machine, for
// 47 MB of training images). As the book's dataset/mnist.py keeps the
// arrays it converted in mnist.pkl, LoadDefault keeps an unpacked copy of
// the module's four files in the user's cache folder
// (os.UserCacheDir()/dlfs/mnist/<ModuleVersion>/, 55 MB) and reads that
// when it is there: about 30 ms. The copy is only made of the module's
// files, which never change for a version; a folder given by -data or
// $MNIST_DIR is read as it is. A copy that cannot be written is not
// made, and one that does not read back as valid MNIST files is read
// from the module again (and rewritten): the cache can only make a load
// faster, never make it fail.

// cacheDir returns the folder of the unpacked copy, or "" when there is
// none (no cache folder, or EnvCache is "off").
func cacheDir() string {
	if os.Getenv(EnvCache) == "off" {
		return ""
	}
	base, err := os.UserCacheDir()
	if err != nil || base == "" {
		return ""
	}
	return filepath.Join(base, "dlfs", "mnist", ModuleVersion)
}

// loadModule loads the module's files from dir, through the unpacked copy
// in cache when it holds all four, and writes the copy when it does not.
func loadModule(dir, cache string) (*Dataset, error) {
	if cache != "" && len(missingFiles(cache)) == 0 {
		if d, err := Load(cache); err == nil {
			return d, nil
		}
	}
	d, err := Load(dir)
	if err != nil {
		return nil, err
	}
	if cache != "" {
		// Best effort: an error leaves no file behind (atomicfile) and
		// costs only the next load's speed.
		_ = writeUnpacked(cache, d)
	}
	return d, nil
}

// writeUnpacked writes d's two sets as raw IDX files into dir.
func writeUnpacked(dir string, d *Dataset) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var errs []error
	for _, f := range []struct {
		name string
		set  *Set
		imgs bool
	}{{TrainImagesFile, d.Train, true}, {TrainLabelsFile, d.Train, false}, {TestImagesFile, d.Test, true}, {TestLabelsFile, d.Test, false}} {
		errs = append(errs, atomicfile.Write(filepath.Join(dir, f.name), 0o644, func(w io.Writer) error {
			return writeIDX(w, f.set, f.imgs)
		}))
	}
	return errors.Join(errs...)
}

// writeIDX writes s's images (an IDX3 file) or labels (IDX1) to w.
func writeIDX(w io.Writer, s *Set, images bool) error {
	var head []byte
	if images {
		head = binary.BigEndian.AppendUint32(head, imageMagic)
		head = binary.BigEndian.AppendUint32(head, uint32(s.N))
		head = binary.BigEndian.AppendUint32(head, uint32(s.Rows))
		head = binary.BigEndian.AppendUint32(head, uint32(s.Cols))
	} else {
		head = binary.BigEndian.AppendUint32(head, labelMagic)
		head = binary.BigEndian.AppendUint32(head, uint32(s.N))
	}
	if _, err := w.Write(head); err != nil {
		return err
	}
	body := s.LabelBytes
	if images {
		body = s.ImageBytes
	}
	_, err := w.Write(body)
	return err
}

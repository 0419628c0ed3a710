package mnist

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/dlfs-go/dlfs/tensor"
)

// The names of the four standard MNIST files. Each may be stored raw or
// gzipped with a ".gz" suffix (the content decides, not the suffix).
const (
	TrainImagesFile = "train-images-idx3-ubyte"
	TrainLabelsFile = "train-labels-idx1-ubyte"
	TestImagesFile  = "t10k-images-idx3-ubyte"
	TestLabelsFile  = "t10k-labels-idx1-ubyte"
)

// ImageRows and ImageCols are the size of an MNIST image; Load rejects
// files of any other size.
const (
	ImageRows = 28
	ImageCols = 28
)

// fileNames lists the four files in the order Load reads them.
var fileNames = [4]string{TrainImagesFile, TrainLabelsFile, TestImagesFile, TestLabelsFile}

// Dataset is MNIST: 60000 training and 10000 test images with their labels.
type Dataset struct {
	Train, Test *Set
}

// filePath returns the path of the file called name (or name.gz) in dir.
// The raw file is preferred when both exist. The error wraps fs.ErrNotExist
// when neither does.
func filePath(dir, name string) (string, error) {
	var firstErr error
	for _, p := range []string{filepath.Join(dir, name), filepath.Join(dir, name+".gz")} {
		fi, err := os.Stat(p)
		if err == nil && !fi.IsDir() {
			return p, nil
		}
		if err == nil {
			err = fmt.Errorf("%s is a directory: %w", p, fs.ErrNotExist)
		}
		if firstErr == nil || !errors.Is(err, fs.ErrNotExist) {
			firstErr = err
		}
	}
	if errors.Is(firstErr, fs.ErrNotExist) {
		return "", fmt.Errorf("mnist: %s holds neither %s nor %s.gz: %w", dir, name, name, fs.ErrNotExist)
	}
	return "", fmt.Errorf("mnist: %w", firstErr)
}

// missingFiles returns the names of the four files that dir lacks.
func missingFiles(dir string) []string {
	var missing []string
	for _, name := range fileNames {
		if _, err := filePath(dir, name); err != nil {
			missing = append(missing, name)
		}
	}
	return missing
}

// Load reads the four MNIST files from dir: train-images-idx3-ubyte,
// train-labels-idx1-ubyte, t10k-images-idx3-ubyte and
// t10k-labels-idx1-ubyte, each raw or gzipped (name or name.gz). Beyond
// what ReadSet checks (the format, labels 0..9, as many labels as images),
// each set must hold at least one image, and every image must be 28x28
// (ImageRows x ImageCols), so that the book's networks, whose input layer
// has 784 units, can take them.
//
// Errors name the file and what is wrong with it; a missing file or folder
// gives an error that matches fs.ErrNotExist, a corrupt one an error that
// matches ErrFormat. Use LoadDefault to find dir as the programs do.
func Load(dir string) (*Dataset, error) {
	if err := checkFolder(dir); err != nil {
		return nil, fmt.Errorf("mnist: the data directory %w", err)
	}
	var paths [4]string
	for i, name := range fileNames {
		p, err := filePath(dir, name)
		if err != nil {
			return nil, err
		}
		paths[i] = p
	}
	train, err := readMNISTSet(paths[0], paths[1])
	if err != nil {
		return nil, err
	}
	test, err := readMNISTSet(paths[2], paths[3])
	if err != nil {
		return nil, err
	}
	return &Dataset{Train: train, Test: test}, nil
}

// readMNISTSet reads a set with ReadSet and checks that it is MNIST's:
// at least one image, each 28x28.
func readMNISTSet(imagesPath, labelsPath string) (*Set, error) {
	s, err := ReadSet(imagesPath, labelsPath)
	if err != nil {
		return nil, err
	}
	if s.Rows != ImageRows || s.Cols != ImageCols {
		return nil, formatErrorf(imagesPath, "images of %dx%d pixels, but MNIST's are %dx%d",
			s.Rows, s.Cols, ImageRows, ImageCols)
	}
	if s.N == 0 {
		return nil, formatErrorf(imagesPath, "holds no images (the header says 0)")
	}
	return s, nil
}

// LoadDefault finds the MNIST files with Find(dir, log) and loads them with
// Load. dir is the directory given by the user (a -data flag), "" for none;
// log receives the one line printed when the files are fetched (nil
// discards it).
//
// When the files come from the Go module, LoadDefault reads and keeps an
// unpacked copy of them in the user's cache folder, as the book keeps
// mnist.pkl: see EnvCache.
func LoadDefault(dir string, log io.Writer) (*Dataset, error) {
	d, err := Find(dir, log)
	if err != nil {
		return nil, err
	}
	if dir == "" && os.Getenv(EnvVar) == "" {
		return loadModule(d, cacheDir())
	}
	return Load(d)
}

// Tensors returns the book's four arrays (x_train, t_train), (x_test,
// t_test) as new tensors, in the forms opts chooses (see Set.Images and
// Set.Labels).
//
// Memory: with the flattened float64 images this is 376 MB for the training
// set and 63 MB for the test set. Training loops should rather keep the
// Dataset and convert each mini-batch with Set.ImagesInto.
func (d *Dataset) Tensors(opts Options) (xTrain, tTrain, xTest, tTest *tensor.Tensor) {
	return d.Train.Images(opts), d.Train.Labels(opts), d.Test.Images(opts), d.Test.Labels(opts)
}

// LoadMNIST is the book's load_mnist(normalize, flatten, one_hot_label) for
// small scripts: it finds and loads MNIST as LoadDefault(dir, log) does and
// returns the four tensors (x_train, t_train), (x_test, t_test):
//
//	xTrain, tTrain, xTest, tTest, err := mnist.LoadMNIST(*dataDir, os.Stderr, mnist.DefaultOptions())
//
// Shapes: xTrain (60000, 784) with opts.Flatten or (60000, 1, 28, 28);
// tTrain (60000,) or (60000, 10) with opts.OneHotLabel; the test tensors
// have 10000 rows.
//
// Memory: the float64 images take 376 MB (training) and 63 MB (test), eight
// times the bytes on disk. Scripts that train on mini-batches should use
// LoadDefault and Set.ImagesInto instead, which keep the images as bytes.
func LoadMNIST(dir string, log io.Writer, opts Options) (xTrain, tTrain, xTest, tTest *tensor.Tensor, err error) {
	d, err := LoadDefault(dir, log)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	xTrain, tTrain, xTest, tTest = d.Tensors(opts)
	return xTrain, tTrain, xTest, tTest, nil
}

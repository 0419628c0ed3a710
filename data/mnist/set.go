package mnist

import (
	"fmt"
	"runtime"

	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/dlfs-go/dlfs/internal/vec"
	"github.com/dlfs-go/dlfs/tensor"
)

// Set is one part of MNIST (the training or the test images) kept as bytes:
// 60000 training images take 47 MB this way, against 376 MB as float64.
// Convert mini-batches with ImagesInto and LabelsInto, or everything at once
// with Images and Labels.
//
// The fields are exported so that a Set can be built from bytes (see
// NewSet, which checks them); methods panic when they disagree.
type Set struct {
	// N is the number of images (and labels).
	N int
	// Rows and Cols are the size of each image (28 and 28 for MNIST).
	Rows, Cols int
	// ImageBytes holds N*Rows*Cols pixels, image after image, each image
	// row-major; 0 is background, 255 is ink.
	ImageBytes []byte
	// LabelBytes holds N labels, each a digit 0..9.
	LabelBytes []byte
}

// Options mirror the arguments of the book's load_mnist(normalize,
// flatten, one_hot_label) in dataset/mnist.py. The zero value is all false;
// the book's defaults are DefaultOptions().
type Options struct {
	// Normalize scales pixels to 0.0..1.0 (float32(v)/255 widened to
	// float64, as NumPy computes it); otherwise they are 0..255.
	Normalize bool
	// Flatten gives images as rows of Rows*Cols values, (N, 784);
	// otherwise as (N, 1, 28, 28).
	Flatten bool
	// OneHotLabel gives labels as one-hot rows, (N, 10); otherwise as
	// class indices, (N,).
	OneHotLabel bool
}

// DefaultOptions returns the defaults of the book's load_mnist:
// normalize=True, flatten=True, one_hot_label=False.
func DefaultOptions() Options { return Options{Normalize: true, Flatten: true} }

// normalized[v] is float64(float32(v) / 255): the book's
// x.astype(np.float32) / 255.0, widened to float64.
var normalized = func() (t [256]float64) {
	for v := range t {
		// The explicit conversion rounds the quotient to float32 even
		// where the compiler might otherwise keep more precision.
		t[v] = float64(float32(float32(v) / 255))
	}
	return t
}()

// Normalize returns the normalised value of pixel v, float32(v)/255
// computed in float32 and widened to float64, which is exactly what the
// book's load_mnist(normalize=True) yields for it.
func Normalize(v byte) float64 { return normalized[v] }

// NewSet returns a Set of rows x cols images that uses images and labels as
// its storage, without copying. len(images) must be len(labels)*rows*cols,
// and every label a digit 0..9; otherwise NewSet returns an error (which
// matches ErrFormat).
func NewSet(rows, cols int, images, labels []byte) (*Set, error) {
	if rows <= 0 || cols <= 0 || rows > MaxPixels/cols {
		return nil, newSetError("bad image size %dx%d", rows, cols)
	}
	n := len(labels)
	if len(images)%(rows*cols) != 0 || len(images)/(rows*cols) != n {
		return nil, newSetError("%d pixels are not %d images of %dx%d", len(images), n, rows, cols)
	}
	for i, l := range labels {
		if l >= NumClasses {
			return nil, newSetError("label %d at index %d is not a digit 0..9", l, i)
		}
	}
	return &Set{N: n, Rows: rows, Cols: cols, ImageBytes: images, LabelBytes: labels}, nil
}

// setError is an error of NewSet; it matches ErrFormat.
type setError struct{ msg string }

// Error says what is wrong with the images or labels.
func (e *setError) Error() string { return "mnist.NewSet: " + e.msg }

// Is reports whether target is ErrFormat, which every setError matches.
func (e *setError) Is(target error) bool { return target == ErrFormat }

func newSetError(format string, args ...any) error {
	return &setError{fmt.Sprintf(format, args...)}
}

// ReadSet reads a Set from an IDX3 image file and an IDX1 label file, each
// raw or gzipped. The files must hold the same number of items.
func ReadSet(imagesPath, labelsPath string) (*Set, error) {
	n, rows, cols, pix, err := ReadImages(imagesPath)
	if err != nil {
		return nil, err
	}
	labels, err := ReadLabels(labelsPath)
	if err != nil {
		return nil, err
	}
	if len(labels) != n {
		return nil, &fileError{
			path:   labelsPath,
			msg:    fmt.Sprintf("holds %d labels, but %s holds %d images", len(labels), imagesPath, n),
			format: true,
		}
	}
	return &Set{N: n, Rows: rows, Cols: cols, ImageBytes: pix, LabelBytes: labels}, nil
}

// pixels returns the number of pixels of one image.
func (s *Set) pixels() int { return s.Rows * s.Cols }

func (s *Set) check(op string, i int) {
	if i < 0 || i >= s.N {
		panic(fmt.Sprintf("mnist.%s: index %d out of range for a set of %d images", op, i, s.N))
	}
}

// Image returns the pixels of image i, Rows*Cols bytes row-major. The slice
// shares the set's storage: do not modify it.
func (s *Set) Image(i int) []byte {
	s.check("Image", i)
	p := s.pixels()
	return s.ImageBytes[i*p : (i+1)*p : (i+1)*p]
}

// Label returns the label of image i, a digit 0..9.
func (s *Set) Label(i int) int {
	s.check("Label", i)
	return int(s.LabelBytes[i])
}

// Slice returns the images i to j-1 as a Set that shares s's storage, like
// the book's x_train[:1000] (s.Slice(0, 1000)).
func (s *Set) Slice(i, j int) *Set {
	if i < 0 || j < i || j > s.N {
		panic(fmt.Sprintf("mnist.Slice: [%d:%d] out of range for a set of %d images", i, j, s.N))
	}
	p := s.pixels()
	return &Set{
		N: j - i, Rows: s.Rows, Cols: s.Cols,
		ImageBytes: s.ImageBytes[i*p : j*p : j*p],
		LabelBytes: s.LabelBytes[i:j:j],
	}
}

// classOf returns label i, panicking when it is not a digit (a Set built
// without NewSet), since a one-hot row cannot hold it.
func (s *Set) classOf(op string, i int) int {
	l := int(s.LabelBytes[i])
	if l >= NumClasses {
		panic(fmt.Sprintf("mnist.%s: label %d at index %d is not a digit 0..9", op, l, i))
	}
	return l
}

// ImageShape returns the shape of a batch of n images: (n, Rows*Cols) when
// flatten is set, (n, 1, Rows, Cols) otherwise. Use it to allocate the
// destination of ImagesInto: tensor.Zeros(s.ImageShape(100, true)...).
func (s *Set) ImageShape(n int, flatten bool) []int {
	if flatten {
		return []int{n, s.pixels()}
	}
	return []int{n, 1, s.Rows, s.Cols}
}

// LabelShape returns the shape of a batch of n labels: (n, 10) when oneHot
// is set, (n,) otherwise.
func (s *Set) LabelShape(n int, oneHot bool) []int {
	if oneHot {
		return []int{n, NumClasses}
	}
	return []int{n}
}

// ImagesInto writes the images idx[0], idx[1], ... into dst, one per row,
// without allocating: the book's x_train[batch_mask] for a batch_mask from
// np.random.choice. dst's shape decides the layout: (len(idx), Rows*Cols)
// is the flattened form, (len(idx), 1, Rows, Cols) the image form. With
// normalize the values are float32(v)/255 widened to float64 (see
// Normalize), otherwise v itself (0..255). A dst of another shape or an
// index out of range panics.
func (s *Set) ImagesInto(dst *tensor.Tensor, idx []int, normalize bool) {
	sh := dst.Shape()
	flat := len(sh) == 2 && sh[0] == len(idx) && sh[1] == s.pixels()
	image := len(sh) == 4 && sh[0] == len(idx) && sh[1] == 1 && sh[2] == s.Rows && sh[3] == s.Cols
	if !flat && !image {
		panic(fmt.Sprintf("mnist.ImagesInto: dst shape %s does not hold %d images of %dx%d: want (%d,%d) or (%d,1,%d,%d)",
			tensor.ShapeString(sh), len(idx), s.Rows, s.Cols, len(idx), s.pixels(), len(idx), s.Rows, s.Cols))
	}
	for _, i := range idx {
		s.check("ImagesInto", i)
	}
	data := dst.Data()
	if !imagesJob.Try(len(idx), 1, max(1, imagesGrainValues/max(1, s.pixels())), func(t *imagesTask) {
		t.s, t.data, t.idx, t.normalize = s, data, idx, normalize
	}) {
		s.convertImages(data, idx, normalize)
	}
}

// imagesGrainValues is the least number of values ImagesInto gives one
// piece, in whole images: from twice that on (a batch of 100 MNIST images is
// 78400 values), the work is split between the cores.
const imagesGrainValues = 1 << 13

// imagesJob is the one long-lived task of ImagesInto.
var imagesJob parallel.Job[imagesTask, *imagesTask]

// imagesTask is ImagesInto over a range of consecutive images.
type imagesTask struct {
	s         *Set
	data      []float64
	idx       []int
	normalize bool
}

// Range converts the images idx[lo:hi].
func (t *imagesTask) Range(lo, hi int) {
	p := t.s.pixels()
	t.s.convertImages(t.data[lo*p:hi*p], t.idx[lo:hi], t.normalize)
}

// convertImages writes the images idx[k] into out[k*pixels:], indices
// already checked.
func (s *Set) convertImages(out []float64, idx []int, normalize bool) {
	p := s.pixels()
	// Touch every cache line of the chosen images first: the loads are
	// independent, so the memory system fetches many at once, and the
	// conversion below then reads from cache. (A mini-batch drawn at random
	// from 47 MB of images is otherwise one cache miss after another.)
	var touch byte
	for _, i := range idx {
		img := s.ImageBytes[i*p : (i+1)*p]
		for j := 0; j < len(img); j += 64 {
			touch |= img[j]
		}
	}
	runtime.KeepAlive(touch)
	for k, i := range idx {
		s.convert(out[k*p:(k+1)*p], i, normalize)
	}
}

// convert writes the values of image i into out (len Rows*Cols).
func (s *Set) convert(out []float64, i int, normalize bool) {
	p := len(out)
	src := s.ImageBytes[i*p : (i+1)*p]
	if normalize {
		vec.Normalize255(out, src) // = normalized[v] for each byte, vectorised
		return
	}
	for j, v := range src {
		out[j] = float64(v)
	}
}

// LabelsInto writes the labels idx[0], idx[1], ... into dst without
// allocating: the book's t_train[batch_mask]. dst's shape decides the form
// and must agree with oneHot: (len(idx),) for class indices 0..9 when oneHot
// is false, (len(idx), 10) for one-hot rows when oneHot is true. A dst of
// another shape or an index out of range panics.
func (s *Set) LabelsInto(dst *tensor.Tensor, idx []int, oneHot bool) {
	sh := dst.Shape()
	ok := len(sh) == 1 && sh[0] == len(idx)
	if oneHot {
		ok = len(sh) == 2 && sh[0] == len(idx) && sh[1] == NumClasses
	}
	if !ok {
		want := fmt.Sprintf("(%d,)", len(idx))
		if oneHot {
			want = fmt.Sprintf("(%d,%d)", len(idx), NumClasses)
		}
		panic(fmt.Sprintf("mnist.LabelsInto: dst shape %s does not hold %d labels (oneHot=%t): want %s",
			tensor.ShapeString(sh), len(idx), oneHot, want))
	}
	for _, i := range idx {
		s.check("LabelsInto", i)
	}
	data := dst.Data()
	if !oneHot {
		for k, i := range idx {
			data[k] = float64(s.LabelBytes[i])
		}
		return
	}
	clear(data)
	for k, i := range idx {
		data[k*NumClasses+s.classOf("LabelsInto", i)] = 1
	}
}

// Images returns every image of the set as a new tensor: shape (N, 784)
// with opts.Flatten, (N, 1, 28, 28) without (for 28x28 images); values as
// described for ImagesInto. For the 60000 training images this is 376 MB;
// training loops should convert mini-batches with ImagesInto instead.
// opts.OneHotLabel is ignored.
func (s *Set) Images(opts Options) *tensor.Tensor {
	x := tensor.Zeros(s.ImageShape(s.N, opts.Flatten)...)
	p := s.pixels()
	data := x.Data()
	for i := range s.N {
		s.convert(data[i*p:(i+1)*p], i, opts.Normalize)
	}
	return x
}

// Labels returns every label of the set as a new tensor: shape (N, 10)
// one-hot with opts.OneHotLabel, (N,) class indices without.
// opts.Normalize and opts.Flatten are ignored.
func (s *Set) Labels(opts Options) *tensor.Tensor {
	t := tensor.Zeros(s.LabelShape(s.N, opts.OneHotLabel)...)
	data := t.Data()
	for i, l := range s.LabelBytes[:s.N] {
		if opts.OneHotLabel {
			data[i*NumClasses+s.classOf("Labels", i)] = 1
		} else {
			data[i] = float64(l)
		}
	}
	return t
}

// Batch returns the images and labels idx[0], idx[1], ... as new tensors,
// in the forms opts chooses: the book's x_train[batch_mask],
// t_train[batch_mask]. Loops that run many batches should keep two tensors
// and call ImagesInto and LabelsInto instead.
func (s *Set) Batch(idx []int, opts Options) (x, t *tensor.Tensor) {
	x = tensor.Zeros(s.ImageShape(len(idx), opts.Flatten)...)
	t = tensor.Zeros(s.LabelShape(len(idx), opts.OneHotLabel)...)
	s.ImagesInto(x, idx, opts.Normalize)
	s.LabelsInto(t, idx, opts.OneHotLabel)
	return x, t
}

package mnist

import "github.com/dlfs-go/dlfs/tensor"

// ImageSource is a Set's images seen as samples gathered by index and
// converted per batch, in the form its options choose. It satisfies
// train.Source, so that a training loop can take MNIST as bytes (47 MB for
// the training set) instead of the book's float64 arrays (376 MB).
type ImageSource struct {
	Set       *Set
	Normalize bool // float32(v)/255 widened to float64, or v itself
	Flatten   bool // (n, Rows*Cols) batches, or (n, 1, Rows, Cols)
}

// LabelSource is a Set's labels seen as samples gathered by index: one-hot
// rows (n, 10) or class indices (n,). It satisfies train.Source.
type LabelSource struct {
	Set    *Set
	OneHot bool
}

// Sources returns the set's images and labels as sources of samples in
// the forms opts chooses, the book's load_mnist(normalize, flatten,
// one_hot_label) arrays converted batch by batch:
//
//	xTrain, tTrain := ds.Train.Sources(mnist.Options{Normalize: true, Flatten: true, OneHotLabel: true})
func (s *Set) Sources(opts Options) (ImageSource, LabelSource) {
	return ImageSource{Set: s, Normalize: opts.Normalize, Flatten: opts.Flatten},
		LabelSource{Set: s, OneHot: opts.OneHotLabel}
}

// Len returns the number of images.
func (s ImageSource) Len() int { return s.Set.N }

// BatchShape returns the shape of a batch of n images (ImageShape).
func (s ImageSource) BatchShape(n int) []int { return s.Set.ImageShape(n, s.Flatten) }

// RowsInto converts the images idx[0], idx[1], ... into dst (ImagesInto).
func (s ImageSource) RowsInto(dst *tensor.Tensor, idx []int) {
	s.Set.ImagesInto(dst, idx, s.Normalize)
}

// Len returns the number of labels.
func (s LabelSource) Len() int { return s.Set.N }

// BatchShape returns the shape of a batch of n labels (LabelShape).
func (s LabelSource) BatchShape(n int) []int { return s.Set.LabelShape(n, s.OneHot) }

// RowsInto writes the labels idx[0], idx[1], ... into dst (LabelsInto).
func (s LabelSource) RowsInto(dst *tensor.Tensor, idx []int) {
	s.Set.LabelsInto(dst, idx, s.OneHot)
}

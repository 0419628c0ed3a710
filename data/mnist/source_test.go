package mnist

import (
	"testing"

	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
)

func TestSources(t *testing.T) {
	// three 2x2 images with pixels 0..11 and labels 7, 0, 9
	pix := []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}
	s, err := NewSet(2, 2, pix, []byte{7, 0, 9})
	if err != nil {
		t.Fatal(err)
	}
	idx := []int{2, 0, 2}
	for _, tc := range []struct {
		name           string
		opts           Options
		xShape, tShape []int
		x, lbl         []float64
	}{
		{"raw flat indices", Options{Flatten: true}, []int{3, 4}, []int{3},
			[]float64{8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11}, []float64{9, 7, 9}},
		{"raw images one-hot", Options{OneHotLabel: true}, []int{3, 1, 2, 2}, []int{3, 10},
			[]float64{8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11},
			[]float64{0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}},
		{"normalized", Options{Normalize: true, Flatten: true}, []int{3, 4}, []int{3},
			// float32(v)/255 widened, as NumPy's astype(np.float32) / 255.0
			[]float64{float64(float32(8) / 255), float64(float32(9) / 255), float64(float32(10) / 255), float64(float32(11) / 255),
				0, float64(float32(1) / 255), float64(float32(2) / 255), float64(float32(3) / 255),
				float64(float32(8) / 255), float64(float32(9) / 255), float64(float32(10) / 255), float64(float32(11) / 255)},
			[]float64{9, 7, 9}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			xs, ts := s.Sources(tc.opts)
			if xs.Len() != 3 || ts.Len() != 3 {
				t.Fatalf("Len %d and %d, want 3", xs.Len(), ts.Len())
			}
			if diff := cmp.Diff(tc.xShape, xs.BatchShape(3)); diff != "" {
				t.Errorf("image batch shape (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.tShape, ts.BatchShape(3)); diff != "" {
				t.Errorf("label batch shape (-want +got):\n%s", diff)
			}
			x, lbl := tensor.Full(-1, tc.xShape...), tensor.Full(-1, tc.tShape...)
			xs.RowsInto(x, idx)
			ts.RowsInto(lbl, idx)
			if diff := cmp.Diff(tc.x, x.Data()); diff != "" {
				t.Errorf("images (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.lbl, lbl.Data()); diff != "" {
				t.Errorf("labels (-want +got):\n%s", diff)
			}
		})
	}
}

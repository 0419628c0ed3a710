package mnist

import (
	"bufio"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
)

// numpyNormalized reads testdata/normalize_numpy.txt (see gen_normalize.py):
// NumPy's value for each pixel under load_mnist(normalize=True).
func numpyNormalized(t *testing.T) [256]float64 {
	t.Helper()
	f, err := os.Open("testdata/normalize_numpy.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var vals [256]float64
	seen := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != 3 {
			t.Fatalf("bad line %q", line)
		}
		v, err := strconv.Atoi(fields[0])
		if err != nil || v < 0 || v > 255 {
			t.Fatalf("bad pixel value in %q", line)
		}
		x, err := strconv.ParseFloat(fields[1], 64)
		if err != nil {
			t.Fatalf("bad value in %q: %v", line, err)
		}
		vals[v] = x
		seen++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if seen != 256 {
		t.Fatalf("%d values in testdata/normalize_numpy.txt, want 256", seen)
	}
	return vals
}

// allPixels returns a Set of one 16x16 image holding the pixel values 0..255
// in order.
func allPixels(t *testing.T) *Set {
	t.Helper()
	pix := make([]byte, 256)
	for i := range pix {
		pix[i] = byte(i)
	}
	s, err := NewSet(16, 16, pix, []byte{3})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestNormalize(t *testing.T) {
	numpy := numpyNormalized(t)
	s := allPixels(t)
	x := tensor.Zeros(1, 256)
	s.ImagesInto(x, []int{0}, true)
	raw := tensor.Zeros(1, 256)
	s.ImagesInto(raw, []int{0}, false)
	differs := 0
	for v := range 256 {
		want := float64(float32(v) / 255)
		got := []float64{Normalize(byte(v)), x.Data()[v]}
		for _, g := range got {
			if math.Float64bits(g) != math.Float64bits(want) {
				t.Errorf("pixel %d: got %v, want float64(float32(v)/255) = %v", v, g, want)
			}
			if math.Float64bits(g) != math.Float64bits(numpy[v]) {
				t.Errorf("pixel %d: got %v, NumPy gives %v", v, g, numpy[v])
			}
		}
		if raw.Data()[v] != float64(v) {
			t.Errorf("pixel %d without normalize: got %v", v, raw.Data()[v])
		}
		if float64(v)/255 != numpy[v] {
			differs++
		}
	}
	// The float32 quotient is the point: the float64 one would not match.
	if differs == 0 {
		t.Error("float64(v)/255 matches NumPy for every v; the float32 step would be pointless")
	}
}

// smallSet returns 3 images of 2x3 pixels with labels 7, 0, 9.
func smallSet(t *testing.T) *Set {
	t.Helper()
	s, err := NewSet(2, 3, []byte{
		0, 1, 2, 3, 4, 5,
		10, 11, 12, 13, 14, 15,
		255, 254, 253, 252, 251, 250,
	}, []byte{7, 0, 9})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestBatch(t *testing.T) {
	s := smallSet(t)
	idx := []int{2, 0, 2}
	pixels := []float64{
		255, 254, 253, 252, 251, 250,
		0, 1, 2, 3, 4, 5,
		255, 254, 253, 252, 251, 250,
	}
	tests := []struct {
		name   string
		opts   Options
		xShape []int
		tShape []int
		t      []float64
	}{
		{"zero options", Options{}, []int{3, 1, 2, 3}, []int{3}, []float64{9, 7, 9}},
		{"flatten", Options{Flatten: true}, []int{3, 6}, []int{3}, []float64{9, 7, 9}},
		{"normalize one-hot", Options{Normalize: true, OneHotLabel: true}, []int{3, 1, 2, 3}, []int{3, 10}, []float64{
			0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
			0, 0, 0, 0, 0, 0, 0, 1, 0, 0,
			0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
		}},
		{"all", Options{Normalize: true, Flatten: true, OneHotLabel: true}, []int{3, 6}, []int{3, 10}, nil},
		{"book defaults", DefaultOptions(), []int{3, 6}, []int{3}, []float64{9, 7, 9}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, lab := s.Batch(idx, tt.opts)
			if diff := cmp.Diff(tt.xShape, x.Shape()); diff != "" {
				t.Errorf("images shape (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.tShape, lab.Shape()); diff != "" {
				t.Errorf("labels shape (-want +got):\n%s", diff)
			}
			want := make([]float64, len(pixels))
			for i, p := range pixels {
				want[i] = p
				if tt.opts.Normalize {
					want[i] = float64(float32(p) / 255)
				}
			}
			if diff := cmp.Diff(want, x.Data()); diff != "" {
				t.Errorf("images (-want +got):\n%s", diff)
			}
			if tt.t != nil {
				if diff := cmp.Diff(tt.t, lab.Data()); diff != "" {
					t.Errorf("labels (-want +got):\n%s", diff)
				}
			}

			// The whole set: Images and Labels agree with a batch of all.
			all := []int{0, 1, 2}
			xa, ta := s.Batch(all, tt.opts)
			if diff := cmp.Diff(xa.Data(), s.Images(tt.opts).Data()); diff != "" {
				t.Errorf("Images differs from Batch(0, 1, 2) (-batch +images):\n%s", diff)
			}
			if diff := cmp.Diff(ta.Data(), s.Labels(tt.opts).Data()); diff != "" {
				t.Errorf("Labels differs from Batch(0, 1, 2) (-batch +labels):\n%s", diff)
			}
			if diff := cmp.Diff(s.ImageShape(3, tt.opts.Flatten), s.Images(tt.opts).Shape()); diff != "" {
				t.Errorf("Images shape (-want +got):\n%s", diff)
			}
		})
	}
}

func TestIntoOverwrites(t *testing.T) {
	s := smallSet(t)
	x := tensor.Full(-1, 2, 6)
	s.ImagesInto(x, []int{1, 0}, false)
	want := []float64{10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5}
	if diff := cmp.Diff(want, x.Data()); diff != "" {
		t.Errorf("ImagesInto (-want +got):\n%s", diff)
	}
	oh := tensor.Full(-1, 2, 10)
	s.LabelsInto(oh, []int{1, 0}, true)
	wantOH := []float64{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0}
	if diff := cmp.Diff(wantOH, oh.Data()); diff != "" {
		t.Errorf("LabelsInto one-hot (-want +got):\n%s", diff)
	}
}

func TestAccessors(t *testing.T) {
	s := smallSet(t)
	if diff := cmp.Diff([]byte{10, 11, 12, 13, 14, 15}, s.Image(1)); diff != "" {
		t.Errorf("Image(1) (-want +got):\n%s", diff)
	}
	if got := []int{s.Label(0), s.Label(1), s.Label(2)}; !cmp.Equal(got, []int{7, 0, 9}) {
		t.Errorf("labels %v, want [7 0 9]", got)
	}
	sub := s.Slice(1, 3)
	want := &Set{N: 2, Rows: 2, Cols: 3,
		ImageBytes: []byte{10, 11, 12, 13, 14, 15, 255, 254, 253, 252, 251, 250}, LabelBytes: []byte{0, 9}}
	if diff := cmp.Diff(want, sub); diff != "" {
		t.Errorf("Slice(1, 3) (-want +got):\n%s", diff)
	}
	// Appending to an image must not write into the next one.
	_ = append(s.Image(0), 99)
	if s.ImageBytes[6] != 10 {
		t.Error("append to Image(0) changed image 1")
	}
	if diff := cmp.Diff([]int{4, 1, 2, 3}, s.ImageShape(4, false)); diff != "" {
		t.Errorf("ImageShape (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{4, 10}, s.LabelShape(4, true)); diff != "" {
		t.Errorf("LabelShape (-want +got):\n%s", diff)
	}
}

func TestNewSetErrors(t *testing.T) {
	tests := []struct {
		name       string
		rows, cols int
		images     []byte
		labels     []byte
		err        string
	}{
		{"zero rows", 0, 3, nil, nil, "bad image size 0x3"},
		{"negative cols", 2, -3, nil, nil, "bad image size 2x-3"},
		{"huge", 1 << 20, 1 << 20, nil, nil, "bad image size 1048576x1048576"},
		{"partial image", 2, 2, make([]byte, 5), make([]byte, 1), "5 pixels are not 1 images of 2x2"},
		{"more labels", 2, 2, make([]byte, 4), make([]byte, 2), "4 pixels are not 2 images of 2x2"},
		{"label 10", 1, 1, make([]byte, 2), []byte{0, 10}, "label 10 at index 1 is not a digit 0..9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewSet(tt.rows, tt.cols, tt.images, tt.labels)
			if err == nil || err.Error() != "mnist.NewSet: "+tt.err || !errors.Is(err, ErrFormat) {
				t.Errorf("error %v, want %q", err, tt.err)
			}
		})
	}
}

// panicMessage returns the message f panics with, or "" if it does not.
func panicMessage(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg, _ = r.(string)
			if msg == "" {
				msg = "non-string panic"
			}
		}
	}()
	f()
	return ""
}

func TestPanics(t *testing.T) {
	s := smallSet(t)
	bad := &Set{N: 1, Rows: 1, Cols: 1, ImageBytes: []byte{0}, LabelBytes: []byte{12}}
	tests := []struct {
		name string
		f    func()
		want string
	}{
		{"images dst rows", func() { s.ImagesInto(tensor.Zeros(3, 6), []int{0, 1}, true) },
			"mnist.ImagesInto: dst shape (3,6) does not hold 2 images of 2x3: want (2,6) or (2,1,2,3)"},
		{"images dst image shape", func() { s.ImagesInto(tensor.Zeros(2, 2, 3), []int{0, 1}, true) },
			"mnist.ImagesInto: dst shape (2,2,3) does not hold 2 images of 2x3"},
		{"images index", func() { s.ImagesInto(tensor.Zeros(1, 6), []int{3}, true) },
			"mnist.ImagesInto: index 3 out of range for a set of 3 images"},
		{"labels one-hot dst for indices", func() { s.LabelsInto(tensor.Zeros(2, 10), []int{0, 1}, false) },
			"mnist.LabelsInto: dst shape (2,10) does not hold 2 labels (oneHot=false): want (2,)"},
		{"labels index dst for one-hot", func() { s.LabelsInto(tensor.Zeros(2), []int{0, 1}, true) },
			"mnist.LabelsInto: dst shape (2,) does not hold 2 labels (oneHot=true): want (2,10)"},
		{"labels negative index", func() { s.LabelsInto(tensor.Zeros(1), []int{-1}, false) },
			"mnist.LabelsInto: index -1 out of range for a set of 3 images"},
		{"label not a digit", func() { bad.LabelsInto(tensor.Zeros(1, 10), []int{0}, true) },
			"mnist.LabelsInto: label 12 at index 0 is not a digit 0..9"},
		{"Image", func() { s.Image(3) }, "mnist.Image: index 3 out of range for a set of 3 images"},
		{"Label", func() { s.Label(-1) }, "mnist.Label: index -1 out of range for a set of 3 images"},
		{"Slice", func() { s.Slice(2, 4) }, "mnist.Slice: [2:4] out of range for a set of 3 images"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := panicMessage(tt.f); !strings.HasPrefix(got, tt.want) {
				t.Errorf("panic %q, want %q", got, tt.want)
			}
		})
	}
}

func TestIntoAllocatesNothing(t *testing.T) {
	s := allPixels(t)
	idx := []int{0, 0, 0, 0}
	flat := tensor.Zeros(s.ImageShape(4, true)...)
	image := tensor.Zeros(s.ImageShape(4, false)...)
	indices := tensor.Zeros(s.LabelShape(4, false)...)
	oneHot := tensor.Zeros(s.LabelShape(4, true)...)
	big := bigSet(t)
	bigIdx := make([]int, 100)
	bigX := tensor.Zeros(big.ImageShape(100, true)...)
	tests := []struct {
		name string
		f    func()
	}{
		{"ImagesInto flat normalized", func() { s.ImagesInto(flat, idx, true) }},
		{"ImagesInto 100 images, split between cores", func() { big.ImagesInto(bigX, bigIdx, true) }},
		{"ImagesInto image raw", func() { s.ImagesInto(image, idx, false) }},
		{"LabelsInto indices", func() { s.LabelsInto(indices, idx, false) }},
		{"LabelsInto one-hot", func() { s.LabelsInto(oneHot, idx, true) }},
	}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(100, tt.f); n != 0 {
			t.Errorf("%s: %v allocations per run, want 0", tt.name, n)
		}
	}
}

// bigSet is 300 random 28×28 images: enough for ImagesInto to split a
// batch between the cores.
func bigSet(t *testing.T) *Set {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	const n, rows, cols = 300, 28, 28
	pix := make([]byte, n*rows*cols)
	for i := range pix {
		pix[i] = byte(rng.IntN(256))
	}
	labels := make([]byte, n)
	for i := range labels {
		labels[i] = byte(i % 10)
	}
	s, err := NewSet(rows, cols, pix, labels)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestImagesIntoLargeBatches checks batches large enough to be converted in
// parallel, from several goroutines at once, value by value.
func TestImagesIntoLargeBatches(t *testing.T) {
	s := bigSet(t)
	var wg sync.WaitGroup
	for g := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(3, uint64(g)))
			for _, n := range []int{21, 100, 299} {
				idx := make([]int, n)
				for k := range idx {
					idx[k] = rng.IntN(s.N)
				}
				for _, normalize := range []bool{true, false} {
					x := tensor.Full(-1, s.ImageShape(n, true)...)
					s.ImagesInto(x, idx, normalize)
					for k, i := range idx {
						for j, v := range s.Image(i) {
							want := float64(v)
							if normalize {
								want = float64(float32(v) / 255)
							}
							if got := x.At(k, j); got != want {
								t.Errorf("goroutine %d, batch %d, normalize %v: x[%d][%d] = %v, want %v (image %d)", g, n, normalize, k, j, got, want, i)
								return
							}
						}
					}
				}
			}
		}()
	}
	wg.Wait()
}

// TestImagesIntoLargeBatchBadIndex: the index is checked before any work
// is handed to another goroutine, so the panic reaches the caller.
func TestImagesIntoLargeBatchBadIndex(t *testing.T) {
	s := bigSet(t)
	idx := make([]int, 100)
	idx[99] = s.N
	got := panicMessage(func() { s.ImagesInto(tensor.Zeros(s.ImageShape(100, true)...), idx, true) })
	if want := "mnist.ImagesInto: index 300 out of range for a set of 300 images"; !strings.HasPrefix(got, want) {
		t.Errorf("panic %q, want %q", got, want)
	}
}

// TestImagesIntoAfterPanic is a regression test of issue 8 point 7: a
// panic inside ImagesInto's parallel work (here a destination one image
// short, so that the last piece, on the caller or on a worker, panics)
// used to leave its job locked. Now the panic reaches the caller and the
// job is free again: the next call splits its work and is right.
func TestImagesIntoAfterPanic(t *testing.T) {
	defer parallel.ForceWorkers(parallel.ForceWorkers(2))
	s := bigSet(t)
	idx := make([]int, 100)
	want := make([]float64, 0, 100*s.pixels())
	for k := range idx {
		idx[k] = (7 * k) % s.N
		for _, v := range s.Image(idx[k]) {
			want = append(want, float64(v))
		}
	}
	grain := max(1, imagesGrainValues/s.pixels())
	for round := range 10 {
		func() {
			defer func() {
				if recover() == nil {
					t.Fatalf("round %d: no panic", round)
				}
			}()
			imagesJob.Try(len(idx), 1, grain, func(it *imagesTask) {
				it.s, it.data, it.idx = s, make([]float64, 99*s.pixels()), idx
			})
		}()
		got := make([]float64, len(want))
		if !imagesJob.Try(len(idx), 1, grain, func(it *imagesTask) { it.s, it.data, it.idx = s, got, idx }) {
			t.Fatalf("round %d: the job is still taken after the panic", round)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("round %d: after the panic (-want +got):\n%s", round, diff)
		}
		x := tensor.Zeros(s.ImageShape(len(idx), true)...)
		s.ImagesInto(x, idx, false)
		if diff := cmp.Diff(want, x.Data()); diff != "" {
			t.Fatalf("round %d: ImagesInto after the panic (-want +got):\n%s", round, diff)
		}
	}
}

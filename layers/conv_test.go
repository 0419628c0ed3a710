package layers_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/dlfs-go/dlfs/data/npy"
	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// loadConv reads testdata/conv.npz (gen_conv.py: the book's Convolution
// and Pooling run by NumPy).
func loadConv(t *testing.T) map[string]*tensor.Tensor {
	t.Helper()
	arrays, err := npy.ReadNPZFile("testdata/conv.npz")
	if err != nil {
		t.Fatal(err)
	}
	return arrays
}

// sameFloats compares got with want within rel and abs, NaN equal to NaN.
func sameFloats(t *testing.T, what string, got, want *tensor.Tensor, rel, abs float64) {
	t.Helper()
	if !cmp.Equal(got.Shape(), want.Shape()) {
		t.Fatalf("%s: shape %v, want %v", what, got.Shape(), want.Shape())
	}
	if d := cmp.Diff(want.Data(), got.Data(), cmpopts.EquateApprox(rel, abs), cmpopts.EquateNaNs()); d != "" {
		t.Errorf("%s: mismatch (-NumPy +Go):\n%s", what, d)
	}
}

// TestConvolutionMatchesNumPy runs the book's cases of Convolution through
// the layer: the products are summed in another order than OpenBLAS's, so
// within a relative 1e-12; everything else (im2col, col2im, the bias, the
// transposes) is exact.
func TestConvolutionMatchesNumPy(t *testing.T) {
	a := loadConv(t)
	for k := 0; ; k++ {
		key := fmt.Sprintf("conv%d_", k)
		geom, ok := a[key+"geom"]
		if !ok {
			if k == 0 {
				t.Fatal("no Convolution cases in testdata/conv.npz")
			}
			break
		}
		s, p := int(geom.Data()[0]), int(geom.Data()[1])
		c := layers.NewConvolution(a[key+"W"].Clone(), a[key+"b"].Clone(), s, p)
		for round := range 2 { // the second round reuses the buffers
			what := fmt.Sprintf("case %d (stride %d, pad %d) round %d", k, s, p, round)
			sameFloats(t, what+" out", c.Forward(a[key+"x"], true), a[key+"out"], 1e-12, 1e-13)
			sameFloats(t, what+" dx", c.Backward(a[key+"dout"]), a[key+"dx"], 1e-12, 1e-13)
			sameFloats(t, what+" dW", c.DW, a[key+"dW"], 1e-12, 1e-13)
			sameFloats(t, what+" db", c.DB, a[key+"db"], 1e-12, 1e-13)
		}
	}
}

// TestPoolingMatchesNumPy runs the book's cases of Pooling, NaN included
// (NumPy's argmax takes the first NaN), bit for bit.
func TestPoolingMatchesNumPy(t *testing.T) {
	a := loadConv(t)
	for k := 0; ; k++ {
		key := fmt.Sprintf("pool%d_", k)
		geom, ok := a[key+"geom"]
		if !ok {
			if k == 0 {
				t.Fatal("no Pooling cases in testdata/conv.npz")
			}
			break
		}
		g := geom.Data()
		pl := layers.NewPooling(int(g[0]), int(g[1]), int(g[2]), 0)
		for round := range 2 {
			what := fmt.Sprintf("case %d (pool %vx%v stride %v) round %d", k, g[0], g[1], g[2], round)
			sameFloats(t, what+" out", pl.Forward(a[key+"x"], true), a[key+"out"], 0, 0)
			sameFloats(t, what+" dx", pl.Backward(a[key+"dout"]), a[key+"dx"], 0, 0)
		}
	}
}

// distinct returns randn values whose every two differ by more than 0.01,
// so that a central difference never changes which value of a pooling
// window is the largest.
func distinct(g *random.Generator, shape ...int) *tensor.Tensor {
	x := g.Randn(shape...)
	d := x.Data()
	perm := g.Permutation(len(d))
	for i, j := range perm {
		d[j] = 0.05*float64(i) - 0.025*float64(len(d)) + 0.005*d[j]
	}
	return x
}

func TestConvPoolGradients(t *testing.T) {
	g := random.New(11)
	tests := []struct {
		name  string
		layer layers.Layer
		x     *tensor.Tensor
	}{
		{"Convolution 5x5", layers.NewConvolution(g.Randn(3, 1, 5, 5), g.Randn(3), 1, 0), g.Randn(2, 1, 7, 7)},
		{"Convolution 3x3 pad 1", layers.NewConvolution(g.Randn(4, 2, 3, 3), g.Randn(4), 1, 1), g.Randn(2, 2, 5, 6)},
		{"Convolution stride 2 pad 1", layers.NewConvolution(g.Randn(2, 3, 3, 2), g.Randn(2), 2, 1), g.Randn(2, 3, 7, 6)},
		{"Convolution stride 3 pad 2", layers.NewConvolution(g.Randn(2, 2, 4, 4), g.Randn(2), 3, 2), g.Randn(1, 2, 8, 9)},
		{"Convolution 1x1", layers.NewConvolution(g.Randn(3, 4, 1, 1), g.Randn(3), 1, 0), g.Randn(2, 4, 3, 3)},
		{"Pooling 2x2 stride 2", layers.NewPooling(2, 2, 2, 0), distinct(g, 2, 3, 6, 6)},
		{"Pooling 3x3 stride 2 (overlapping)", layers.NewPooling(3, 3, 2, 0), distinct(g, 2, 2, 7, 7)},
		{"Pooling 2x3 stride 1", layers.NewPooling(2, 3, 1, 0), distinct(g, 1, 2, 5, 6)},
		{"Pooling 2x2 stride 2 pad 1", layers.NewPooling(2, 2, 2, 1), distinct(g, 2, 2, 5, 5)},
		{"Pooling 3x3 stride 1 pad 1", layers.NewPooling(3, 3, 1, 1), distinct(g, 1, 2, 4, 4)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkLayer(t, tc.name, tc.layer, tc.x, g) })
	}
}

// TestPoolingNaN checks NumPy's argmax rule on a window holding NaN: the
// first NaN is the maximum, and the gradient goes to it.
func TestPoolingNaN(t *testing.T) {
	nan := math.NaN()
	x := tensor.New([]float64{1, nan, 5, nan}, 1, 1, 2, 2)
	p := layers.NewPooling(2, 2, 2, 0)
	if out := p.Forward(x, true).Data()[0]; !math.IsNaN(out) {
		t.Fatalf("max of {1, NaN, 5, NaN} = %v, want NaN", out)
	}
	got := p.Backward(tensor.New([]float64{3}, 1, 1, 1, 1)).Data()
	if want := []float64{0, 3, 0, 0}; !cmp.Equal(got, want) {
		t.Errorf("dx = %v, want %v", got, want)
	}
}

// TestPooling2x2OddSizes checks the book's 2×2 pooling with stride 2 (the
// vector loops) on inputs whose last row or column no window covers,
// against the windows' maxima found here: the uncovered values get zero
// gradients even when the reused dx buffer was written over in between.
func TestPooling2x2OddSizes(t *testing.T) {
	g := random.New(5)
	for _, shape := range [][]int{{1, 2, 7, 9}, {2, 1, 5, 13}, {1, 1, 3, 3}, {1, 3, 10, 11}} {
		p := layers.NewPooling(2, 2, 2, 0)
		for round := range 2 {
			x := distinct(g, shape...)
			out := p.Forward(x, true)
			dout := g.Randn(out.Shape()...)
			dx := p.Backward(dout)
			n, c, h, w := shape[0], shape[1], shape[2], shape[3]
			oh, ow := h/2, w/2
			want := make([]float64, len(x.Data()))
			for plane := range n * c {
				for oy := range oh {
					for ox := range ow {
						best, at := math.Inf(-1), 0
						for _, yx := range [][2]int{{0, 0}, {0, 1}, {1, 0}, {1, 1}} {
							i := plane*h*w + (2*oy+yx[0])*w + 2*ox + yx[1]
							if v := x.Data()[i]; v > best {
								best, at = v, i
							}
						}
						o := plane*oh*ow + oy*ow + ox
						if got := out.Data()[o]; got != best {
							t.Fatalf("%v round %d: out[%d] = %v, want %v", shape, round, o, got, best)
						}
						want[at] = dout.Data()[o]
					}
				}
			}
			if !cmp.Equal(dx.Data(), want) {
				t.Fatalf("%v round %d: dx = %v, want %v", shape, round, dx.Data(), want)
			}
			for i := range dx.Data() {
				dx.Data()[i] = 42 // the next round must not keep any of this
			}
		}
	}
}

func TestConvPoolAllocateNothing(t *testing.T) {
	g := random.New(3)
	tests := []struct {
		name  string
		layer layers.Layer
		x     *tensor.Tensor
	}{
		{"Convolution", layers.NewConvolution(g.Randn(4, 3, 3, 3), g.Randn(4), 1, 1), g.Randn(8, 3, 12, 12)},
		{"Pooling", layers.NewPooling(2, 2, 2, 0), g.Randn(8, 3, 12, 12)},
		{"Pooling overlapping", layers.NewPooling(3, 3, 2, 1), g.Randn(8, 3, 12, 12)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dout := g.Randn(tc.layer.Forward(tc.x, true).Shape()...)
			step := func() {
				tc.layer.Forward(tc.x, true)
				tc.layer.Backward(dout)
			}
			step()
			if n := testing.AllocsPerRun(20, step); n != 0 {
				t.Errorf("a forward and backward allocate %v times, want 0", n)
			}
		})
	}
}

func TestConvPoolPanics(t *testing.T) {
	g := random.New(1)
	conv := func() *layers.Convolution { return layers.NewConvolution(g.Randn(2, 3, 3, 3), g.Randn(2), 1, 0) }
	tests := []struct {
		name string
		f    func()
		want string
	}{
		{"W not 4-D", func() { layers.NewConvolution(g.Randn(2, 9), g.Randn(2), 1, 0) },
			"layers.NewConvolution: W (2,9) and b (2,): want W (FN, C, FH, FW) and b (FN,)"},
		{"b of the wrong size", func() { layers.NewConvolution(g.Randn(2, 3, 3, 3), g.Randn(3), 1, 0) },
			"layers.NewConvolution: W (2,3,3,3) and b (3,): want W (FN, C, FH, FW) and b (FN,)"},
		{"stride 0", func() { layers.NewConvolution(g.Randn(2, 3, 3, 3), g.Randn(2), 0, 0) },
			"layers.NewConvolution: stride 0 and pad 0: want a stride of at least 1 and a pad of at least 0"},
		{"channels", func() { conv().Forward(g.Randn(1, 2, 5, 5), true) },
			"layers.Convolution.Forward: input (1,2,5,5), want (N, 3, H, W) for W (2,3,3,3)"},
		{"too small", func() { conv().Forward(g.Randn(1, 3, 2, 5), true) },
			"layers.Convolution.Forward: a 3x3 filter with pad 0 does not fit input (1,3,2,5)"},
		{"backward first", func() { conv().Backward(g.Randn(1, 2, 3, 3)) },
			"layers.Convolution.Backward: called before Forward"},
		{"dout shape", func() { c := conv(); c.Forward(g.Randn(1, 3, 5, 5), true); c.Backward(g.Randn(1, 2, 3, 4)) },
			"layers.Convolution.Backward: dout (1,2,3,4), want (1,2,3,3)"},
		{"pool size", func() { layers.NewPooling(0, 2, 2, 0) },
			"layers.NewPooling: pool 0x2, stride 2, pad 0: want a pool of at least 1x1, a stride of at least 1 and a pad of at least 0"},
		{"pool input", func() { layers.NewPooling(2, 2, 2, 0).Forward(g.Randn(4, 4), true) },
			"layers.Pooling.Forward: input (4,4), want (N, C, H, W)"},
		{"pool too large", func() { layers.NewPooling(3, 3, 2, 0).Forward(g.Randn(1, 1, 2, 2), true) },
			"layers.Pooling.Forward: a 3x3 pool with pad 0 does not fit input (1,1,2,2)"},
		{"pool backward first", func() { layers.NewPooling(2, 2, 2, 0).Backward(g.Randn(1, 1, 1, 1)) },
			"layers.Pooling.Backward: called before Forward"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				r := recover()
				if r == nil {
					t.Fatal("no panic")
				}
				if r != tc.want {
					t.Fatalf("panic %q, want %q", r, tc.want)
				}
			}()
			tc.f()
		})
	}
}

// TestConvPoolShare checks that the inference copies compute what the
// layers compute, and follow their parameters.
func TestConvPoolShare(t *testing.T) {
	g := random.New(5)
	conv := layers.NewConvolution(g.Randn(3, 2, 3, 3), g.Randn(3), 2, 1)
	pool := layers.NewPooling(3, 3, 2, 1)
	x := g.Randn(2, 2, 7, 7)
	for _, l := range []layers.Layer{conv, pool} {
		c := l.(layers.Sharer).Share()
		sameFloats(t, fmt.Sprintf("%T copy", l), c.Forward(x, false), l.Forward(x, false).Clone(), 0, 0)
	}
	cc := conv.Share()
	conv.W.Data()[0] += 1
	sameFloats(t, "Convolution copy after an update", cc.Forward(x, false), conv.Forward(x, false).Clone(), 0, 0)
}

// TestConvolutionWorkers checks that the output and the gradients do not
// depend on how many cores share the images.
func TestConvolutionWorkers(t *testing.T) {
	g := random.New(8)
	w, b := g.Randn(6, 3, 3, 3), g.Randn(6)
	x := g.Randn(13, 3, 9, 9)
	dout := g.Randn(13, 6, 9, 9)
	var res [2][]*tensor.Tensor
	for k, workers := range []int{1, 2} {
		prev := parallel.ForceWorkers(workers)
		c := layers.NewConvolution(w, b, 1, 1)
		out := c.Forward(x, true).Clone()
		dx := c.Backward(dout).Clone()
		res[k] = []*tensor.Tensor{out, dx, c.DW.Clone(), c.DB.Clone()}
		parallel.ForceWorkers(prev)
	}
	for i, name := range []string{"out", "dx", "dW", "db"} {
		if !cmp.Equal(res[0][i].Data(), res[1][i].Data()) {
			t.Errorf("%s differs between one core and two", name)
		}
	}
}

// TestConvPoolEmptyBatch: a batch of no images gives empty outputs and
// zero parameter gradients, without panicking.
func TestConvPoolEmptyBatch(t *testing.T) {
	g := random.New(9)
	c := layers.NewConvolution(g.Randn(2, 1, 3, 3), g.Randn(2), 1, 1)
	p := layers.NewPooling(2, 2, 2, 0)
	x := tensor.Zeros(0, 1, 4, 4)
	out := p.Forward(c.Forward(x, true), true)
	if !cmp.Equal(out.Shape(), []int{0, 2, 2, 2}) {
		t.Fatalf("output shape %v, want [0 2 2 2]", out.Shape())
	}
	dx := c.Backward(p.Backward(tensor.Zeros(0, 2, 2, 2)))
	if !cmp.Equal(dx.Shape(), []int{0, 1, 4, 4}) {
		t.Errorf("dx shape %v, want [0 1 4 4]", dx.Shape())
	}
	for _, v := range append(c.DW.Data(), c.DB.Data()...) {
		if v != 0 {
			t.Fatalf("a gradient of an empty batch is %v, want 0", v)
		}
	}
}

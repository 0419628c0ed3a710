package layers

import (
	"fmt"
	"math"
	"testing"

	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// TestConvolutionReLUFused checks Network.Forward's fused Convolution and
// ReLU (Convolution.forwardReLU) against the two layers' Forward called
// one after the other on a copy of the same network, bit for bit: the
// output (the ReLU's, which its Backward reads; the fused convolution
// keeps no output of its own) and the gradients of a backward pass, with
// NaN and negative values in the input, on several geometries and batch
// sizes.
func TestConvolutionReLUFused(t *testing.T) {
	for _, tc := range []struct{ n, c, h, w, fn, f, stride, pad int }{
		{3, 1, 8, 8, 4, 3, 1, 1},
		{2, 3, 9, 7, 5, 3, 2, 1},
		{5, 2, 6, 6, 3, 5, 1, 2},
		{1, 1, 28, 28, 30, 5, 1, 0},
	} {
		g := random.New(uint32(tc.n*100 + tc.c))
		w := g.Randn(tc.fn, tc.c, tc.f, tc.f)
		b := g.Randn(tc.fn)
		x := g.Randn(tc.n, tc.c, tc.h, tc.w)
		x.Data()[0] = math.NaN()
		x.Data()[len(x.Data())-1] = math.Inf(-1)
		fused := NewNetwork(nil, NewConvolution(w.Clone(), b.Clone(), tc.stride, tc.pad), NewReLU())
		conv, relu := NewConvolution(w.Clone(), b.Clone(), tc.stride, tc.pad), NewReLU()
		for round := range 2 { // the second round reuses the buffers
			got := fused.Forward(x, true)
			want := relu.Forward(conv.Forward(x, true), true)
			name := fmt.Sprintf("%+v round %d", tc, round)
			sameBitsT(t, name+" output", got, want)
			dout := g.Randn(want.Shape()...)
			gotDx := fused.Layers[0].Backward(fused.Layers[1].Backward(dout))
			wantDx := conv.Backward(relu.Backward(dout))
			sameBitsT(t, name+" dx", gotDx, wantDx)
			sameBitsT(t, name+" dW", fused.Layers[0].(*Convolution).DW, conv.DW)
		}
	}
}

// TestConvolutionReLUBackwardFused checks Network.Backward's fused ReLU
// and Convolution (Convolution.backwardReLU) against the layers'
// Backward called one by one, bit for bit: every parameter gradient and
// the ReLUs' dx, with the first convolution (which computes no dx) and a
// later one both followed by a ReLU, on two geometries, twice each.
func TestConvolutionReLUBackwardFused(t *testing.T) {
	for _, tc := range []struct{ n, c, h, w, fn, f, stride, pad int }{
		{3, 2, 8, 8, 4, 3, 1, 1},
		{2, 3, 9, 7, 5, 3, 2, 1},
	} {
		g := random.New(uint32(tc.n*10 + tc.c))
		w1, b1 := g.Randn(tc.fn, tc.c, tc.f, tc.f), g.Randn(tc.fn)
		w2, b2 := g.Randn(tc.fn, tc.fn, tc.f, tc.f), g.Randn(tc.fn)
		build := func() []Layer {
			return []Layer{
				NewConvolution(w1.Clone(), b1.Clone(), tc.stride, tc.pad), NewReLU(),
				NewConvolution(w2.Clone(), b2.Clone(), 1, 1), NewReLU(),
			}
		}
		x := g.Randn(tc.n, tc.c, tc.h, tc.w)
		fusedLoss, plainLoss := &dotLoss{}, &dotLoss{}
		fused := NewNetwork(fusedLoss, build()...)
		plain := build()
		for round := range 2 {
			name := fmt.Sprintf("%+v round %d", tc, round)
			y := plain[0].Forward(x, true)
			for _, l := range plain[1:] {
				y = l.Forward(y, true)
			}
			target := g.Randn(y.Shape()...)
			fused.Gradient(x, target)
			plainLoss.Forward(y, target)
			dout := plainLoss.Backward()
			for i := len(plain) - 1; i >= 0; i-- {
				dout = plain[i].Backward(dout)
			}
			for i := range plain {
				switch l := plain[i].(type) {
				case *Convolution:
					f := fused.Layers[i].(*Convolution)
					sameBitsT(t, fmt.Sprintf("%s layer %d dW", name, i), f.DW, l.DW)
					sameBitsT(t, fmt.Sprintf("%s layer %d dB", name, i), f.DB, l.DB)
				case *ReLU:
					sameBitsT(t, fmt.Sprintf("%s layer %d dx", name, i), fused.Layers[i].(*ReLU).dx, l.dx)
				}
			}
		}
	}
}

// dotLoss is the loss Σ y·t, whose gradient is t: a loss layer that
// hands the network a gradient of the test's choosing.
type dotLoss struct{ t *tensor.Tensor }

func (d *dotLoss) Forward(y, t *tensor.Tensor) float64 {
	d.t = t
	s := 0.0
	for i, v := range y.Data() {
		s += v * t.Data()[i]
	}
	return s
}

func (d *dotLoss) Backward() *tensor.Tensor { return d.t }

// sameBitsT fails unless got and want have the same shape and bits.
func sameBitsT(t *testing.T, what string, got, want *tensor.Tensor) {
	t.Helper()
	if !tensor.EqualShapes(got.Shape(), want.Shape()) {
		t.Fatalf("%s: shape %v, want %v", what, got.Shape(), want.Shape())
	}
	for i, v := range want.Data() {
		if g := got.Data()[i]; math.Float64bits(g) != math.Float64bits(v) {
			t.Fatalf("%s: value %d is %v, want %v", what, i, g, v)
		}
	}
}

// TestAffineForwardGathered checks forwardGathered against Forward in
// inference mode, bit for bit, on mostly-zero batches of several sizes
// (with a negative zero, which the sparse path skips as a zero).
func TestAffineForwardGathered(t *testing.T) {
	for _, tc := range []struct{ n, d, m int }{{60, 300, 20}, {7, 784, 100}, {200, 784, 100}, {33, 512, 10}} {
		g := random.New(uint32(tc.n + tc.d))
		x := g.Rand(tc.n, tc.d)
		for i, v := range g.Rand(tc.n, tc.d).Data() {
			if v > 0.2 {
				x.Data()[i] = 0
			}
		}
		x.Data()[1] = math.Copysign(0, -1)
		a := NewAffine(tc.d, tc.m, g)
		copy(a.B.Data(), g.Randn(tc.m).Data())
		var s ops.SparseRows
		if !s.Gather(x) {
			t.Skip("this CPU or build runs no sparse kernel")
		}
		want := a.Forward(x, false).Clone()
		got, ok := a.forwardGathered(&s)
		if !ok {
			t.Fatalf("%v: forwardGathered did not compute", tc)
		}
		sameBitsT(t, fmt.Sprint(tc), got, want)
	}
}

// TestConvBiasGrad checks convBiasGrad against the sums written out here,
// in the book's order (image, then position), bit for bit, with the
// filters split between two workers and on one, for filter counts with
// and without a remainder of four.
func TestConvBiasGrad(t *testing.T) {
	for _, workers := range []int{1, 2} {
		prev := parallel.ForceWorkers(workers)
		for _, fn := range []int{1, 4, 13, 16} {
			n, p := 8, 600
			dout := random.New(uint32(fn)).Randn(n, fn, p).Data()
			want := make([]float64, fn)
			for f := range fn {
				s := 0.0
				for i := range n {
					for _, v := range dout[(i*fn+f)*p : (i*fn+f+1)*p] {
						s += v
					}
				}
				want[f] = s
			}
			got := make([]float64, fn)
			for i := range got {
				got[i] = math.NaN() // it must clear
			}
			convBiasGrad(got, dout, n, fn, p)
			sameBitsT(t, fmt.Sprintf("workers %d, %d filters", workers, fn), tensor.New(got, fn), tensor.New(want, fn))
		}
		parallel.ForceWorkers(prev)
	}
}

// TestShiftedColumns checks the forward and dW passes that read each
// image's columns from its shifted copies (convTask.shifted) against the
// ones that write them with im2col, bit for bit: a Convolution alone
// (output, dx, dW, db) and fused with its ReLU and 2×2 pooling in a
// Network (output, every gradient of Gradient), on DeepConvNet's and
// SimpleConvNet's geometries (16 to 64 filters: partial 6-row panels;
// 576 taps: several kc blocks; 14 and 7 columns: partial column panels),
// a 1×1 filter, a padding wider than the filter's half, a NaN and an
// infinity in the input, a mostly-zero W (which Gemm's sparse path
// takes, and so does the im2col pass), and a stride of 2 (im2col only).
func TestShiftedColumns(t *testing.T) {
	defer func() { shiftedColumns = true }()
	taken := 0
	for _, tc := range []struct {
		n, c, h, w, fn, f, stride, pad int
		sparseW                        bool
	}{
		{3, 1, 28, 28, 16, 3, 1, 1, false},
		{6, 16, 28, 28, 16, 3, 1, 1, false}, // six images: runs of two in dW's four
		{2, 16, 14, 14, 32, 3, 1, 1, false},
		{9, 32, 14, 14, 32, 3, 1, 2, false},
		{2, 32, 7, 7, 64, 3, 1, 1, false},
		{5, 64, 8, 8, 64, 3, 1, 1, false},
		{3, 1, 28, 28, 30, 5, 1, 0, false},
		{2, 3, 9, 7, 5, 3, 1, 1, false},
		{2, 5, 6, 5, 7, 1, 1, 0, false},
		{2, 4, 12, 12, 13, 3, 1, 1, true},
		{2, 3, 9, 7, 5, 3, 2, 1, false},
	} {
		name := fmt.Sprintf("%+v", tc)
		g := random.New(uint32(tc.c*100 + tc.fn))
		w := g.Randn(tc.fn, tc.c, tc.f, tc.f)
		if tc.sparseW {
			for i := range w.Data() {
				if i%7 != 0 {
					w.Data()[i] = 0
				}
			}
		}
		b := g.Randn(tc.fn)
		g0 := g.Randn(tc.c, tc.c, 3, 3) // the first convolution's filters
		x := g.Randn(tc.n, tc.c, tc.h, tc.w)
		x.Data()[1] = math.NaN()
		x.Data()[len(x.Data())-2] = math.Inf(1)
		oh := ops.ConvOutputSize(tc.h, tc.f, tc.stride, tc.pad)
		ow := ops.ConvOutputSize(tc.w, tc.f, tc.stride, tc.pad)
		k := tc.c * tc.f * tc.f
		if tc.stride == 1 && ops.RowOffsetsOK(tc.fn, oh*ow, k, w.Data(), k) {
			taken++
		}
		dout := g.Randn(tc.n, tc.fn, oh, ow)
		lbl := g.Randn(tc.n, tc.fn, oh/2, ow/2)
		run := func(shifted bool) (res []*tensor.Tensor) {
			shiftedColumns = shifted
			cv := NewConvolution(w.Clone(), b.Clone(), tc.stride, tc.pad)
			res = append(res, cv.Forward(x, true).Clone(), cv.Backward(dout).Clone(), cv.DW.Clone(), cv.DB.Clone())
			// A convolution before it, so that the second computes dx.
			net := NewNetwork(&dotLoss{}, NewConvolution(g0.Clone(), tensor.Zeros(tc.c), 1, 1), NewReLU(),
				NewConvolution(w.Clone(), b.Clone(), tc.stride, tc.pad), NewReLU(), NewPooling(2, 2, 2, 0))
			for range 2 { // the second pass reuses the buffers
				net.Gradient(x, lbl)
			}
			res = append(res, net.Forward(x, true).Clone())
			for _, p := range net.Params() {
				res = append(res, p.Grad.Clone())
			}
			return res
		}
		got, want := run(true), run(false)
		for i := range want {
			sameBitsT(t, fmt.Sprintf("%s result %d", name, i), got[i], want[i])
		}
	}
	t.Logf("%d geometries read from shifted copies", taken)
	if ones := tensor.Ones(16, 144).Data(); taken == 0 && ops.RowOffsetsOK(16, 784, 144, ones, 144) {
		t.Error("no geometry read from shifted copies")
	}
}

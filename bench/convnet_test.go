package bench

import (
	"testing"

	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/dlfs-go/dlfs/train"
)

// BenchmarkConvNetStep measures one step of the book's Trainer loop
// (gradient, Adam update, loss on the updated network) on a batch of 100
// MNIST-shaped images as sparse as MNIST's (mnistLike): net=simple is the
// book's SimpleConvNet with its defaults (30 filters of 5×5, hidden 100),
// as ch07/train_convnet.py trains it, and net=deep its DeepConvNet, as
// ch08/train_deepnet.py trains it. In steady state a step allocates
// nothing.
//
//	go test -run '^$' -bench ConvNetStep ./bench
func BenchmarkConvNetStep(b *testing.B) {
	g := random.New(0)
	x, t := convBatch(g)
	for _, tc := range []struct {
		name string
		net  func() train.Net
	}{
		{"simple", func() train.Net {
			return nets.NewSimpleConvNet([3]int{1, 28, 28}, nets.DefaultConvParam(), 100, 10, 0.01, g)
		}},
		{"deep", func() train.Net {
			return nets.NewDeepConvNet([3]int{1, 28, 28}, nets.DefaultDeepConvParams(), 50, 10, g)
		}},
	} {
		b.Run("net="+tc.name, func(b *testing.B) {
			n, opt := tc.net(), optim.NewAdam(0.001, 0.9, 0.999)
			step := func() {
				n.Gradient(x, t)
				opt.Update(n.Params())
				n.Loss(x, t)
			}
			step()
			b.ReportAllocs()
			for b.Loop() {
				step()
			}
		})
	}
}

// BenchmarkPooling measures the book's Pooling(2, 2, 2) forward and
// backward on SimpleConvNet's convolution output after ReLU, a batch of
// (100, 30, 24, 24) values of which about half are zeros, in steady state
// (no allocation).
//
//	go test -run '^$' -bench Pooling ./bench
func BenchmarkPooling(b *testing.B) {
	g := random.New(0)
	x := g.Randn(100, 30, 24, 24)
	for i, v := range x.Data() {
		x.Data()[i] = max(v, 0)
	}
	p := layers.NewPooling(2, 2, 2, 0)
	out := p.Forward(x, true)
	dout := g.Randn(out.Shape()...)
	p.Backward(dout) // the buffers are made once
	b.Run("forward", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			p.Forward(x, true)
		}
	})
	b.Run("backward", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			p.Backward(dout)
		}
	})
}

// convBatch returns the convolution benchmarks' batch: 100 MNIST-shaped
// images as sparse as MNIST's (mnistLike), (100, 1, 28, 28), and their
// labels as class indices 0-9 in turn.
func convBatch(g *random.Generator) (x, t *tensor.Tensor) {
	x = mnistLike(g, 100).Reshape(100, 1, 28, 28)
	t = tensor.Zeros(100)
	for i := range 100 {
		t.Data()[i] = float64(i % 10)
	}
	return x, t
}

package bench

import (
	"testing"

	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// BenchmarkTrainStep measures one iteration of the book's MNIST training
// loop for the two-layer networks (784 → 50 → 10, batch 100): the gradient,
// the SGD update and the loss on the updated network, as
// ch04/ch05 train_neuralnet.py do. The data are random, MNIST-shaped and
// as sparse as MNIST (mnistLike); in steady state a step allocates
// nothing.
func BenchmarkTrainStep(b *testing.B) {
	g := random.New(0)
	x := mnistLike(g, 100)
	t := tensor.Zeros(100, 10)
	for i := range 100 {
		t.Set(1, i, i%10)
	}
	opt := optim.NewSGD(0.1)
	b.Run("net=ch05", func(b *testing.B) {
		n := nets.NewTwoLayerNet(784, 50, 10, 0.01, g)
		step := func() {
			n.Gradient(x, t)
			opt.Update(n.Params())
			n.Loss(x, t)
		}
		step() // the first step makes the buffers
		b.ReportAllocs()
		for b.Loop() {
			step()
		}
	})
	b.Run("net=ch04", func(b *testing.B) {
		n := nets.NewSigmoidTwoLayerNet(784, 50, 10, 0.01, g)
		step := func() {
			n.Gradient(x, t)
			opt.Update(n.Params())
			n.Loss(x, t)
		}
		step() // the first step makes the buffers
		b.ReportAllocs()
		for b.Loop() {
			step()
		}
	})
}

package bench

import (
	"testing"

	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/dlfs-go/dlfs/train"
)

// BenchmarkMultiLayerStep measures one step of the book's Trainer loop
// (gradient, update, loss on the updated network) for the chapter 6
// networks on MNIST-shaped random data as sparse as MNIST's (mnistLike,
// batch 100):
//
//   - net=extend-bn-dropout: MultiLayerNetExtend 784-[100]×5-10 with Batch
//     Normalization and Dropout (ratio 0.2) and SGD, as in
//     batch_norm_test.py and overfit_dropout.py; Gradient runs in training
//     mode (drawing the Dropout masks), Loss in inference mode, as the
//     book's do.
//   - net=multilayer-adam: MultiLayerNet 784-[100]×4-10 with Adam, the
//     network of optimizer_compare_mnist.py.
//   - net=multilayer-5x100-adam: MultiLayerNet 784-[100]×5-10 with Adam.
//
// In steady state a step allocates nothing.
//
//	go test -run '^$' -bench MultiLayerStep -cpu 1 ./bench
func BenchmarkMultiLayerStep(b *testing.B) {
	g := random.New(0)
	x := mnistLike(g, 100)
	t := tensor.Zeros(100, 10)
	for i := range 100 {
		t.Set(1, i, i%10)
	}
	five := []int{100, 100, 100, 100, 100}
	ext := nets.DefaultExtendConfig()
	ext.UseBatchnorm, ext.UseDropout, ext.DropoutRation = true, true, 0.2
	tests := []struct {
		name string
		net  func() train.Net
		opt  func() optim.Optimizer
	}{
		{"extend-bn-dropout", func() train.Net { return nets.NewMultiLayerNetExtend(784, five, 10, ext, g) },
			func() optim.Optimizer { return optim.NewSGD(0.01) }},
		{"multilayer-adam", func() train.Net { return nets.NewMultiLayerNet(784, five[:4], 10, nets.Config{}, g) },
			func() optim.Optimizer { return optim.NewAdam(0.001, 0.9, 0.999) }},
		{"multilayer-5x100-adam", func() train.Net { return nets.NewMultiLayerNet(784, five, 10, nets.Config{}, g) },
			func() optim.Optimizer { return optim.NewAdam(0.001, 0.9, 0.999) }},
	}
	for _, tc := range tests {
		b.Run("net="+tc.name, func(b *testing.B) {
			n, opt := tc.net(), tc.opt()
			step := func() {
				n.Gradient(x, t)
				opt.Update(n.Params())
				n.Loss(x, t)
			}
			step() // the first step makes the buffers and the optimizer's state
			b.ReportAllocs()
			for b.Loop() {
				step()
			}
		})
	}
}

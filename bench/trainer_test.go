package bench

import (
	"testing"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/train"
)

// BenchmarkTrainerStep measures one step of the book's Trainer
// (train.Trainer.Step, quiet) on the ch05 TwoLayerNet (784 → 50 → 10,
// batch 100) with MNIST-shaped data kept as bytes and converted per batch,
// as the MNIST twins train: drawing the mini-batch, converting it, the
// gradient, the update and the loss. The set holds 60000 random images, so
// that the per-epoch evaluation (every 600 steps) weighs in as it does on
// MNIST. Against BenchmarkTrainStep it shows what drawing and converting
// the batch and the evaluations add; in steady state a step allocates
// nothing.
func BenchmarkTrainerStep(b *testing.B) {
	for _, opt := range []string{"sgd", "adam"} {
		b.Run("opt="+opt, func(b *testing.B) {
			g := random.New(0)
			const n = 60000
			pix := make([]byte, n*784)
			for i := range pix {
				pix[i] = byte(g.Float64() * 256)
			}
			lbl := make([]byte, n)
			for i := range lbl {
				lbl[i] = byte(i % 10)
			}
			set, err := mnist.NewSet(28, 28, pix, lbl)
			if err != nil {
				b.Fatal(err)
			}
			x, t := set.Sources(mnist.Options{Normalize: true, Flatten: true, OneHotLabel: true})
			xt, tt := set.Slice(0, 10000).Sources(mnist.Options{Normalize: true, Flatten: true, OneHotLabel: true})
			cfg := train.DefaultConfig()
			cfg.Verbose, cfg.OptimizerName, cfg.LR, cfg.Rand = false, opt, 0.01, g
			tr, err := train.New(nets.NewTwoLayerNet(784, 50, 10, 0.01, g), x, t, xt, tt, cfg)
			if err != nil {
				b.Fatal(err)
			}
			if err := tr.Step(); err != nil { // the first evaluation makes its buffers
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := tr.Step(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

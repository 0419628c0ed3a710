package bench

import (
	"fmt"
	"testing"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/train"
)

// BenchmarkEvaluate measures the accuracy of MultiLayerNet
// 784-[100]×6-10 over 10000 MNIST-like images kept as bytes (as sparse as
// MNIST's test images), what overfit_weight_decay.py and
// overfit_dropout.py measure after every epoch, for several evaluation
// batch sizes, converting the images at every pass (keep=false) or
// keeping them gathered after the first (keep=true: Evaluator.KeepSparse,
// what the twins do). In steady state it allocates nothing.
//
//	go test -run '^$' -bench Evaluate ./bench
func BenchmarkEvaluate(b *testing.B) {
	g := random.New(0)
	x := mnistLike(g, 10000)
	pix := make([]byte, x.Len())
	for i, v := range x.Data() {
		pix[i] = byte(v * 255)
	}
	lbl := make([]byte, 10000)
	for i := range lbl {
		lbl[i] = byte(i % 10)
	}
	set, err := mnist.NewSet(28, 28, pix, lbl)
	if err != nil {
		b.Fatal(err)
	}
	xs, ts := set.Sources(mnist.Options{Normalize: true, Flatten: true})
	net := nets.NewMultiLayerNet(784, []int{100, 100, 100, 100, 100, 100}, 10, nets.Config{}, g)
	for _, size := range []int{100, 200, 1000} {
		for _, keep := range []bool{false, true} {
			b.Run(fmt.Sprintf("batch=%d/keep=%v", size, keep), func(b *testing.B) {
				e := train.NewEvaluator(xs, ts, size)
				if keep {
					e.KeepSparse()
				}
				e.Accuracy(net, 0)
				b.ReportAllocs()
				for b.Loop() {
					e.Accuracy(net, 0)
				}
			})
		}
	}
}

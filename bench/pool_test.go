package bench

import (
	"testing"
	"time"

	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// BenchmarkPool runs the ch05 training step of BenchmarkTrainStep (and,
// as net=deep, the DeepConvNet step of BenchmarkConvNetStep) and reports
// how the worker pool of internal/parallel shared it: parallel calls per
// step (par-jobs/op), the share of their pieces the workers ran
// (worker-%), and how often per second the pool paused because the
// workers cost more than they saved (pauses/s). Run it quietly and with the other
// core busy (bench/contention.sh shows how) to see the pool adapt.
//
// BenchmarkPool/isolated measures the product of the ch05 hidden layer
// (100×784·784×50) done alone about 1750 times a second, with the program
// idle in between (the timer stops during the idle time): ns/op is the
// product's time and cpu-ns/op the CPU time the whole process spent per
// product, idle time included, so that it shows what polling and waking
// workers cost. Compare -cpu 1 and -cpu 2.
func BenchmarkPool(b *testing.B) {
	g := random.New(0)
	x := mnistLike(g, 100)
	t := tensor.Zeros(100, 10)
	for i := range 100 {
		t.Set(1, i, i%10)
	}
	opt := optim.NewSGD(0.1)
	b.Run("net=ch05", func(b *testing.B) {
		n := nets.NewTwoLayerNet(784, 50, 10, 0.01, g)
		poolShares(b, func() {
			n.Gradient(x, t)
			opt.Update(n.Params())
			n.Loss(x, t)
		})
	})
	b.Run("net=deep", func(b *testing.B) {
		xd, td := convBatch(g)
		n := nets.NewDeepConvNet([3]int{1, 28, 28}, nets.DefaultDeepConvParams(), 50, 10, g)
		adam := optim.NewAdam(0.001, 0.9, 0.999)
		step := func() {
			n.Gradient(xd, td)
			adam.Update(n.Params())
			n.Loss(xd, td)
		}
		step() // the first step makes the buffers and Adam's state
		poolShares(b, step)
	})
	b.Run("isolated", func(b *testing.B) {
		a, w, c := tensor.Zeros(100, 784), tensor.Zeros(784, 50), tensor.Zeros(100, 50)
		ops.MatMulInto(c, a, w, false, false)
		const period = time.Second / 1753
		cpu0 := processCPU()
		next := time.Now()
		for b.Loop() {
			ops.MatMulInto(c, a, w, false, false)
			b.StopTimer()
			next = next.Add(period)
			time.Sleep(time.Until(next))
			b.StartTimer()
		}
		if cpu0 >= 0 {
			b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N), "cpu-ns/op")
		}
	})
}

// poolShares runs step b.N times and reports the pool's parallel calls
// per step, the share of their pieces the workers ran and its pauses per
// second, with the allocations.
func poolShares(b *testing.B, step func()) {
	b.ReportAllocs()
	before := parallel.ReadStats()
	for b.Loop() {
		step()
	}
	after := parallel.ReadStats()
	b.ReportMetric(float64(after.Jobs-before.Jobs)/float64(b.N), "par-jobs/op")
	if p := after.Pieces - before.Pieces; p > 0 {
		b.ReportMetric(100*float64(after.ByWorkers-before.ByWorkers)/float64(p), "worker-%")
	}
	b.ReportMetric(float64(after.Pauses-before.Pauses)/b.Elapsed().Seconds(), "pauses/s")
}

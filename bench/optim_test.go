package bench

import (
	"testing"

	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
)

// BenchmarkOptimizer measures one Update of each optimizer of package optim
// on the parameters of the ch05 network (W1 784×50, b1 50, W2 50×10, b2
// 10: 39760 values) with fixed random gradients. The first update, which
// creates the optimizer's state, happens before the timing; in steady
// state an update allocates nothing.
//
//	go test -run '^$' -bench Optimizer -cpu 1 ./bench
func BenchmarkOptimizer(b *testing.B) {
	g := random.New(0)
	var params []layers.Param
	for _, p := range []struct {
		name  string
		shape []int
	}{{"W1", []int{784, 50}}, {"b1", []int{50}}, {"W2", []int{50, 10}}, {"b2", []int{10}}} {
		w := g.Randn(p.shape...)
		params = append(params, layers.Param{Name: p.name, Value: w, Grad: g.Randn(p.shape...)})
	}
	for _, name := range optim.Names {
		b.Run("opt="+name, func(b *testing.B) {
			opt, err := optim.New(name, 1e-6)
			if err != nil {
				b.Fatal(err)
			}
			opt.Update(params)
			b.ReportAllocs()
			for b.Loop() {
				opt.Update(params)
			}
		})
	}
}

//go:build amd64 && !purego

package gemm

import (
	"fmt"
	"testing"
)

func BenchmarkMicro(b *testing.B) {
	for _, kc := range []int{1, 4, 8, 16, 25, 32, 64, 128, 256} {
		benchMicro(b, kc)
	}
}

func benchMicro(b *testing.B, kc int) {
	a := make([]float64, 8*kc)
	bb := make([]float64, 12*kc)
	for i := range a {
		a[i] = float64(i%7) * 0.1
	}
	for i := range bb {
		bb[i] = float64(i%5) * 0.1
	}
	c := make([]float64, 8*64)
	for _, tc := range []struct {
		name   string
		mr, nr int
		k      microKernel
	}{{"go4x2", 4, 2, kernGo4x2}, {"avx6x8", 6, 8, kernAVX6x8}, {"avx4x12", 4, 12, kernAVX4x12}} {
		b.Run(fmt.Sprintf("%s/kc=%d", tc.name, kc), func(b *testing.B) {
			for b.Loop() {
				tc.k(kc, a, bb, c, 64, 1, 1)
			}
			b.ReportMetric(float64(2*tc.mr*tc.nr*kc)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

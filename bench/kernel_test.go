package bench

import (
	"os"
	"testing"

	"github.com/dlfs-go/dlfs/internal/cpu"
	"github.com/dlfs-go/dlfs/internal/gemm"
)

// TestSelectedKernel names the kernel that Gemm (kernel=auto, and every
// product of the engine) runs on this machine:
//
//	go test -v -run SelectedKernel ./bench
func TestSelectedKernel(t *testing.T) {
	if err := gemm.KernelEnvError(); err != nil {
		t.Fatal(err)
	}
	name := gemm.Selected()
	k, ok := gemm.Lookup(name)
	if !ok || !k.Available {
		t.Fatalf("gemm.Selected() = %q, not an available kernel", name)
	}
	t.Logf("the engine's products beyond the tiny ones run %s here (AVX2+FMA: %v, AVX-512F: %v, $%s=%q)",
		name, cpu.AVX2FMA, cpu.AVX512, gemm.EnvKernel, os.Getenv(gemm.EnvKernel))
}

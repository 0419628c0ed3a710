package mnistcompare

import (
	"io"
	"testing"

	"github.com/dlfs-go/dlfs/data/mnist"
	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
)

// sparseSet returns n 28×28 images with about a fifth of their pixels
// inked, as MNIST's, and labels 0..9.
func sparseSet(t *testing.T, n int) *mnist.Set {
	g := random.New(3)
	images := make([]byte, n*mnist.ImageRows*mnist.ImageCols)
	for i, u := range g.Rand(len(images)).Data() {
		if u < 0.2 {
			images[i] = byte(1 + int(u*1270))
		}
	}
	labels := make([]byte, n)
	for i := range labels {
		labels[i] = byte(i % 10)
	}
	s, err := mnist.NewSet(mnist.ImageRows, mnist.ImageCols, images, labels)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestTrainSharesBatches: nets that take each batch's nonzeros from the
// ring print the losses of nets that convert and gather every batch
// themselves (a ring of one slot, which a net is usually denied), to the
// bit.
func TestTrainSharesBatches(t *testing.T) {
	set := sparseSet(t, 400)
	x := tensor.Zeros(BatchSize, 784)
	set.ImagesInto(x, make([]int, BatchSize), true)
	if !new(ops.SparseRows).Gather(x) {
		t.Skip("this CPU or build runs no sparse kernel")
	}
	entries := func() []Entry {
		g := random.New(5)
		var es []Entry
		for _, init := range []nets.WeightInit{nets.StdInit(0.01), nets.XavierInit, nets.HeInit} {
			es = append(es, Entry{Key: "net", Net: NewNet(nets.Config{WeightInitStd: init}, g), Opt: optim.NewSGD(0.01)})
		}
		return es
	}
	const iters = 60
	shared, sharedOwn, err := trainRing(entries(), random.New(7), set, iters, io.Discard, ringSlots)
	if err != nil {
		t.Fatal(err)
	}
	own, ownOwn, err := trainRing(entries(), random.New(7), set, iters, io.Discard, 1)
	if err != nil {
		t.Fatal(err)
	}
	if ownOwn == 0 {
		t.Errorf("a ring of one slot: no net converted a batch itself")
	}
	if !cmp.Equal(shared, own) {
		t.Errorf("losses with shared batches (%d converted by a net) differ from a ring of one slot (%d):\n%v",
			sharedOwn, ownOwn, cmp.Diff(own, shared))
	}
}

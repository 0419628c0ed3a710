package nets_test

import (
	"fmt"
	"strings"

	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// The book's MultiLayerNet (784-[100]×5-10 in chapter 6; here 4-10-10-3)
// with weight decay, trained by Adam on six samples. The printed values
// are those of the book's Python classes run with the same seed and steps
// (testdata/gen_examples.py).
func ExampleMultiLayerNet() {
	g := random.New(0) // np.random.seed(0)
	net := nets.NewMultiLayerNet(4, []int{10, 10}, 3, nets.Config{WeightDecayLambda: 0.01}, g)
	x := g.Rand(6, 4)
	t := tensor.Zeros(6, 3) // one-hot labels 0, 1, 2, 0, 1, 2
	for i := range 6 {
		t.Set(1, i, i%3)
	}
	fmt.Printf("loss %.6f\n", net.Loss(x, t))
	opt := optim.NewAdam(0.01, 0.9, 0.999)
	for range 100 {
		net.Gradient(x, t)
		opt.Update(net.Params())
	}
	fmt.Printf("loss %.6f\n", net.Loss(x, t))
	fmt.Println("accuracy", tensor.FormatFloat(net.Accuracy(x, t)))
	// Output:
	// loss 2.584425
	// loss 0.510403
	// accuracy 1.0
}

// MultiLayerNetExtend with Batch Normalization and Dropout: its parameters
// are the book's params dict, Gradient runs in training mode (drawing
// Dropout masks from g, as the book's from np.random), Loss and Accuracy
// in inference mode (using the running statistics). The printed values are
// those of the book's Python classes (testdata/gen_examples.py).
func ExampleMultiLayerNetExtend() {
	g := random.New(0)
	cfg := nets.DefaultExtendConfig()
	cfg.UseBatchnorm, cfg.UseDropout, cfg.DropoutRation = true, true, 0.2
	net := nets.NewMultiLayerNetExtend(4, []int{10, 10}, 3, cfg, g)
	x := g.Rand(6, 4)
	t := tensor.Vector(0, 1, 2, 0, 1, 2)      // class indices
	fmt.Printf("loss %.6f\n", net.Loss(x, t)) // running statistics still zero
	opt := optim.NewSGD(0.1)
	for i := range 100 {
		net.Gradient(x, t)
		if i == 0 {
			var names []string
			for _, p := range net.Params() {
				names = append(names, p.Name)
			}
			fmt.Println(strings.Join(names, " "))
		}
		opt.Update(net.Params())
	}
	fmt.Printf("loss %.6f\n", net.Loss(x, t))
	fmt.Println("accuracy", tensor.FormatFloat(net.Accuracy(x, t)))
	fmt.Println("running_mean1", tensor.New(net.BatchNorms[0].RunningMean.Data()[:3], 3))
	// Output:
	// loss 10.745397
	// W1 b1 gamma1 beta1 W2 b2 gamma2 beta2 W3 b3
	// loss 0.205713
	// accuracy 1.0
	// running_mean1 [0.18810312 1.0503564  0.61776114]
}

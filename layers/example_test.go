package layers_test

import (
	"fmt"

	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/loss"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// The seed article's network learns (x1, x2) → (x1+x2, x1·x2). The printed
// values are those of the same steps run with NumPy 1.24.
func ExampleNetwork() {
	g := random.New(0) // np.random.seed(0)
	net := layers.NewNetwork(loss.NewMSE(),
		layers.NewAffine(2, 2, g), // W = np.random.randn(2, 2), b = 0
		layers.NewReLU(),
		layers.NewAffine(2, 2, g),
	)
	var names []string
	for _, p := range net.Params() {
		names = append(names, p.Name)
	}
	fmt.Println(names)

	x, t := tensor.Zeros(500, 2), tensor.Zeros(500, 2)
	for i := range 500 {
		x1, x2 := g.Float64(), g.Float64()
		x.Set(x1, i, 0)
		x.Set(x2, i, 1)
		t.Set(x1+x2, i, 0)
		t.Set(x1*x2, i, 1)
	}
	opt := optim.NewSGD(0.2)
	fmt.Printf("loss before: %.4f\n", net.Loss(x, t))
	for range 1000 {
		net.Gradient(x, t)
		opt.Update(net.Params())
	}
	fmt.Printf("loss after:  %.4f\n", net.Loss(x, t))
	y := net.Predict(tensor.FromRows([][]float64{{0.3, 0.5}}))
	fmt.Printf("(0.3, 0.5) → (%.2f, %.2f)\n", y.At(0, 0), y.At(0, 1))
	// Output:
	// [W1 b1 W2 b2]
	// loss before: 6.4869
	// loss after:  0.0035
	// (0.3, 0.5) → (0.80, 0.15)
}

// A network of your own, trained and evaluated: a point of the square
// [-1, 1)² belongs to the class of its quadrant (0 to 3).
func ExampleNetwork_train() {
	g := random.New(0)
	xTrain, tTrain := quadrants(g, 1000)
	xTest, tTest := quadrants(g, 500)

	net := layers.NewNetwork(loss.NewSoftmaxWithLoss(),
		layers.NewAffineStd(2, 20, 1, g), // W1 = 1 * randn(2, 20), b1 = 0
		layers.NewReLU(),
		layers.NewAffineStd(20, 4, 0.1, g), // W2 = 0.1 * randn(20, 4), b2 = 0
	)
	opt := optim.NewSGD(0.5)
	for range 1000 {
		batch := g.Choice(1000, 100) // np.random.choice(train_size, batch_size)
		net.Gradient(ops.Rows(xTrain, batch), ops.Rows(tTrain, batch))
		opt.Update(net.Params())
	}
	fmt.Printf("train accuracy %.3f, test accuracy %.3f\n",
		net.Accuracy(xTrain, tTrain), net.Accuracy(xTest, tTest))
	// Output: train accuracy 0.997, test accuracy 0.990
}

// quadrants draws n points of [-1, 1)² and their classes: 0 to 3, the
// quadrant (x1 < 0 adds 1, x2 < 0 adds 2).
func quadrants(g *random.Generator, n int) (x, t *tensor.Tensor) {
	x = ops.SubScalar(ops.MulScalar(g.Rand(n, 2), 2), 1)
	t = tensor.Zeros(n)
	for i := range n {
		class := 0.0
		if x.At(i, 0) < 0 {
			class++
		}
		if x.At(i, 1) < 0 {
			class += 2
		}
		t.Set(class, i)
	}
	return x, t
}

// Dropout draws the book's mask, np.random.rand(*x.shape) > 0.5, so after
// np.random.seed(0) it drops the units NumPy drops. The printed arrays are
// NumPy's.
func ExampleDropout() {
	d := layers.NewDropout(0.5, random.New(0)) // np.random.seed(0); Dropout(0.5)
	x := tensor.New([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 2, 5)
	fmt.Println(d.Forward(x, true))  // training: x * mask
	fmt.Println(d.Forward(x, false)) // inference: x * (1 - 0.5)
	// Output:
	// [[1. 2. 3. 4. 0.]
	//  [6. 0. 8. 9. 0.]]
	// [[0.5 1.  1.5 2.  2.5]
	//  [3.  3.5 4.  4.5 5. ]]
}

// BatchNormalization normalises each activation over the batch in
// training mode and moves its running statistics towards the batch's; in
// inference mode it uses the running statistics. The printed arrays are
// NumPy's for the book's class.
func ExampleBatchNormalization() {
	bn := layers.NewBatchNormalization(tensor.Ones(2), tensor.Zeros(2), 0.9)
	x := tensor.FromRows([][]float64{{1, 2}, {3, 6}})
	fmt.Println(bn.Forward(x, true))
	fmt.Println(bn.RunningMean, bn.RunningVar)
	fmt.Println(bn.Forward(x, false))
	// Output:
	// [[-0.9999995  -0.99999988]
	//  [ 0.9999995   0.99999988]]
	// [0.2 0.4] [0.1 0.4]
	// [[2.52980948 2.52981897]
	//  [8.85433318 8.85436638]]
}

// A network's parameters carry the names of the book's params dict: each
// name is numbered on its own, so the layers of MultiLayerNetExtend with
// Batch Normalization give W1, b1, gamma1, beta1, ... The running
// statistics are state, apart from the parameters.
func ExampleNetwork_State() {
	g := random.New(0)
	net := layers.NewNetwork(loss.NewSoftmaxWithLoss(),
		layers.NewAffine(4, 3, g), layers.NewBatchNormalization(tensor.Ones(3), tensor.Zeros(3), 0.9),
		layers.NewReLU(), layers.NewDropout(0.5, g),
		layers.NewAffine(3, 2, g),
	)
	show := func(ps []layers.Param) {
		var names []string
		for _, p := range ps {
			names = append(names, p.Name)
		}
		fmt.Println(names)
	}
	show(net.Params())
	show(net.State())
	// Layers may change after NewNetwork; the names follow.
	net.Layers = append(net.Layers, layers.NewBatchNormalization(tensor.Ones(2), tensor.Zeros(2), 0.9))
	show(net.Params())
	// Output:
	// [W1 b1 gamma1 beta1 W2 b2]
	// [running_mean1 running_var1]
	// [W1 b1 gamma1 beta1 W2 b2 gamma2 beta2]
}

// Networks trained side by side on the same mostly-zero batch (an MNIST
// batch is 81% zeros) gather its nonzeros once: for every network, and
// for both products of each first layer, x·W forward and xᵀ·dout
// backward. The losses are those of networks that gather it themselves.
func ExampleNetwork_UseGathered() {
	g := random.New(0)
	x := g.Rand(64, 100)
	for i, u := range g.Rand(64, 100).Data() {
		if u < 0.8 {
			x.Data()[i] = 0
		}
	}
	t := tensor.Zeros(64)
	for i := range 64 {
		t.Set(float64(i%3), i)
	}
	var nets []*layers.Network
	for range 2 {
		nets = append(nets, layers.NewNetwork(loss.NewSoftmaxWithLoss(),
			layers.NewAffineStd(100, 20, 0.1, g), layers.NewReLU(), layers.NewAffineStd(20, 3, 0.1, g)))
	}

	var s ops.SparseRows
	s.Gather(x)
	s.Transpose() // from here on s is only read: the nets could train on two goroutines
	for _, net := range nets {
		net.UseGathered(x, &s)
	}
	before := make([]float64, len(nets))
	for k, net := range nets {
		before[k] = net.Loss(x, t)
	}
	opt := optim.NewSGD(0.5)
	for range 50 {
		for _, net := range nets {
			net.Gradient(x, t)
			opt.Update(net.Params())
		}
	}
	for k, net := range nets {
		fmt.Printf("net %d: loss %.4f → %.4f\n", k+1, before[k], net.Loss(x, t))
		net.UseGathered(nil, nil)
	}
	// Output:
	// net 1: loss 1.1039 → 0.2882
	// net 2: loss 1.0964 → 0.2550
}

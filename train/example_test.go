package train_test

import (
	"fmt"

	"github.com/dlfs-go/dlfs/nets"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/dlfs-go/dlfs/train"
)

// The book's Trainer training its ch05 TwoLayerNet on six samples with
// Adam. The values are those of the book's common/trainer.py run with the
// same seed and settings (the losses to the 6 decimals printed here; a
// verbose run prints all 17 digits, which agree with NumPy's to about
// 15):
//
//	np.random.seed(0)
//	net = TwoLayerNet(4, 5, 3, weight_init_std=1.0)
//	x = np.random.rand(6, 4)
//	t = np.zeros((6, 3)); t[i, i % 3] = 1 for each i
//	tr = Trainer(net, x, t, x, t, epochs=2, mini_batch_size=2,
//	             optimizer="Adam", optimizer_param={"lr": 0.1})
//	tr.train()
func Example() {
	g := random.New(0) // np.random.seed(0)
	net := nets.NewTwoLayerNet(4, 5, 3, 1.0, g)
	x := g.Rand(6, 4)
	t := tensor.Zeros(6, 3) // one-hot labels 0, 1, 2, 0, 1, 2
	for i := range 6 {
		t.Set(1, i, i%3)
	}

	cfg := train.DefaultConfig()
	cfg.Verbose = false // the book's default prints "train loss:..." every step
	cfg.Epochs, cfg.MiniBatchSize = 2, 2
	cfg.OptimizerName, cfg.LR = "Adam", 0.1
	cfg.Rand = g // the generator that drew the weights draws the mini-batches
	tr, err := train.New(net, train.FromTensor(x), train.FromTensor(t), train.FromTensor(x), train.FromTensor(t), cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := tr.Train(); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("max_iter %d, iter_per_epoch %v\n", tr.MaxIter, tr.IterPerEpoch)
	fmt.Printf("train_loss_list %.6f\n", tr.TrainLossList)
	fmt.Println("train_acc_list", tr.TrainAccList)
	fmt.Println("test_acc_list", tr.TestAccList)
	// Output:
	// max_iter 6, iter_per_epoch 3
	// train_loss_list [0.110630 1.212316 2.127181 0.082912 0.953333 2.032333]
	// train_acc_list [0.5 0.3333333333333333]
	// test_acc_list [0.5 0.3333333333333333]
}

// A name the book's Trainer does not know is an error that lists the
// valid ones.
func ExampleNew_unknownOptimizer() {
	x := train.FromTensor(tensor.Zeros(4, 2))
	t := train.FromTensor(tensor.Zeros(4))
	cfg := train.DefaultConfig()
	cfg.OptimizerName = "adamw"
	_, err := train.New(nets.NewTwoLayerNet(2, 3, 2, 0.01, random.New(0)), x, t, x, t, cfg)
	fmt.Println(err)
	// Output:
	// optim: unknown optimizer "adamw" (valid names: sgd, momentum, nesterov, adagrad, rmsprop, adam)
}

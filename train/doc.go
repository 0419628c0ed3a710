// Package train is the book's Trainer (common/trainer.py): the one training
// loop of the project, for any network that can give its loss, its
// gradient and the number of samples it classifies correctly.
//
// A Trainer draws every mini-batch as the book does,
// np.random.choice(train_size, batch_size), from a *random.Generator;
// computes the gradient, lets the optimizer update the parameters, records
// the loss after the update, and once per epoch measures the accuracy on
// the training and test sets (or on their first
// EvaluateSampleNumPerEpoch samples). With Verbose it prints the book's
// lines exactly:
//
//	train loss:2.3006693019090703
//	=== epoch:1, train acc:0.10666666666666667, test acc:0.11 ===
//	...
//	=============== Final Test Accuracy ===============
//	test acc:0.18
//
// Numbers print as Python prints them (tensor.FormatFloat), and a loss that
// is not finite prints as NumPy prints it (nan, inf) while the loop runs
// on, as the book's does. Config.StopOnNonFinite stops the loop instead
// with a *NonFiniteError naming the iteration. On a terminal a progress
// line shows how far the loop has come; piped output holds only the book's
// lines.
//
// # Data
//
// The loop reads its data through Source, rows gathered by index into a
// destination tensor: FromTensor wraps the book's x_train, t_train arrays,
// and data/mnist's Set gives Sources that convert its bytes per batch
// (mnist.Set.Sources), so that training on MNIST keeps the images as 47 MB
// of bytes instead of 376 MB of float64.
//
// # Two cores
//
// A training step of a small network keeps one core busy: its products are
// too short to share between two. Measuring an accuracy over a whole set
// shares its batches between the cores. On two cores or more, Steps and
// Train measure each epoch's accuracies on a snapshot of the network
// (layers.Network.Snapshot) on a goroutine of their own (Background) while
// the next steps run: the same numbers, the same lines in the same order,
// in less time (bench/README.md has the measurements). Networks with a
// convolution, whose steps use both cores already, are measured in the
// steps.
//
// # Allocation
//
// A steady-state iteration allocates nothing of its own: the batch buffers
// are reused, the loss list is sized for every iteration up front, and the
// accuracy over a whole set is measured in batches of at most
// Config.EvalBatch rows converted into reused buffers (see Evaluator). Only
// printing (Verbose) formats strings.
//
// The pieces are public for loops the Trainer does not fit: Batcher draws
// mini-batches the book's way, Evaluator measures accuracy in batches,
// Background measures it beside the steps, and CheckLoss is the non-finite
// check.
package train

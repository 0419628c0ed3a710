package train

import (
	"fmt"
	"io"
	"math"
	"os"

	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/optim"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// Net is what a Trainer needs of a network: the book's gradient, params,
// loss and accuracy. nets.TwoLayerNet and every network built on
// layers.Network satisfy it.
type Net interface {
	// Gradient fills the Grad of every parameter for the batch (x, t), the
	// book's gradient(x, t). The Trainer does not use the value it returns
	// (the loss the backward pass started from, for layers.Network).
	Gradient(x, t *tensor.Tensor) float64
	// Params returns the parameters the optimizer updates, the book's
	// params.
	Params() []layers.Param
	// Loss returns the loss for (x, t), the book's loss(x, t), in the
	// mode the book's loss uses by default.
	Loss(x, t *tensor.Tensor) float64
	Classifier
}

// Config holds the Trainer's settings: the arguments of the book's
// Trainer(network, x_train, t_train, x_test, t_test, epochs,
// mini_batch_size, optimizer, optimizer_param,
// evaluate_sample_num_per_epoch, verbose), and a few of Go's own. Start
// from DefaultConfig, which holds the book's defaults.
type Config struct {
	Epochs        int // epochs (20)
	MiniBatchSize int // mini_batch_size (100)

	// Optimizer updates the parameters. When nil, the Trainer makes one by
	// name: optimizer (OptimizerName, "SGD" when empty; sgd, momentum,
	// nesterov, adagrad, rmsprop or adam in any case) with
	// optimizer_param={'lr': LR} (0.01 when 0).
	Optimizer     optim.Optimizer
	OptimizerName string
	LR            float64

	// EvaluateSampleNumPerEpoch is evaluate_sample_num_per_epoch: the
	// accuracies of each epoch are measured on the first that many samples
	// of each set; 0 (None) measures whole sets.
	EvaluateSampleNumPerEpoch int
	// Verbose prints the book's lines (verbose).
	Verbose bool

	// Out receives the printed lines and, when it is a terminal, a
	// progress line (os.Stdout when nil).
	Out io.Writer
	// Rand draws the mini-batches (random.Default() when nil): the
	// generator that drew the network's weights, for a seeded run to
	// follow the book's draws.
	Rand *random.Generator
	// MaxIter, when positive, is the number of iterations Train runs in
	// place of int(epochs * iter_per_epoch), for scripts that count
	// iterations (iters_num) instead of epochs.
	MaxIter int
	// StopOnNonFinite stops the loop with a *NonFiniteError when a loss is
	// NaN or infinite; the book's loop prints it (nan, inf) and runs on.
	StopOnNonFinite bool
	// EvalBatch is the most samples converted at a time to measure an
	// accuracy (DefaultEvalBatch when 0); it changes only memory and speed.
	EvalBatch int
	// OnEpoch, when set, is called after each epoch's accuracies are
	// measured (and printed, with Verbose), for a program that prints its
	// own line.
	OnEpoch func(epoch int, trainAcc, testAcc float64)
}

// DefaultConfig returns the book's defaults: 20 epochs, mini-batches of
// 100, SGD with lr 0.01, whole sets evaluated, verbose.
func DefaultConfig() Config {
	return Config{Epochs: 20, MiniBatchSize: 100, OptimizerName: "SGD", LR: 0.01, Verbose: true}
}

// Trainer is the book's common/trainer.py Trainer: it trains a network on
// (x_train, t_train) by mini-batches and measures its accuracy on the
// training and test sets once per epoch.
type Trainer struct {
	net    Net
	cfg    Config
	opt    optim.Optimizer
	out    io.Writer
	batch  *Batcher
	trainE *Evaluator
	testE  *Evaluator
	prog   *cli.Progress
	line   []byte
	// hold says that lines are held in held while Steps measures the
	// accuracies of epoch bgEpoch on another goroutine; bgSnap is the
	// snapshot it measures them on, kept for the next Steps.
	hold    bool
	held    []byte
	bgEpoch int
	bgSnap  *layers.Network

	// IterPerEpoch is iter_per_epoch: max(train_size / mini_batch_size, 1),
	// a float as in Python 3.
	IterPerEpoch float64
	// MaxIter is max_iter: int(epochs * iter_per_epoch), or Config.MaxIter.
	MaxIter int
	// CurrentIter and CurrentEpoch count the steps taken and the epochs
	// evaluated (current_iter, current_epoch).
	CurrentIter, CurrentEpoch int

	// TrainLossList holds the loss after each step (train_loss_list).
	TrainLossList []float64
	// TrainAccList and TestAccList hold each epoch's accuracies
	// (train_acc_list, test_acc_list).
	TrainAccList, TestAccList []float64
}

// NonFiniteError is returned when Config.StopOnNonFinite is set and a loss
// is NaN or infinite.
type NonFiniteError struct {
	Loss    float64 // the loss: NaN, +Inf or -Inf
	Iter    int     // the iteration, counted from 0 as current_iter
	MaxIter int
}

// Error names the loss and the iteration.
func (e *NonFiniteError) Error() string {
	return fmt.Sprintf("the loss became %v at iteration %d (of %d): try a smaller learning rate", e.Loss, e.Iter, e.MaxIter)
}

// CheckLoss returns a *NonFiniteError if loss is NaN or infinite, nil
// otherwise.
func CheckLoss(loss float64, iter, maxIter int) error {
	if math.IsNaN(loss) || math.IsInf(loss, 0) {
		return &NonFiniteError{Loss: loss, Iter: iter, MaxIter: maxIter}
	}
	return nil
}

// New returns a Trainer of net on the training set (xTrain, tTrain) and
// the test set (xTest, tTest). It returns an error when a setting is out of
// range, when an optimizer name is unknown (the error lists the valid
// names), or when a set is empty or holds different numbers of inputs and
// targets. The sets must not change while the Trainer is used: its
// evaluations keep the batches of mostly-zero inputs gathered after
// their first pass (Evaluator.KeepSparse).
func New(net Net, xTrain, tTrain, xTest, tTest Source, cfg Config) (*Trainer, error) {
	if net == nil {
		return nil, fmt.Errorf("train.New: the network is nil")
	}
	if err := checkPair("training", xTrain, tTrain); err != nil {
		return nil, err
	}
	if err := checkPair("test", xTest, tTest); err != nil {
		return nil, err
	}
	switch {
	case cfg.Epochs < 0:
		return nil, fmt.Errorf("train: epochs %d must not be negative", cfg.Epochs)
	case cfg.MiniBatchSize < 1:
		return nil, fmt.Errorf("train: mini-batch size %d must be at least 1", cfg.MiniBatchSize)
	case cfg.EvaluateSampleNumPerEpoch < 0:
		return nil, fmt.Errorf("train: evaluate_sample_num_per_epoch %d must not be negative (0 evaluates whole sets)", cfg.EvaluateSampleNumPerEpoch)
	case cfg.MaxIter < 0:
		return nil, fmt.Errorf("train: max_iter %d must not be negative (0 runs epochs)", cfg.MaxIter)
	}
	opt := cfg.Optimizer
	if opt == nil {
		name, lr := cfg.OptimizerName, cfg.LR
		if name == "" {
			name = "SGD"
		}
		if lr == 0 {
			lr = 0.01
		}
		var err error
		if opt, err = optim.New(name, lr); err != nil {
			return nil, err
		}
	}
	out := cfg.Out
	if out == nil {
		out = os.Stdout
	}
	trainSize := xTrain.Len()
	tr := &Trainer{
		net: net, cfg: cfg, opt: opt, out: out,
		batch:        NewBatcher(xTrain, tTrain, cfg.MiniBatchSize, cfg.Rand),
		trainE:       NewEvaluator(xTrain, tTrain, cfg.EvalBatch),
		testE:        NewEvaluator(xTest, tTest, cfg.EvalBatch),
		prog:         cli.NewProgress(out),
		IterPerEpoch: math.Max(float64(trainSize)/float64(cfg.MiniBatchSize), 1),
	}
	tr.MaxIter = int(float64(cfg.Epochs) * tr.IterPerEpoch)
	tr.testE.ShareCopies(tr.trainE) // one set of inference copies for both
	// The sets do not change while it trains (see Evaluator.KeepSparse).
	tr.trainE.KeepSparse()
	tr.testE.KeepSparse()
	if cfg.MaxIter > 0 {
		tr.MaxIter = cfg.MaxIter
	}
	tr.TrainLossList = make([]float64, 0, tr.MaxIter)
	return tr, nil
}

// Step takes one training step, the book's train_step: draw a mini-batch,
// compute the gradient, update the parameters, record (and with Verbose
// print) the loss after the update, and at the start of each epoch
// (current_iter % iter_per_epoch == 0) measure and record the accuracies.
// It returns a *NonFiniteError, before recording anything, if the loss is
// not finite and Config.StopOnNonFinite is set.
func (tr *Trainer) Step() error { return tr.step(nil) }

// step is Step; with bg, the accuracies of an epoch are measured on bg's
// goroutine while the steps go on (see Steps).
func (tr *Trainer) step(bg *Background) error {
	x, t := tr.batch.Next() // batch_mask = np.random.choice(train_size, batch_size)
	tr.net.Gradient(x, t)
	tr.opt.Update(tr.net.Params())

	loss := tr.net.Loss(x, t)
	if tr.cfg.StopOnNonFinite {
		if err := CheckLoss(loss, tr.CurrentIter, tr.MaxIter); err != nil {
			tr.prog.Clear()
			return err
		}
	}
	tr.TrainLossList = append(tr.TrainLossList, loss)
	if tr.cfg.Verbose {
		tr.println("train loss:", loss)
	}

	if math.Mod(float64(tr.CurrentIter), tr.IterPerEpoch) == 0 {
		tr.CurrentEpoch++
		if !tr.startEpoch(bg) {
			n := tr.cfg.EvaluateSampleNumPerEpoch
			tr.epochDone(tr.CurrentEpoch, tr.trainE.Accuracy(tr.net, n), tr.testE.Accuracy(tr.net, n))
		}
	}
	tr.CurrentIter++
	return nil
}

// epochDone records the accuracies of epoch and prints them.
func (tr *Trainer) epochDone(epoch int, trainAcc, testAcc float64) {
	tr.TrainAccList = append(tr.TrainAccList, trainAcc)
	tr.TestAccList = append(tr.TestAccList, testAcc)
	if tr.cfg.Verbose {
		tr.prog.Clear()
		fmt.Fprintf(tr.out, "=== epoch:%d, train acc:%s, test acc:%s ===\n",
			epoch, tensor.FormatFloat(trainAcc), tensor.FormatFloat(testAcc))
	}
	if tr.cfg.OnEpoch != nil {
		tr.prog.Clear()
		tr.cfg.OnEpoch(epoch, trainAcc, testAcc)
	}
}

// println prints prefix and the value as Python's print(prefix + str(v)),
// or holds the line while an epoch's accuracies are being measured on
// another goroutine (Steps), to print it after them.
func (tr *Trainer) println(prefix string, v float64) {
	if tr.hold {
		tr.held = append(append(append(tr.held, prefix...), tensor.FormatFloat(v)...), '\n')
		return
	}
	tr.prog.Clear()
	tr.line = append(append(append(tr.line[:0], prefix...), tensor.FormatFloat(v)...), '\n')
	tr.out.Write(tr.line)
}

// Steps takes n steps, showing a progress line on a terminal. It stops at
// the first error of Step.
//
// On two cores or more, when the network is built on layers.Network
// (every network of package nets but SigmoidTwoLayerNet), the accuracies
// of each epoch are measured on a snapshot of the network
// (layers.Network.Snapshot) by another goroutine, while the next steps
// train the network on: a training step of a small network does not use a
// second core, the measurement does, and now both run at once. The
// accuracies, the lists and the printed lines are those of Step, in the
// same order (the lines of the steps that ran meanwhile are held until
// the epoch's line is printed); only OnEpoch is called later, once the
// accuracies are in, and Steps returns when every one is. (The snapshot
// counts as layers.Network.Correct does; a network type that embeds one
// and counts otherwise should be trained with Step.)
func (tr *Trainer) Steps(n int) error {
	defer tr.prog.Clear()
	bg := NewBackground(tr.net, tr.trainE, tr.testE)
	if bg != nil {
		bg.snap = tr.bgSnap // the last Steps' snapshot and its buffers
		defer func() {
			tr.bgSnap = bg.snap
			bg.Close()
		}()
	}
	for i := range n {
		if err := tr.step(bg); err != nil {
			tr.finishEpoch(bg)
			return err
		}
		tr.prog.Update("iteration", i+1, n, tr.TrainLossList[len(tr.TrainLossList)-1])
	}
	tr.finishEpoch(bg)
	return nil
}

// startEpoch finishes the epoch whose accuracies bg is measuring, if any,
// then starts measuring those of epoch CurrentEpoch, holding the lines
// printed meanwhile. It returns false, having started nothing, when bg
// is nil or cannot snapshot the network.
func (tr *Trainer) startEpoch(bg *Background) bool {
	tr.finishEpoch(bg)
	if !bg.Start(tr.cfg.EvaluateSampleNumPerEpoch) {
		return false
	}
	tr.bgEpoch, tr.hold = tr.CurrentEpoch, true
	return true
}

// finishEpoch waits for the accuracies bg is measuring, if any, records
// and prints them, then prints the lines held meanwhile.
func (tr *Trainer) finishEpoch(bg *Background) {
	if !bg.Busy() {
		return
	}
	tr.hold = false
	held := tr.held
	tr.held = tr.held[:0]
	accs := bg.Wait()
	tr.epochDone(tr.bgEpoch, accs[0], accs[1])
	if len(held) > 0 {
		tr.prog.Clear()
		tr.out.Write(held)
	}
}

// Train runs the book's train(): MaxIter steps, then the accuracy on the
// whole test set, which it returns and, with Verbose, prints as the book's
// two final lines.
func (tr *Trainer) Train() (testAcc float64, err error) {
	if err := tr.Steps(tr.MaxIter); err != nil {
		return math.NaN(), err
	}
	testAcc = tr.testE.Accuracy(tr.net, 0)
	if tr.cfg.Verbose {
		fmt.Fprintln(tr.out, "=============== Final Test Accuracy ===============")
		tr.println("test acc:", testAcc)
	}
	return testAcc, nil
}

// Optimizer returns the optimizer the Trainer updates the parameters with.
func (tr *Trainer) Optimizer() optim.Optimizer { return tr.opt }

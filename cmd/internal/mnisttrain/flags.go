package mnisttrain

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/plot"
)

// Options are the command-line settings the training twins share; the
// defaults are the scripts' values.
type Options struct {
	Seed      uint32
	DataDir   string
	Iters     int
	BatchSize int
	LR        float64
	Hidden    int
	Figure    string // SVG file for the curves; "" for none
}

// The largest values the size flags accept. They are far above the
// book's (10000 iterations, batches of 100, 50 hidden units) and keep the
// memory a run needs within a few GB: the loss of every iteration is kept
// (MaxIters of them are 80 MB), W1 has 784×hidden values, and each layer's
// activations batch×hidden (MaxBatchHidden of them are 400 MB).
const (
	MaxIters       = 10_000_000
	MaxBatch       = 60000 // the size of MNIST's training set
	MaxHidden      = 100_000
	MaxBatchHidden = 50_000_000
)

// ParseFlags reads the shared flags of a training twin named name. Every
// value is checked against its range, and the -o path with
// cli.CheckOutput, before any work starts.
func ParseFlags(name string, args []string, stderr io.Writer) (Options, error) {
	fs := cli.FlagSet(name, stderr)
	seed := cli.SeedFlag(fs)
	data := cli.DataFlag(fs)
	iters := fs.Int("iters", 10000, "iterations (iters_num), 1 to 10000000")
	batch := fs.Int("batch", 100, "mini-batch size (batch_size), 1 to 60000")
	lr := fs.Float64("lr", 0.1, "learning rate (learning_rate)")
	hidden := fs.Int("hidden", 50, "hidden units (hidden_size), 1 to 100000")
	figure := cli.OptionalOutputFlag(fs, "o", name+".svg", "SVG `file` for the loss and accuracy curves (\"\" for none)")
	if err := cli.Parse(fs, args); err != nil {
		return Options{}, err
	}
	if err := checkSizes(*iters, *batch, *hidden); err != nil {
		return Options{}, err
	}
	if *lr <= 0 || math.IsNaN(*lr) || math.IsInf(*lr, 0) {
		return Options{}, cli.Usagef("-lr %v must be a positive number", *lr)
	}
	return Options{Seed: *seed, DataDir: *data, Iters: *iters, BatchSize: *batch, LR: *lr, Hidden: *hidden, Figure: *figure}, nil
}

// checkSizes checks the size flags against their ranges.
func checkSizes(iters, batch, hidden int) error {
	if err := cli.CheckInt("iters", iters, 1, MaxIters); err != nil {
		return err
	}
	if batch < 1 || batch > MaxBatch {
		return cli.Usagef("-batch %d must be between 1 and %d", batch, MaxBatch)
	}
	if err := cli.CheckInt("hidden", hidden, 1, MaxHidden); err != nil {
		return err
	}
	if batch > MaxBatchHidden/hidden {
		return cli.Usagef("-batch %d with -hidden %d gives layers of %d values, more than the %d allowed: lower one of them",
			batch, hidden, batch*hidden, MaxBatchHidden)
	}
	return nil
}

// Config returns the loop's configuration for these options, with line
// formatting each epoch's accuracies.
func (o Options) Config(line func(trainAcc, testAcc float64) string) Config {
	return Config{Iters: o.Iters, BatchSize: o.BatchSize, LR: o.LR, EvalBatch: DefaultEvalBatch, Line: line}
}

// Finish prints the elapsed time and writes the curves: the loss after
// each iteration, and the accuracies per epoch as the book's ch04 script
// plots them.
func Finish(o Options, res *Result, stdout io.Writer) error {
	fmt.Fprintf(stdout, "elapsed: %.2fs\n", res.Elapsed.Round(10*time.Millisecond).Seconds())
	if o.Figure == "" {
		return nil
	}
	f := plot.NewGrid(1, 2)
	f.SetSizeInches(12, 4.8)
	loss := f.Subplot(0)
	loss.Line(nil, res.TrainLoss, plot.Style{Label: "train loss"})
	loss.SetXLabel("iteration")
	loss.SetYLabel("loss")
	loss.Legend("upper right")
	acc := f.Subplot(1)
	acc.Line(nil, res.TrainAcc, plot.Style{Label: "train acc", Marker: "o"})
	acc.Line(nil, res.TestAcc, plot.Style{Label: "test acc", LineStyle: "--", Marker: "s"})
	acc.SetXLabel("epochs")
	acc.SetYLabel("accuracy")
	acc.SetYLim(0, 1.0)
	acc.Legend("lower right")
	return cli.SaveFigure(stdout, f, o.Figure)
}

// ParseAccuracies extracts the (train, test) accuracy pairs from the
// per-epoch lines of either script's output ("0.9051333333333333 0.9069"
// or "train acc, test acc | 0.78, 0.79"), ignoring other lines. It serves
// the twins' tests, which compare runs with NumPy's.
func ParseAccuracies(text string) ([][2]float64, error) {
	var out [][2]float64
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimPrefix(line, "train acc, test acc | ")
		f := strings.Fields(strings.ReplaceAll(line, ",", " "))
		if len(f) != 2 {
			continue
		}
		a, errA := strconv.ParseFloat(f[0], 64)
		b, errB := strconv.ParseFloat(f[1], 64)
		if errA != nil || errB != nil {
			continue
		}
		out = append(out, [2]float64{a, b})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no accuracy lines in %q", text)
	}
	return out, nil
}

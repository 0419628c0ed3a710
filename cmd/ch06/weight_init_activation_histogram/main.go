// Command weight_init_activation_histogram is the Go twin of the book's
// ch06/weight_init_activation_histogram.py: 1000 random inputs of 100
// values go through five layers of 100 nodes, each with weights drawn as
// np.random.randn(100, 100) * scale and an activation function, and the
// figure shows a histogram of each layer's activations (30 bins over
// [0, 1]), side by side. It writes the figure as an SVG file and prints its
// path.
//
// The script's defaults are a sigmoid and weights of standard deviation 1;
// its comments suggest the other choices, which are flags here: -scale 0.01,
// -scale xavier (np.sqrt(1.0 / node_num)), -scale he (np.sqrt(2.0 /
// node_num)), and -activation relu or tanh.
//
// Usage:
//
//	go run ./cmd/ch06/weight_init_activation_histogram [-seed 0] [-activation sigmoid] [-scale 1] [-o weight_init_activation_histogram.svg]
package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/plot"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// The script's sizes.
const (
	dataNum         = 1000 // input_data = np.random.randn(1000, 100)
	nodeNum         = 100  // node_num
	hiddenLayerSize = 5    // hidden_layer_size
	bins            = 30   // plt.hist(a.flatten(), 30, range=(0,1))
)

func main() { cli.Main("weight_init_activation_histogram", run) }

func run(args []string, stdout, stderr io.Writer) error {
	fs := cli.FlagSet("weight_init_activation_histogram", stderr)
	seed := cli.SeedFlag(fs)
	act := &activationValue{name: "sigmoid"}
	fs.Var(act, "activation", "activation `function` of every layer: sigmoid, relu or tanh (the script's choices)")
	scale := &scaleValue{text: "1", v: 1}
	fs.Var(scale, "scale", "the weights' `scale`, np.random.randn(100, 100) * scale: a number, xavier (np.sqrt(1.0 / node_num)) or he (np.sqrt(2.0 / node_num))")
	out := cli.FigureFlag(fs, "weight_init_activation_histogram")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	f, _ := figure(activations(random.New(*seed), act.fn(), scale.v))
	return cli.SaveFigure(stdout, f, *out)
}

// figure draws the script's figure: one histogram of each layer's
// activations, 30 bins over [0, 1], in a row of subplots titled
// "1-layer" ... "5-layer", the y ticks only on the first. It returns the
// figure and the histograms' counts.
func figure(acts [][]float64) (*plot.Figure, [][]int) {
	f := plot.NewGrid(1, len(acts))
	counts := make([][]int, len(acts))
	for i, a := range acts {
		ax := f.Subplot(i)
		ax.SetTitle(strconv.Itoa(i+1) + "-layer")
		if i != 0 {
			ax.SetYTicks() // plt.yticks([], [])
		}
		counts[i] = ax.Hist(a, bins, 0, 1, plot.Style{})
	}
	return f, counts
}

// activations runs the script's loop: input_data = np.random.randn(1000,
// 100), then for each of the five layers w = np.random.randn(100, 100) *
// scale, a = np.dot(x, w), z = act(a), and x = z for the next layer. It
// returns each layer's z, flattened.
func activations(g *random.Generator, act func(*tensor.Tensor) *tensor.Tensor, scale float64) [][]float64 {
	x := g.Randn(dataNum, nodeNum)
	out := make([][]float64, hiddenLayerSize)
	for i := range out {
		w := ops.MulScalar(g.Randn(nodeNum, nodeNum), scale)
		x = act(ops.MatMul(x, w))
		out[i] = x.Data()
	}
	return out
}

// activationValue is the -activation flag: the script's sigmoid, ReLU or
// tanh.
type activationValue struct {
	name string
	f    func(*tensor.Tensor) *tensor.Tensor
}

// activationFuncs are the script's three functions.
var activationFuncs = map[string]func(*tensor.Tensor) *tensor.Tensor{
	"sigmoid": ops.Sigmoid, // 1 / (1 + np.exp(-x))
	"relu":    ops.ReLU,    // np.maximum(0, x)
	"tanh":    tanh,
}

// tanh is the script's tanh: np.tanh(x).
func tanh(x *tensor.Tensor) *tensor.Tensor { return ops.Apply(x, math.Tanh) }

// String returns the function's name.
func (a *activationValue) String() string {
	if a == nil {
		return ""
	}
	return a.name
}

// Set picks a function by name, case-insensitively.
func (a *activationValue) Set(s string) error {
	name := strings.ToLower(s)
	if _, ok := activationFuncs[name]; !ok {
		return fmt.Errorf("-activation %q is not one of sigmoid, relu, tanh", s)
	}
	a.name = name
	return nil
}

// fn returns the chosen function.
func (a *activationValue) fn() func(*tensor.Tensor) *tensor.Tensor { return activationFuncs[a.name] }

// scaleValue is the -scale flag: a finite number, or xavier or he.
type scaleValue struct {
	text string
	v    float64
}

// String returns the flag as given.
func (s *scaleValue) String() string {
	if s == nil {
		return ""
	}
	return s.text
}

// Set parses a scale: a finite number, "xavier" for np.sqrt(1.0 /
// node_num) or "he" for np.sqrt(2.0 / node_num).
func (s *scaleValue) Set(str string) error {
	switch strings.ToLower(str) {
	case "xavier":
		s.v = math.Sqrt(1.0 / nodeNum)
	case "he":
		s.v = math.Sqrt(2.0 / nodeNum)
	default:
		v, err := strconv.ParseFloat(str, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("-scale %q is not a finite number, xavier or he", str)
		}
		s.v = v
	}
	s.text = str
	return nil
}

var (
	_ flag.Value = (*activationValue)(nil)
	_ flag.Value = (*scaleValue)(nil)
)

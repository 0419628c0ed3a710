package nets

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/dlfs-go/dlfs/internal/vec"
	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/loss"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// WeightInit is the book's weight_init_std argument of MultiLayerNet and
// MultiLayerNetExtend: either a name that makes the standard deviation of
// each layer's weights depend on the size n of the layer before it
// ("relu" or "he": He's sqrt(2/n); "sigmoid" or "xavier": Xavier's
// sqrt(1/n)), or a fixed standard deviation (StdInit). The zero value is
// the book's default, "relu".
type WeightInit struct {
	name  string // lower-case book name; "" with !fixed means "relu"
	std   float64
	fixed bool
}

// The book's named initialisations.
var (
	// HeInit is weight_init_std="he" (the same as "relu"): sqrt(2/n).
	HeInit = WeightInit{name: "he"}
	// XavierInit is weight_init_std="xavier" (the same as "sigmoid"):
	// sqrt(1/n).
	XavierInit = WeightInit{name: "xavier"}
)

// StdInit is a fixed standard deviation for every layer's weights, the
// book's weight_init_std=std (for example 0.01).
func StdInit(std float64) WeightInit { return WeightInit{std: std, fixed: true} }

// ParseWeightInit reads weight_init_std as the book's str(...).lower() test
// does: "relu" and "he" (in any case) are He's initialisation, "sigmoid"
// and "xavier" Xavier's; anything else must be a number, a fixed standard
// deviation. The error says what the valid values are.
func ParseWeightInit(s string) (WeightInit, error) {
	switch l := strings.ToLower(s); l {
	case "relu", "he", "sigmoid", "xavier":
		return WeightInit{name: l}, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return WeightInit{}, fmt.Errorf("weight_init_std %q: want relu, he, sigmoid, xavier or a number", s)
	}
	return StdInit(v), nil
}

// String returns the name ("relu", "he", "sigmoid", "xavier") or the
// standard deviation as Python prints it.
func (w WeightInit) String() string {
	switch {
	case w.fixed:
		return tensor.FormatFloat(w.std)
	case w.name == "":
		return "relu"
	}
	return w.name
}

// Scale returns the standard deviation of the weights of a layer whose
// input has prev units: np.sqrt(2.0 / prev) for He's, np.sqrt(1.0 / prev)
// for Xavier's, or the fixed value.
func (w WeightInit) Scale(prev int) float64 {
	switch {
	case w.fixed:
		return w.std
	case w.name == "sigmoid" || w.name == "xavier":
		return math.Sqrt(1.0 / float64(prev))
	}
	return math.Sqrt(2.0 / float64(prev))
}

// Config holds the keyword arguments of the book's MultiLayerNet. The zero
// value is the book's defaults: activation "relu", weight_init_std "relu",
// no weight decay.
type Config struct {
	// Activation is the hidden layers' activation, "relu" or "sigmoid"
	// (activation; "" means "relu").
	Activation string
	// WeightInitStd sets the weights' standard deviation
	// (weight_init_std); see WeightInit.
	WeightInitStd WeightInit
	// WeightDecayLambda is the strength λ of the L2 weight decay
	// (weight_decay_lambda): the loss gains ½λΣW² over every weight
	// matrix and each weight's gradient λW.
	WeightDecayLambda float64
}

// ExtendConfig holds the keyword arguments of the book's
// MultiLayerNetExtend: those of MultiLayerNet and the Dropout and Batch
// Normalization switches. Start from DefaultExtendConfig, which holds the
// book's defaults; in a literal, DropoutRation 0 keeps every unit.
type ExtendConfig struct {
	Config
	// UseDropout puts a Dropout layer after each hidden activation
	// (use_dropout).
	UseDropout bool
	// DropoutRation is the ratio of units each Dropout layer drops in
	// training mode: the book's dropout_ration, spelled as the book spells
	// it (0.5 in DefaultExtendConfig).
	DropoutRation float64
	// UseBatchnorm puts a BatchNormalization layer (gamma = 1, beta = 0,
	// momentum 0.9) between each hidden Affine layer and its activation
	// (use_batchnorm).
	UseBatchnorm bool
}

// DefaultExtendConfig returns the book's defaults for
// MultiLayerNetExtend: activation "relu", weight_init_std "relu", no
// weight decay, no Dropout (dropout_ration 0.5 if it is turned on), no
// Batch Normalization.
func DefaultExtendConfig() ExtendConfig { return ExtendConfig{DropoutRation: 0.5} }

// MultiLayerNet is the book's common/multi_layer_net.py MultiLayerNet: a
// fully connected network of Affine layers with an activation (ReLU or
// Sigmoid) after each hidden one, ending in SoftmaxWithLoss, with optional
// L2 weight decay.
//
// Shapes: x (N, InputSize) or (N, ...) with InputSize values per sample; t
// one-hot (N, OutputSize) or class indices (N,); scores (N, OutputSize).
//
// The parameters are the book's params dict, W1, b1, ..., W(L), b(L) for
// L = len(HiddenSizeList)+1 Affine layers. Predict, Forward, Correct,
// Accuracy, Params and Backward are those of the embedded layers.Network;
// Loss and Gradient add the weight decay. It satisfies train.Net.
type MultiLayerNet struct {
	*layers.Network
	InputSize      int
	HiddenSizeList []int
	OutputSize     int
	// WeightDecayLambda is the book's weight_decay_lambda, read by every
	// Loss and Gradient.
	WeightDecayLambda float64
	// Affines are the book's layers['Affine1'] ... layers['Affine<L>'].
	Affines []*layers.Affine
	Last    *loss.SoftmaxWithLoss

	decay weightDecay
}

// NewMultiLayerNet builds the book's MultiLayerNet(input_size,
// hidden_size_list, output_size, activation, weight_init_std,
// weight_decay_lambda). The weights are drawn from g in the book's order,
// W_i = scale_i * g.Randn(size_{i-1}, size_i) for i = 1, ..., L, the biases
// are zero. A nil g uses random's default generator. It panics on a size
// that is not positive or an unknown activation.
func NewMultiLayerNet(inputSize int, hiddenSizeList []int, outputSize int, cfg Config, g *random.Generator) *MultiLayerNet {
	const op = "nets.NewMultiLayerNet"
	affines := initAffines(op, inputSize, hiddenSizeList, outputSize, cfg.WeightInitStd, g)
	act := activation(op, cfg.Activation)
	var ls []layers.Layer
	for i, a := range affines {
		ls = append(ls, a)
		if i < len(hiddenSizeList) {
			ls = append(ls, act())
		}
	}
	last := loss.NewSoftmaxWithLoss()
	return &MultiLayerNet{
		Network:           layers.NewNetwork(last, ls...),
		InputSize:         inputSize,
		HiddenSizeList:    append([]int(nil), hiddenSizeList...),
		OutputSize:        outputSize,
		WeightDecayLambda: cfg.WeightDecayLambda,
		Affines:           affines,
		Last:              last,
	}
}

// Reinit makes n the network NewMultiLayerNet would build with n's sizes,
// activation and weight decay but with weight initialisation init and
// generator g, drawing the same numbers from g, while keeping n's buffers:
// a search that trains many networks of one shape allocates nothing for
// each after the first. The weights are drawn in the constructor's order,
// the biases are zero. Optimizers keep their own state (Momentum's v,
// Adam's m and v): give each new network a new optimizer.
func (n *MultiLayerNet) Reinit(init WeightInit, g *random.Generator) {
	reinitAffines(n.Affines, init, g)
	n.decay = weightDecay{}
}

// Loss returns the cross-entropy loss of the prediction for x against t
// plus the weight decay ½λΣW² (summed over W1, ..., W(L) in order), the
// book's loss(x, t).
func (n *MultiLayerNet) Loss(x, t *tensor.Tensor) float64 {
	return n.Last.Forward(n.Forward(x, false), t) + n.decay.loss(n.WeightDecayLambda, n.Affines)
}

// Gradient computes the loss for (x, t), back-propagates it, and leaves
// in each parameter's Grad the book's gradient(x, t): dW + λW for the
// weights, db for the biases. It returns the loss.
func (n *MultiLayerNet) Gradient(x, t *tensor.Tensor) float64 {
	l := n.Loss(x, t)
	n.Backward()
	n.decay.addGrad(n.WeightDecayLambda, n.Affines)
	return l
}

// NumericalGradient returns the gradient of Loss for (x, t) by central
// differences, keyed W1, b1, ..., W(L), b(L): the book's
// numerical_gradient(x, t). It is slow: two losses per parameter value.
func (n *MultiLayerNet) NumericalGradient(x, t *tensor.Tensor) map[string]*tensor.Tensor {
	return n.decay.numerical(n.WeightDecayLambda, n.Affines, n.Params(), func() float64 { return n.Loss(x, t) })
}

// MultiLayerNetExtend is the book's common/multi_layer_net_extend.py
// MultiLayerNetExtend: MultiLayerNet with optional Batch Normalization and
// Dropout. Each hidden layer i is Affine_i, BatchNorm_i (with
// UseBatchnorm), the activation, Dropout_i (with UseDropout); the last is
// an Affine layer followed by SoftmaxWithLoss.
//
// Shapes are those of MultiLayerNet. The parameters are the book's params
// dict: W1, b1, gamma1, beta1, W2, ... in the order of the layers
// (gamma_i and beta_i with UseBatchnorm, for the hidden layers only); the
// running means and variances are State (running_mean1, running_var1,
// ...), which optimizers never see.
//
// The book's train_flg: Loss, Predict, Correct and Accuracy run in
// inference mode, as the book's loss(x, t), predict(x) and accuracy(x, t)
// do by default; LossTrain and Forward(x, true) are loss(x, t,
// train_flg=True) and predict(x, train_flg=True); Gradient runs in
// training mode, as the book's gradient does. So the book's Trainer loop
// (train.Trainer: Gradient, update, Loss) does what the book's does. It
// satisfies train.Net.
//
// Every Dropout layer draws its masks from the generator given to
// NewMultiLayerNetExtend, the one that drew the weights, as the book's
// layers both draw from np.random.
type MultiLayerNetExtend struct {
	*layers.Network
	InputSize      int
	HiddenSizeList []int
	OutputSize     int
	// WeightDecayLambda is the book's weight_decay_lambda, read by every
	// loss and gradient.
	WeightDecayLambda float64
	// Affines are layers['Affine1'] ... layers['Affine<L>'].
	Affines []*layers.Affine
	// BatchNorms are layers['BatchNorm1'] ... (nil without UseBatchnorm).
	BatchNorms []*layers.BatchNormalization
	// Dropouts are layers['Dropout1'] ... (nil without UseDropout).
	Dropouts []*layers.Dropout
	Last     *loss.SoftmaxWithLoss

	decay weightDecay
}

// NewMultiLayerNetExtend builds the book's MultiLayerNetExtend(input_size,
// hidden_size_list, output_size, activation, weight_init_std,
// weight_decay_lambda, use_dropout, dropout_ration, use_batchnorm). The
// weights are drawn from g as NewMultiLayerNet draws them; the Dropout
// layers draw their masks from g too. A nil g uses random's default
// generator. It panics on a size that is not positive, an unknown
// activation or a dropout ratio outside [0, 1].
func NewMultiLayerNetExtend(inputSize int, hiddenSizeList []int, outputSize int, cfg ExtendConfig, g *random.Generator) *MultiLayerNetExtend {
	const op = "nets.NewMultiLayerNetExtend"
	if cfg.UseDropout && !(cfg.DropoutRation >= 0 && cfg.DropoutRation <= 1) {
		panic(fmt.Sprintf("%s: dropout_ration %v is outside [0, 1]", op, cfg.DropoutRation))
	}
	affines := initAffines(op, inputSize, hiddenSizeList, outputSize, cfg.WeightInitStd, g)
	act := activation(op, cfg.Activation)
	n := &MultiLayerNetExtend{
		InputSize:         inputSize,
		HiddenSizeList:    append([]int(nil), hiddenSizeList...),
		OutputSize:        outputSize,
		WeightDecayLambda: cfg.WeightDecayLambda,
		Affines:           affines,
		Last:              loss.NewSoftmaxWithLoss(),
	}
	var ls []layers.Layer
	for i, a := range affines {
		ls = append(ls, a)
		if i == len(hiddenSizeList) {
			break
		}
		if cfg.UseBatchnorm {
			h := hiddenSizeList[i]
			bn := layers.NewBatchNormalization(tensor.Ones(h), tensor.Zeros(h), 0.9)
			n.BatchNorms = append(n.BatchNorms, bn)
			ls = append(ls, bn)
		}
		ls = append(ls, act())
		if cfg.UseDropout {
			d := layers.NewDropout(cfg.DropoutRation, g)
			n.Dropouts = append(n.Dropouts, d)
			ls = append(ls, d)
		}
	}
	n.Network = layers.NewNetwork(n.Last, ls...)
	return n
}

// Reinit makes n the network NewMultiLayerNetExtend would build with n's
// sizes and configuration but with weight initialisation init and
// generator g, drawing the same numbers from g, while keeping n's buffers:
// a search that trains many networks of one shape (batch_norm_test's
// weight scales) allocates nothing for each after the first. The weights
// are drawn in the constructor's order; the biases and beta become 0,
// gamma 1 and the running statistics 0; the Dropout layers draw their
// masks from g. Optimizers keep their own state (Momentum's v, Adam's m
// and v): give each new network a new optimizer.
func (n *MultiLayerNetExtend) Reinit(init WeightInit, g *random.Generator) {
	reinitAffines(n.Affines, init, g)
	for _, bn := range n.BatchNorms {
		bn.Gamma.Fill(1)
		bn.Beta.Fill(0)
		bn.RunningMean.Fill(0)
		bn.RunningVar.Fill(0)
	}
	for _, d := range n.Dropouts {
		d.SetGenerator(g)
	}
	n.decay = weightDecay{}
}

// Loss returns the loss in inference mode, the book's loss(x, t) with its
// default train_flg=False: the cross-entropy of the prediction plus the
// weight decay ½λΣW².
func (n *MultiLayerNetExtend) Loss(x, t *tensor.Tensor) float64 {
	return n.loss(x, t, false)
}

// LossTrain returns the loss in training mode, the book's loss(x, t,
// train_flg=True): Dropout draws new masks and Batch Normalization uses,
// and updates its running statistics with, the batch's statistics.
func (n *MultiLayerNetExtend) LossTrain(x, t *tensor.Tensor) float64 {
	return n.loss(x, t, true)
}

func (n *MultiLayerNetExtend) loss(x, t *tensor.Tensor, train bool) float64 {
	return n.Last.Forward(n.Forward(x, train), t) + n.decay.loss(n.WeightDecayLambda, n.Affines)
}

// Gradient computes LossTrain for (x, t), back-propagates it, and leaves
// in each parameter's Grad the book's gradient(x, t): dW + λW for the
// weights, db, dgamma and dbeta for the others. It returns the loss (in
// training mode).
func (n *MultiLayerNetExtend) Gradient(x, t *tensor.Tensor) float64 {
	l := n.loss(x, t, true)
	n.Backward()
	n.decay.addGrad(n.WeightDecayLambda, n.Affines)
	return l
}

// NumericalGradient returns the gradient of LossTrain for (x, t) by
// central differences, keyed W1, b1, gamma1, beta1, W2, ...: the book's
// numerical_gradient(x, t), which evaluates the loss in training mode.
// As in the book, each of those losses draws new Dropout masks and moves
// the running statistics. It is slow: two losses per parameter value.
func (n *MultiLayerNetExtend) NumericalGradient(x, t *tensor.Tensor) map[string]*tensor.Tensor {
	return n.decay.numerical(n.WeightDecayLambda, n.Affines, n.Params(), func() float64 { return n.loss(x, t, true) })
}

// initAffines draws the weights of the book's __init_weight in its order
// and returns the Affine layers holding them.
func initAffines(op string, input int, hidden []int, output int, init WeightInit, g *random.Generator) []*layers.Affine {
	sizes := append(append([]int{input}, hidden...), output)
	for _, s := range sizes {
		if s <= 0 {
			panic(fmt.Sprintf("%s: sizes %d, %v, %d must be positive", op, input, hidden, output))
		}
	}
	affines := make([]*layers.Affine, len(sizes)-1)
	for i := range affines {
		affines[i] = layers.NewAffineWith(tensor.Zeros(sizes[i], sizes[i+1]), tensor.Zeros(sizes[i+1]))
	}
	reinitAffines(affines, init, g)
	return affines
}

// reinitAffines draws the weights of the Affine layers in the book's order,
// W_i = scale_i * randn(size_{i-1}, size_i), from g or, when g is nil,
// random's default generator, and zeroes the biases: initAffines and
// Reinit both draw through it.
func reinitAffines(affines []*layers.Affine, init WeightInit, g *random.Generator) {
	for _, a := range affines {
		w, scale := a.W.Data(), init.Scale(a.W.Size(0))
		if g == nil {
			copy(w, random.Randn(len(w)).Data())
			for i := range w {
				w[i] *= scale
			}
		} else {
			for i := range w {
				w[i] = g.NormFloat64() * scale
			}
		}
		a.B.Fill(0)
	}
}

// activation returns the constructor of the book's activation_layer[name].
func activation(op, name string) func() layers.Layer {
	switch name {
	case "", "relu":
		return func() layers.Layer { return layers.NewReLU() }
	case "sigmoid":
		return func() layers.Layer { return layers.NewSigmoid() }
	}
	panic(fmt.Sprintf("%s: activation %q: want \"relu\" or \"sigmoid\"", op, name))
}

// weightDecay computes the weight decay's loss and gradient.
type weightDecay struct {
	// bounded is set while the weights are known to pass boundedWeights
	// (during a numerical gradient, which moves one weight by 1e-4 at a
	// time), so that each loss need not check them again.
	bounded bool
	// zero is set by a loss that found λ = 0 and the weights bounded, and
	// cleared by the addGrad that follows it on the same weights.
	zero bool
}

// numerical returns the numerical gradient of loss over params, checking
// the weights once for the whole of it rather than at each loss.
func (d *weightDecay) numerical(lambda float64, affines []*layers.Affine, params []layers.Param, loss func() float64) map[string]*tensor.Tensor {
	d.bounded = lambda == 0 && boundedWeights(affines)
	defer func() { d.bounded = false }()
	return numericalGradient(params, loss)
}

// loss returns the book's Σ_i 0.5 * λ * np.sum(W_i**2), accumulated in
// the order of the layers, each np.sum a pairwise sum as NumPy's.
//
// Without weight decay (λ = 0) that is 0 unless a sum of squares is
// infinite or NaN (0 * inf is NaN, which the book's loss then is): when
// every weight is at most 1e150 in magnitude no sum can be, and the
// squares are skipped. Even that check reads every weight, as much work
// as a forward pass of one image, so a numerical gradient makes it once
// (weightDecay.numerical): the weights it moves by 1e-4 stay below the
// bound.
func (d *weightDecay) loss(lambda float64, affines []*layers.Affine) float64 {
	d.zero = lambda == 0 && (d.bounded || boundedWeights(affines))
	if d.zero {
		return 0
	}
	decay := 0.0
	for _, a := range affines {
		decay += float64(0.5 * lambda * ops.SumSquares(a.W))
	}
	return decay
}

// boundedWeights reports whether every weight is finite and at most 1e150
// in magnitude, in a net of at most 1e8 weights: then each square is at
// most 1e300 and no sum of them in any order reaches infinity.
func boundedWeights(affines []*layers.Affine) bool {
	const bound, maxCount = 1e150, 1e8
	count := 0
	for _, a := range affines {
		w := a.W.Data()
		count += len(w)
		if !vec.AllAbsLE(w, bound) {
			return false
		}
	}
	return count <= maxCount
}

// addGrad turns each Affine layer's dW into the book's dW + λW, right
// after the loss (and the backward pass) on the same weights. When that
// loss found λ = 0 and every weight bounded, each λW is +0 or -0 and
// adding it changes no gradient but the sign of a zero (-0 + +0 is +0),
// which no optimizer turns into a different weight except a zero one's
// sign: the addition is skipped, a pass over every weight saved.
func (d *weightDecay) addGrad(lambda float64, affines []*layers.Affine) {
	skip := d.zero
	d.zero = false
	if skip {
		return
	}
	for _, a := range affines {
		vec.AddScaled(a.DW.Data(), a.W.Data(), lambda)
	}
}

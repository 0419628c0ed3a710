package nets

import (
	"fmt"
	"math"

	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/loss"
	"github.com/dlfs-go/dlfs/ops"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// ConvParam is the book's conv_param dict: the number of filters, their
// (square) size, the padding and the stride of a convolution layer.
type ConvParam struct {
	FilterNum, FilterSize, Pad, Stride int
}

// DefaultConvParam returns SimpleConvNet's default conv_param: 30 filters
// of 5×5, pad 0, stride 1.
func DefaultConvParam() ConvParam { return ConvParam{FilterNum: 30, FilterSize: 5, Pad: 0, Stride: 1} }

// AccuracyBatch is the batch size of the convolutional networks'
// Accuracy, the book's accuracy(x, t, batch_size=100).
const AccuracyBatch = 100

// SimpleConvNet is the book's ch07/simple_convnet.py SimpleConvNet:
//
//	Convolution – ReLU – Pooling (2×2, stride 2) – Affine – ReLU – Affine – SoftmaxWithLoss
//
// Shapes: x (N, C, H, W) with (C, H, W) the InputDim; t one-hot (N,
// OutputSize) or class indices (N,); scores (N, OutputSize).
//
// The parameters are the book's params dict: W1, b1 (the filters and
// their bias), W2, b2, W3, b3 (the two Affine layers). Predict, Forward,
// Loss, Gradient, Correct and Params are those of the embedded
// layers.Network (the layers have no training mode, so Loss is the book's
// loss(x, t)); Accuracy is the book's, in batches of AccuracyBatch. It
// satisfies train.Net.
type SimpleConvNet struct {
	*layers.Network
	InputDim   [3]int // (C, H, W)
	Conv       ConvParam
	HiddenSize int
	OutputSize int

	// The book's layers['Conv1'], ['Pool1'], ['Affine1'], ['Affine2'].
	Conv1            *layers.Convolution
	Pool1            *layers.Pooling
	Affine1, Affine2 *layers.Affine
	Last             *loss.SoftmaxWithLoss
}

// NewSimpleConvNet builds the book's SimpleConvNet(input_dim, conv_param,
// hidden_size, output_size, weight_init_std): W1 = std·randn(FN, C, FS,
// FS), W2 = std·randn(pooled, hidden), W3 = std·randn(hidden, output),
// drawn from g in this order, the biases zero; pooled is FN·⌊OH/2⌋·⌊OW/2⌋,
// the size of the pooled convolution output (the book computes it as
// int(FN·(OH/2)²), which is the same when OH is even, as in its
// networks, and fails later when it is not). A nil g uses random's default
// generator. It panics on a size that is not positive or a filter that
// does not fit the input.
func NewSimpleConvNet(inputDim [3]int, cp ConvParam, hiddenSize, outputSize int, weightInitStd float64, g *random.Generator) *SimpleConvNet {
	const op = "nets.NewSimpleConvNet"
	c, h, w := inputDim[0], inputDim[1], inputDim[2]
	if c <= 0 || h <= 0 || w <= 0 || cp.FilterNum <= 0 || cp.FilterSize <= 0 || cp.Stride <= 0 || cp.Pad < 0 || hiddenSize <= 0 || outputSize <= 0 {
		panic(fmt.Sprintf("%s: input %v, conv_param %+v, hidden %d, output %d: want positive sizes, a positive stride and a pad of at least 0",
			op, inputDim, cp, hiddenSize, outputSize))
	}
	oh := ops.ConvOutputSize(h, cp.FilterSize, cp.Stride, cp.Pad)
	ow := ops.ConvOutputSize(w, cp.FilterSize, cp.Stride, cp.Pad)
	if oh < 2 || ow < 2 {
		panic(fmt.Sprintf("%s: a %dx%d filter with stride %d and pad %d leaves a %dx%d output of a %dx%d input, too small for the 2x2 pooling",
			op, cp.FilterSize, cp.FilterSize, cp.Stride, cp.Pad, oh, ow, h, w))
	}
	pooled := cp.FilterNum * (oh / 2) * (ow / 2)
	randn := random.Randn
	if g != nil {
		randn = g.Randn
	}
	w1 := ops.MulScalar(randn(cp.FilterNum, c, cp.FilterSize, cp.FilterSize), weightInitStd)
	w2 := ops.MulScalar(randn(pooled, hiddenSize), weightInitStd)
	w3 := ops.MulScalar(randn(hiddenSize, outputSize), weightInitStd)
	n := &SimpleConvNet{
		InputDim:   inputDim,
		Conv:       cp,
		HiddenSize: hiddenSize,
		OutputSize: outputSize,
		Conv1:      layers.NewConvolution(w1, tensor.Zeros(cp.FilterNum), cp.Stride, cp.Pad),
		Pool1:      layers.NewPooling(2, 2, 2, 0),
		Affine1:    layers.NewAffineWith(w2, tensor.Zeros(hiddenSize)),
		Affine2:    layers.NewAffineWith(w3, tensor.Zeros(outputSize)),
		Last:       loss.NewSoftmaxWithLoss(),
	}
	n.Network = layers.NewNetwork(n.Last, n.Conv1, layers.NewReLU(), n.Pool1, n.Affine1, layers.NewReLU(), n.Affine2)
	return n
}

// Accuracy returns the book's accuracy(x, t, batch_size=100): the samples
// classified as t says, counted over the whole batches of AccuracyBatch
// samples only (the book's loop leaves out a last partial batch), divided
// by all of x's samples. x is (N, C, H, W), t class indices (N,) or
// one-hot (N, OutputSize).
func (n *SimpleConvNet) Accuracy(x, t *tensor.Tensor) float64 {
	return batchedAccuracy(n.Network, x, t)
}

// NumericalGradient returns the gradient of the loss for (x, t) with
// respect to every parameter by central differences, keyed W1, b1, W2,
// b2, W3, b3: the book's numerical_gradient(x, t). It is slow: two
// forward passes per parameter value.
func (n *SimpleConvNet) NumericalGradient(x, t *tensor.Tensor) map[string]*tensor.Tensor {
	return numericalGradient(n.Params(), func() float64 { return n.Loss(x, t) })
}

// batchedAccuracy is the book's convolutional accuracy: Correct over the
// whole batches of AccuracyBatch samples, divided by all the samples.
func batchedAccuracy(net *layers.Network, x, t *tensor.Tensor) float64 {
	n := x.Size(0)
	if t.Size(0) != n {
		panic(fmt.Sprintf("nets: accuracy of x %s against t %s: the sample counts differ",
			tensor.ShapeString(x.Shape()), tensor.ShapeString(t.Shape())))
	}
	xs, ts := x.Shape(), t.Shape()
	xRow, tRow := x.Len()/max(n, 1), t.Len()/max(n, 1)
	correct := 0
	for i := 0; i+AccuracyBatch <= n; i += AccuracyBatch {
		xb := tensor.New(x.Data()[i*xRow:(i+AccuracyBatch)*xRow], append([]int{AccuracyBatch}, xs[1:]...)...)
		tb := tensor.New(t.Data()[i*tRow:(i+AccuracyBatch)*tRow], append([]int{AccuracyBatch}, ts[1:]...)...)
		correct += net.Correct(xb, tb)
	}
	return float64(correct) / float64(n)
}

// DefaultDeepConvParams returns DeepConvNet's conv_param_1 ... conv_param_6:
// 3×3 filters, 16, 16, 32, 32, 64 and 64 of them, pad 1 except conv_param_4's
// 2, stride 1.
func DefaultDeepConvParams() [6]ConvParam {
	return [6]ConvParam{
		{FilterNum: 16, FilterSize: 3, Pad: 1, Stride: 1},
		{FilterNum: 16, FilterSize: 3, Pad: 1, Stride: 1},
		{FilterNum: 32, FilterSize: 3, Pad: 1, Stride: 1},
		{FilterNum: 32, FilterSize: 3, Pad: 2, Stride: 1},
		{FilterNum: 64, FilterSize: 3, Pad: 1, Stride: 1},
		{FilterNum: 64, FilterSize: 3, Pad: 1, Stride: 1},
	}
}

// DeepConvNet is the book's ch08/deep_convnet.py DeepConvNet:
//
//	conv – ReLU – conv – ReLU – pool –
//	conv – ReLU – conv – ReLU – pool –
//	conv – ReLU – conv – ReLU – pool –
//	Affine – ReLU – Dropout(0.5) – Affine – Dropout(0.5) – SoftmaxWithLoss
//
// with 2×2 poolings of stride 2 and He initial weights.
//
// Shapes: x (N, C, H, W) with (C, H, W) the InputDim; t one-hot (N,
// OutputSize) or class indices (N,); scores (N, OutputSize).
//
// The parameters are the book's params dict, W1, b1, ..., W6, b6 for the
// convolutions and W7, b7, W8, b8 for the Affine layers. As the book's,
// Loss and Gradient run in training mode (the Dropout layers draw their
// masks from the generator given to NewDeepConvNet), Predict, Correct and
// Accuracy in inference mode; Accuracy counts in batches of
// AccuracyBatch, as the book's. It satisfies train.Net.
type DeepConvNet struct {
	*layers.Network
	InputDim   [3]int
	Conv       [6]ConvParam
	HiddenSize int
	OutputSize int

	// The book's layers that hold W1 ... W8, and its two Dropout layers.
	Convs    [6]*layers.Convolution
	Affines  [2]*layers.Affine
	Dropouts [2]*layers.Dropout
	Last     *loss.SoftmaxWithLoss
}

// NewDeepConvNet builds the book's DeepConvNet(input_dim, conv_param_1,
// ..., conv_param_6, hidden_size, output_size). The weights are drawn from
// g in the book's order, W_i = sqrt(2/n_i)·randn(...) with n_i the inputs
// of a unit of layer i (C·3·3 for a 3×3 convolution over C channels), the
// biases zero. The book fixes the input of W7 at 64·4·4, which is what
// MNIST's 28×28 images leave after the default layers; here it is what the
// given input and convolutions leave, the same for the book's settings. A
// nil g uses random's default generator, for the weights and the Dropout
// masks alike. It panics on a size that is not positive or a layer that
// does not fit its input.
func NewDeepConvNet(inputDim [3]int, cps [6]ConvParam, hiddenSize, outputSize int, g *random.Generator) *DeepConvNet {
	const op = "nets.NewDeepConvNet"
	c, h, w := inputDim[0], inputDim[1], inputDim[2]
	if c <= 0 || h <= 0 || w <= 0 || hiddenSize <= 0 || outputSize <= 0 {
		panic(fmt.Sprintf("%s: input %v, hidden %d, output %d: want positive sizes", op, inputDim, hiddenSize, outputSize))
	}
	randn := random.Randn
	if g != nil {
		randn = g.Randn
	}
	n := &DeepConvNet{InputDim: inputDim, Conv: cps, HiddenSize: hiddenSize, OutputSize: outputSize, Last: loss.NewSoftmaxWithLoss()}
	var ls []layers.Layer
	for i, cp := range cps {
		if cp.FilterNum <= 0 || cp.FilterSize <= 0 || cp.Stride <= 0 || cp.Pad < 0 {
			panic(fmt.Sprintf("%s: conv_param_%d %+v: want positive sizes and stride and a pad of at least 0", op, i+1, cp))
		}
		h = ops.ConvOutputSize(h, cp.FilterSize, cp.Stride, cp.Pad)
		w = ops.ConvOutputSize(w, cp.FilterSize, cp.Stride, cp.Pad)
		if h < 1 || w < 1 {
			panic(fmt.Sprintf("%s: conv_param_%d %+v does not fit its input", op, i+1, cp))
		}
		scale := math.Sqrt(2.0 / float64(c*cp.FilterSize*cp.FilterSize))
		wt := ops.MulScalar(randn(cp.FilterNum, c, cp.FilterSize, cp.FilterSize), scale)
		n.Convs[i] = layers.NewConvolution(wt, tensor.Zeros(cp.FilterNum), cp.Stride, cp.Pad)
		ls = append(ls, n.Convs[i], layers.NewReLU())
		c = cp.FilterNum
		if i%2 == 1 {
			if h < 2 || w < 2 {
				panic(fmt.Sprintf("%s: the output of conv_param_%d is %dx%d, too small for the 2x2 pooling", op, i+1, h, w))
			}
			h, w = h/2, w/2
			ls = append(ls, layers.NewPooling(2, 2, 2, 0))
		}
	}
	flat := c * h * w
	w7 := ops.MulScalar(randn(flat, hiddenSize), math.Sqrt(2.0/float64(flat)))
	w8 := ops.MulScalar(randn(hiddenSize, outputSize), math.Sqrt(2.0/float64(hiddenSize)))
	n.Affines[0] = layers.NewAffineWith(w7, tensor.Zeros(hiddenSize))
	n.Affines[1] = layers.NewAffineWith(w8, tensor.Zeros(outputSize))
	n.Dropouts[0] = layers.NewDropout(0.5, g)
	n.Dropouts[1] = layers.NewDropout(0.5, g)
	ls = append(ls, n.Affines[0], layers.NewReLU(), n.Dropouts[0], n.Affines[1], n.Dropouts[1])
	n.Network = layers.NewNetwork(n.Last, ls...)
	return n
}

// Accuracy returns the book's accuracy(x, t, batch_size=100) in inference
// mode; see SimpleConvNet.Accuracy.
func (n *DeepConvNet) Accuracy(x, t *tensor.Tensor) float64 {
	return batchedAccuracy(n.Network, x, t)
}

// Package nets holds the book's ready-made networks: TwoLayerNet of
// ch05/two_layer_net.py, built from layers, SigmoidTwoLayerNet of
// ch04/two_layer_net.py, with its hand-written backward pass, and
// MultiLayerNet and MultiLayerNetExtend of common/multi_layer_net.py and
// common/multi_layer_net_extend.py: fully connected nets of any depth with
// ReLU or Sigmoid, He, Xavier or fixed-scale initial weights, L2 weight
// decay, and (Extend) Batch Normalization and Dropout; and SimpleConvNet of
// ch07/simple_convnet.py, a convolution, a pooling and two Affine layers
// on (N, C, H, W) images.
//
// All name their parameters as the book's params dictionaries do (W1, b1,
// W2, b2, ...; gamma1, beta1, ... for Batch Normalization), all compute
// gradients by back-propagation (Gradient) and by central differences
// (NumericalGradient), and all report accuracy the book's way (argmax of
// the scores against the labels). Weights and Dropout masks are drawn from
// one *random.Generator in the book's order, so a network built after
// random.New(s) starts from, and trains like, the book's after
// np.random.seed(s). Every network satisfies train.Net, the book's
// Trainer's view of a network.
//
// The book's train_flg keeps its defaults: MultiLayerNetExtend's Loss,
// Predict and Accuracy run in inference mode, LossTrain and Gradient in
// training mode.
package nets

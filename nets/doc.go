// Package nets holds the book's ready-made networks: TwoLayerNet of
// ch05/two_layer_net.py, built from layers, and SigmoidTwoLayerNet of
// ch04/two_layer_net.py, with its hand-written backward pass.
//
// Both name their parameters W1, b1, W2, b2 as the book's params
// dictionaries do, both compute gradients by back-propagation (Gradient)
// and by central differences (NumericalGradient), and both report
// accuracy the book's way (argmax of the scores against the labels).
package nets

// Package loss holds loss layers: the last layer of a network, which turns
// a prediction and a target into one number to minimise. Each implements
// layers.LossLayer.
package loss

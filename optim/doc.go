// Package optim holds the optimizers of the book's common/optimizer.py.
// An optimizer updates a network's parameters in place from their
// gradients:
//
//	net.Gradient(x, t)
//	opt.Update(net.Params())
package optim

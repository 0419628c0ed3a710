// Package optim holds the optimizers of the book's common/optimizer.py:
// SGD, Momentum, Nesterov, AdaGrad, RMSprop and Adam. An optimizer updates
// a network's parameters in place from their gradients:
//
//	net.Gradient(x, t)
//	opt.Update(net.Params())
//
// Each type has the book's hyperparameters as exported fields and a
// constructor taking them (the book's defaults are the Default*
// constants); New returns one by the name the book's Trainer uses
// ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam") with the
// book's defaults except the learning rate. A literal such as
// &optim.Momentum{LR: 0.01, Momentum: 0.9} works as the constructor's
// value does.
//
// # State
//
// Momentum's and Nesterov's v, AdaGrad's and RMSprop's h and Adam's m and v
// are created, zeroed, at a parameter's first update, as the book's
// np.zeros_like. They are kept per parameter storage, not per name: two
// layers' "W" have separate state, and a reshaped view of a parameter
// shares its state. After the first update, Update allocates nothing.
// An optimizer is not safe for concurrent use.
//
// # Exactness
//
// Every element-wise expression is NumPy's sequence of operations in the
// book's order, each rounded (Go's explicit float64 conversions forbid
// fusing a product into an addition), so a Go run gives NumPy's numbers bit
// for bit. Adam's bias correction lr*sqrt(1 - beta2**iter)/(1 - beta1**iter)
// takes Python's float power, C's pow: this package computes beta**iter
// correctly rounded, which equals glibc's pow in 1 - beta**iter for every
// iteration up to 200000 with the book's betas (0.9 and 0.999).
package optim

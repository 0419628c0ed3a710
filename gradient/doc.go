// Package gradient computes derivatives by finite differences, as the
// book's common/gradient.py and ch04 scripts do. They are slow (two
// evaluations of f per element) and serve to check back-propagation.
package gradient

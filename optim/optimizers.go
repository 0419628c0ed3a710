package optim

import (
	"fmt"
	"math"
	"strings"

	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/dlfs-go/dlfs/internal/vec"
	"github.com/dlfs-go/dlfs/layers"
)

// The book's default hyperparameters (common/optimizer.py).
const (
	DefaultLR        = 0.01  // lr of SGD, Momentum, Nesterov, AdaGrad and RMSprop
	DefaultMomentum  = 0.9   // momentum of Momentum and Nesterov
	DefaultDecayRate = 0.99  // decay_rate of RMSprop
	DefaultAdamLR    = 0.001 // lr of Adam
	DefaultBeta1     = 0.9   // beta1 of Adam
	DefaultBeta2     = 0.999 // beta2 of Adam
)

// The least number of values an update gives one piece of parallel work
// (from twice that many on, a parameter is split between the cores;
// internal/parallel): Momentum's and Nesterov's loops take about 1 ns a
// value, those with a square root and a division several.
const (
	grainCheap  = 1 << 13
	grainCostly = 1 << 11
)

// eps is the book's 1e-7 added to the root of AdaGrad's, RMSprop's and
// Adam's accumulated squares.
const eps = 1e-7

// Names lists the names New accepts, in the order of the book's Trainer.
var Names = []string{"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"}

// New returns the optimizer the book's Trainer names, case-insensitively: sgd, momentum,
// nesterov, adagrad, rmsprop or adam, with the book's defaults except the learning rate lr.
//
// The book's common/trainer.py spells RMSprop's key "rmsprpo"; New accepts
// that spelling too, so a ported script that uses it keeps working. Any
// other name is an error that lists the valid names.
func New(name string, lr float64) (Optimizer, error) {
	switch strings.ToLower(name) {
	case "sgd":
		return NewSGD(lr), nil
	case "momentum":
		return NewMomentum(lr, DefaultMomentum), nil
	case "nesterov":
		return NewNesterov(lr, DefaultMomentum), nil
	case "adagrad":
		return NewAdaGrad(lr), nil
	case "rmsprop", "rmsprpo":
		return NewRMSprop(lr, DefaultDecayRate), nil
	case "adam":
		return NewAdam(lr, DefaultBeta1, DefaultBeta2), nil
	}
	return nil, fmt.Errorf("optim: unknown optimizer %q (valid names: %s)", name, strings.Join(Names, ", "))
}

// state holds an optimizer's per-parameter arrays (the book's dicts v, h,
// m), created at a parameter's first update. Parameters are told apart by
// the identity of their values' storage, not by their names, so two layers'
// "W" never share state, while a reshaped view of a parameter shares the
// parameter's. The zero state is ready to use.
type state struct {
	m map[*float64][][]float64
}

// get returns p's arrays, creating n of them zeroed (np.zeros_like) at the
// first call for p. It panics unless p's value and gradient have the same
// shape.
func (s *state) get(op string, p layers.Param, n int) [][]float64 {
	checkParam(op, p)
	w := p.Value.Data()
	if len(w) == 0 {
		return nil
	}
	key := &w[0]
	if a, ok := s.m[key]; ok {
		if len(a[0]) != len(w) {
			panic(fmt.Sprintf("%s: parameter %q has %d values but its state %d (its storage was reused for another parameter)",
				op, p.Name, len(w), len(a[0])))
		}
		return a
	}
	if s.m == nil {
		s.m = make(map[*float64][][]float64)
	}
	a := make([][]float64, n)
	for i := range a {
		a[i] = make([]float64, len(w))
	}
	s.m[key] = a
	return a
}

// Momentum is momentum SGD, the book's common/optimizer.py Momentum:
//
//	v = momentum*v - lr*dW
//	W += v
type Momentum struct {
	LR       float64 // learning rate (the book's lr, default 0.01)
	Momentum float64 // the book's momentum, default 0.9
	v        state
}

// NewMomentum returns a Momentum optimizer; the book's defaults are
// NewMomentum(DefaultLR, DefaultMomentum).
func NewMomentum(lr, momentum float64) *Momentum {
	return &Momentum{LR: lr, Momentum: momentum}
}

// Update takes one momentum step for every parameter.
func (o *Momentum) Update(params []layers.Param) {
	mom, lr := o.Momentum, o.LR
	for _, p := range params {
		st := o.v.get("optim.Momentum.Update", p, 1)
		if st == nil {
			continue
		}
		w, g, v := p.Value.Data(), p.Grad.Data(), st[0]
		if !momentumJob.Try(len(w), 8, grainCheap, func(t *momentumTask) { *t = momentumTask{w, g, v, mom, lr} }) {
			momentumLoop(w, g, v, mom, lr)
		}
	}
}

func momentumLoop(w, g, v []float64, mom, lr float64) {
	g = g[:len(w)]
	v = v[:len(w)]
	for i := range w {
		// Every product is rounded before the sum (explicit conversions
		// forbid fused multiply-adds), as NumPy does.
		vi := float64(mom*v[i]) - float64(lr*g[i])
		v[i] = vi
		w[i] += vi
	}
}

type momentumTask struct {
	w, g, v []float64
	mom, lr float64
}

func (t *momentumTask) Range(lo, hi int) {
	momentumLoop(t.w[lo:hi], t.g[lo:hi], t.v[lo:hi], t.mom, t.lr)
}

var momentumJob parallel.Job[momentumTask, *momentumTask]

// Nesterov is Nesterov's accelerated gradient, the book's
// common/optimizer.py Nesterov:
//
//	W += momentum*momentum*v
//	W -= (1+momentum)*lr*dW
//	v *= momentum
//	v -= lr*dW
type Nesterov struct {
	LR       float64 // learning rate (the book's lr, default 0.01)
	Momentum float64 // the book's momentum, default 0.9
	v        state
}

// NewNesterov returns a Nesterov optimizer; the book's defaults are
// NewNesterov(DefaultLR, DefaultMomentum).
func NewNesterov(lr, momentum float64) *Nesterov {
	return &Nesterov{LR: lr, Momentum: momentum}
}

// Update takes one Nesterov step for every parameter.
func (o *Nesterov) Update(params []layers.Param) {
	mom, lr := o.Momentum, o.LR
	// Python evaluates the scalar factors first, left to right.
	mm := float64(mom * mom)
	c := float64(float64(1+mom) * lr)
	for _, p := range params {
		st := o.v.get("optim.Nesterov.Update", p, 1)
		if st == nil {
			continue
		}
		w, g, v := p.Value.Data(), p.Grad.Data(), st[0]
		if !nesterovJob.Try(len(w), 8, grainCheap, func(t *nesterovTask) { *t = nesterovTask{w, g, v, mom, lr, mm, c} }) {
			nesterovLoop(w, g, v, mom, lr, mm, c)
		}
	}
}

func nesterovLoop(w, g, v []float64, mom, lr, mm, c float64) {
	g = g[:len(w)]
	v = v[:len(w)]
	for i := range w {
		wi := w[i] + float64(mm*v[i])
		w[i] = wi - float64(c*g[i])
		vi := float64(v[i] * mom)
		v[i] = vi - float64(lr*g[i])
	}
}

type nesterovTask struct {
	w, g, v        []float64
	mom, lr, mm, c float64
}

func (t *nesterovTask) Range(lo, hi int) {
	nesterovLoop(t.w[lo:hi], t.g[lo:hi], t.v[lo:hi], t.mom, t.lr, t.mm, t.c)
}

var nesterovJob parallel.Job[nesterovTask, *nesterovTask]

// AdaGrad is the book's common/optimizer.py AdaGrad:
//
//	h += dW*dW
//	W -= lr*dW / (sqrt(h) + 1e-7)
type AdaGrad struct {
	LR float64 // learning rate (the book's lr, default 0.01)
	h  state
}

// NewAdaGrad returns an AdaGrad optimizer; the book's default is
// NewAdaGrad(DefaultLR).
func NewAdaGrad(lr float64) *AdaGrad { return &AdaGrad{LR: lr} }

// Update takes one AdaGrad step for every parameter.
func (o *AdaGrad) Update(params []layers.Param) {
	lr := o.LR
	for _, p := range params {
		st := o.h.get("optim.AdaGrad.Update", p, 1)
		if st == nil {
			continue
		}
		w, g, h := p.Value.Data(), p.Grad.Data(), st[0]
		if !adaGradJob.Try(len(w), 8, grainCostly, func(t *adaGradTask) { *t = adaGradTask{w, g, h, lr} }) {
			adaGradLoop(w, g, h, lr)
		}
	}
}

func adaGradLoop(w, g, h []float64, lr float64) {
	vec.AdaGradStep(w, g[:len(w)], h[:len(w)], lr, eps)
}

type adaGradTask struct {
	w, g, h []float64
	lr      float64
}

func (t *adaGradTask) Range(lo, hi int) { adaGradLoop(t.w[lo:hi], t.g[lo:hi], t.h[lo:hi], t.lr) }

var adaGradJob parallel.Job[adaGradTask, *adaGradTask]

// RMSprop is the book's common/optimizer.py RMSprop:
//
//	h *= decay_rate
//	h += (1 - decay_rate)*dW*dW
//	W -= lr*dW / (sqrt(h) + 1e-7)
type RMSprop struct {
	LR        float64 // learning rate (the book's lr, default 0.01)
	DecayRate float64 // the book's decay_rate, default 0.99
	h         state
}

// NewRMSprop returns an RMSprop optimizer; the book's defaults are
// NewRMSprop(DefaultLR, DefaultDecayRate).
func NewRMSprop(lr, decayRate float64) *RMSprop {
	return &RMSprop{LR: lr, DecayRate: decayRate}
}

// Update takes one RMSprop step for every parameter.
func (o *RMSprop) Update(params []layers.Param) {
	lr, d := o.LR, o.DecayRate
	c := 1 - d
	for _, p := range params {
		st := o.h.get("optim.RMSprop.Update", p, 1)
		if st == nil {
			continue
		}
		w, g, h := p.Value.Data(), p.Grad.Data(), st[0]
		if !rmspropJob.Try(len(w), 8, grainCostly, func(t *rmspropTask) { *t = rmspropTask{w, g, h, lr, d, c} }) {
			rmspropLoop(w, g, h, lr, d, c)
		}
	}
}

func rmspropLoop(w, g, h []float64, lr, d, c float64) {
	g = g[:len(w)]
	h = h[:len(w)]
	for i := range w {
		hi := float64(h[i] * d)
		hi += float64(float64(c*g[i]) * g[i])
		h[i] = hi
		w[i] -= float64(lr*g[i]) / (math.Sqrt(hi) + eps)
	}
}

type rmspropTask struct {
	w, g, h  []float64
	lr, d, c float64
}

func (t *rmspropTask) Range(lo, hi int) {
	rmspropLoop(t.w[lo:hi], t.g[lo:hi], t.h[lo:hi], t.lr, t.d, t.c)
}

var rmspropJob parallel.Job[rmspropTask, *rmspropTask]

// Adam is the book's common/optimizer.py Adam, with its bias correction
// folded into the learning rate of each call:
//
//	iter += 1
//	lr_t = lr * sqrt(1 - beta2**iter) / (1 - beta1**iter)
//	m += (1 - beta1)*(dW - m)
//	v += (1 - beta2)*(dW**2 - v)
//	W -= lr_t*m / (sqrt(v) + 1e-7)
type Adam struct {
	LR    float64 // learning rate (the book's lr, default 0.001)
	Beta1 float64 // the book's beta1, default 0.9
	Beta2 float64 // the book's beta2, default 0.999
	// Iter counts the calls of Update (the book's iter): the bias
	// correction of a call uses Iter after the increment.
	Iter int
	mv   state
}

// NewAdam returns an Adam optimizer; the book's defaults are
// NewAdam(DefaultAdamLR, DefaultBeta1, DefaultBeta2).
func NewAdam(lr, beta1, beta2 float64) *Adam {
	return &Adam{LR: lr, Beta1: beta1, Beta2: beta2}
}

// Update increments Iter and takes one Adam step for every parameter.
func (o *Adam) Update(params []layers.Param) {
	o.Iter++
	// Python's float ** int is C's pow; powInt rounds as it does.
	lrt := float64(o.LR*math.Sqrt(1-powInt(o.Beta2, o.Iter))) / (1 - powInt(o.Beta1, o.Iter))
	c1, c2 := 1-o.Beta1, 1-o.Beta2
	for _, p := range params {
		st := o.mv.get("optim.Adam.Update", p, 2)
		if st == nil {
			continue
		}
		w, g, m, v := p.Value.Data(), p.Grad.Data(), st[0], st[1]
		if !adamJob.Try(len(w), 8, grainCostly, func(t *adamTask) { *t = adamTask{w, g, m, v, lrt, c1, c2} }) {
			adamLoop(w, g, m, v, lrt, c1, c2)
		}
	}
}

func adamLoop(w, g, m, v []float64, lrt, c1, c2 float64) {
	vec.AdamStep(w, g[:len(w)], m[:len(w)], v[:len(w)], lrt, c1, c2, eps)
}

type adamTask struct {
	w, g, m, v  []float64
	lrt, c1, c2 float64
}

func (t *adamTask) Range(lo, hi int) {
	adamLoop(t.w[lo:hi], t.g[lo:hi], t.m[lo:hi], t.v[lo:hi], t.lrt, t.c1, t.c2)
}

var adamJob parallel.Job[adamTask, *adamTask]

var (
	_ Optimizer = (*Momentum)(nil)
	_ Optimizer = (*Nesterov)(nil)
	_ Optimizer = (*AdaGrad)(nil)
	_ Optimizer = (*RMSprop)(nil)
	_ Optimizer = (*Adam)(nil)
)

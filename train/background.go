package train

import (
	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/dlfs-go/dlfs/layers"
)

// Background measures a network's accuracies on a goroutine of its own,
// on a snapshot of the network (layers.Network.Snapshot), while the
// caller trains the network on. A training step of a small network keeps
// one core busy and leaves the other idle (its products are too short to
// share), while measuring an accuracy over a whole set shares its batches
// between the cores: with a Background both run at once. The accuracies
// are those the Evaluators measure on the network itself when Start is
// called, to the bit.
//
// Trainer.Steps uses one; a loop of its own uses it as
//
//	bg := train.NewBackground(net, trainEval, testEval)
//	defer bg.Close()
//	...
//	// at the end of an epoch:
//	if accs := bg.Wait(); accs != nil {
//		// the previous epoch's accuracies
//	}
//	if !bg.Start(0) {
//		// measure with trainEval and testEval here
//	}
//
// A nil *Background, what NewBackground returns where it would not pay
// off, starts nothing: Start returns false, Wait nil. A Background is used
// by one goroutine (the one that trains); Start, Wait and Close must not
// be called concurrently.
type Background struct {
	net   snapshotter
	evals []*Evaluator
	snap  *layers.Network
	req   chan int
	done  chan struct{}
	busy  bool
	// accs are the results, or panicked the value the measurement
	// panicked with, written by the goroutine before it signals done.
	accs     []float64
	panicked any
	refused  bool // Start refused the network
}

// convolutional reports whether n has a Convolution layer.
func convolutional(n *layers.Network) bool {
	for _, l := range n.Layers {
		if _, ok := l.(*layers.Convolution); ok {
			return true
		}
	}
	return false
}

// snapshotter is a network whose accuracy can be measured on a snapshot:
// one built on layers.Network, whose Correct is the Network's.
type snapshotter interface {
	Snapshot(reuse *layers.Network) *layers.Network
}

// NewBackground returns a Background that measures net's accuracy with
// each of evals in turn, and starts its goroutine, which Close ends. It
// returns nil, starting nothing, when it would not pay off or cannot run:
// on one core (parallel.Workers() < 2), or when net is not built on
// layers.Network (every network of package nets but SigmoidTwoLayerNet
// is). The snapshot counts as layers.Network.Correct does: a type that
// embeds a *layers.Network and counts in a way of its own (a Correct of
// its own) must be measured with the Evaluators, not here. The
// Evaluators must not be used by anyone else until Close.
func NewBackground(net Classifier, evals ...*Evaluator) *Background {
	s, ok := net.(snapshotter)
	if !ok || parallel.Workers() < 2 {
		return nil
	}
	b := &Background{net: s, evals: evals, req: make(chan int), done: make(chan struct{}), accs: make([]float64, len(evals))}
	go func() {
		for n := range b.req {
			b.measure(n)
			b.done <- struct{}{}
		}
	}()
	return b
}

// measure measures the accuracies on the first n samples of each set, or
// keeps the panic it met for Wait to raise on the caller's goroutine.
func (b *Background) measure(n int) {
	defer func() { b.panicked = recover() }()
	for i, e := range b.evals {
		b.accs[i] = e.Accuracy(b.snap, n)
	}
}

// Start takes a snapshot of the network and starts measuring its accuracy
// on the first n samples of each Evaluator's set (all of them when n <=
// 0), and returns true. It returns false, having started nothing (the
// caller then measures with the Evaluators itself), when b is nil, when
// the network cannot be snapshotted (a layer without a snapshot), and for
// a network with a Convolution layer: its training steps share their work
// between the cores already, and measuring on a snapshot would hold a
// second set of its large buffers. It panics when a measurement is under
// way: Wait for it first.
func (b *Background) Start(n int) bool {
	if b == nil {
		return false
	}
	if b.busy {
		panic("train.Background.Start: a measurement is under way; Wait for it first")
	}
	if b.refused {
		return false
	}
	if b.snap = b.net.Snapshot(b.snap); b.snap == nil || convolutional(b.snap) {
		b.snap, b.refused = nil, true
		return false
	}
	b.busy = true
	b.req <- n
	return true
}

// Busy reports whether a measurement is under way.
func (b *Background) Busy() bool { return b != nil && b.busy }

// Wait waits for the measurement under way and returns its accuracies,
// one per Evaluator, in a slice that the next Wait reuses; it returns nil
// when none is under way. A panic of the measurement is raised here.
func (b *Background) Wait() []float64 {
	if !b.Busy() {
		return nil
	}
	<-b.done
	b.busy = false
	if p := b.panicked; p != nil {
		b.panicked = nil
		panic(p)
	}
	return b.accs
}

// Close waits for the measurement under way, if any (dropping its
// results), and ends the goroutine. The Background must not be used
// afterwards.
func (b *Background) Close() {
	if b == nil {
		return
	}
	if b.busy {
		<-b.done
		b.busy, b.panicked = false, nil
	}
	close(b.req)
}

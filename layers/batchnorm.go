package layers

import (
	"fmt"
	"math"

	"github.com/dlfs-go/dlfs/internal/vec"
	"github.com/dlfs-go/dlfs/tensor"
)

// bnEps is the book's 10e-7 (that is, 1e-6), added to the variance before
// its square root.
const bnEps = 10e-7

// BatchNormalization is the book's common/layers.py BatchNormalization:
// out = gamma * (x - mean) / sqrt(var + 10e-7) + beta, normalising each
// activation over the batch.
//
// In training mode (Forward with train set) mean and var are those of the
// batch, and the running mean and variance move towards them:
// running = Momentum*running + (1-Momentum)*batch. In inference mode the
// running mean and variance are used instead.
//
// An input of rank above 2, such as (N, C, H, W), is normalised per
// activation as the book reshapes it, x.reshape(N, -1): every one of the
// D = C*H*W values of a sample has its own mean, variance, gamma and beta.
// The output and dx have the input's shape.
//
// Shapes: gamma, beta, the running mean and variance (D,); x (N, D) or
// (N, ...) with D values per sample; out like x.
//
// Gamma and beta are the trained parameters (Params: "gamma", "beta"); the
// running mean and variance are non-trained state (State: "running_mean",
// "running_var"), which optimizers never see.
type BatchNormalization struct {
	Gamma, Beta   *tensor.Tensor // scale and shift (D,)
	DGamma, DBeta *tensor.Tensor // gradients of the last Backward, (D,)
	// Momentum weighs the old running statistics against the batch's (the
	// book's default is 0.9).
	Momentum float64
	// RunningMean and RunningVar are the statistics used in inference mode,
	// (D,). They start as zeros, which is what the book's layer creates on
	// its first forward; here they exist from the start, so that a
	// network's State names them and a loader can fill them before any
	// forward. Set them (or copy into them) to start from other values,
	// as the book's running_mean and running_var arguments do.
	RunningMean, RunningVar *tensor.Tensor

	train bool           // mode of the last Forward
	x2    *tensor.Tensor // last input viewed as (N, D)
	d2    *tensor.Tensor // last dout viewed as (N, D)
	xc    *tensor.Tensor // x - mean, (N, D)
	xn    *tensor.Tensor // xc / std, (N, D)
	tmp   *tensor.Tensor // scratch (N, D)
	mu    *tensor.Tensor // batch mean (D,)
	vr    *tensor.Tensor // batch variance (D,)
	std   *tensor.Tensor // sqrt(var + 10e-7) of the last Forward's mode, (D,)
	dstd  *tensor.Tensor // scratch (D,)
	dmu   *tensor.Tensor // scratch (D,)
	out   *tensor.Tensor // output buffer, the input's shape
	dx    *tensor.Tensor // dx buffer, dout's shape
}

// NewBatchNormalization returns a BatchNormalization layer that uses gamma
// and beta (both (D,)) as its parameters without copying them, with the
// given momentum (the book's default is 0.9) and zero running statistics.
func NewBatchNormalization(gamma, beta *tensor.Tensor, momentum float64) *BatchNormalization {
	if gamma.Dim() != 1 || !tensor.SameShape(gamma, beta) || gamma.Len() == 0 {
		panic(fmt.Sprintf("layers.NewBatchNormalization: gamma %s and beta %s: want both (D,) with D > 0",
			tensor.ShapeString(gamma.Shape()), tensor.ShapeString(beta.Shape())))
	}
	d := gamma.Len()
	return &BatchNormalization{
		Gamma: gamma, Beta: beta,
		DGamma: tensor.Zeros(d), DBeta: tensor.Zeros(d),
		Momentum:    momentum,
		RunningMean: tensor.Zeros(d), RunningVar: tensor.Zeros(d),
	}
}

// Params returns gamma and beta with their gradients, named "gamma" and
// "beta".
func (b *BatchNormalization) Params() []Param {
	return []Param{{Name: "gamma", Value: b.Gamma, Grad: b.DGamma}, {Name: "beta", Value: b.Beta, Grad: b.DBeta}}
}

// State returns the running mean and variance, named "running_mean" and
// "running_var", with nil gradients.
func (b *BatchNormalization) State() []Param {
	return []Param{{Name: "running_mean", Value: b.RunningMean}, {Name: "running_var", Value: b.RunningVar}}
}

// view2D returns t viewed as (n, d): t itself when it is 2-D, the cached
// view when it already shows t's data, otherwise a new view.
func view2D(cache, t *tensor.Tensor, n, d int) *tensor.Tensor {
	if t.Dim() == 2 {
		return t
	}
	if cache != nil && cache.Size(0) == n && cache.Len() == t.Len() && (n*d == 0 || &cache.Data()[0] == &t.Data()[0]) {
		return cache
	}
	return t.Reshape(n, d)
}

// Forward normalises x (N, D) or (N, ...) and returns gamma * xn + beta in
// x's shape. In training mode it uses the batch's statistics and updates
// the running ones; otherwise it uses the running ones.
func (b *BatchNormalization) Forward(x *tensor.Tensor, train bool) *tensor.Tensor {
	return b.forward(x, train, nil)
}

// forwardReLU is Forward followed by r.Forward on its output, in the same
// pass: r's output is the ReLU's, to the bit, and the layer's own output
// is not written (nothing reads it; Backward needs only its shape).
// Network.Forward takes it for a BatchNormalization followed by a ReLU.
func (b *BatchNormalization) forwardReLU(x *tensor.Tensor, train bool, r *ReLU) *tensor.Tensor {
	return b.forward(x, train, r)
}

// forward is Forward, followed by r's when r is not nil (forwardReLU).
func (b *BatchNormalization) forward(x *tensor.Tensor, train bool, r *ReLU) *tensor.Tensor {
	d := b.Gamma.Len()
	if x.Dim() < 2 || x.Len() != x.Size(0)*d {
		panic(fmt.Sprintf("layers.BatchNormalization.Forward: input %s does not hold %d values per sample for gamma %s",
			tensor.ShapeString(x.Shape()), d, tensor.ShapeString(b.Gamma.Shape())))
	}
	if b.RunningMean.Len() != d || b.RunningVar.Len() != d {
		panic(fmt.Sprintf("layers.BatchNormalization.Forward: running mean %s and variance %s do not match gamma %s",
			tensor.ShapeString(b.RunningMean.Shape()), tensor.ShapeString(b.RunningVar.Shape()), tensor.ShapeString(b.Gamma.Shape())))
	}
	n := x.Size(0)
	b.x2 = view2D(b.x2, x, n, d)
	b.out = tensor.Reuse(b.out, x.Shape()...)
	b.xc = tensor.Reuse(b.xc, n, d)
	b.xn = tensor.Reuse(b.xn, n, d)
	b.tmp = tensor.Reuse(b.tmp, n, d)
	b.mu = tensor.Reuse(b.mu, d)
	b.vr = tensor.Reuse(b.vr, d)
	b.std = tensor.Reuse(b.std, d)
	b.train = train

	xd, xc, xn, std := b.x2.Data(), b.xc.Data(), b.xn.Data(), b.std.Data()
	result := b.out
	if r != nil {
		result = r.output(x.Shape()...)
	}
	out := result.Data()[:len(xd)]
	if !train {
		// xn = (x - running_mean) / sqrt(running_var + 10e-7); out = gamma * xn + beta
		rm, rv := b.RunningMean.Data(), b.RunningVar.Data()
		for j := range std {
			std[j] = math.Sqrt(rv[j] + bnEps)
		}
		vec.BNInfer(out, xn, xd, rm, std, b.Gamma.Data(), b.Beta.Data(), d, r != nil)
		return result
	}
	// mu = x.mean(axis=0); xc = x - mu; var = np.mean(xc**2, axis=0)
	mu, vr := b.mu.Data(), b.vr.Data()
	vec.SumRows(mu, xd, d)
	for j := range mu {
		mu[j] /= float64(n)
	}
	vec.BNCenter(xc, vr, xd, mu, d)
	for j := range vr {
		vr[j] /= float64(n)
		std[j] = math.Sqrt(vr[j] + bnEps)
	}
	// running = momentum*running + (1-momentum)*batch, each product
	// rounded as NumPy rounds it (no fused multiply-add).
	m := b.Momentum
	rm, rv := b.RunningMean.Data(), b.RunningVar.Data()
	for j := range rm {
		rm[j] = float64(m*rm[j]) + float64((1-m)*mu[j])
		rv[j] = float64(m*rv[j]) + float64((1-m)*vr[j])
	}
	// xn = xc / std; out = gamma * xn + beta
	vec.BNNormalize(out, xn, xc, std, b.Gamma.Data(), b.Beta.Data(), d, r != nil)
	return result
}

// Backward takes dout in the shape of the last output and returns dx in
// the same shape; it sets DGamma = Σ xn*dout and DBeta = Σ dout over the
// batch. After a training Forward it is the book's backward; after an
// inference Forward it is the gradient of that Forward, where the running
// statistics are constants: dx = gamma*dout / sqrt(running_var + 10e-7).
func (b *BatchNormalization) Backward(dout *tensor.Tensor) *tensor.Tensor {
	if b.out == nil {
		panic("layers.BatchNormalization.Backward: called before Forward")
	}
	checkSame("layers.BatchNormalization.Backward", dout, b.out)
	n, d := b.xc.Size(0), b.xc.Size(1)
	b.d2 = view2D(b.d2, dout, n, d)
	b.dx = tensor.Reuse(b.dx, dout.Shape()...)
	b.dstd = tensor.Reuse(b.dstd, d)
	b.dmu = tensor.Reuse(b.dmu, d)

	dd, xc, xn, tmp := b.d2.Data(), b.xc.Data(), b.xn.Data(), b.tmp.Data()
	g, std, dx := b.Gamma.Data(), b.std.Data(), b.dx.Data()
	// dbeta = dout.sum(axis=0); dgamma = np.sum(xn * dout, axis=0)
	vec.BNGradSums(b.DGamma.Data(), b.DBeta.Data(), xn, dd, d)
	if !b.train {
		for i := 0; i < len(dd); i += d {
			for j, s := range std {
				dx[i+j] = g[j] * dd[i+j] / s
			}
		}
		return b.dx
	}
	// dxn = gamma * dout
	// dstd = -np.sum((dxn * xc) / (std * std), axis=0)
	dvar, dmu := b.dstd.Data(), b.dmu.Data()
	for j, s := range std {
		dmu[j] = s * s // std * std, until dmu is computed below
	}
	vec.BNDstdSum(dvar, dd, xc, g, dmu, d)
	// dvar = 0.5 * dstd / std
	for j, s := range std {
		dvar[j] = 0.5 * -dvar[j] / s
	}
	// dxc = dxn / std + (2.0 / batch_size) * xc * dvar
	// dmu = np.sum(dxc, axis=0); dx = dxc - dmu / batch_size
	vec.BNDxcSum(tmp, dmu, dd, xc, g, std, dvar, 2.0/float64(n), d)
	for j := range dmu {
		dmu[j] /= float64(n)
	}
	vec.SubRow(dx[:len(dd)], tmp, dmu, d)
	return b.dx
}

package vec

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/google/go-cmp/cmp"
)

func TestNormalize255(t *testing.T) {
	// every byte value, at every alignment of the vector loop's tail
	src := make([]byte, 256+13)
	for i := range src {
		src[i] = byte(i * 37)
	}
	for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 256, 269} {
		dst := make([]float64, n+2)
		dst[n], dst[n+1] = 42, 42 // guard
		Normalize255(dst[:n], src[:n])
		for i := range n {
			if want := float64(float32(src[i]) / 255); dst[i] != want {
				t.Fatalf("n=%d: dst[%d] = %v for byte %d, want %v", n, i, dst[i], src[i], want)
			}
		}
		if dst[n] != 42 || dst[n+1] != 42 {
			t.Fatalf("n=%d: wrote past the end", n)
		}
	}
}

func TestSubScaled(t *testing.T) {
	for _, n := range []int{0, 1, 3, 4, 5, 8, 39760} {
		w := make([]float64, n+1)
		g := make([]float64, n)
		want := make([]float64, n+1)
		for i := range g {
			w[i] = math.Sin(float64(i)) * 3
			g[i] = math.Cos(float64(i)*0.7) / 3
			want[i] = w[i] - float64(0.1*g[i])
		}
		w[n], want[n] = 7, 7 // guard
		SubScaled(w[:n], g, 0.1)
		if diff := cmp.Diff(want, w); diff != "" {
			t.Fatalf("n=%d (-want +got):\n%s", n, diff)
		}
	}
}

func TestLengthMismatchPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"Normalize255": func() { Normalize255(make([]float64, 3), make([]byte, 4)) },
		"SubScaled":    func() { SubScaled(make([]float64, 3), make([]float64, 4), 1) },
		"AddScaled":    func() { AddScaled(make([]float64, 3), make([]float64, 4), 1) },
		"ZeroWhereLE0": func() { ZeroWhereLE0(make([]float64, 3), make([]float64, 3), make([]float64, 4)) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

func BenchmarkNormalize255(b *testing.B) {
	src := make([]byte, 784*100)
	dst := make([]float64, len(src))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Normalize255(dst, src)
	}
}

func BenchmarkSubScaled(b *testing.B) {
	w := make([]float64, 39760)
	g := make([]float64, len(w))
	for b.Loop() {
		SubScaled(w, g, 0.1)
	}
}

// TestSubScaledAfterPanic is a regression test of issue 8 point 7: a panic
// inside SubScaled's parallel work (here a gradient one value short, so
// that the last piece, on the caller or on a worker, panics) used to leave
// its job locked. Now the panic reaches the caller and the job is free
// again: the next call splits its work and is right.
func TestSubScaledAfterPanic(t *testing.T) {
	defer parallel.ForceWorkers(parallel.ForceWorkers(2))
	const n = 39200
	g := make([]float64, n)
	w0 := make([]float64, n)
	want := make([]float64, n)
	for i := range g {
		w0[i] = math.Sin(float64(i))
		g[i] = math.Cos(float64(i))
		want[i] = w0[i] - float64(0.1*g[i])
	}
	for round := range 10 {
		func() {
			defer func() {
				if recover() == nil {
					t.Fatalf("round %d: no panic", round)
				}
			}()
			subScaledJob.Try(n, 8, subScaledGrain, func(s *subScaledTask) { s.w, s.g, s.a = make([]float64, n), make([]float64, n-1), 0.1 })
		}()
		w := slices.Clone(w0)
		if !subScaledJob.Try(n, 8, subScaledGrain, func(s *subScaledTask) { s.w, s.g, s.a = w, g, 0.1 }) {
			t.Fatalf("round %d: the job is still taken after the panic", round)
		}
		if diff := cmp.Diff(want, w); diff != "" {
			t.Fatalf("round %d: after the panic (-want +got):\n%s", round, diff)
		}
		w = slices.Clone(w0)
		SubScaled(w, g, 0.1)
		if diff := cmp.Diff(want, w); diff != "" {
			t.Fatalf("round %d: SubScaled after the panic (-want +got):\n%s", round, diff)
		}
	}
}

func TestSubScaledAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync primitives allocate")
	}
	w := make([]float64, 39200)
	g := make([]float64, len(w))
	SubScaled(w, g, 0.1)
	if n := testing.AllocsPerRun(100, func() { SubScaled(w, g, 0.1) }); n != 0 {
		t.Errorf("SubScaled allocates %v times per call", n)
	}
}

// TestZeroWhereLE0 checks every kind of value (signed zeros, NaN,
// infinities, subnormals) at every position of the vector loop and its
// tail, with dst separate and aliasing src or cond (ReLU forward).
func TestZeroWhereLE0(t *testing.T) {
	vals := []float64{1.5, -2, 0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 5e-324, -5e-324, 3}
	for _, n := range []int{0, 1, 3, 4, 5, 8, 9, 31, 100} {
		cond := make([]float64, n)
		src := make([]float64, n)
		for i := range n {
			cond[i] = vals[(i*7)%len(vals)]
			src[i] = vals[(i*3+1)%len(vals)]
		}
		want := make([]float64, n)
		wantSelf := make([]float64, n)
		for i := range n {
			if !(cond[i] <= 0) {
				want[i] = src[i]
				wantSelf[i] = cond[i]
			}
		}
		same := func(got, want []float64) bool {
			for i := range want {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
					return false
				}
			}
			return true
		}
		dst := make([]float64, n+1)
		dst[n] = 42
		ZeroWhereLE0(dst[:n], src, cond)
		if !same(dst, want) || dst[n] != 42 {
			t.Errorf("n=%d: got %v, want %v (guard 42: %v)", n, dst[:n], want, dst[n])
		}
		self := slices.Clone(cond)
		ZeroWhereLE0(self, self, self)
		if !same(self, wantSelf) {
			t.Errorf("n=%d, in place: got %v, want %v", n, self, wantSelf)
		}
	}
}

func TestAddScaled(t *testing.T) {
	for _, n := range []int{0, 1, 3, 4, 5, 8, 1001} {
		dst := make([]float64, n+1)
		src := make([]float64, n)
		want := make([]float64, n+1)
		for i := range src {
			dst[i] = math.Sin(float64(i)) * 3
			src[i] = math.Cos(float64(i)*0.7) / 3
			want[i] = dst[i] + float64(0.1*src[i])
		}
		dst[n], want[n] = 7, 7 // guard
		AddScaled(dst[:n], src, 0.1)
		if diff := cmp.Diff(want, dst); diff != "" {
			t.Fatalf("n=%d (-want +got):\n%s", n, diff)
		}
	}
}

// TestAllAbsLE puts one value at a time at every position, in and out of
// the vector loop's reach.
func TestAllAbsLE(t *testing.T) {
	for _, n := range []int{0, 1, 15, 16, 17, 33, 64, 100} {
		x := make([]float64, n)
		for i := range x {
			x[i] = math.Sin(float64(i)) * 2
		}
		if !AllAbsLE(x, 2) {
			t.Fatalf("n=%d: values within the bound fail", n)
		}
		for i := range n {
			for _, bad := range []float64{2.5, -2.5, math.NaN(), math.Inf(1), math.Inf(-1)} {
				old := x[i]
				x[i] = bad
				if AllAbsLE(x, 2) {
					t.Fatalf("n=%d: %v at %d passes", n, bad, i)
				}
				x[i] = old
			}
			old := x[i]
			x[i] = -2 // on the bound
			if !AllAbsLE(x, 2) {
				t.Fatalf("n=%d: -2 at %d fails the bound 2", n, i)
			}
			x[i] = old
		}
	}
}

// TestBNKernels checks the Batch Normalization kernels and the column
// sums against the book's expressions written out element by element
// (each sum as a zeroed row to which the rows are added in turn), bit for
// bit, with rows of widths the vector loops take whole (100, 16, 4), in
// part (6, 37) or not at all (3), and special values among the inputs.
func TestBNKernels(t *testing.T) {
	specials := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 1e-310, 1e300}
	for _, d := range []int{100, 16, 4, 6, 37, 3} {
		for _, n := range []int{7, 1, 0} {
			val := func(i int) float64 {
				if i%17 == 5 {
					return specials[(i/17)%len(specials)]
				}
				return math.Sin(float64(i)*0.37) * 3
			}
			rows := func(off int) []float64 {
				r := make([]float64, n*d)
				for i := range r {
					r[i] = val(i + off)
				}
				return r
			}
			cols := func(off int) []float64 {
				c := make([]float64, d)
				for j := range c {
					c[j] = 0.5 + math.Abs(math.Cos(float64(j+off)))
				}
				return c
			}
			colSums := func(terms []float64) []float64 {
				s := make([]float64, d)
				for i, v := range terms {
					s[i%d] += v
				}
				return s
			}
			x, xc, dout := rows(2000), rows(0), rows(1000)
			std, gamma, beta, dvar, mu := cols(1), cols(2), cols(3), cols(4), cols(5)
			stdSq := make([]float64, d)
			for j, s := range std {
				stdSq[j] = s * s
			}
			same := func(what string, got, want []float64) {
				t.Helper()
				if len(got) != len(want) {
					t.Fatalf("d=%d n=%d %s: %d values, want %d", d, n, what, len(got), len(want))
				}
				for i := range want {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) && !(math.IsNaN(got[i]) && math.IsNaN(want[i])) {
						t.Fatalf("d=%d n=%d %s[%d] = %v, want %v", d, n, what, i, got[i], want[i])
					}
				}
			}
			garbage := func(k int) []float64 { // outputs start full of NaNs: every value must be written
				g := make([]float64, k)
				for i := range g {
					g[i] = math.NaN()
				}
				return g
			}

			// relu: the ReLU's pass over out, as ZeroWhereLE0 makes it.
			relu := func(out []float64) []float64 {
				r := slices.Clone(out)
				ZeroWhereLE0(r, out, out)
				return r
			}
			out, xn := garbage(n*d), garbage(n*d)
			wantOut, wantXn := make([]float64, n*d), make([]float64, n*d)
			for i := range xc {
				j := i % d
				wantXn[i] = xc[i] / std[j]
				wantOut[i] = float64(gamma[j]*wantXn[i]) + beta[j]
			}
			BNNormalize(out, xn, xc, std, gamma, beta, d, false)
			same("normalize xn", xn, wantXn)
			same("normalize out", out, wantOut)
			out, xn = garbage(n*d), garbage(n*d)
			BNNormalize(out, xn, xc, std, gamma, beta, d, true)
			same("normalize+relu xn", xn, wantXn)
			same("normalize+relu out", out, relu(wantOut))

			for i := range x {
				j := i % d
				wantXn[i] = (x[i] - mu[j]) / std[j]
				wantOut[i] = float64(gamma[j]*wantXn[i]) + beta[j]
			}
			out, xn = garbage(n*d), garbage(n*d)
			BNInfer(out, xn, x, mu, std, gamma, beta, d, false)
			same("infer xn", xn, wantXn)
			same("infer out", out, wantOut)
			out, xn = garbage(n*d), garbage(n*d)
			BNInfer(out, xn, x, mu, std, gamma, beta, d, true)
			same("infer+relu xn", xn, wantXn)
			same("infer+relu out", out, relu(wantOut))

			sum := garbage(d)
			SumRows(sum, x, d)
			same("sum", sum, colSums(x))

			wantXc, sq := make([]float64, n*d), make([]float64, n*d)
			for i := range x {
				wantXc[i] = x[i] - mu[i%d]
				sq[i] = wantXc[i] * wantXc[i]
			}
			gotXc := garbage(n * d)
			SubRow(gotXc, x, mu, d)
			same("x - row", gotXc, wantXc)
			gotXc, sum = garbage(n*d), garbage(d)
			BNCenter(gotXc, sum, x, mu, d)
			same("center xc", gotXc, wantXc)
			same("center sum of squares", sum, colSums(sq))

			prod := make([]float64, n*d)
			for i := range prod {
				prod[i] = xc[i] * dout[i]
			}
			dg, db := garbage(d), garbage(d)
			BNGradSums(dg, db, xc, dout, d)
			same("dbeta", db, colSums(dout))
			same("dgamma", dg, colSums(prod))

			terms := make([]float64, n*d)
			for i := range xc {
				j := i % d
				terms[i] = float64(float64(gamma[j]*dout[i])*xc[i]) / stdSq[j]
			}
			sum = garbage(d)
			BNDstdSum(sum, dout, xc, gamma, stdSq, d)
			same("dstd sum", sum, colSums(terms))

			two := 2.0 / 7
			for i := range xc {
				j := i % d
				terms[i] = float64(gamma[j]*dout[i])/std[j] + float64(float64(two*xc[i])*dvar[j])
			}
			dst, sum := garbage(n*d), garbage(d)
			BNDxcSum(dst, sum, dout, xc, gamma, std, dvar, two, d)
			same("dxc", dst, terms)
			same("dmu sum", sum, colSums(terms))
		}
	}
}

// TestOptimizerSteps checks AdamStep and AdaGradStep against the book's
// expressions written out element by element, bit for bit, at lengths in
// and out of the vector loop's reach.
func TestOptimizerSteps(t *testing.T) {
	for _, n := range []int{0, 1, 3, 4, 5, 13, 400} {
		fill := func(off float64, pos bool) []float64 {
			x := make([]float64, n)
			for i := range x {
				x[i] = math.Sin(float64(i)*0.71+off) * 2
				if pos {
					x[i] = math.Abs(x[i])
				}
			}
			return x
		}
		w, g, m, v := fill(0, false), fill(1, false), fill(2, false), fill(3, true)
		ww, wm, wv := slices.Clone(w), slices.Clone(m), slices.Clone(v)
		const lrt, c1, c2, eps = 0.001, 0.1, 0.001, 1e-7
		for i := range ww {
			wm[i] = wm[i] + float64(c1*(g[i]-wm[i]))
			wv[i] = wv[i] + float64(c2*(float64(g[i]*g[i])-wv[i]))
			ww[i] -= float64(lrt*wm[i]) / (math.Sqrt(wv[i]) + eps)
		}
		AdamStep(w, g, m, v, lrt, c1, c2, eps)
		for _, c := range []struct {
			name      string
			got, want []float64
		}{{"w", w, ww}, {"m", m, wm}, {"v", v, wv}} {
			if diff := cmp.Diff(c.want, c.got); diff != "" {
				t.Fatalf("AdamStep n=%d, %s (-want +got):\n%s", n, c.name, diff)
			}
		}
		w, h := fill(4, false), fill(5, true)
		ww, wh := slices.Clone(w), slices.Clone(h)
		for i := range ww {
			wh[i] += float64(g[i] * g[i])
			ww[i] -= float64(0.01*g[i]) / (math.Sqrt(wh[i]) + eps)
		}
		AdaGradStep(w, g, h, 0.01, eps)
		if diff := cmp.Diff(ww, w); diff != "" {
			t.Fatalf("AdaGradStep n=%d, w (-want +got):\n%s", n, diff)
		}
		if diff := cmp.Diff(wh, h); diff != "" {
			t.Fatalf("AdaGradStep n=%d, h (-want +got):\n%s", n, diff)
		}
	}
}

// poolValues returns n values with the cases max pooling must get right:
// ties, +0 and -0, infinities, NaNs of both signs and random numbers.
func poolValues(n int, seed uint64) []float64 {
	special := []float64{0, math.Copysign(0, -1), 1, 1, -1, math.Inf(1), math.Inf(-1),
		math.NaN(), math.Float64frombits(0xfff8000000000001), 0.5, -2.5}
	x := make([]float64, n)
	s := seed
	for i := range x {
		s = s*6364136223846793005 + 1442695040888963407
		r := s >> 33
		if r%3 == 0 {
			x[i] = special[int(r/3)%len(special)]
		} else {
			x[i] = float64(int64(r%2001)-1000) / 100
		}
	}
	return x
}

// refArgMax is NumPy's argmax of a few values: the first NaN if there is
// one, else the first value equal to the largest.
func refArgMax(v []float64) int {
	for i, x := range v {
		if math.IsNaN(x) {
			return i
		}
	}
	m := math.Inf(-1)
	for _, x := range v {
		m = math.Max(m, x)
	}
	for i, x := range v {
		if x == m {
			return i
		}
	}
	panic("unreachable")
}

func TestMaxPool2(t *testing.T) {
	for _, tc := range []struct{ w, oh, ow int }{
		{2, 1, 1}, {8, 2, 4}, {9, 3, 4}, {24, 12, 12}, {25, 5, 12}, {14, 7, 7}, {28, 3, 13}, {4, 0, 2}, {6, 2, 0},
	} {
		rows := 2*tc.oh + 1 // an extra row no window reads
		x := poolValues(rows*tc.w, uint64(tc.w*100+tc.ow))
		out := make([]float64, tc.oh*tc.ow)
		arg := make([]int32, tc.oh*tc.ow)
		MaxPool2(out, arg, x, tc.w, tc.oh, tc.ow)
		for oy := range tc.oh {
			for ox := range tc.ow {
				i0, i1 := 2*oy*tc.w+2*ox, (2*oy+1)*tc.w+2*ox
				win := []float64{x[i0], x[i0+1], x[i1], x[i1+1]}
				k := refArgMax(win)
				o := oy*tc.ow + ox
				if int(arg[o]) != k || math.Float64bits(out[o]) != math.Float64bits(win[k]) {
					t.Fatalf("%+v: window (%d,%d) %v: got %v at %d, want %v at %d", tc, oy, ox, win, out[o], arg[o], win[k], k)
				}
			}
		}

		// Backward: every window gets 0 + dout at its maximum, +0 elsewhere;
		// what no window covers keeps its value.
		dout := poolValues(tc.oh*tc.ow, 7)
		dx := make([]float64, rows*tc.w)
		for i := range dx {
			dx[i] = 42
		}
		MaxPool2Back(dx, dout, arg, tc.w, tc.oh, tc.ow)
		want := make([]float64, len(dx))
		for i := range want {
			want[i] = 42
		}
		for oy := range tc.oh {
			for ox := range tc.ow {
				i0, i1 := 2*oy*tc.w+2*ox, (2*oy+1)*tc.w+2*ox
				pos := []int{i0, i0 + 1, i1, i1 + 1}
				for _, p := range pos {
					want[p] = 0
				}
				o := oy*tc.ow + ox
				want[pos[arg[o]]] = 0 + dout[o]
			}
		}
		for i := range dx {
			if math.Float64bits(dx[i]) != math.Float64bits(want[i]) && !(math.IsNaN(dx[i]) && math.IsNaN(want[i])) {
				t.Fatalf("%+v: backward dx[%d] = %v, want %v", tc, i, dx[i], want[i])
			}
		}
	}
}

func TestMaxPool2BadGeometryPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"narrow rows": func() { MaxPool2(make([]float64, 2), make([]int32, 2), make([]float64, 6), 3, 1, 2) },
		"short x":     func() { MaxPool2(make([]float64, 4), make([]int32, 4), make([]float64, 15), 4, 2, 2) },
		"short arg":   func() { MaxPool2Back(make([]float64, 16), make([]float64, 4), make([]int32, 3), 4, 2, 2) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

func TestAddConst(t *testing.T) {
	for _, n := range []int{0, 1, 7, 8, 9, 16, 23, 576} {
		dst := make([]float64, n+1)
		want := make([]float64, n+1)
		for i := range dst {
			dst[i] = math.Sin(float64(i)) * 3
			want[i] = dst[i] + 0.1
		}
		dst[n], want[n] = 7, 7 // guard
		AddConst(dst[:n], 0.1)
		if diff := cmp.Diff(want, dst); diff != "" {
			t.Fatalf("n=%d (-want +got):\n%s", n, diff)
		}
	}
}

// TestBiasReLUScale checks BiasReLUScale bit for bit against the three
// passes it fuses (AddScaled with 1, ZeroWhereLE0, Scale), for rows of 1 to
// 13 and 100 values, with zeros of both signs, NaN, infinities and values
// whose sum with the bias cancels, and scales 1, 0.85, 0.5 and 0.
func TestBiasReLUScale(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	specials := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 1e-310, -1e-310}
	for _, cols := range []int{1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 100} {
		for _, rows := range []int{1, 3, 6} {
			for _, s := range []float64{1, 0.85, 0.5, 0} {
				b := make([]float64, cols)
				for j := range b {
					b[j] = r.NormFloat64()
				}
				src := make([]float64, rows*cols)
				for i := range src {
					switch u := r.IntN(10); {
					case u == 0:
						src[i] = specials[r.IntN(len(specials))]
					case u == 1:
						src[i] = -b[i%cols] // cancels: v = 0
					default:
						src[i] = r.NormFloat64()
					}
				}
				want := append([]float64(nil), src...)
				for i := 0; i < len(want); i += cols {
					AddScaled(want[i:i+cols], b, 1)
				}
				ZeroWhereLE0(want, want, append([]float64(nil), want...))
				Scale(want, want, s)
				got := make([]float64, len(src))
				for i := range got {
					got[i] = math.NaN() // it must write every value
				}
				BiasReLUScale(got, src, b, s)
				for i := range got {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
						t.Fatalf("cols %d rows %d s %v: value %d (src %v, b %v) is %v, want %v", cols, rows, s, i, src[i], b[i%cols], got[i], want[i])
					}
				}
			}
		}
	}
}

// TestAddConstReLU checks AddConstReLU against the two passes it fuses
// (AddConst, then ZeroWhereLE0 on the sum), bit for bit, at lengths on
// both sides of the vector loop's step (8), with specials and sums that
// cancel to 0, into another slice and in place.
func TestAddConstReLU(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	specials := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 1e-310, -1e-310}
	for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 17, 49, 196, 784} {
		for _, c := range []float64{0, 0.25, -0.5, math.Copysign(0, -1)} {
			src := make([]float64, n)
			for i := range src {
				switch u := r.IntN(10); {
				case u == 0:
					src[i] = specials[r.IntN(len(specials))]
				case u == 1:
					src[i] = -c // cancels: v = 0
				default:
					src[i] = r.NormFloat64()
				}
			}
			want := slices.Clone(src)
			AddConst(want, c)
			ZeroWhereLE0(want, want, slices.Clone(want))
			got := make([]float64, n)
			for i := range got {
				got[i] = math.NaN() // it must write every value
			}
			AddConstReLU(got, src, c)
			in := slices.Clone(src)
			AddConstReLU(in, in, c)
			for i := range want {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) || math.Float64bits(in[i]) != math.Float64bits(want[i]) {
					t.Fatalf("n=%d c=%v: value %d (src %v) is %v (in place %v), want %v", n, c, i, src[i], got[i], in[i], want[i])
				}
			}
		}
	}
}

// TestDropoutMask checks DropoutMask against the book's mask and product
// written out here, bit for bit, at lengths on both sides of the vector
// loop's step (4), with draws equal to the ratio (dropped), NaN draws
// (dropped) and inputs that are infinite, NaN or negative (x·0 is -0,
// NaN or NaN), into another slice and in place.
func TestDropoutMask(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 26))
	specials := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), -3}
	for _, n := range []int{0, 1, 3, 4, 5, 8, 13, 100} {
		for _, ratio := range []float64{0.5, 0.2, 0, 1} {
			draws, x := make([]float64, n), make([]float64, n)
			for i := range draws {
				draws[i] = r.Float64()
				switch r.IntN(6) {
				case 0:
					draws[i] = ratio
				case 1:
					draws[i] = math.NaN()
				}
				x[i] = r.NormFloat64()
				if r.IntN(4) == 0 {
					x[i] = specials[r.IntN(len(specials))]
				}
			}
			wantMask, wantOut := make([]float64, n), make([]float64, n)
			for i := range draws {
				if draws[i] > ratio {
					wantMask[i] = 1
				}
				wantOut[i] = x[i] * wantMask[i]
			}
			mask, out := slices.Clone(draws), make([]float64, n)
			DropoutMask(mask, out, x, ratio)
			mask2, in := slices.Clone(draws), slices.Clone(x)
			DropoutMask(mask2, in, in, ratio)
			for i := range draws {
				for _, c := range [][2]float64{{mask[i], wantMask[i]}, {out[i], wantOut[i]}, {mask2[i], wantMask[i]}, {in[i], wantOut[i]}} {
					if math.Float64bits(c[0]) != math.Float64bits(c[1]) && !(math.IsNaN(c[0]) && math.IsNaN(c[1])) {
						t.Fatalf("n=%d ratio=%v: element %d (draw %v, x %v): got %v, want %v", n, ratio, i, draws[i], x[i], c[0], c[1])
					}
				}
			}
		}
	}
}

package ops

import (
	"fmt"

	"github.com/dlfs-go/dlfs/internal/parallel"
	"github.com/dlfs-go/dlfs/internal/vec"
	"github.com/dlfs-go/dlfs/tensor"
)

// ConvOutputSize returns the output height (or width) of a convolution or
// pooling window of filterSize over inputSize values with the given
// stride and padding: (inputSize + 2·pad − filterSize) / stride + 1,
// rounded down as im2col rounds it. (The book's conv_output_size divides
// with Python 3's /, which gives a float; its networks use sizes where the
// division is exact.) A result below 1 means the window does not fit.
func ConvOutputSize(inputSize, filterSize, stride, pad int) int {
	if stride < 1 {
		panic(fmt.Sprintf("ops.ConvOutputSize: stride %d, want at least 1", stride))
	}
	d := inputSize + 2*pad - filterSize
	if d < 0 {
		return 0
	}
	return d/stride + 1
}

// convGeom is the geometry of im2col and col2im: an (N, C, H, W) input,
// an fh×fw window moved by stride over the input padded by pad on each
// side, giving an oh×ow output.
type convGeom struct {
	n, c, h, w       int
	fh, fw           int
	stride, pad      int
	oh, ow           int
	rowLen, rowsPerN int // a row of col holds c·fh·fw values; an image has oh·ow rows
}

func newConvGeom(op string, shape []int, fh, fw, stride, pad int) convGeom {
	if len(shape) != 4 {
		panic(fmt.Sprintf("%s: want an (N, C, H, W) input, got shape %s", op, tensor.ShapeString(shape)))
	}
	if fh < 1 || fw < 1 || stride < 1 || pad < 0 {
		panic(fmt.Sprintf("%s: filter %dx%d, stride %d, pad %d: want a filter of at least 1x1, a stride of at least 1 and a pad of at least 0", op, fh, fw, stride, pad))
	}
	g := convGeom{n: shape[0], c: shape[1], h: shape[2], w: shape[3], fh: fh, fw: fw, stride: stride, pad: pad}
	g.oh = ConvOutputSize(g.h, fh, stride, pad)
	g.ow = ConvOutputSize(g.w, fw, stride, pad)
	if g.oh < 1 || g.ow < 1 {
		panic(fmt.Sprintf("%s: a %dx%d filter with pad %d does not fit an input of shape %s", op, fh, fw, pad, tensor.ShapeString(shape)))
	}
	g.rowLen, g.rowsPerN = g.c*fh*fw, g.oh*g.ow
	return g
}

// colShape is the shape of col: (N·OH·OW, C·FH·FW).
func (g *convGeom) colShape() []int { return []int{g.n * g.rowsPerN, g.rowLen} }

// Im2Col returns the book's im2col(x, fh, fw, stride, pad) of an (N, C, H,
// W) input: one row per output position (n, y, x) in that order, holding
// the fh×fw window of every channel there, channel by channel and row by
// row (the column (c·fh + i)·fw + j is x[n, c, y·stride + i − pad, x·stride
// + j − pad], zero outside the input). The result has shape (N·OH·OW,
// C·fh·fw), OH and OW as ConvOutputSize gives them. It panics on a
// window that does not fit.
func Im2Col(x *tensor.Tensor, fh, fw, stride, pad int) *tensor.Tensor {
	g := newConvGeom("ops.Im2Col", x.Shape(), fh, fw, stride, pad)
	return im2col(&g, tensor.Zeros(g.colShape()...), x)
}

// Im2ColInto stores Im2Col(x, fh, fw, stride, pad) in dst, which must have
// its shape, and returns dst. It allocates nothing, and splits the batch
// between the cores.
func Im2ColInto(dst, x *tensor.Tensor, fh, fw, stride, pad int) *tensor.Tensor {
	g := newConvGeom("ops.Im2ColInto", x.Shape(), fh, fw, stride, pad)
	checkShape("ops.Im2ColInto", "dst", dst, g.colShape())
	return im2col(&g, dst, x)
}

func im2col(g *convGeom, dst, x *tensor.Tensor) *tensor.Tensor {
	d, xd := dst.Data(), x.Data()
	if !im2colJob.Try(g.n, 1, convGrain(g), func(t *im2colTask) { t.g, t.d, t.x = *g, d, xd }) {
		im2colRange(g, d, xd, 0, g.n)
	}
	return dst
}

// convGrain is the fewest images a piece of im2col or col2im takes: about
// 16384 values of col.
func convGrain(g *convGeom) int {
	return max(1, (1<<14)/max(1, g.rowsPerN*g.rowLen))
}

var im2colJob parallel.Job[im2colTask, *im2colTask]

type im2colTask struct {
	g    convGeom // a copy: a pointer would make the caller's escape
	d, x []float64
}

func (t *im2colTask) Range(lo, hi int) { im2colRange(&t.g, t.d, t.x, lo, hi) }

// im2colRange fills the rows of col of images [n0, n1): for each output
// position, the window's rows are copied from the input's rows, with
// zeros where the window leaves the input.
func im2colRange(g *convGeom, col, x []float64, n0, n1 int) {
	fh, fw, s, pad, h, w := g.fh, g.fw, g.stride, g.pad, g.h, g.w
	for n := n0; n < n1; n++ {
		img := x[n*g.c*h*w : (n+1)*g.c*h*w]
		rows := col[n*g.rowsPerN*g.rowLen : (n+1)*g.rowsPerN*g.rowLen]
		r := 0
		for oy := range g.oh {
			for ox := range g.ow {
				row := rows[r*g.rowLen : (r+1)*g.rowLen]
				r++
				x0 := ox*s - pad
				// The columns of the window inside the input: [jlo, jhi).
				jlo, jhi := max(0, -x0), min(fw, w-x0)
				k := 0
				for c := range g.c {
					plane := img[c*h*w : (c+1)*h*w]
					for i := range fh {
						dst := row[k : k+fw]
						k += fw
						y := oy*s + i - pad
						if y < 0 || y >= h || jlo >= jhi {
							clear(dst)
							continue
						}
						clear(dst[:jlo])
						copy(dst[jlo:jhi], plane[y*w+x0+jlo:y*w+x0+jhi])
						clear(dst[jhi:])
					}
				}
			}
		}
	}
}

// Col2Im returns the book's col2im(col, shape, fh, fw, stride, pad): the
// input of shape (N, C, H, W) that Im2Col's windows came from, each
// value being the sum of the entries of col that copied it, added in the
// order the book's loops add them (window row by window row, then window
// column by window column), so that the sums round as NumPy's do. It is
// the backward pass of Im2Col. It panics unless col has Im2Col's shape
// for shape.
func Col2Im(col *tensor.Tensor, shape []int, fh, fw, stride, pad int) *tensor.Tensor {
	g := newConvGeom("ops.Col2Im", shape, fh, fw, stride, pad)
	checkShape("ops.Col2Im", "col", col, g.colShape())
	return col2im(&g, tensor.Zeros(shape...), col)
}

// Col2ImInto stores Col2Im(col, dst's shape, fh, fw, stride, pad) in dst
// and returns dst. It allocates nothing, and splits the batch between the
// cores.
func Col2ImInto(dst, col *tensor.Tensor, fh, fw, stride, pad int) *tensor.Tensor {
	g := newConvGeom("ops.Col2ImInto", dst.Shape(), fh, fw, stride, pad)
	checkShape("ops.Col2ImInto", "col", col, g.colShape())
	return col2im(&g, dst, col)
}

func col2im(g *convGeom, dst, col *tensor.Tensor) *tensor.Tensor {
	d, cd := dst.Data(), col.Data()
	if !col2imJob.Try(g.n, 1, convGrain(g), func(t *col2imTask) { t.g, t.d, t.col = *g, d, cd }) {
		col2imRange(g, d, cd, 0, g.n)
	}
	return dst
}

var col2imJob parallel.Job[col2imTask, *col2imTask]

type col2imTask struct {
	g      convGeom
	d, col []float64
}

func (t *col2imTask) Range(lo, hi int) { col2imRange(&t.g, t.d, t.col, lo, hi) }

// col2imRange sums the rows of col of images [n0, n1) into those images.
// Each value of an image receives its terms in the order of the window
// position (i, j) that produced them, as the book's loops over
// col[:, :, y, x, :, :] add them, starting from zero.
func col2imRange(g *convGeom, img, col []float64, n0, n1 int) {
	fh, fw, s, pad, h, w := g.fh, g.fw, g.stride, g.pad, g.h, g.w
	for n := n0; n < n1; n++ {
		out := img[n*g.c*h*w : (n+1)*g.c*h*w]
		clear(out)
		rows := col[n*g.rowsPerN*g.rowLen : (n+1)*g.rowsPerN*g.rowLen]
		for c := range g.c {
			plane := out[c*h*w : (c+1)*h*w]
			for i := range fh {
				for j := range fw {
					k := (c*fh+i)*fw + j // the column of col
					// The output columns whose window column j is inside
					// the input: x = ox·s + j − pad in [0, w).
					if w-1+pad-j < 0 {
						continue
					}
					lo := max(0, (pad-j+s-1)/s)
					hi := min(g.ow, (w-1+pad-j)/s+1)
					for oy := range g.oh {
						y := oy*s + i - pad
						if y < 0 || y >= h {
							continue
						}
						dst := plane[y*w : (y+1)*w]
						src := rows[oy*g.ow*g.rowLen+k:]
						for ox := lo; ox < hi; ox++ {
							dst[ox*s+j-pad] += src[ox*g.rowLen]
						}
					}
				}
			}
		}
	}
}

// checkShape panics unless t has the shape want.
func checkShape(op, name string, t *tensor.Tensor, want []int) {
	if !tensor.EqualShapes(t.Shape(), want) {
		panic(fmt.Sprintf("%s: %s has shape %s, want %s", op, name, tensor.ShapeString(t.Shape()), tensor.ShapeString(want)))
	}
}

// Im2ColTInto stores in dst, of shape (N, C·fh·fw, OH·OW), the transposed
// im2col of each image of x (N, C, H, W): dst[n] is the transpose of the
// rows of Im2Col(x, fh, fw, stride, pad) that belong to image n, so that a
// convolution of image n is the plain product W·dst[n] of the filters (FN,
// C·fh·fw) with it, and its output comes out as (FN, OH, OW) without a
// transpose. It returns dst, allocates nothing and splits the batch
// between the cores.
func Im2ColTInto(dst, x *tensor.Tensor, fh, fw, stride, pad int) *tensor.Tensor {
	g := newConvGeom("ops.Im2ColTInto", x.Shape(), fh, fw, stride, pad)
	checkShape("ops.Im2ColTInto", "dst", dst, []int{g.n, g.rowLen, g.rowsPerN})
	d, xd := dst.Data(), x.Data()
	if !im2colTJob.Try(g.n, 1, convGrain(&g), func(t *im2colTTask) { t.g, t.d, t.x = g, d, xd }) {
		im2colTRange(&g, d, xd, 0, g.n)
	}
	return dst
}

// Col2ImTInto is Col2ImInto from the transposed layout of Im2ColTInto:
// colT (N, C·fh·fw, OH·OW) is summed into dst (N, C, H, W), each value's
// terms in the book's order, and dst is returned.
func Col2ImTInto(dst, colT *tensor.Tensor, fh, fw, stride, pad int) *tensor.Tensor {
	g := newConvGeom("ops.Col2ImTInto", dst.Shape(), fh, fw, stride, pad)
	checkShape("ops.Col2ImTInto", "colT", colT, []int{g.n, g.rowLen, g.rowsPerN})
	d, cd := dst.Data(), colT.Data()
	if !col2imTJob.Try(g.n, 1, convGrain(&g), func(t *col2imTTask) { t.g, t.d, t.col = g, d, cd }) {
		col2imTRange(&g, d, cd, 0, g.n)
	}
	return dst
}

var (
	im2colTJob parallel.Job[im2colTTask, *im2colTTask]
	col2imTJob parallel.Job[col2imTTask, *col2imTTask]
)

type (
	im2colTTask im2colTask
	col2imTTask col2imTask
)

func (t *im2colTTask) Range(lo, hi int) { im2colTRange(&t.g, t.d, t.x, lo, hi) }
func (t *col2imTTask) Range(lo, hi int) { col2imTRange(&t.g, t.d, t.col, lo, hi) }

// im2colTRange fills the transposed columns of images [n0, n1): row
// (c·fh + i)·fw + j of image n holds, for every output position (oy, ox),
// the input value under window position (i, j), zero in the padding.
func im2colTRange(g *convGeom, colT, x []float64, n0, n1 int) {
	fh, fw, s, pad, h, w, oh, ow := g.fh, g.fw, g.stride, g.pad, g.h, g.w, g.oh, g.ow
	var buf [maxPadded]float64 // for paddedCopy, whose border Go's zeroing of the declaration clears
	for n := n0; n < n1; n++ {
		img := x[n*g.c*h*w : (n+1)*g.c*h*w]
		rows := colT[n*g.rowLen*g.rowsPerN : (n+1)*g.rowLen*g.rowsPerN]
		k := 0
		for c := range g.c {
			plane := img[c*h*w : (c+1)*h*w]
			if s == 1 && ow != w && (h+2*pad)*(w+2*pad) <= maxPadded {
				paddedCopy(rows[k*g.rowsPerN:(k+fh*fw)*g.rowsPerN], plane, buf[:], h, w, fh, fw, oh, ow, pad)
				k += fh * fw
				continue
			}
			for i := range fh {
				for j := range fw {
					row := rows[k*g.rowsPerN : (k+1)*g.rowsPerN]
					k++
					if s == 1 && ow == w {
						shiftedCopy(row, plane, h, w, oh, i-pad, j-pad)
						continue
					}
					// The output columns whose input column ox·s + j − pad
					// is inside: [lo, hi).
					lo, hi := 0, 0
					if w-1+pad-j >= 0 {
						lo = min(ow, max(0, (pad-j+s-1)/s))
						hi = max(lo, min(ow, (w-1+pad-j)/s+1))
					}
					for oy := range oh {
						dst := row[oy*ow : (oy+1)*ow]
						y := oy*s + i - pad
						if y < 0 || y >= h {
							clear(dst)
							continue
						}
						src := plane[y*w : (y+1)*w]
						zeroShort(dst[:lo])
						if s == 1 {
							copyShort(dst[lo:hi], src[lo+j-pad:hi+j-pad])
						} else {
							for ox := lo; ox < hi; ox++ {
								dst[ox] = src[ox*s+j-pad]
							}
						}
						zeroShort(dst[hi:])
					}
				}
			}
		}
	}
}

// col2imTRange sums the transposed columns of images [n0, n1) into those
// images, window position by window position as col2imRange does.
func col2imTRange(g *convGeom, img, colT []float64, n0, n1 int) {
	fh, fw, s, pad, h, w, oh, ow := g.fh, g.fw, g.stride, g.pad, g.h, g.w, g.oh, g.ow
	var buf [maxPadded]float64 // for paddedAdd, declared once
	for n := n0; n < n1; n++ {
		out := img[n*g.c*h*w : (n+1)*g.c*h*w]
		clear(out)
		rows := colT[n*g.rowLen*g.rowsPerN : (n+1)*g.rowLen*g.rowsPerN]
		k := 0
		for c := range g.c {
			plane := out[c*h*w : (c+1)*h*w]
			if s == 1 && ow != w && (h+2*pad)*(w+2*pad) <= maxPadded {
				paddedAdd(plane, rows[k*g.rowsPerN:(k+fh*fw)*g.rowsPerN], buf[:], h, w, fh, fw, oh, ow, pad)
				k += fh * fw
				continue
			}
			for i := range fh {
				for j := range fw {
					row := rows[k*g.rowsPerN : (k+1)*g.rowsPerN]
					k++
					if s == 1 && ow == w {
						shiftedAdd(plane, row, h, w, oh, i-pad, j-pad)
						continue
					}
					if w-1+pad-j < 0 {
						continue
					}
					lo := min(ow, max(0, (pad-j+s-1)/s))
					hi := max(lo, min(ow, (w-1+pad-j)/s+1))
					for oy := range oh {
						y := oy*s + i - pad
						if y < 0 || y >= h {
							continue
						}
						dst := plane[y*w : (y+1)*w]
						src := row[oy*ow : (oy+1)*ow]
						if s == 1 {
							addTo(dst[lo+j-pad:hi+j-pad], src[lo:hi])
							continue
						}
						for ox := lo; ox < hi; ox++ {
							dst[ox*s+j-pad] += src[ox]
						}
					}
				}
			}
		}
	}
}

// The stride-1 convolutions whose output rows are as wide as the input's
// (a "same" padding, pad = (fw-1)/2: every convolution of DeepConvNet) make
// each transposed column row a copy of the input plane shifted by (dy, dx)
// = (i-pad, j-pad) window positions: row[oy·w+ox] = plane[(oy+dy)·w+ox+dx],
// zero where oy+dy or ox+dx falls outside the plane. Output row oy and
// input row oy+dy being w values apart on both sides, the rows that fall
// inside are one contiguous run of the plane, copied (or added) at once,
// and only the dx columns at the left or right edge of each row, which the
// run takes from the neighbouring input row, are fixed afterwards. Per
// output row the general loops above make three calls and a dozen bounds
// checks for 7 to 28 values; in DeepConvNet's training step they took 28%
// of the time.

// The other stride-1 convolutions (SimpleConvNet's 5×5 without padding,
// DeepConvNet's fourth with padding 2) go through the input plane padded
// with zeros, (h+2·pad)×(w+2·pad) values on the stack when they fit
// maxPadded: each output row of a window position is then one run of ow
// values of the padded plane, copied (im2col) or added into it (col2im,
// which copies the padded plane's inside back at the end) without edges.
const maxPadded = 2048

// paddedCopy writes the fh·fw transposed column rows of one plane (h×w)
// to rows for stride 1, through buf, the padded plane, whose border (all
// but the plane's place in it) must hold zeros: im2colTRange clears it once
// for all its planes. Each window position's oh rows of ow values are one
// vec.Copy2D of the padded plane.
func paddedCopy(rows, plane, buf []float64, h, w, fh, fw, oh, ow, pad int) {
	pw := w + 2*pad
	padded := plane
	if pad > 0 {
		padded = buf[:(h+2*pad)*pw]
		vec.Copy2D(padded[pad*pw+pad:], pw, plane, w, h, w)
	}
	p := oh * ow
	for i := range fh {
		for j := range fw {
			vec.Copy2D(rows[(i*fw+j)*p:(i*fw+j+1)*p], ow, padded[i*pw+j:], pw, oh, ow)
		}
	}
}

// paddedAdd sums the fh·fw transposed column rows of one plane (h×w) into
// it, window position by window position, for stride 1: the transpose of
// paddedCopy. The plane's sums start from zero in buf, as the general
// loop's start from the cleared plane.
func paddedAdd(plane, rows, buf []float64, h, w, fh, fw, oh, ow, pad int) {
	pw := w + 2*pad
	padded := buf[:(h+2*pad)*pw]
	clear(padded)
	p := oh * ow
	for i := range fh {
		for j := range fw {
			vec.Add2D(padded[i*pw+j:], pw, rows[(i*fw+j)*p:(i*fw+j+1)*p], ow, oh, ow)
		}
	}
	vec.Copy2D(plane, w, padded[pad*pw+pad:], pw, h, w)
}

// validRows returns the output rows [lo, hi) whose input row oy+dy is one
// of the plane's h rows, and the output columns [clo, chi) whose input
// column ox+dx is one of its w columns.
func validRows(h, w, oh, dy, dx int) (lo, hi, clo, chi int) {
	lo, hi = max(0, -dy), min(oh, h-dy)
	clo, chi = max(0, -dx), min(w, w-dx)
	if hi <= lo || chi <= clo {
		return 0, 0, 0, 0
	}
	return lo, hi, clo, chi
}

// shiftedCopy sets row (oh·w values) to plane (h·w values) shifted by
// (dy, dx), zero outside it: im2col's row of window position (dy+pad,
// dx+pad) for stride 1 when the output is w wide.
func shiftedCopy(row, plane []float64, h, w, oh, dy, dx int) {
	lo, hi, clo, chi := validRows(h, w, oh, dy, dx)
	if lo == hi {
		clear(row)
		return
	}
	// The run from the first valid value of row lo to the last of row
	// hi-1; the edge columns inside it are cleared below.
	start, end := lo*w+clo, (hi-1)*w+chi
	shift := dy*w + dx
	clear(row[:start])
	copy(row[start:end], plane[start+shift:end+shift])
	clear(row[end:])
	if clo == 0 && chi == w {
		return
	}
	// The |dx| edge columns of rows [lo, hi), one strided pass each: a
	// loop over the rows that sliced each and cleared both ends took a
	// third of this function's time in DeepConvNet's step.
	r := row[:hi*w]
	for c := range w {
		if c >= clo && c < chi {
			continue
		}
		for t := lo*w + c; t < len(r); t += w {
			r[t] = 0
		}
	}
}

// shiftedAdd adds row (oh·w values) into plane (h·w values) shifted by
// (dy, dx): the transpose of shiftedCopy, col2im's sum of window position
// (dy+pad, dx+pad) for stride 1 when the output is w wide. Each value of
// the plane gets at most one term, so the order of the sums over window
// positions is the general loop's.
func shiftedAdd(plane, row []float64, h, w, oh, dy, dx int) {
	lo, hi, clo, chi := validRows(h, w, oh, dy, dx)
	if lo == hi {
		return
	}
	shift := dy*w + dx
	if clo == 0 && chi == w {
		addTo(plane[lo*w+shift:hi*w+shift], row[lo*w:hi*w])
		return
	}
	vec.Add2D(plane[lo*w+clo+shift:], w, row[lo*w+clo:], w, hi-lo, chi-clo)
}

// copyShort is copy(dst, src) for the few values of one row of an image
// (len(src) at least len(dst)), without the call to memmove that costs
// more than moving 7 to 28 values.
func copyShort(dst, src []float64) {
	src = src[:len(dst)]
	t := 0
	for ; t+4 <= len(dst); t += 4 {
		d, s := dst[t:t+4:t+4], src[t:t+4:t+4]
		d[0], d[1], d[2], d[3] = s[0], s[1], s[2], s[3]
	}
	for ; t < len(dst); t++ {
		dst[t] = src[t]
	}
}

// zeroShort sets the few values of dst (a padding's width) to zero
// without the call to memclr that clear makes.
func zeroShort(dst []float64) {
	for t := 0; t < len(dst); t++ {
		dst[t] = 0
	}
}

// addVecMin is the shortest run addTo adds with vector code.
const addVecMin = 8

// addTo sets dst[t] += src[t] for every t; len(src) must be at least
// len(dst).
func addTo(dst, src []float64) {
	src = src[:len(dst)]
	if len(dst) >= addVecMin {
		vec.AddScaled(dst, src, 1) // dst + 1·src is dst + src exactly
		return
	}
	t := 0
	for ; t+4 <= len(dst); t += 4 {
		d, s := dst[t:t+4:t+4], src[t:t+4:t+4]
		d[0] += s[0]
		d[1] += s[1]
		d[2] += s[2]
		d[3] += s[3]
	}
	for ; t < len(dst); t++ {
		dst[t] += src[t]
	}
}

// Im2ColTImage is Im2ColTInto for one image on raw slices, for callers
// that go image by image with a scratch buffer of their own: img holds
// one (C, H, W) image, dst receives its (C·fh·fw, OH·OW) transposed
// columns. It panics on a geometry that does not fit or slices too short.
func Im2ColTImage(dst, img []float64, c, h, w, fh, fw, stride, pad int) {
	g := newConvGeom("ops.Im2ColTImage", []int{1, c, h, w}, fh, fw, stride, pad)
	if len(img) < c*h*w || len(dst) < g.rowLen*g.rowsPerN {
		panic(fmt.Sprintf("ops.Im2ColTImage: image of %d values and destination of %d, want %d and %d",
			len(img), len(dst), c*h*w, g.rowLen*g.rowsPerN))
	}
	im2colTRange(&g, dst, img, 0, 1)
}

// Col2ImTImage is Col2ImTInto for one image on raw slices: the transposed
// columns colT (C·fh·fw, OH·OW) are summed into dst, one (C, H, W) image,
// which is cleared first.
func Col2ImTImage(dst, colT []float64, c, h, w, fh, fw, stride, pad int) {
	g := newConvGeom("ops.Col2ImTImage", []int{1, c, h, w}, fh, fw, stride, pad)
	if len(dst) < c*h*w || len(colT) < g.rowLen*g.rowsPerN {
		panic(fmt.Sprintf("ops.Col2ImTImage: image of %d values and columns of %d, want %d and %d",
			len(dst), len(colT), c*h*w, g.rowLen*g.rowsPerN))
	}
	col2imTRange(&g, dst, colT, 0, 1)
}

// ShiftedLen returns the number of values ShiftedCopies writes for one
// image of c planes of h×w under a stride-1 convolution with an fh×fw
// filter and padding pad.
func ShiftedLen(c, h, w, fh, fw, pad int) int {
	g := newConvGeom("ops.ShiftedLen", []int{1, c, h, w}, fh, fw, 1, pad)
	copies, tail := shiftedCopies(fw, pad)
	return copies*c*(h+2*pad)*g.ow + tail
}

// shiftedCopies returns how many copies ShiftedCopies makes and how many
// zeros follow them. A padding of at least fw−1 columns needs one: the
// rows OW wide hold a plane's w columns and at least fw−1 zeros after
// them, so a row of taps reading past the end of a row reads the zeros at
// the start of the next (or, after the last row of the last plane, the
// fw−1 zeros that follow the copy).
func shiftedCopies(fw, pad int) (copies, tail int) {
	if pad >= fw-1 {
		return 1, fw - 1
	}
	return fw, 0
}

// ShiftedCopies writes to dst the shifted copies of one image (c planes
// of h×w) from which GemmRowOffsets reads the image's transposed im2col
// matrix (Im2ColTImage) for a stride-1 convolution with an fh×fw filter
// and padding pad, without writing that matrix (about fh times larger):
// copy d holds, for each plane, h+2·pad rows of OW values, row r, column x
// being the plane's value at (r−pad, x+d−pad), zero outside the plane.
// There are fw copies, one per column of taps, or only the first when
// the padding is at least fw−1 (shiftedCopies). ShiftedOffsets gives
// where each row of the matrix starts in dst: the row of tap (ch, dy, dx)
// is copy dx (or the one copy, from column dx on), plane ch, from row dy
// on, and its column y·OW+x is the value at (y+dy−pad, x+dx−pad), as in
// im2col.
func ShiftedCopies(dst, img []float64, c, h, w, fh, fw, pad int) {
	g := newConvGeom("ops.ShiftedCopies", []int{1, c, h, w}, fh, fw, 1, pad)
	rows, ow := h+2*pad, g.ow
	copies, tail := shiftedCopies(fw, pad)
	n := copies * c * rows * ow
	if len(img) < c*h*w || len(dst) < n+tail {
		panic(fmt.Sprintf("ops.ShiftedCopies: image of %d values and destination of %d, want %d and %d",
			len(img), len(dst), c*h*w, n+tail))
	}
	for d := range copies {
		s := d - pad                       // the plane's column read at output column x is x+s
		x0, x1 := max(0, -s), min(ow, w-s) // the output columns that read inside it
		for ch := range c {
			q := dst[(d*c+ch)*rows*ow : (d*c+ch+1)*rows*ow]
			plane := img[ch*h*w : (ch+1)*h*w]
			clear(q[:pad*ow])
			clear(q[(pad+h)*ow:])
			body := q[pad*ow : (pad+h)*ow]
			switch {
			case x1 <= x0:
				clear(body)
			case ow == w:
				shiftedCopy(body, plane, h, w, h, 0, s)
			default:
				vec.Copy2D(body[x0:], ow, plane[x0+s:], w, h, x1-x0)
				for y := range h {
					row := body[y*ow : (y+1)*ow]
					zeroShort(row[:x0])
					zeroShort(row[x1:])
				}
			}
		}
	}
	clear(dst[n : n+tail])
}

// ShiftedOffsets writes to off the offsets in ShiftedCopies' dst of the
// c·fh·fw rows of the image's transposed im2col matrix, in im2col's order
// (tap (ch, dy, dx) at (ch·fh+dy)·fw+dx).
func ShiftedOffsets(off []int, c, h, w, fh, fw, pad int) {
	g := newConvGeom("ops.ShiftedOffsets", []int{1, c, h, w}, fh, fw, 1, pad)
	rows, ow := h+2*pad, g.ow
	if len(off) < c*fh*fw {
		panic(fmt.Sprintf("ops.ShiftedOffsets: %d offsets, want %d", len(off), c*fh*fw))
	}
	copies, _ := shiftedCopies(fw, pad)
	for ch := range c {
		for dy := range fh {
			for dx := range fw {
				o := (dx*c+ch)*rows*ow + dy*ow
				if copies == 1 {
					o = ch*rows*ow + dy*ow + dx
				}
				off[(ch*fh+dy)*fw+dx] = o
			}
		}
	}
}

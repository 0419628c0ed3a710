package tensor

import (
	"bytes"
	"math"
	"strconv"
)

// NumPy 1.24's default print options, which String reproduces.
const (
	printPrecision = 8    // np.get_printoptions()["precision"]
	printLineWidth = 75   // linewidth
	printThreshold = 1000 // threshold: larger arrays are summarised
	printEdgeItems = 3    // edgeitems kept at each end of a summarised axis
)

// FormatFloat formats x the way NumPy 1.24 prints a np.float64 scalar,
// which is also Python's repr of a float: the shortest decimal that reads
// back as x, in positional notation with at least one fractional digit
// when 1e-4 <= |x| < 1e16 or x is zero (1.0, 0.0035290422128433038, -0.0),
// and in scientific notation with an exponent of at least two digits
// otherwise (1e-05, 1.5e+16). NaN prints as nan and the infinities as inf
// and -inf.
func FormatFloat(x float64) string {
	switch {
	case math.IsNaN(x):
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	}
	var buf [32]byte
	var b []byte
	if a := math.Abs(x); a == 0 || (a >= 1e-4 && a < 1e16) {
		b = strconv.AppendFloat(buf[:0], x, 'f', -1, 64)
		if bytes.IndexByte(b, '.') < 0 {
			b = append(b, ".0"...)
		}
	} else {
		b = strconv.AppendFloat(buf[:0], x, 'e', -1, 64)
	}
	return string(b)
}

// String formats t exactly as NumPy 1.24's print(a) (str(a)) prints a
// float64 array with the default print options: at most 8 fractional
// digits with trailing zeros dropped and the columns aligned, scientific
// notation when the magnitudes call for it, lines wrapped at 75 columns,
// and arrays of more than 1000 elements summarised with "..." and three
// items at each end of every long axis. A tensor of shape () prints as
// FormatFloat of its value and a tensor with no elements prints as [].
func (t *Tensor) String() string {
	if t == nil {
		return "<nil>"
	}
	if len(t.shape) == 0 {
		return FormatFloat(t.data[0])
	}
	if len(t.data) == 0 {
		return "[]"
	}
	p := printer{
		shape:     t.shape,
		data:      t.data,
		strides:   make([]int, len(t.shape)),
		summarise: len(t.data) > printThreshold,
	}
	s := 1
	for i := len(t.shape) - 1; i >= 0; i-- {
		p.strides[i] = s
		s *= t.shape[i]
	}
	// NumPy picks the number format from the values it is going to show.
	vals := t.data
	if p.summarise {
		vals = p.shown(nil, 0, 0)
	}
	p.ff = newFloatFormat(vals)

	shown := 1
	for _, d := range t.shape {
		if p.summarise && d > 2*printEdgeItems {
			d = 2*printEdgeItems + 1 // the "..." takes about one item's room
		}
		shown *= d
	}
	p.buf = make([]byte, 0, shown*(p.ff.width()+1)+2*len(t.shape))
	p.writeArray(0, 0)
	return string(p.buf)
}

// floatFormat is NumPy's FloatingFormat for the default options (precision
// 8, floatmode "maxprec", sign "-", suppress off): a notation and the
// padding that aligns every value in one array.
type floatFormat struct {
	sci      bool // scientific notation
	padLeft  int  // characters left of the decimal point, sign included
	padRight int  // characters right of the decimal point (all of "ddde+XX" in scientific)
	prec     int  // scientific: mantissa fraction digits
	expSize  int  // scientific: exponent digits
}

// width returns the width of every formatted value, non-finite ones included.
func (f *floatFormat) width() int { return f.padLeft + 1 + f.padRight }

// newFloatFormat chooses the format for vals as FloatingFormat.fillFormat
// does: a first pass prints every finite value with at most 8 fractional
// digits (of the mantissa in scientific notation) and measures the parts.
func newFloatFormat(vals []float64) floatFormat {
	var f floatFormat
	maxAbs, minAbs := 0.0, math.Inf(1)
	for _, v := range vals {
		if v != 0 && !math.IsNaN(v) && !math.IsInf(v, 0) {
			a := math.Abs(v)
			maxAbs = max(maxAbs, a)
			minAbs = min(minAbs, a)
		}
	}
	if maxAbs > 0 && (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs/minAbs > 1000) {
		f.sci = true
	}

	var buf [40]byte
	finite, negInf := 0, false
	for _, v := range vals {
		if math.IsNaN(v) {
			continue
		}
		if math.IsInf(v, 0) {
			negInf = negInf || v < 0
			continue
		}
		finite++
		if f.sci {
			b := strconv.AppendFloat(buf[:0], v, 'e', -1, 64)
			if ep := bytes.IndexByte(b, 'e'); fracLen(b[:ep]) > printPrecision {
				b = strconv.AppendFloat(buf[:0], v, 'e', printPrecision, 64)
			}
			ep := bytes.IndexByte(b, 'e')
			mant := trimZeros(b[:ep])
			f.padLeft = max(f.padLeft, intLen(mant))
			f.prec = max(f.prec, fracLen(mant))
			f.expSize = max(f.expSize, len(b)-ep-2) // after "e+" or "e-"
		} else {
			b := fixedDigits(buf[:0], v)
			f.padLeft = max(f.padLeft, intLen(b))
			f.padRight = max(f.padRight, fracLen(b))
		}
	}
	if finite > 0 && f.sci {
		f.padRight = f.expSize + 2 + f.prec
	}
	if finite < len(vals) {
		// nan and inf are right-aligned in the same width; widen if needed
		infLen := len("inf")
		if negInf {
			infLen++
		}
		offset := f.padRight + 1
		f.padLeft = max(f.padLeft, len("nan")-offset, infLen-offset)
	}
	return f
}

// appendValue appends v formatted with f, always f.width() bytes.
func (f *floatFormat) appendValue(dst []byte, v float64) []byte {
	var s string
	switch {
	case math.IsNaN(v):
		s = "nan"
	case math.IsInf(v, 1):
		s = "inf"
	case math.IsInf(v, -1):
		s = "-inf"
	}
	if s != "" {
		dst = appendSpaces(dst, f.width()-len(s))
		return append(dst, s...)
	}

	var buf [40]byte
	if f.sci {
		// Every mantissa gets exactly prec digits, rounded from the exact
		// binary value (NumPy's min_digits), so 5e-324 can print 4.941e-324.
		b := strconv.AppendFloat(buf[:0], v, 'e', f.prec, 64)
		ep := bytes.IndexByte(b, 'e')
		il := intLen(b[:ep])
		dst = appendSpaces(dst, f.padLeft-il)
		dst = append(dst, b[:il]...)
		dst = append(dst, '.')
		if il < ep {
			dst = append(dst, b[il+1:ep]...)
		}
		dst = append(dst, b[ep:ep+2]...) // "e+" or "e-"
		for range f.expSize - (len(b) - ep - 2) {
			dst = append(dst, '0')
		}
		return append(dst, b[ep+2:]...)
	}
	b := fixedDigits(buf[:0], v)
	il := intLen(b)
	dst = appendSpaces(dst, f.padLeft-il)
	dst = append(dst, b[:il]...)
	dst = append(dst, '.')
	if il < len(b) {
		dst = append(dst, b[il+1:]...)
	}
	return appendSpaces(dst, f.padRight-fracLen(b))
}

// fixedDigits appends v in positional notation as Dragon4 prints it in
// "maxprec" mode: the shortest round-trip digits if they need at most 8
// fractional digits, else the exact value rounded half to even to 8
// fractional digits; trailing fractional zeros (and a bare point) removed.
func fixedDigits(dst []byte, v float64) []byte {
	b := strconv.AppendFloat(dst, v, 'f', -1, 64)
	if fracLen(b[len(dst):]) <= printPrecision {
		return b
	}
	b = strconv.AppendFloat(dst, v, 'f', printPrecision, 64)
	return append(dst, trimZeros(b[len(dst):])...)
}

// trimZeros removes trailing fractional zeros from a number without
// exponent, and the decimal point if no fraction digit remains.
func trimZeros(b []byte) []byte {
	if bytes.IndexByte(b, '.') < 0 {
		return b
	}
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	return b
}

// intLen returns the length of the part of a number (without exponent)
// before its decimal point, sign included.
func intLen(b []byte) int {
	if i := bytes.IndexByte(b, '.'); i >= 0 {
		return i
	}
	return len(b)
}

// fracLen returns the number of digits after the decimal point of a number
// without exponent.
func fracLen(b []byte) int {
	if i := bytes.IndexByte(b, '.'); i >= 0 {
		return len(b) - i - 1
	}
	return 0
}

func appendSpaces(dst []byte, n int) []byte {
	for range n {
		dst = append(dst, ' ')
	}
	return dst
}

// printer holds the state of one String call; its methods mirror NumPy's
// _formatArray, writing straight into buf.
type printer struct {
	shape     []int
	data      []float64
	strides   []int
	summarise bool
	ff        floatFormat
	buf       []byte
	lineStart int    // index in buf where the current output line starts
	word      []byte // scratch for one formatted value
}

// items returns how many items of an axis of length n are printed and
// whether a "..." stands between the leading and trailing edge items.
func (p *printer) items(n int) (count int, summary bool) {
	if p.summarise && n > 2*printEdgeItems {
		return 2 * printEdgeItems, true
	}
	return n, false
}

// index returns the index along an axis of length n of the k-th printed item.
func index(k, n int, summary bool) int {
	if summary && k >= printEdgeItems {
		return n - 2*printEdgeItems + k
	}
	return k
}

// shown appends to dst the values a summarised print shows, in order,
// from the block at the given axis and offset (NumPy's _leading_trailing).
func (p *printer) shown(dst []float64, axis, off int) []float64 {
	n := p.shape[axis]
	count, summary := p.items(n)
	for k := range count {
		i := index(k, n, summary)
		if axis == len(p.shape)-1 {
			dst = append(dst, p.data[off+i])
		} else {
			dst = p.shown(dst, axis+1, off+i*p.strides[axis])
		}
	}
	return dst
}

// writeArray writes the block at the given axis and offset, bracketed. The
// hanging indent of the block is axis+1 columns (one per open bracket) and
// its rows may reach printLineWidth-axis columns before the closing
// brackets, like NumPy's recurser.
func (p *printer) writeArray(axis, off int) {
	n := p.shape[axis]
	count, summary := p.items(n)
	indent := axis + 1
	p.buf = append(p.buf, '[')

	if axis == len(p.shape)-1 {
		// a row: values separated by spaces, wrapped to the width
		width := printLineWidth - axis - 1 // room left for the ']'
		for k := range count {
			if summary && k == printEdgeItems {
				p.extendLine([]byte("..."), indent, width)
				p.buf = append(p.buf, ' ')
			}
			p.word = p.ff.appendValue(p.word[:0], p.data[off+index(k, n, summary)])
			p.extendLine(p.word, indent, width)
			if k < count-1 {
				p.buf = append(p.buf, ' ')
			}
		}
		p.buf = append(p.buf, ']')
		return
	}

	// blocks, one per line, with len(shape)-axis-2 blank lines between them
	newlines := len(p.shape) - axis - 1
	for k := range count {
		if summary && k == printEdgeItems {
			p.buf = appendSpaces(p.buf, indent)
			p.buf = append(p.buf, "..."...)
			p.newlines(newlines)
		}
		if k > 0 {
			p.buf = appendSpaces(p.buf, indent)
		}
		p.writeArray(axis+1, off+index(k, n, summary)*p.strides[axis])
		if k < count-1 {
			p.newlines(newlines)
		}
	}
	p.buf = append(p.buf, ']')
}

// extendLine appends word to the current line, first breaking the line
// (trailing spaces removed, next line indented) if the word would end past
// width and the line holds more than its indent (NumPy's _extendLine).
func (p *printer) extendLine(word []byte, indent, width int) {
	if line := len(p.buf) - p.lineStart; line+len(word) > width && line > indent {
		for p.buf[len(p.buf)-1] == ' ' {
			p.buf = p.buf[:len(p.buf)-1]
		}
		p.newlines(1)
		p.buf = appendSpaces(p.buf, indent)
	}
	p.buf = append(p.buf, word...)
}

func (p *printer) newlines(n int) {
	for range n {
		p.buf = append(p.buf, '\n')
	}
	p.lineStart = len(p.buf)
}

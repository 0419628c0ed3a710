package plot

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Font sizes in points, as matplotlib's defaults: font.size 10 for tick
// labels, axis labels and the legend, "large" (12) for titles.
const (
	tickFontPt  = 10.0
	labelFontPt = 10.0
	titleFontPt = 12.0
)

const fontFamily = "DejaVu Sans, Bitstream Vera Sans, Arial, Helvetica, sans-serif"

// asciiWidths holds the advance widths of DejaVu Sans (matplotlib's default
// font) for the printable ASCII characters ' ' to '~', in thousandths of an
// em. Text is laid out with these estimates: the SVG viewer does the real
// shaping, so they only have to be close.
var asciiWidths = [95]uint16{
	318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, // ' ' .. '/'
	636, 636, 636, 636, 636, 636, 636, 636, 636, 636, // '0' .. '9'
	337, 337, 838, 838, 838, 531, 1000, // ':' .. '@'
	684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, // 'A' .. 'M'
	748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, // 'N' .. 'Z'
	390, 337, 390, 838, 500, 500, // '[' .. '`'
	613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, // 'a' .. 'm'
	634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, // 'n' .. 'z'
	636, 337, 636, 838, // '{' .. '~'
}

// textWidth estimates the width in px of s set in DejaVu Sans at size px.
func textWidth(s string, size float64) float64 {
	w := 0
	for _, r := range s {
		switch {
		case r >= ' ' && r <= '~':
			w += int(asciiWidths[r-' '])
		case r >= 0x1100 && isWide(r):
			w += 1000
		default:
			w += 650
		}
	}
	return float64(w) / 1000 * size
}

// isWide reports East Asian wide characters (CJK, kana, Hangul, full-width
// forms), which take a whole em.
func isWide(r rune) bool {
	return (r >= 0x1100 && r <= 0x115f) || (r >= 0x2e80 && r <= 0xa4cf) ||
		(r >= 0xac00 && r <= 0xd7a3) || (r >= 0xf900 && r <= 0xfaff) ||
		(r >= 0xfe30 && r <= 0xfe4f) || (r >= 0xff00 && r <= 0xff60) ||
		(r >= 0xffe0 && r <= 0xffe6) || (r >= 0x20000 && r <= 0x3fffd)
}

// svgBuf accumulates the SVG text.
type svgBuf struct {
	b []byte
}

func (s *svgBuf) str(x string) *svgBuf { s.b = append(s.b, x...); return s }

// num writes v rounded to 2 decimals, without trailing zeros.
func (s *svgBuf) num(v float64) *svgBuf { s.b = appendNum(s.b, v); return s }

// attr writes ` name="value"` with value escaped.
func (s *svgBuf) attr(name, value string) *svgBuf {
	s.b = append(s.b, ' ')
	s.b = append(s.b, name...)
	s.b = append(s.b, '=', '"')
	s.b = appendEscaped(s.b, value)
	s.b = append(s.b, '"')
	return s
}

// numAttr writes ` name="v"` with v formatted by num.
func (s *svgBuf) numAttr(name string, v float64) *svgBuf {
	s.b = append(s.b, ' ')
	s.b = append(s.b, name...)
	s.b = append(s.b, '=', '"')
	s.b = appendNum(s.b, v)
	s.b = append(s.b, '"')
	return s
}

// text writes s escaped as character data.
func (s *svgBuf) text(x string) *svgBuf { s.b = appendEscaped(s.b, x); return s }

// maxCoord bounds the numbers written: callers clip what they draw to
// the axes, but a few shapes (an arrow scaled by a tiny ArrowScale, an
// image under extreme limits) could still reach far out.
const maxCoord = 1e7

// appendNum appends v with at most two decimals ("12.5", "-3", "0"),
// clamped to ±maxCoord. Non-finite values never reach it: callers skip or
// clip them first; they are written as 0 to keep the file valid all the
// same.
func appendNum(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, '0')
	}
	v = math.Max(-maxCoord, math.Min(maxCoord, v))
	v = math.Round(v*100) / 100
	if v == 0 {
		return append(b, '0')
	}
	b = strconv.AppendFloat(b, v, 'f', 2, 64)
	// Trim trailing zeros and a trailing point.
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	return b
}

// appendEscaped appends x with the XML special characters escaped and the
// characters that XML 1.0 forbids (most control characters, invalid UTF-8)
// replaced by U+FFFD.
func appendEscaped(b []byte, x string) []byte {
	for i := 0; i < len(x); {
		r, n := utf8.DecodeRuneInString(x[i:])
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"':
			b = append(b, "&quot;"...)
		case r == '\'':
			b = append(b, "&apos;"...)
		case r == '\t' || r == '\n' || r == '\r':
			b = append(b, "&#x"...)
			b = strconv.AppendInt(b, int64(r), 16)
			b = append(b, ';')
		case r == utf8.RuneError && n == 1, !xmlChar(r):
			b = append(b, "\uFFFD"...)
		default:
			b = append(b, x[i:i+n]...)
		}
		i += n
	}
	return b
}

// xmlChar reports whether r may appear in an XML 1.0 document.
func xmlChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD ||
		(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) ||
		(r >= 0x10000 && r <= 0x10FFFF)
}

// dashAttr formats a dash pattern for stroke-dasharray.
func dashAttr(d []float64) string {
	var b []byte
	for i, v := range d {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendNum(b, v)
	}
	return string(b)
}

// oneLine replaces line breaks, which SVG text cannot show, by spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s)
}

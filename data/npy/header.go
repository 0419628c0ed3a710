package npy

import (
	"fmt"
	"strconv"
	"strings"
)

// The .npy header is the repr of a Python dict, for example
//
//	{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }
//
// NumPy reads it with ast.literal_eval. parseLiteral accepts the subset of
// Python literals that a header can hold: dicts, tuples, lists, strings,
// integers (with Python 2's optional L suffix), True, False and None.

// pyTuple and pyList are parsed Python sequences; pyNone is None.
type (
	pyTuple []any
	pyList  []any
	pyNone  struct{}
	pyInt   struct {
		v        int64
		overflow bool // the literal does not fit in an int64
	}
	pyDict struct {
		keys []string
		vals map[string]any
	}
)

// maxNesting bounds the recursion of the literal parser, so that a header
// of a million '(' cannot exhaust the stack.
const maxNesting = 32

type litParser struct {
	s     string
	pos   int
	depth int
}

// parseHeaderDict parses the header text and returns its dict.
func parseHeaderDict(s string) (*pyDict, error) {
	p := &litParser{s: s}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos != len(p.s) {
		return nil, p.errorf("unexpected %q after the header dict", p.rest())
	}
	d, ok := v.(*pyDict)
	if !ok {
		return nil, fmt.Errorf("header is %s, not a dict", typeName(v))
	}
	return d, nil
}

func (p *litParser) rest() string {
	r := p.s[p.pos:]
	if len(r) > 20 {
		r = r[:20] + "..."
	}
	return r
}

func (p *litParser) errorf(format string, args ...any) error {
	return fmt.Errorf("bad header at byte %d: %s", p.pos, fmt.Sprintf(format, args...))
}

func (p *litParser) space() {
	for p.pos < len(p.s) {
		switch p.s[p.pos] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			p.pos++
		default:
			return
		}
	}
}

func (p *litParser) value() (any, error) {
	p.space()
	if p.pos >= len(p.s) {
		return nil, p.errorf("unexpected end of header")
	}
	switch c := p.s[p.pos]; {
	case c == '{' || c == '(' || c == '[':
		p.depth++
		defer func() { p.depth-- }()
		if p.depth > maxNesting {
			return nil, p.errorf("literal nested more than %d deep", maxNesting)
		}
		if c == '{' {
			return p.dict()
		}
		return p.sequence(c)
	case c == '\'' || c == '"':
		return p.str()
	case c == '-' || c == '+' || ('0' <= c && c <= '9'):
		return p.integer()
	default:
		for _, w := range []struct {
			word string
			v    any
		}{{"True", true}, {"False", false}, {"None", pyNone{}}} {
			if strings.HasPrefix(p.s[p.pos:], w.word) {
				p.pos += len(w.word)
				return w.v, nil
			}
		}
		return nil, p.errorf("unexpected %q", p.rest())
	}
}

func (p *litParser) dict() (any, error) {
	p.pos++ // '{'
	d := &pyDict{vals: map[string]any{}}
	for {
		p.space()
		if p.pos < len(p.s) && p.s[p.pos] == '}' {
			p.pos++
			return d, nil
		}
		k, err := p.value()
		if err != nil {
			return nil, err
		}
		key, ok := k.(string)
		if !ok {
			return nil, p.errorf("dict key is %s, not a string", typeName(k))
		}
		p.space()
		if p.pos >= len(p.s) || p.s[p.pos] != ':' {
			return nil, p.errorf("want ':' after dict key %q", key)
		}
		p.pos++
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		if _, dup := d.vals[key]; !dup {
			d.keys = append(d.keys, key)
		}
		d.vals[key] = v
		if !p.comma('}') {
			return nil, p.errorf("want ',' or '}' in dict")
		}
	}
}

// comma consumes a ',' or peeks at the closing bracket; it reports false
// when neither follows.
func (p *litParser) comma(end byte) bool {
	p.space()
	if p.pos < len(p.s) && p.s[p.pos] == ',' {
		p.pos++
		return true
	}
	return p.pos < len(p.s) && p.s[p.pos] == end
}

func (p *litParser) sequence(open byte) (any, error) {
	end := byte(')')
	if open == '[' {
		end = ']'
	}
	p.pos++
	var items []any
	sawComma := false
	for {
		p.space()
		if p.pos < len(p.s) && p.s[p.pos] == end {
			p.pos++
			if open == '[' {
				return pyList(items), nil
			}
			if len(items) == 1 && !sawComma {
				return items[0], nil // (x) is x, not a tuple
			}
			return pyTuple(items), nil
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		items = append(items, v)
		p.space()
		if p.pos < len(p.s) && p.s[p.pos] == ',' {
			p.pos++
			sawComma = true
			continue
		}
		if p.pos >= len(p.s) || p.s[p.pos] != end {
			return nil, p.errorf("want ',' or %q in sequence", end)
		}
	}
}

func (p *litParser) str() (any, error) {
	quote := p.s[p.pos]
	p.pos++
	var b strings.Builder
	for p.pos < len(p.s) {
		c := p.s[p.pos]
		p.pos++
		switch c {
		case quote:
			return b.String(), nil
		case '\\':
			if p.pos >= len(p.s) {
				return nil, p.errorf("unterminated string")
			}
			b.WriteByte(p.s[p.pos]) // \' \" \\; np.save writes no other escapes
			p.pos++
		case '\n':
			return nil, p.errorf("newline in string")
		default:
			b.WriteByte(c)
		}
	}
	return nil, p.errorf("unterminated string")
}

func (p *litParser) integer() (any, error) {
	start := p.pos
	if c := p.s[p.pos]; c == '-' || c == '+' {
		p.pos++
	}
	digits := p.pos
	for p.pos < len(p.s) && '0' <= p.s[p.pos] && p.s[p.pos] <= '9' {
		p.pos++
	}
	if p.pos == digits {
		return nil, p.errorf("bad number %q", p.rest())
	}
	text := p.s[start:p.pos]
	if p.pos < len(p.s) && (p.s[p.pos] == 'L' || p.s[p.pos] == 'l') {
		p.pos++ // Python 2 long, as old NumPy wrote it
	}
	if p.pos < len(p.s) && (p.s[p.pos] == '.' || p.s[p.pos] == 'e' || p.s[p.pos] == 'E' || p.s[p.pos] == 'x') {
		return nil, p.errorf("only integer numbers are allowed, got %q", p.s[start:])
	}
	v, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		return pyInt{overflow: true}, nil
	}
	return pyInt{v: v}, nil
}

// typeName names the Python type of a parsed literal, with an article,
// for error messages.
func typeName(v any) string {
	switch v.(type) {
	case *pyDict:
		return "a dict"
	case pyTuple:
		return "a tuple"
	case pyList:
		return "a list"
	case string:
		return "a str"
	case pyInt:
		return "an int"
	case bool:
		return "a bool"
	case pyNone:
		return "None"
	}
	return fmt.Sprintf("%T", v)
}

// reprValue writes v back as Python would, for error messages.
func reprValue(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case pyInt:
		if v.overflow {
			return "<huge int>"
		}
		return strconv.FormatInt(v.v, 10)
	case bool:
		if v {
			return "True"
		}
		return "False"
	case pyNone:
		return "None"
	case pyTuple, pyList:
		var items []any
		open, end := "(", ")"
		if l, ok := v.(pyList); ok {
			items, open, end = l, "[", "]"
		} else {
			items = v.(pyTuple)
		}
		parts := make([]string, len(items))
		for i, it := range items {
			parts[i] = reprValue(it)
		}
		s := strings.Join(parts, ", ")
		if len(items) == 1 && open == "(" {
			s += ","
		}
		return open + s + end
	case *pyDict:
		parts := make([]string, len(v.keys))
		for i, k := range v.keys {
			parts[i] = strconv.Quote(k) + ": " + reprValue(v.vals[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(v)
}

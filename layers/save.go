package layers

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dlfs-go/dlfs/data/npy"
	"github.com/dlfs-go/dlfs/tensor"
)

// Errors that LoadNPZ and LoadArrays wrap, one for each kind of mismatch
// between the saved arrays and the network, so that a caller can tell them
// apart with errors.Is. One error may wrap several of them.
var (
	// ErrMissingArray: the network has a parameter or state tensor for
	// which the file has no array.
	ErrMissingArray = errors.New("missing array")
	// ErrShapeMismatch: an array's shape differs from the shape of the
	// network's tensor of the same name.
	ErrShapeMismatch = errors.New("wrong shape")
	// ErrExtraArray: the file has an array the network has no tensor for
	// (and Loader.IgnoreExtra is false).
	ErrExtraArray = errors.New("extra array")
)

// Arrays returns the tensors SaveNPZ saves, keyed by name: the Value of
// every parameter of net (net.Params()) and, when net is also Stateful (as
// a Network is), every state tensor (running_mean1, running_var1, ...).
// The tensors are net's own, not copies. Any Parameterized works: a
// Network, a network type that embeds one, or a single layer.
//
// Two tensors of the same name, an empty name or a nil Value are
// programmer errors and panic.
func Arrays(net Parameterized) map[string]*tensor.Tensor {
	ps := tensorsOf("layers.Arrays", net)
	m := make(map[string]*tensor.Tensor, len(ps))
	for _, p := range ps {
		m[p.Name] = p.Value
	}
	return m
}

// tensorsOf lists net's parameters and then its state, checking that the
// names are non-empty and distinct and that every Value is set.
func tensorsOf(op string, net Parameterized) []Param {
	ps := slices.Clone(net.Params())
	if s, ok := net.(Stateful); ok {
		ps = append(ps, s.State()...)
	}
	seen := make(map[string]bool, len(ps))
	for _, p := range ps {
		switch {
		case p.Name == "":
			panic(op + ": a parameter or state tensor has no name")
		case seen[p.Name]:
			panic(fmt.Sprintf("%s: two parameters or state tensors are named %q", op, p.Name))
		case p.Value == nil:
			panic(fmt.Sprintf("%s: %s has a nil Value", op, p.Name))
		}
		seen[p.Name] = true
	}
	return ps
}

// SaveNPZ writes the parameters and state of net (see Arrays) to the .npz
// file at path, one array per name: W1.npy, b1.npy, gamma1.npy, ...,
// running_mean1.npy, .... NumPy reads it back:
//
//	params = np.load("params.npz")  # params["W1"], params["running_mean1"], ...
//
// The members are in sorted key order, each the bytes np.save writes for
// the array (float64, C order). With compress false they are stored, as
// np.savez stores them; with compress true they are deflated, as
// np.savez_compressed does. (The zip container differs from Python's in
// fields np.load does not use: a data descriptor and a time-stamp field
// per member.) The file is written through npy.WriteNPZFile:
// to a temporary file in the same folder that replaces path only once it
// is complete, so a failed save leaves a previous file at path as it was.
// Errors name the file.
func SaveNPZ(path string, net Parameterized, compress bool) error {
	arrays := Arrays(net)
	if err := npy.WriteNPZFile(path, arrays, compress); err != nil {
		return fmt.Errorf("layers: save the network: %w", err)
	}
	return nil
}

// Loader loads saved arrays into a network. Its zero value is what LoadNPZ
// and LoadArrays use: every tensor of the network must be in the file, with
// its shape, and the file must hold nothing else.
type Loader struct {
	// IgnoreExtra skips arrays the network has no tensor for, instead of
	// reporting them as an error (ErrExtraArray) that lists them. Set it
	// to take part of a larger network's saved arrays.
	IgnoreExtra bool
	// Limits bounds what reading an .npz file may allocate; its zero value
	// is package npy's defaults.
	Limits npy.Limits
}

// LoadNPZ reads the .npz file at path, as np.savez or np.savez_compressed
// (or SaveNPZ) wrote it, into the parameters and state of net; see
// Loader.LoadArrays.
func LoadNPZ(path string, net Parameterized) error { return Loader{}.LoadNPZ(path, net) }

// LoadNPZ is LoadNPZ with the options of l.
func (l Loader) LoadNPZ(path string, net Parameterized) error {
	arrays, err := l.Limits.ReadNPZFile(path)
	if err != nil {
		return fmt.Errorf("layers: load the network: %w", err)
	}
	return l.LoadArrays(net, arrays, path)
}

// LoadArrays copies arrays into the parameters and state of net (see
// Arrays), each by name; source names where the arrays come from (a file)
// in errors. It is what LoadNPZ does once the file is read, so any reader
// (a pickle reader, say) can feed it.
func LoadArrays(net Parameterized, arrays map[string]*tensor.Tensor, source string) error {
	return Loader{}.LoadArrays(net, arrays, source)
}

// LoadArrays is LoadArrays with the options of l.
//
// Every array is checked before any is copied, so a failed load leaves net
// as it was. A tensor of net without an array of its name
// (ErrMissingArray), an array whose shape is not the tensor's
// (ErrShapeMismatch) and, unless l.IgnoreExtra, an array net has no tensor
// for (ErrExtraArray) are all reported in one error that names source,
// each array, the shape in the file and the shape net needs:
//
//	layers: params.npz does not fit the network: "W1" has shape (5,3) in the file, the network needs (4,3); ...
//
// The values are copied into net's own tensors (the arrays are not kept).
// The shapes must be equal, not only the sizes: a (1, 3) array does not
// load into a (3,) bias.
func (l Loader) LoadArrays(net Parameterized, arrays map[string]*tensor.Tensor, source string) error {
	ps := tensorsOf("layers.Loader.LoadArrays", net)
	if source == "" {
		source = "the arrays"
	}
	var problems []string
	var kinds []error
	add := func(kind error, format string, args ...any) {
		problems = append(problems, fmt.Sprintf(format, args...))
		if !slices.Contains(kinds, kind) {
			kinds = append(kinds, kind)
		}
	}
	need := make(map[string]bool, len(ps))
	for _, p := range ps {
		need[p.Name] = true
		a, ok := arrays[p.Name]
		switch {
		case !ok:
			add(ErrMissingArray, "no array %q in the file (the network needs shape %s)",
				p.Name, tensor.ShapeString(p.Value.Shape()))
		case a == nil:
			add(ErrMissingArray, "array %q is nil (the network needs shape %s)",
				p.Name, tensor.ShapeString(p.Value.Shape()))
		case !tensor.SameShape(a, p.Value):
			add(ErrShapeMismatch, "%q has shape %s in the file, the network needs %s",
				p.Name, tensor.ShapeString(a.Shape()), tensor.ShapeString(p.Value.Shape()))
		}
	}
	if !l.IgnoreExtra {
		var extra []string
		for k := range arrays {
			if !need[k] {
				extra = append(extra, k)
			}
		}
		if len(extra) > 0 {
			slices.SortFunc(extra, compareNames)
			quoted := make([]string, len(extra))
			for i, k := range extra {
				quoted[i] = strconv.Quote(k)
			}
			add(ErrExtraArray, "the file has %d array(s) the network has no place for: %s (Loader.IgnoreExtra skips them)",
				len(extra), strings.Join(quoted, ", "))
		}
	}
	if len(problems) > 0 {
		return &loadError{msg: fmt.Sprintf("layers: %s does not fit the network: %s", source, strings.Join(problems, "; ")), kinds: kinds}
	}

	// An array may share its data with another tensor of net (arrays from
	// Arrays of the same network, given under other names): copy such
	// arrays first, so that no copy reads a tensor already overwritten.
	dst := make(map[*float64]bool, len(ps))
	for _, p := range ps {
		if d := p.Value.Data(); len(d) > 0 {
			dst[&d[0]] = true
		}
	}
	src := make([]*tensor.Tensor, len(ps))
	for i, p := range ps {
		a := arrays[p.Name]
		if d := a.Data(); len(d) > 0 && dst[&d[0]] && &d[0] != &p.Value.Data()[0] {
			a = a.Clone()
		}
		src[i] = a
	}
	for i, p := range ps {
		p.Value.CopyFrom(src[i])
	}
	return nil
}

// compareNames orders names as a person reads them: by their letters, then
// by the number they end in (W2 before W10).
func compareNames(a, b string) int {
	pa, na := splitNumber(a)
	pb, nb := splitNumber(b)
	if c := strings.Compare(pa, pb); c != 0 {
		return c
	}
	if len(na) != len(nb) {
		return len(na) - len(nb)
	}
	return strings.Compare(na, nb)
}

// splitNumber splits the decimal digits off the end of s.
func splitNumber(s string) (prefix, digits string) {
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	return s[:i], s[i:]
}

// loadError is the error of a load whose arrays do not fit the network; it
// matches each kind of mismatch it reports with errors.Is.
type loadError struct {
	msg   string
	kinds []error
}

func (e *loadError) Error() string   { return e.msg }
func (e *loadError) Unwrap() []error { return e.kinds }

package layers_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/data/npy"
	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/loss"
	"github.com/dlfs-go/dlfs/random"
	"github.com/dlfs-go/dlfs/tensor"
)

// extendNet builds the layers of the book's MultiLayerNetExtend for input,
// hidden and output sizes (Affine, [BatchNormalization,] ReLU, ...,
// Affine) with zero weights and biases, gamma 1, beta 0.
func extendNet(input int, hidden []int, output int, batchnorm bool) *layers.Network {
	var ls []layers.Layer
	in := input
	for _, h := range hidden {
		ls = append(ls, layers.NewAffineWith(tensor.Zeros(in, h), tensor.Zeros(h)))
		if batchnorm {
			ls = append(ls, layers.NewBatchNormalization(tensor.Ones(h), tensor.Zeros(h), 0.9))
		}
		ls = append(ls, layers.NewReLU())
		in = h
	}
	ls = append(ls, layers.NewAffineWith(tensor.Zeros(in, output), tensor.Zeros(output)))
	return layers.NewNetwork(loss.NewSoftmaxWithLoss(), ls...)
}

// saveFixture mirrors testdata/save_numpy.json, made by
// testdata/gen_save.py with NumPy together with save_numpy.npz and
// save_numpy_compressed.npz.
type saveFixture struct {
	About  string `json:"about"`
	NumPy  string `json:"numpy"`
	Arrays map[string]struct {
		Shape  []int     `json:"shape"`
		Values hexFloats `json:"values"`
	} `json:"arrays"`
}

func loadSaveFixture(t *testing.T) map[string]*tensor.Tensor {
	t.Helper()
	b, err := os.ReadFile("testdata/save_numpy.json")
	if err != nil {
		t.Fatal(err)
	}
	var f saveFixture
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	m := make(map[string]*tensor.Tensor, len(f.Arrays))
	for k, a := range f.Arrays {
		m[k] = tensor.New(a.Values, a.Shape...)
	}
	if len(m) != 14 {
		t.Fatalf("testdata/save_numpy.json holds %d arrays, want 14", len(m))
	}
	return m
}

// snapshot returns a copy of every tensor of net, keyed by name.
func snapshot(net layers.Parameterized) map[string]*tensor.Tensor {
	m := layers.Arrays(net)
	for k, v := range m {
		m[k] = v.Clone()
	}
	return m
}

// diffBits reports, for each name, where got and want differ in shape or
// in any bit of any value (so -0.0, NaN payloads and subnormals count).
func diffBits(got, want map[string]*tensor.Tensor) []string {
	var diffs []string
	for k, w := range want {
		g, ok := got[k]
		switch {
		case !ok:
			diffs = append(diffs, k+": missing")
		case !tensor.SameShape(g, w):
			diffs = append(diffs, fmt.Sprintf("%s: shape %v, want %v", k, g.Shape(), w.Shape()))
		default:
			for i, v := range g.Data() {
				if math.Float64bits(v) != math.Float64bits(w.Data()[i]) {
					diffs = append(diffs, fmt.Sprintf("%s[%d] = %v, want %v", k, i, v, w.Data()[i]))
					break
				}
			}
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, k+": unexpected")
		}
	}
	slices.Sort(diffs)
	return diffs
}

// fill gives every tensor of net distinct random values from g, with a
// few special ones (-0, the smallest subnormal, ±Inf, NaN) in W1.
func fill(net layers.Parameterized, g *random.Generator) {
	for _, v := range layers.Arrays(net) {
		v.CopyFrom(g.Randn(v.Shape()...))
	}
	w := layers.Arrays(net)["W1"].Data()
	copy(w, []float64{math.Copysign(0, -1), math.SmallestNonzeroFloat64, math.Inf(1), math.Inf(-1), math.NaN()})
}

// A network saved and loaded into another of the same shape gets back
// every parameter and every running statistic bit for bit, and predicts
// exactly as the saved one.
func TestSaveLoadRoundTrip(t *testing.T) {
	tests := []struct {
		name     string
		net      func() *layers.Network
		compress bool
		names    []string
	}{
		{"MultiLayerNetExtend 4-[3,3]-2 stored", func() *layers.Network { return extendNet(4, []int{3, 3}, 2, true) }, false,
			[]string{"W1", "W2", "W3", "b1", "b2", "b3", "beta1", "beta2", "gamma1", "gamma2",
				"running_mean1", "running_mean2", "running_var1", "running_var2"}},
		{"MultiLayerNetExtend 4-[3,3]-2 compressed", func() *layers.Network { return extendNet(4, []int{3, 3}, 2, true) }, true,
			[]string{"W1", "W2", "W3", "b1", "b2", "b3", "beta1", "beta2", "gamma1", "gamma2",
				"running_mean1", "running_mean2", "running_var1", "running_var2"}},
		{"MultiLayerNet 6-[5]-3", func() *layers.Network { return extendNet(6, []int{5}, 3, false) }, false,
			[]string{"W1", "W2", "b1", "b2"}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.net()
			fill(src, random.New(uint32(i)))
			want := snapshot(src)
			path := filepath.Join(t.TempDir(), "params.npz")
			if err := layers.SaveNPZ(path, src, tt.compress); err != nil {
				t.Fatal(err)
			}
			// The file holds exactly the network's names.
			inFile, err := npy.ReadNPZFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var keys []string
			for k := range inFile {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			if !slices.Equal(keys, tt.names) {
				t.Errorf("file holds %v, want %v", keys, tt.names)
			}

			dst := tt.net()
			if err := layers.LoadNPZ(path, dst); err != nil {
				t.Fatal(err)
			}
			if d := diffBits(layers.Arrays(dst), want); d != nil {
				t.Errorf("loaded network differs from the saved one: %v", d)
			}
			// Same predictions, bit for bit, once W1's special values are
			// replaced by finite ones in both networks.
			for _, n := range []*layers.Network{src, dst} {
				n.Params()[0].Value.CopyFrom(tensor.Full(0.25, n.Params()[0].Value.Shape()...))
			}
			x := random.New(7).Randn(5, src.Params()[0].Value.Size(0))
			if d := diffBits(map[string]*tensor.Tensor{"y": dst.Predict(x)}, map[string]*tensor.Tensor{"y": src.Predict(x)}); d != nil {
				t.Errorf("predictions differ: %v", d)
			}
		})
	}
}

// An .npz NumPy wrote (np.savez, np.savez_compressed) loads into the
// network with the book's names, every value as NumPy wrote it.
func TestLoadNumPyFile(t *testing.T) {
	want := loadSaveFixture(t)
	for _, file := range []string{"testdata/save_numpy.npz", "testdata/save_numpy_compressed.npz"} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			net := extendNet(4, []int{3, 3}, 2, true)
			if err := layers.LoadNPZ(file, net); err != nil {
				t.Fatal(err)
			}
			if d := diffBits(layers.Arrays(net), want); d != nil {
				t.Errorf("loaded values differ from NumPy's: %v", d)
			}
		})
	}
}

// What SaveNPZ writes holds, member for member, the bytes np.savez (or
// np.savez_compressed) writes for the same arrays: the same members
// (W1.npy, ...) in the same order, stored (or deflated),
// each the same .npy bytes, so np.load reads it as NumPy's own file. (The
// zip container around them differs: Go's archive/zip writes a data
// descriptor and a time-stamp field per member where Python's zipfile
// writes a zip64 field; both are standard zip.)
func TestSaveIsNumPysMembers(t *testing.T) {
	for _, c := range []struct {
		compress bool
		numpy    string
	}{{false, "testdata/save_numpy.npz"}, {true, "testdata/save_numpy_compressed.npz"}} {
		t.Run(filepath.Base(c.numpy), func(t *testing.T) {
			net := extendNet(4, []int{3, 3}, 2, true)
			if err := layers.LoadArrays(net, loadSaveFixture(t), "testdata/save_numpy.json"); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "params.npz")
			if err := layers.SaveNPZ(path, net, c.compress); err != nil {
				t.Fatal(err)
			}
			got := zipMembers(t, path)
			want := zipMembers(t, c.numpy)
			if len(got) != len(want) {
				t.Fatalf("SaveNPZ wrote %d members, np.savez %d", len(got), len(want))
			}
			for i := range want {
				if got[i].name != want[i].name || got[i].method != want[i].method {
					t.Errorf("member %d is %s (method %d), np.savez wrote %s (method %d)",
						i, got[i].name, got[i].method, want[i].name, want[i].method)
				}
				if !bytes.Equal(got[i].data, want[i].data) {
					t.Errorf("member %s: %d bytes, np.savez's %d bytes differ", got[i].name, len(got[i].data), len(want[i].data))
				}
			}
		})
	}
}

type zipMember struct {
	name   string
	method uint16
	data   []byte
}

// zipMembers returns the members of the zip archive at path, in order,
// uncompressed.
func zipMembers(t *testing.T, path string) []zipMember {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var out []zipMember
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, zipMember{f.Name, f.Method, data})
	}
	return out
}

// With DLFS_LAYERS_EXPORT set to a directory, TestExportForNumPy saves the
// fixture's network there (params.npz stored, params_compressed.npz
// deflated) for testdata/check_saved.py to load with NumPy:
//
//	DLFS_LAYERS_EXPORT=/tmp/saveout go test -run TestExportForNumPy ./layers/
//	/usr/bin/python3 layers/testdata/check_saved.py /tmp/saveout
func TestExportForNumPy(t *testing.T) {
	dir := os.Getenv("DLFS_LAYERS_EXPORT")
	if dir == "" {
		t.Skip("DLFS_LAYERS_EXPORT not set")
	}
	want := loadSaveFixture(t)
	net := extendNet(4, []int{3, 3}, 2, true)
	if err := layers.LoadArrays(net, want, "testdata/save_numpy.json"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		file     string
		compress bool
	}{{"params.npz", false}, {"params_compressed.npz", true}} {
		path := filepath.Join(dir, c.file)
		if err := layers.SaveNPZ(path, net, c.compress); err != nil {
			t.Fatal(err)
		}
		back, err := npy.ReadNPZFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if d := diffBits(back, want); d != nil {
			t.Errorf("%s: %v", c.file, d)
		}
	}
}

// Every way a load can fail is an error that names the file and what is
// wrong (each array, the shape in the file and the shape the network
// needs), and leaves the network as it was.
func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const fixture = "testdata/save_numpy.npz"
	notNPZ := write("notes.npz", []byte("W1 = [[1, 2, 3]]\n"))
	npyPath := filepath.Join(dir, "W1.npy")
	if err := npy.WriteFile(npyPath, tensor.Zeros(4, 3)); err != nil {
		t.Fatal(err)
	}
	fixtureBytes, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	truncated := write("truncated.npz", fixtureBytes[:len(fixtureBytes)/2])
	missingFile := filepath.Join(dir, "missing.npz")

	tests := []struct {
		name  string
		net   *layers.Network
		path  string
		kinds []error  // errors.Is matches these (and no other mismatch kind)
		want  []string // the error says all of these
	}{
		{"missing names and a wrong shape", extendNet(4, []int{3, 3, 3}, 2, true), fixture,
			[]error{layers.ErrMissingArray, layers.ErrShapeMismatch},
			[]string{fixture + " does not fit the network",
				`"W3" has shape (3,2) in the file, the network needs (3,3)`,
				`no array "gamma3" in the file (the network needs shape (3,))`,
				`no array "running_var3" in the file (the network needs shape (3,))`,
				`no array "W4" in the file (the network needs shape (3,2))`,
				`no array "b4" in the file (the network needs shape (2,))`}},
		{"wrong input size", extendNet(5, []int{3, 3}, 2, true), fixture,
			[]error{layers.ErrShapeMismatch},
			[]string{fixture + " does not fit the network: " +
				`"W1" has shape (4,3) in the file, the network needs (5,3)`}},
		{"wrong hidden size", extendNet(4, []int{3, 4}, 2, true), fixture,
			[]error{layers.ErrShapeMismatch},
			[]string{`"W2" has shape (3,3) in the file, the network needs (3,4)`,
				`"b2" has shape (3,) in the file, the network needs (4,)`,
				`"gamma2" has shape (3,) in the file, the network needs (4,)`,
				`"running_var2" has shape (3,) in the file, the network needs (4,)`,
				`"W3" has shape (3,2) in the file, the network needs (4,2)`}},
		{"extra names", extendNet(4, []int{3, 3}, 2, false), fixture,
			[]error{layers.ErrExtraArray},
			[]string{fixture + " does not fit the network: the file has 8 array(s) the network has no place for: " +
				`"beta1", "beta2", "gamma1", "gamma2", "running_mean1", "running_mean2", "running_var1", "running_var2" (Loader.IgnoreExtra skips them)`}},
		{"not an npz", extendNet(4, []int{3, 3}, 2, true), notNPZ, nil,
			[]string{"layers: load the network: npy: " + notNPZ + ": not an .npz (zip) archive"}},
		{"an npy file", extendNet(4, []int{3, 3}, 2, true), npyPath, nil,
			[]string{"layers: load the network: npy: " + npyPath + ": not an .npz (zip) archive"}},
		{"truncated npz", extendNet(4, []int{3, 3}, 2, true), truncated, nil,
			[]string{"layers: load the network: npy: " + truncated + ": "}},
		{"missing file", extendNet(4, []int{3, 3}, 2, true), missingFile, nil,
			[]string{"layers: load the network: npy: open " + missingFile + ": no such file or directory"}},
		{"a folder", extendNet(4, []int{3, 3}, 2, true), dir, nil,
			[]string{"layers: load the network: npy: ", dir}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fill(tt.net, random.New(uint32(100+i)))
			before := snapshot(tt.net)
			err := layers.LoadNPZ(tt.path, tt.net)
			if err == nil {
				t.Fatal("LoadNPZ succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\ndoes not say\n%s", err, w)
				}
			}
			for _, kind := range []error{layers.ErrMissingArray, layers.ErrShapeMismatch, layers.ErrExtraArray} {
				if got, want := errors.Is(err, kind), slices.Contains(tt.kinds, kind); got != want {
					t.Errorf("errors.Is(err, %v) = %v, want %v", kind, got, want)
				}
			}
			if d := diffBits(layers.Arrays(tt.net), before); d != nil {
				t.Errorf("a failed load changed the network: %v", d)
			}
		})
	}
}

// Loader.IgnoreExtra loads the arrays the network has and skips the rest:
// the plain MultiLayerNet's weights out of MultiLayerNetExtend's file.
func TestLoadIgnoreExtra(t *testing.T) {
	want := loadSaveFixture(t)
	for _, k := range []string{"gamma1", "beta1", "gamma2", "beta2", "running_mean1", "running_var1", "running_mean2", "running_var2"} {
		delete(want, k)
	}
	net := extendNet(4, []int{3, 3}, 2, false)
	if err := (layers.Loader{IgnoreExtra: true}).LoadNPZ("testdata/save_numpy.npz", net); err != nil {
		t.Fatal(err)
	}
	if d := diffBits(layers.Arrays(net), want); d != nil {
		t.Errorf("loaded values differ from NumPy's: %v", d)
	}
	// A missing array is still an error.
	big := extendNet(4, []int{3, 3, 3}, 2, false)
	err := (layers.Loader{IgnoreExtra: true}).LoadNPZ("testdata/save_numpy.npz", big)
	if !errors.Is(err, layers.ErrMissingArray) || errors.Is(err, layers.ErrExtraArray) {
		t.Errorf("error %v, want one for the missing arrays only", err)
	}
}

// LoadArrays takes arrays from any reader: a nil array counts as missing,
// an empty source reads "the arrays", the network's own tensors given
// under one another's names are swapped correctly, and a limit too small
// for the file is an error.
func TestLoadArrays(t *testing.T) {
	t.Run("nil array and no source", func(t *testing.T) {
		net := extendNet(2, nil, 2, false)
		err := layers.LoadArrays(net, map[string]*tensor.Tensor{"W1": tensor.Zeros(2, 2), "b1": nil}, "")
		const want = `layers: the arrays does not fit the network: array "b1" is nil (the network needs shape (2,))`
		if err == nil || err.Error() != want || !errors.Is(err, layers.ErrMissingArray) {
			t.Errorf("error %v, want %s", err, want)
		}
	})
	t.Run("scalar and (1,) are different shapes", func(t *testing.T) {
		net := extendNet(2, nil, 1, false)
		err := layers.LoadArrays(net, map[string]*tensor.Tensor{"W1": tensor.Zeros(2, 1), "b1": tensor.Scalar(1)}, "p.pkl")
		const want = `layers: p.pkl does not fit the network: "b1" has shape () in the file, the network needs (1,)`
		if err == nil || err.Error() != want {
			t.Errorf("error %v, want %s", err, want)
		}
	})
	t.Run("own tensors swapped", func(t *testing.T) {
		net := extendNet(3, []int{3}, 3, false)
		fill(net, random.New(3))
		before := snapshot(net)
		own := layers.Arrays(net)
		swapped := map[string]*tensor.Tensor{"W1": own["W2"], "W2": own["W1"], "b1": own["b2"], "b2": own["b1"]}
		if err := layers.LoadArrays(net, swapped, "the network itself"); err != nil {
			t.Fatal(err)
		}
		want := map[string]*tensor.Tensor{"W1": before["W2"], "W2": before["W1"], "b1": before["b2"], "b2": before["b1"]}
		if d := diffBits(layers.Arrays(net), want); d != nil {
			t.Errorf("swap gave %v", d)
		}
	})
	t.Run("limits", func(t *testing.T) {
		net := extendNet(4, []int{3, 3}, 2, true)
		err := (layers.Loader{Limits: npy.Limits{MaxTotalBytes: 64}}).LoadNPZ("testdata/save_numpy.npz", net)
		if !errors.Is(err, npy.ErrLimit) || !strings.Contains(err.Error(), "testdata/save_numpy.npz") {
			t.Errorf("error %v, want npy.ErrLimit naming the file", err)
		}
	})
}

// A single layer is a network too: BatchNormalization saves gamma, beta
// and its running statistics under the unnumbered names.
func TestSaveLayer(t *testing.T) {
	bn := layers.NewBatchNormalization(tensor.Vector(1, 2), tensor.Vector(3, 4), 0.9)
	bn.RunningMean.CopyFrom(tensor.Vector(5, 6))
	bn.RunningVar.CopyFrom(tensor.Vector(7, 8))
	path := filepath.Join(t.TempDir(), "bn.npz")
	if err := layers.SaveNPZ(path, bn, true); err != nil {
		t.Fatal(err)
	}
	got, err := npy.ReadNPZFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]*tensor.Tensor{"gamma": tensor.Vector(1, 2), "beta": tensor.Vector(3, 4),
		"running_mean": tensor.Vector(5, 6), "running_var": tensor.Vector(7, 8)}
	if d := diffBits(got, want); d != nil {
		t.Errorf("file holds %v", d)
	}
}

// A save that cannot be written is an error naming the path, and leaves
// the previous file as it was.
func TestSaveErrors(t *testing.T) {
	dir := t.TempDir()
	net := extendNet(2, nil, 2, false)
	tests := []struct {
		name string
		path string
		want string
	}{
		{"into a folder", dir, "layers: save the network: npy: "},
		{"into a missing folder", filepath.Join(dir, "missing", "p.npz"), filepath.Join(dir, "missing", "p.npz")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := layers.SaveNPZ(tt.path, net, false)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.path) {
				t.Errorf("error %v, want one naming %s and saying %q", err, tt.path, tt.want)
			}
		})
	}
}

// paramList is a network with the given parameters.
type paramList []layers.Param

func (p paramList) Params() []layers.Param { return p }

// Names that cannot be saved or loaded are programmer errors: they panic
// with a message naming the operation and the name.
func TestSaveBadNamesPanic(t *testing.T) {
	twoW := paramList{{Name: "W", Value: tensor.Zeros(1)}, {Name: "W", Value: tensor.Zeros(2)}}
	tests := []struct {
		name string
		call func()
		want string
	}{
		{"duplicate name in Arrays", func() { layers.Arrays(twoW) },
			`layers.Arrays: two parameters or state tensors are named "W"`},
		{"duplicate name in SaveNPZ", func() { _ = layers.SaveNPZ(filepath.Join(t.TempDir(), "p.npz"), twoW, false) },
			`layers.Arrays: two parameters or state tensors are named "W"`},
		{"duplicate name in LoadArrays", func() { _ = layers.LoadArrays(twoW, nil, "") },
			`layers.Loader.LoadArrays: two parameters or state tensors are named "W"`},
		{"nil value", func() { layers.Arrays(paramList{{Name: "b"}}) },
			`layers.Arrays: b has a nil Value`},
		{"no name", func() { layers.Arrays(paramList{{Value: tensor.Zeros(1)}}) },
			`layers.Arrays: a parameter or state tensor has no name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				r := recover()
				if msg, _ := r.(string); msg != tt.want {
					t.Errorf("panic %v, want %q", r, tt.want)
				}
			}()
			tt.call()
		})
	}
}

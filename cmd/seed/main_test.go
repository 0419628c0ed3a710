package main

import (
	"bufio"
	"bytes"
	"errors"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/internal/cli"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// refItem matches one "name value" item of the reference: a name such as
// X_train[-1] and a number or a bracketed list of numbers.
var refItem = regexp.MustCompile(`([A-Za-z_]\w*(?:\[-?\d+\])?) (\[[^A-Za-z]*\]|[-+.\deE]+)`)

// reference reads testdata/seed_numpy.txt: the article's code run with
// NumPy 1.24. Its first three lines are what the article prints; the rest
// are "name values" lines.
func reference(t *testing.T) (printed []string, values map[string][]float64) {
	t.Helper()
	f, err := os.Open("testdata/seed_numpy.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	values = map[string][]float64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if len(printed) < 3 {
			printed = append(printed, line)
			continue
		}
		if strings.HasPrefix(line, "numpy_version ") {
			continue
		}
		// "W1_init [[1.76, 0.40], [0.97, 2.24]]", several such pairs on a line
		for _, m := range refItem.FindAllStringSubmatch(line, -1) {
			for _, fld := range strings.Fields(strings.NewReplacer("[", " ", "]", " ", ",", " ").Replace(m[2])) {
				v, err := strconv.ParseFloat(fld, 64)
				if err != nil {
					t.Fatalf("reference line %q: %v", line, err)
				}
				values[m[1]] = append(values[m[1]], v)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return printed, values
}

func TestSeedMatchesNumPy(t *testing.T) {
	printed, ref := reference(t)
	var out bytes.Buffer
	if err := run(nil, &out, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	// The predictions print with 8 digits and must read exactly as
	// NumPy's. The loss prints all 17 digits; it equals NumPy's to a
	// relative 1e-9 (exactly, where the matrix products round as
	// OpenBLAS's do, with FMA).
	if lines[0] != printed[0] || lines[2] != printed[2] {
		t.Errorf("predictions printed as %q and %q, NumPy prints %q and %q", lines[0], lines[2], printed[0], printed[2])
	}
	got, err := strconv.ParseFloat(lines[1], 64)
	if err != nil {
		t.Fatalf("loss line %q: %v", lines[1], err)
	}
	want, _ := strconv.ParseFloat(printed[1], 64)
	if math.Abs(got-want) > 1e-9*want {
		t.Errorf("final loss printed as %s, NumPy prints %s", lines[1], printed[1])
	}

	res, err := train(config{seed: 0, lr: 0.2, epochs: 1500, samples: 1500})
	if err != nil {
		t.Fatal(err)
	}
	p := res.net.Params()
	x, y := res.x.Data(), res.y.Data()
	n := len(x)
	tests := []struct {
		name string
		got  []float64
	}{
		{"W1_init", res.w1Init.Data()},
		{"W2_init", res.w2Init.Data()},
		{"X_train[0]", x[:2]},
		{"y_train[0]", y[:2]},
		{"X_train[-1]", x[n-2:]},
		{"loss_before_training", []float64{res.lossBefore}},
		{"loss_epoch_1", res.losses[0:1]},
		{"loss_epoch_10", res.losses[9:10]},
		{"loss_epoch_100", res.losses[99:100]},
		{"loss_epoch_1000", res.losses[999:1000]},
		{"loss_epoch_1500", res.losses[1499:1500]},
		{"predict_after", res.after.Data()},
		{"W1_final", p[0].Value.Data()},
		{"b1_final", p[1].Value.Data()},
		{"W2_final", p[2].Value.Data()},
		{"b2_final", p[3].Value.Data()},
	}
	rel := cmpopts.EquateApprox(1e-9, 1e-300)
	for _, tc := range tests {
		want, ok := ref[tc.name]
		if !ok {
			t.Fatalf("reference has no %s", tc.name)
		}
		if diff := cmp.Diff(want, tc.got, rel); diff != "" {
			t.Errorf("%s (-numpy +go):\n%s", tc.name, diff)
		}
	}
}

func TestBadFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-seed", "4294967296"}, "-seed 4294967296 is out of range"},
		{[]string{"-seed", "-1"}, "-seed -1 is out of range: NumPy's seeds are 0 to 4294967295"},
		{[]string{"-lr", "0"}, "-lr 0 must be a positive number"},
		{[]string{"-lr", "NaN"}, "-lr NaN must be a positive number"},
		{[]string{"-epochs", "0"}, "-epochs 0 must be at least 1"},
		{[]string{"-samples", "-3"}, "-samples -3 must be at least 1"},
		{[]string{"-epochs", "ten"}, "-epochs \"ten\" is not a whole number"},
		{[]string{"more"}, "unexpected argument \"more\""},
	}
	for _, tc := range tests {
		var out, errOut bytes.Buffer
		err := run(tc.args, &out, &errOut)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("run(%q) error %v, want it to contain %q", tc.args, err, tc.want)
		}
		var u cli.UsageError
		if !errors.As(err, &u) {
			t.Errorf("run(%q): %v is not a usage error", tc.args, err)
		}
		if out.Len() != 0 {
			t.Errorf("run(%q) printed %q", tc.args, out.String())
		}
	}
}

func TestDivergenceIsAnError(t *testing.T) {
	var out bytes.Buffer
	err := run([]string{"-lr", "50", "-epochs", "200"}, &out, &out)
	if err == nil || !strings.Contains(err.Error(), "at epoch") {
		t.Fatalf("run with -lr 50: error %v, want one naming the epoch", err)
	}
}

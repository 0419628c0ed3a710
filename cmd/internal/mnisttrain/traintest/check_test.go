package traintest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseRuns(t *testing.T) {
	tests := []struct {
		name, data string
		want       []Run
		err        string
	}{
		{"two runs", "# NumPy\nrun: -iters 5\ntrain acc, test acc | 0.1, 0.2\nrun: -batch 7 -lr 0.5\n0.25 0.5\n0.75 1.0\n", []Run{
			{[]string{"-iters", "5"}, "train acc, test acc | 0.1, 0.2\n"},
			{[]string{"-batch", "7", "-lr", "0.5"}, "0.25 0.5\n0.75 1.0\n"},
		}, ""},
		// CheckShortRuns passed on such files: it compared nothing.
		{"empty file", "", nil, "no run: lines"},
		{"only comments", "# header\n# more\n", nil, "no run: lines"},
		{"run without accuracy lines", "run: -iters 5\nelapsed: 1s\n", nil, `run ["-iters" "5"] has no accuracy lines`},
		{"output before the first run", "0.1 0.2\nrun: -iters 5\n0.1 0.2\n", nil, "before the first run"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseRuns(tt.data)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestAccuracyLines(t *testing.T) {
	out := "train acc, test acc | 0.09915, 0.1009\n0.109 0.1136\nelapsed: 1.2s\nloss 0.5\ncurves: x.svg\n0.1 NaNx\n"
	want := []string{"train acc, test acc | 0.09915, 0.1009", "0.109 0.1136"}
	if diff := cmp.Diff(want, AccuracyLines(out)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

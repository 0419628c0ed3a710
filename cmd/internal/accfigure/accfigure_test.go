package accfigure

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestEpochs: np.arange(n) as float64.
func TestEpochs(t *testing.T) {
	if d := cmp.Diff([]float64{0, 1, 2, 3}, Epochs(4)); d != "" {
		t.Errorf("Epochs(4) (-want +got):\n%s", d)
	}
	if got := Epochs(0); len(got) != 0 {
		t.Errorf("Epochs(0) = %v", got)
	}
}

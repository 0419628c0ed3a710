package optim

import (
	"testing"

	"github.com/dlfs-go/dlfs/layers"
	"github.com/dlfs-go/dlfs/tensor"
	"github.com/google/go-cmp/cmp"
)

func TestSGDUpdate(t *testing.T) {
	w := tensor.Vector(1, 2, 3)
	g := tensor.Vector(0.5, -1, 0)
	NewSGD(0.1).Update([]layers.Param{{Name: "W", Value: w, Grad: g}})
	// NumPy: w -= 0.1 * g
	if diff := cmp.Diff([]float64{1 - 0.1*0.5, 2 + 0.1, 3}, w.Data()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !cmp.Equal(g.Data(), []float64{0.5, -1, 0}) {
		t.Errorf("gradient modified: %v", g.Data())
	}
}

func TestSGDShapeMismatch(t *testing.T) {
	defer func() {
		msg, _ := recover().(string)
		want := `optim.SGD.Update: parameter "b1" has shape (3,) but its gradient (2,)`
		if msg != want {
			t.Errorf("panic %q, want %q", msg, want)
		}
	}()
	NewSGD(0.1).Update([]layers.Param{{Name: "b1", Value: tensor.Zeros(3), Grad: tensor.Zeros(2)}})
}

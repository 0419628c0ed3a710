package main

import (
	"testing"

	"github.com/dlfs-go/dlfs/cmd/ch08/internal/deepweights/deeptest"
)

// TestTwin: NumPy prints 0.9797, then 0.9798 in float16, with the book's
// weights.
func TestTwin(t *testing.T) { deeptest.CheckTwin(t, run, "half_float_network") }

func TestBadInputs(t *testing.T) { deeptest.CheckBadWeights(t, run) }

package main

import (
	"testing"

	"github.com/dlfs-go/dlfs/cmd/internal/mnisttrain/robusttest"
)

// TestBadInputs: issue 8, bad flags, MNIST folders and -o paths are errors
// that say what is wrong, found before the training starts.
func TestBadInputs(t *testing.T) { robusttest.Check(t, run) }

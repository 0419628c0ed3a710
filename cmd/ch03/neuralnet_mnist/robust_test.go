package main

import (
	"testing"

	"github.com/dlfs-go/dlfs/cmd/ch03/internal/samplenet/weightstest"
)

// TestBadInputs: issue 8, bad weights, bad MNIST files and bad flags are
// errors naming what is wrong, never a panic or Accuracy:nan.
func TestBadInputs(t *testing.T) { weightstest.CheckBadInputs(t, run) }

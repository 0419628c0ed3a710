package main

import (
	"testing"

	"github.com/dlfs-go/dlfs/cmd/ch03/internal/samplenet/samplenettest"
)

// TestAccuracy: NumPy prints Accuracy:0.9352 with the same file.
func TestAccuracy(t *testing.T) { samplenettest.CheckAccuracy(t, run) }

func TestMissingWeights(t *testing.T) { samplenettest.CheckMissingWeights(t, run) }

package main

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/dlfs-go/dlfs/cmd/ch03/internal/samplenet/weightstest"
	"github.com/dlfs-go/dlfs/data/mnist/mnisttest"
	"github.com/dlfs-go/dlfs/internal/cli"
)

// TestBadInputs: issue 8, bad weights, bad MNIST files and bad flags are
// errors naming what is wrong, never a panic or Accuracy:nan.
func TestBadInputs(t *testing.T) { weightstest.CheckBadInputs(t, run) }

// TestBatchFlag: -batch below 1 is a usage error; a huge one takes the
// whole test set as one batch instead of allocating it.
func TestBatchFlag(t *testing.T) {
	weights := weightstest.Write(t, "w.pkl", weightstest.Book(4, 3))
	data := mnisttest.Dir(t, 1, 2)
	err := run([]string{"-weights", weights, "-data", data, "-batch", "0"}, io.Discard, io.Discard)
	var u cli.UsageError
	if err == nil || err.Error() != "-batch 0 must be at least 1" || !errors.As(err, &u) {
		t.Errorf("-batch 0: error %v, want the usage error \"-batch 0 must be at least 1\"", err)
	}
	var out bytes.Buffer
	if err := run([]string{"-weights", weights, "-data", data, "-batch", "1000000000000"}, &out, io.Discard); err != nil {
		t.Fatalf("-batch 1000000000000: %v", err)
	}
	// One batch of the 2 test images (a batch of 10¹² images would not fit
	// in memory), then the accuracy.
	if lines := strings.Split(out.String(), "\n"); len(lines) != 2 || !strings.HasPrefix(lines[0], "Accuracy:") || lines[1] != "" {
		t.Errorf("-batch 1000000000000: output %q, want the accuracy alone", out.String())
	}
}

package layers_test

import (
	"testing"

	"github.com/dlfs-go/dlfs/layers"
)

// TestBuyApple is the book's ch05 buy_apple.py; the expected values are
// what Python prints.
func TestBuyApple(t *testing.T) {
	var mulApple, mulTax layers.MulLayer
	applePrice := mulApple.Forward(100, 2)
	price := mulTax.Forward(applePrice, 1.1)
	dApplePrice, dTax := mulTax.Backward(1)
	dApple, dAppleNum := mulApple.Backward(dApplePrice)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"price", price, 220.00000000000003},
		{"dApple", dApple, 2.2},
		{"dApple_num", dAppleNum, 110.00000000000001},
		{"dTax", dTax, 200},
	} {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	var add layers.AddLayer
	if got := add.Forward(200, 450); got != 650 {
		t.Errorf("AddLayer.Forward = %v", got)
	}
	if dx, dy := add.Backward(1.1); dx != 1.1 || dy != 1.1 {
		t.Errorf("AddLayer.Backward = %v, %v", dx, dy)
	}
}

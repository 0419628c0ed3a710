package hugemem

import "testing"

// TestBytes checks that Bytes returns n zero bytes that can be written,
// for sizes on both sides of the huge-page threshold.
func TestBytes(t *testing.T) {
	for _, n := range []int{0, 1, 4095, 2*hugePage - 1, 2 * hugePage, 5*hugePage + 123} {
		b := Bytes(n)
		if len(b) != n || cap(b) != n {
			t.Fatalf("Bytes(%d): len %d, cap %d", n, len(b), cap(b))
		}
		for i := range b {
			if b[i] != 0 {
				t.Fatalf("Bytes(%d)[%d] = %d, want 0", n, i, b[i])
			}
			b[i] = byte(i)
		}
	}
}

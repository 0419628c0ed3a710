//go:build !linux

package hugemem

// Bytes returns n zero bytes (huge pages are asked for on Linux only).
func Bytes(n int) []byte { return make([]byte, n) }

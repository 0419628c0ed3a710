package hugemem

import (
	"syscall"
	"unsafe"
)

const hugePage = 2 << 20

// Bytes returns n zero bytes. From two huge pages (4 MiB) on, they start
// at a huge-page boundary and are advised to the kernel as huge-page
// memory (madvise MADV_HUGEPAGE, which takes effect where transparent huge
// pages are "always" or "madvise", the usual setting), so that touching
// them first costs a page fault per 2 MiB instead of per 4 KiB: on the
// development VM, where a fault costs about 15 µs, reading MNIST's
// training images (47 MB) took 190-250 ms with 4 KiB pages and 64-108 ms
// with huge pages. Where the kernel refuses, the bytes are ordinary
// memory. The allocation is up to 2 MiB larger than n.
func Bytes(n int) []byte {
	if n < 2*hugePage {
		return make([]byte, n)
	}
	b := make([]byte, n+hugePage)
	p := uintptr(unsafe.Pointer(&b[0]))
	off := int((hugePage - p%hugePage) % hugePage)
	b = b[off : off+n : off+n]
	_ = syscall.Madvise(b[:n/hugePage*hugePage], 14) // MADV_HUGEPAGE; an error (no THP) leaves normal pages
	return b
}

//go:build !unix

package bench

// processCPU would return the CPU time the process has used; it is not
// read on this system.
func processCPU() int64 { return -1 }

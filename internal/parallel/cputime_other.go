//go:build !linux

package parallel

// threadCPU would return the calling thread's CPU time; it is not read on
// this system.
func threadCPU() int64 { return -1 }

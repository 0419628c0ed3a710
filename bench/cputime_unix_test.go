//go:build unix

package bench

import "syscall"

// processCPU returns the CPU time the process has used, in nanoseconds, or
// -1 when it cannot be read.
func processCPU() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return -1
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

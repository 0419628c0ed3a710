//go:build !purego

package cpu

func detect() bool { return detectAVX2FMA() }

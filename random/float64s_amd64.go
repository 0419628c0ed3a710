//go:build !purego

package random

import "github.com/dlfs-go/dlfs/internal/cpu"

// float64sAVX2 sets dst[j] to the Float64 of the pair of untempered state
// words words[2j], words[2j+1], for pairs values (a positive multiple of
// 4).
//
//go:noescape
func float64sAVX2(dst *float64, words *uint32, pairs int)

// float64sVec fills the longest prefix of dst the vector loop takes from
// the pairs of words and returns its length.
func float64sVec(dst []float64, words []uint32) int {
	n := min(len(dst), len(words)/2) &^ 3
	if !cpu.AVX2FMA || n == 0 {
		return 0
	}
	float64sAVX2(&dst[0], &words[0], n)
	return n
}

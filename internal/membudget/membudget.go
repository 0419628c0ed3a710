// Package membudget counts what a reader of an untrusted file format
// materialises, against a limit per array and a limit in all, so that a
// small file cannot make it fill a large amount of memory. data/npy and
// data/pickle share it; each exposes the limits as its own Limits type.
package membudget

import (
	"fmt"
	"strconv"
)

// Budget is what is left of two limits, in bytes, during one read.
type Budget struct {
	PerArray int64 // the most one array may take
	Total    int64 // the most all the arrays of the read may take together
	Used     int64 // what the arrays taken so far take
}

// New returns a budget with the limits perArray and total; a limit of zero
// or less takes its default.
func New(perArray, total, defaultPerArray, defaultTotal int64) Budget {
	if perArray <= 0 {
		perArray = defaultPerArray
	}
	if total <= 0 {
		total = defaultTotal
	}
	return Budget{PerArray: perArray, Total: total}
}

// Take reserves need bytes for the array that what describes ("shape (2,3)
// of <f8"), or returns an error wrapping limitErr that says which limit it
// exceeds and which field of the caller's Limits raises it.
func (b *Budget) Take(limitErr error, what string, need int64) error {
	if need > b.PerArray {
		return fmt.Errorf("%w: %s needs %s as float64, more than the limit of %s per array (Limits.MaxArrayBytes)",
			limitErr, what, Size(need), Size(b.PerArray))
	}
	if need > b.Total-b.Used {
		return fmt.Errorf("%w: %s needs %s as float64, which with the %s read before is more than the limit of %s in all (Limits.MaxTotalBytes)",
			limitErr, what, Size(need), Size(b.Used), Size(b.Total))
	}
	b.Used += need
	return nil
}

// Size formats a number of bytes for an error message: "512 bytes",
// "1.5 MiB", "2 GiB".
func Size(n int64) string {
	switch {
	case n < 1<<20:
		return strconv.FormatInt(n, 10) + " bytes"
	case n < 1<<30:
		return strconv.FormatFloat(float64(n)/(1<<20), 'g', 4, 64) + " MiB"
	case n < 1<<40:
		return strconv.FormatFloat(float64(n)/(1<<30), 'g', 4, 64) + " GiB"
	}
	return strconv.FormatFloat(float64(n)/(1<<40), 'f', 0, 64) + " TiB"
}

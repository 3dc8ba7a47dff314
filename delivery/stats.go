package delivery

import (
	"math"
)

// percentileSorted returns the p-th percentile (0 < p ≤ 100) of s, sorted ascending, by the
// nearest-rank method: the value at rank ⌈p/100 × n⌉ (1-based, at least 1). The result is
// always one of the values; the median (p = 50) of an even count is the lower of the two
// middle values. It returns 0 for no values.
func percentileSorted(s []int, p float64) int {
	if len(s) == 0 {
		return 0
	}
	// A tiny tolerance keeps p/100 × n that is a whole number in theory (e.g. 10% of 30) from
	// rounding up to the next rank in floating point.
	rank := int(math.Ceil(p/100*float64(len(s)) - 1e-9))
	rank = min(max(rank, 1), len(s))
	return s[rank-1]
}

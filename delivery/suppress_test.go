package delivery

import (
	"slices"
	"testing"
)

// TestPublicScorecardHasNoSmallCellSuppression is the finding that the public scorecard
// published counts of any size: a count of 1 to 10 is hidden, zero and 11 or more are shown,
// and a part of a total hidden alone brings a second part with it, so no hidden part can be
// derived from the total and the parts shown.
func TestPublicScorecardHasNoSmallCellSuppression(t *testing.T) {
	for _, c := range []struct {
		n    int
		want bool
	}{{0, false}, {1, true}, {10, true}, {11, false}, {250, false}, {-1, false}} {
		if got := Suppressed(c.n); got != c.want {
			t.Errorf("Suppressed(%d) = %v, want %v", c.n, got, c.want)
		}
	}
	for _, c := range []struct {
		name  string
		cells []int
		want  []bool
	}{
		{"all large", []int{12, 30, 11, 40}, []bool{false, false, false, false}},
		{"one small: the next smallest goes with it", []int{3, 30, 12, 40}, []bool{true, false, true, false}},
		{"one small, zeros stay shown", []int{0, 5, 0, 40}, []bool{false, true, false, true}},
		{"two small hide each other", []int{3, 4, 30, 40}, []bool{true, true, false, false}},
		{"all small", []int{1, 2, 3, 4}, []bool{true, true, true, true}},
		{"none", []int{}, []bool{}},
		{"zeros only", []int{0, 0, 0}, []bool{false, false, false}},
	} {
		got := SuppressCells(c.cells)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: SuppressCells(%v) = %v, want %v", c.name, c.cells, got, c.want)
			continue
		}
		// No hidden cell is derivable: either none is hidden, or at least two are.
		hidden := 0
		for _, h := range got {
			if h {
				hidden++
			}
		}
		if hidden == 1 {
			t.Errorf("%s: one hidden cell is derivable from the total", c.name)
		}
	}
}

package delivery

// Small-cell suppression of published figures. A public figure that counts clients (or
// client-weeks) never shows a count from 1 to SmallCell-1: it reads "fewer than 11". Zero is
// shown, since it describes nobody. Where a figure shows parts of a total (clients binned by a
// share), a hidden part must not be derivable from the total and the parts shown, so a second
// part is hidden with it (complementary suppression).

// SmallCell is the least count of people a public figure shows.
const SmallCell = 11

// Suppressed reports whether a count n of people is too small to publish: 1 to SmallCell-1.
func Suppressed(n int) bool { return n > 0 && n < SmallCell }

// SuppressCells returns, for the parts of a published total, which must be hidden: every part
// that is Suppressed and, when exactly one is, the smallest other part above zero as well, so
// that the hidden part cannot be had by subtracting the parts shown from the total. (Two or
// more hidden parts hide each other: the total gives only their sum.)
func SuppressCells(cells []int) []bool {
	hide := make([]bool, len(cells))
	hidden := 0
	for i, n := range cells {
		if Suppressed(n) {
			hide[i] = true
			hidden++
		}
	}
	if hidden != 1 {
		return hide
	}
	other := -1
	for i, n := range cells {
		if !hide[i] && n > 0 && (other < 0 || n < cells[other]) {
			other = i
		}
	}
	if other >= 0 {
		hide[other] = true
	}
	return hide
}

package schedule

import "math/bits"

// slotSet is a set of slot indices below MaxSlots.
type slotSet [MaxSlots / 64]uint64

func (s *slotSet) add(i int)     { s[i>>6] |= 1 << (i & 63) }
func (s *slotSet) remove(i int)  { s[i>>6] &^= 1 << (i & 63) }
func (s slotSet) has(i int) bool { return s[i>>6]&(1<<(i&63)) != 0 }
func (s slotSet) and(t slotSet) slotSet {
	return slotSet{s[0] & t[0], s[1] & t[1], s[2] & t[2], s[3] & t[3]}
}
func (s slotSet) andNot(t slotSet) slotSet {
	return slotSet{s[0] &^ t[0], s[1] &^ t[1], s[2] &^ t[2], s[3] &^ t[3]}
}
func (s slotSet) or(t slotSet) slotSet {
	return slotSet{s[0] | t[0], s[1] | t[1], s[2] | t[2], s[3] | t[3]}
}
func (s slotSet) meets(t slotSet) bool {
	return s[0]&t[0] != 0 || s[1]&t[1] != 0 || s[2]&t[2] != 0 || s[3]&t[3] != 0
}
func (s slotSet) count() int {
	return bits.OnesCount64(s[0]) + bits.OnesCount64(s[1]) + bits.OnesCount64(s[2]) + bits.OnesCount64(s[3])
}
func (s slotSet) empty() bool { return s[0]|s[1]|s[2]|s[3] == 0 }

// each calls f for every member in increasing order until f returns false.
func (s slotSet) each(f func(int) bool) {
	for w, x := range s {
		for x != 0 {
			b := bits.TrailingZeros64(x)
			if !f(w*64 + b) {
				return
			}
			x &= x - 1
		}
	}
}

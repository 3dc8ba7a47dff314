package schedule

import (
	"math"
	"math/rand/v2"
	"slices"
)

// dfsNodeLimit bounds the subsets of groups tried when one client is inserted.
const dfsNodeLimit = 400

// clinOption is one clinician a client could see, with the slots still usable there.
type clinOption struct {
	k      int
	usable slotSet
	bonus  int // continuity, stability and fairness terms earned by seeing k at all
	upper  int // value with every usable slot counted
}

// inserter holds the scratch space of insertBest so that inserting allocates nothing.
type inserter struct {
	cand    []int
	gain0   []int
	opts    []clinOption
	cur     []int
	best    []int
	nodes   int
	bestVal int
	// blink is the chance that a group or clinician is ignored for one insertion, so that
	// the search tries second-best choices that can pay off for the clients inserted later.
	blink float64
	rng   *rand.Rand
	// onlyCurrent limits sessions to each client's current clinician, while the first
	// solution is built, so that no one takes the place of a clinician's own client.
	onlyCurrent bool
}

// blinks reports whether to ignore the next option.
func (in *inserter) blinks() bool { return in.blink > 0 && in.rng.Float64() < in.blink }

// sessionValue returns the best value of individual sessions for client c when the slots in
// mask are taken by groups, with the clinician and number of sessions that reach it.
func (in *inserter) sessionValue(m *model, c int, mask slotSet) (val, k, n int) {
	k = -1
	req := m.cReqInd[c]
	for _, o := range in.opts {
		if o.upper <= val {
			break
		}
		x := min(req, o.usable.andNot(mask).count())
		if x == 0 {
			continue
		}
		if v := m.w.IndividualSession*x + o.bonus; v > val {
			val, k, n = v, o.k, x
		}
	}
	return val, k, n
}

// insertBest gives client c, who has nothing, the best groups and individual sessions that
// fit around everyone else, by a bounded search over subsets of the groups with room.
func (st *state) insertBest(c int, in *inserter) {
	m := st.m
	G := len(m.gSlots)
	w := m.w
	stab := st.stab
	prevBonus := func(g int) int {
		if stab != nil && stab.prevGroup[c*G+g] {
			return stab.weight
		}
		return 0
	}

	in.cand, in.gain0 = in.cand[:0], in.gain0[:0]
	stabLeft := 0
	for _, g := range m.cElig[c] {
		if st.size[g] >= m.gCap[g] || st.gmask[c].meets(m.gSlots[g]) {
			continue
		}
		gain := m.groupValue(c, m.gMinutes[g]) + prevBonus(g)
		if st.size[g] >= m.inst.TargetGroupSize {
			gain -= w.OverTarget
		}
		if gain <= 0 || in.blinks() {
			continue
		}
		stabLeft += prevBonus(g)
		in.cand = append(in.cand, g)
		in.gain0 = append(in.gain0, gain)
	}
	sortByGain(in.cand, in.gain0)

	in.clinOptions(st, c)
	sessUpper := 0
	if len(in.opts) > 0 {
		sessUpper = max(0, in.opts[0].upper)
	}

	in.cur, in.best = in.cur[:0], in.best[:0]
	in.nodes, in.bestVal = 0, math.MinInt
	var dfs func(i int, mask slotSet, minutes, gval int)
	dfs = func(i int, mask slotSet, minutes, gval int) {
		in.nodes++
		sv, _, _ := in.sessionValue(m, c, mask)
		if gval+sv > in.bestVal {
			in.bestVal = gval + sv
			in.best = append(in.best[:0], in.cur...)
		}
		for j := i; j < len(in.cand) && in.nodes < dfsNodeLimit; j++ {
			if gval+w.GroupMinute*max(0, m.cReqMin[c]-minutes)+stabLeft+sessUpper <= in.bestVal {
				return
			}
			g := in.cand[j]
			if mask.meets(m.gSlots[g]) {
				continue
			}
			gain := m.groupValue(c, minutes+m.gMinutes[g]) - m.groupValue(c, minutes) + prevBonus(g)
			if st.size[g] >= m.inst.TargetGroupSize {
				gain -= w.OverTarget
			}
			if gain <= 0 {
				continue
			}
			in.cur = append(in.cur, g)
			dfs(j+1, mask.or(m.gSlots[g]), minutes+m.gMinutes[g], gval+gain)
			in.cur = in.cur[:len(in.cur)-1]
		}
	}
	dfs(0, st.gmask[c], st.minutes[c], 0)

	for _, g := range in.best {
		st.join(c, g)
	}
	_, k, n := in.sessionValue(m, c, st.gmask[c])
	if k < 0 {
		return
	}
	want := m.cReqInd[c]
	if n > 1 && in.blinks() {
		n-- // leave a slot for someone else's first session
		want = n
	}
	st.placeSessions(c, k, n, want)
}

// clinOptions lists the clinicians client c could see now, best first.
func (in *inserter) clinOptions(st *state, c int) {
	m, w, stab := st.m, st.m.w, st.stab
	in.opts = in.opts[:0]
	if req := m.cReqInd[c]; req > 0 {
		for _, k := range m.cClinList[c] {
			if (st.load[k] >= m.kMax[k] && st.clin[c] != k) || in.blinks() || (in.onlyCurrent && k != m.cCur[c]) {
				continue
			}
			u := m.kFree[k].and(m.cAvail[c]).andNot(st.occMask[k]).andNot(st.smask[c])
			n := min(req, u.count())
			if n == 0 {
				continue
			}
			bonus := 0
			if k == m.cCur[c] {
				bonus += w.Continuity
			}
			if stab != nil {
				if k == stab.prevClin[c] {
					bonus += stab.weight * (1 + min(req, stab.prevSess[c].and(u).count()))
				}
				if stab.orphan[c] {
					bonus -= stab.fairness * stab.received[k]
				}
			}
			in.opts = append(in.opts, clinOption{k, u, bonus, w.IndividualSession*n + bonus})
		}
		slices.SortFunc(in.opts, func(a, b clinOption) int { return b.upper - a.upper })
	}
}

// addBestSessions gives client c, who has groups but no sessions, the best sessions that fit.
func (st *state) addBestSessions(c int, in *inserter) {
	in.clinOptions(st, c)
	if _, k, n := in.sessionValue(st.m, c, st.gmask[c]); k >= 0 {
		st.placeSessions(c, k, n, st.m.cReqInd[c])
	}
}

// placeSessions gives client c up to n more sessions with clinician k in free slots,
// preferring the client's previous slots and slots no group of theirs could use, and then
// moves other clients' sessions aside to reach want sessions where that is possible.
func (st *state) placeSessions(c, k, n, want int) {
	m := st.m
	u := m.kFree[k].and(m.cAvail[c]).andNot(st.occMask[k]).andNot(st.gmask[c]).andNot(st.smask[c])
	pick := func(from slotSet) {
		from.each(func(s int) bool {
			if n == 0 {
				return false
			}
			st.addSession(c, k, s)
			n--
			return true
		})
	}
	if st.stab != nil && st.stab.prevClin[c] == k {
		pick(u.and(st.stab.prevSess[c]))
		u = u.andNot(st.stab.prevSess[c])
	}
	pick(u.andNot(m.cGroupArea[c]))
	pick(u.and(m.cGroupArea[c]))
	if st.clin[c] == k && len(st.sess[c]) < want {
		st.augment(c, want)
	}
}

// augment tries to give client c more sessions with their clinician by moving another
// client's session at that clinician to a slot that is free for both.
func (st *state) augment(c, want int) {
	m := st.m
	k, S := st.clin[c], len(m.inst.HourSlots)
	taken := m.kFree[k].and(m.cAvail[c]).and(st.occMask[k]).andNot(st.gmask[c]).andNot(st.smask[c])
	taken.each(func(s int) bool {
		if len(st.sess[c]) >= want {
			return false
		}
		o := int(st.occ[k*S+s])
		alt := m.kFree[k].and(m.cAvail[o]).andNot(st.occMask[k]).andNot(st.gmask[o]).andNot(st.smask[o])
		alt.each(func(t int) bool {
			st.moveSession(o, s, t)
			st.addSession(c, k, s)
			return false
		})
		return true
	})
}

// sortByGain sorts groups by decreasing gain, keeping the order of equal gains.
func sortByGain(groups, gains []int) {
	for i := 1; i < len(groups); i++ {
		for j := i; j > 0 && gains[j] > gains[j-1]; j-- {
			groups[j], groups[j-1] = groups[j-1], groups[j]
			gains[j], gains[j-1] = gains[j-1], gains[j]
		}
	}
}

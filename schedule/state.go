package schedule

// state is a feasible partial assignment being improved by the optimizer. Every mutation
// keeps obj (the true objective) and aux (stability and fairness terms of a reassignment)
// up to date.
type state struct {
	m       *model
	groups  [][]int // groups of each client
	inGroup []bool  // client*G + group
	gmask   []slotSet
	minutes []int
	size    []int
	clin    []int // clinician of each client's individual sessions, or -1
	sess    [][]int
	smask   []slotSet
	occ     []int32 // clinician*S + slot -> client, or -1
	occMask []slotSet
	load    []int
	obj     int
	aux     int
	stab    *stability
	// touch, when set, is called before moveSession changes a client that the caller did
	// not take out, so that the caller can restore it.
	touch func(c int)
}

// stability holds what a reassignment rewards besides the objective: keeping what the
// previous solution had, and spreading the clients of departed clinicians evenly.
type stability struct {
	weight    int
	prevGroup []bool // client*G + group
	prevClin  []int
	prevSess  []slotSet
	orphan    []bool
	fairness  int
	received  []int
}

// clientState is what one client has, for saving and restoring.
type clientState struct {
	groups []int
	clin   int
	sess   []int
}

func newState(m *model, stab *stability) *state {
	C, G, K, S := len(m.cAvail), len(m.gSlots), len(m.kFree), len(m.inst.HourSlots)
	st := &state{m: m, groups: make([][]int, C), inGroup: make([]bool, C*G), gmask: make([]slotSet, C),
		minutes: make([]int, C), size: make([]int, G), clin: make([]int, C), sess: make([][]int, C),
		smask: make([]slotSet, C), occ: make([]int32, K*S), occMask: make([]slotSet, K), load: make([]int, K), stab: stab}
	for c := range st.clin {
		st.clin[c] = -1
	}
	for i := range st.occ {
		st.occ[i] = -1
	}
	return st
}

// clientObj is client c's share of the objective (everything but the group penalties).
func (st *state) clientObj(c int) int {
	m := st.m
	v := m.groupValue(c, st.minutes[c]) + m.w.IndividualSession*len(st.sess[c])
	if len(st.sess[c]) > 0 && st.clin[c] == m.cCur[c] {
		v += m.w.Continuity
	}
	return v
}

// clientAux is client c's stability bonus.
func (st *state) clientAux(c int) int {
	s := st.stab
	if s == nil || s.weight == 0 {
		return 0
	}
	G := len(st.m.gSlots)
	n := 0
	for _, g := range st.groups[c] {
		if s.prevGroup[c*G+g] {
			n++
		}
	}
	if len(st.sess[c]) > 0 && st.clin[c] == s.prevClin[c] {
		n++
		for _, x := range st.sess[c] {
			if s.prevSess[c].has(x) {
				n++
			}
		}
	}
	return s.weight * n
}

func (st *state) before(c int) { st.obj -= st.clientObj(c); st.aux -= st.clientAux(c) }
func (st *state) after(c int)  { st.obj += st.clientObj(c); st.aux += st.clientAux(c) }

// join puts client c in group g; the caller has checked rules 1–3.
func (st *state) join(c, g int) {
	m := st.m
	st.before(c)
	st.obj += m.overTarget(st.size[g]) - m.overTarget(st.size[g]+1)
	st.size[g]++
	st.groups[c] = append(st.groups[c], g)
	st.inGroup[c*len(m.gSlots)+g] = true
	st.gmask[c] = st.gmask[c].or(m.gSlots[g])
	st.minutes[c] += m.gMinutes[g]
	st.after(c)
}

// leave takes client c out of group g.
func (st *state) leave(c, g int) {
	m := st.m
	st.before(c)
	st.obj += m.overTarget(st.size[g]) - m.overTarget(st.size[g]-1)
	st.size[g]--
	gs := st.groups[c]
	for i, x := range gs {
		if x == g {
			gs[i] = gs[len(gs)-1]
			st.groups[c] = gs[:len(gs)-1]
			break
		}
	}
	st.inGroup[c*len(m.gSlots)+g] = false
	st.gmask[c] = st.gmask[c].andNot(m.gSlots[g])
	st.minutes[c] -= m.gMinutes[g]
	st.after(c)
}

// addSession gives client c a session with clinician k in slot s; the caller has checked
// rules 3–5.
func (st *state) addSession(c, k, s int) {
	st.before(c)
	if len(st.sess[c]) == 0 {
		st.clin[c] = k
		st.load[k]++
		if f := st.stab; f != nil && f.orphan[c] {
			st.aux -= f.fairness * f.received[k]
			f.received[k]++
		}
	}
	st.sess[c] = append(st.sess[c], s)
	st.smask[c].add(s)
	st.occ[k*len(st.m.inst.HourSlots)+s] = int32(c)
	st.occMask[k].add(s)
	st.after(c)
}

// dropSession removes client c's session in slot s.
func (st *state) dropSession(c, s int) {
	k := st.clin[c]
	st.before(c)
	ss := st.sess[c]
	for i, x := range ss {
		if x == s {
			ss[i] = ss[len(ss)-1]
			st.sess[c] = ss[:len(ss)-1]
			break
		}
	}
	st.smask[c].remove(s)
	st.occ[k*len(st.m.inst.HourSlots)+s] = -1
	st.occMask[k].remove(s)
	if len(st.sess[c]) == 0 {
		st.clin[c] = -1
		st.load[k]--
		if f := st.stab; f != nil && f.orphan[c] {
			f.received[k]--
			st.aux += f.fairness * f.received[k]
		}
	}
	st.after(c)
}

// moveSession moves client c's session from slot s to slot t with the same clinician.
func (st *state) moveSession(c, s, t int) {
	k, S := st.clin[c], len(st.m.inst.HourSlots)
	if st.touch != nil {
		st.touch(c)
	}
	st.before(c)
	for i, x := range st.sess[c] {
		if x == s {
			st.sess[c][i] = t
		}
	}
	st.smask[c].remove(s)
	st.smask[c].add(t)
	st.occ[k*S+s], st.occ[k*S+t] = -1, int32(c)
	st.occMask[k].remove(s)
	st.occMask[k].add(t)
	st.after(c)
}

// save returns a copy of what client c has.
func (st *state) save(c int) clientState {
	return clientState{groups: append([]int(nil), st.groups[c]...), clin: st.clin[c], sess: append([]int(nil), st.sess[c]...)}
}

// clear removes client c from every group and session.
func (st *state) clear(c int) {
	for len(st.groups[c]) > 0 {
		st.leave(c, st.groups[c][len(st.groups[c])-1])
	}
	for len(st.sess[c]) > 0 {
		st.dropSession(c, st.sess[c][len(st.sess[c])-1])
	}
}

// restore gives a cleared client c what cs says; it is feasible because nothing else changed.
func (st *state) restore(c int, cs clientState) {
	for _, g := range cs.groups {
		st.join(c, g)
	}
	for _, s := range cs.sess {
		st.addSession(c, cs.clin, s)
	}
}

// clientsOf appends the distinct clients clinician k sees to buf.
func (st *state) clientsOf(k int, buf []int) []int {
	S := len(st.m.inst.HourSlots)
	st.occMask[k].each(func(s int) bool {
		c := int(st.occ[k*S+s])
		if st.sess[c][0] == s { // count each client once, at their first session
			buf = append(buf, c)
		}
		return true
	})
	return buf
}

// solution turns the state into a Solution.
func (st *state) solution() *Solution {
	inst := st.m.inst
	sol := &Solution{Groups: map[string][]string{}, Individual: []Session{}, Objective: st.obj}
	for _, g := range inst.Groups {
		sol.Groups[g.ID] = []string{}
	}
	for c, cl := range inst.Clients {
		for _, g := range st.groups[c] {
			id := inst.Groups[g].ID
			sol.Groups[id] = append(sol.Groups[id], cl.ID)
		}
		var ss slotSet
		for _, s := range st.sess[c] {
			ss.add(s)
		}
		ss.each(func(s int) bool {
			sol.Individual = append(sol.Individual, Session{Client: cl.ID, Clinician: inst.Clinicians[st.clin[c]].ID, Slot: inst.HourSlots[s]})
			return true
		})
	}
	return sol
}

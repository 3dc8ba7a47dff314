package schedule

import "math/rand/v2"

// search is the large-neighbourhood search: each step takes a few related clients out,
// reinserts them one by one in a random order, and keeps the result when it is no worse.
type search struct {
	st      *state
	rng     *rand.Rand
	in      *inserter
	pick    []int
	mark    []bool
	saved   []clientState
	buf     []int
	first   bool      // the first client picked goes first
	touchFn func(int) // s.touched, made once
}

// Half of the neighbourhoods are reinserted with blinks: each group and clinician is ignored
// with a chance between blinkLow and blinkHigh.
const blinkSteps, blinkLow, blinkHigh = 0.5, 0.05, 0.3

// step runs one neighbourhood and reports whether it strictly improved the search objective.
func (s *search) step() bool {
	st := s.st
	C := len(st.m.cAvail)
	if C == 0 {
		return false
	}
	if s.mark == nil {
		s.mark = make([]bool, C)
		s.touchFn = s.touched
	}
	s.pick = s.pick[:0]
	size := 2 + s.rng.IntN(7)
	switch r := s.rng.IntN(10); {
	case r < 4:
		s.needy(size)
	case r < 6:
		s.aroundGroup(size)
	case r < 8:
		s.aroundClinician(size)
	default:
		for range size {
			s.add(s.rng.IntN(C))
		}
	}
	if len(s.pick) == 0 {
		return false
	}
	before := st.obj + st.aux
	s.saved = s.saved[:0]
	for _, c := range s.pick {
		s.saved = append(s.saved, st.save(c))
		st.clear(c)
	}
	s.in.blink = 0
	if s.rng.Float64() < blinkSteps {
		s.in.blink = blinkLow + (blinkHigh-blinkLow)*s.rng.Float64()
	}
	from := 0
	if s.first && s.rng.IntN(4) != 0 {
		from = 1 // the needy client goes first
	}
	s.first = false
	rest, saved := s.pick[from:], s.saved[from:]
	s.rng.Shuffle(len(rest), func(i, j int) {
		rest[i], rest[j] = rest[j], rest[i]
		saved[i], saved[j] = saved[j], saved[i]
	})
	st.touch = s.touchFn
	for _, c := range s.pick {
		st.insertBest(c, s.in)
	}
	st.touch = nil
	s.in.blink = 0
	after := st.obj + st.aux
	if after < before {
		for _, c := range s.pick {
			st.clear(c)
		}
		for i, c := range s.pick {
			st.restore(c, s.saved[i])
		}
	}
	for _, c := range s.pick {
		s.mark[c] = false
	}
	return after > before
}

// touched records a client outside the neighbourhood that an insertion changes, so that a
// rejected neighbourhood restores it too.
func (s *search) touched(c int) {
	if !s.mark[c] {
		s.mark[c] = true
		s.pick = append(s.pick, c)
		s.saved = append(s.saved, s.st.save(c))
	}
}

// add puts client c in the neighbourhood once.
func (s *search) add(c int) {
	if !s.mark[c] {
		s.mark[c] = true
		s.pick = append(s.pick, c)
	}
}

// needy picks a client who lacks something and the clients in the way: a member of each full
// group they could join, clients of their current clinician who are not that clinician's own,
// and clients holding the slots they could use. The needy client is reinserted first.
func (s *search) needy(size int) {
	st, m := s.st, s.st.m
	C := len(m.cAvail)
	c := -1
	for range 30 {
		x := s.rng.IntN(C)
		if !complete(st, x) {
			c = x
			break
		}
	}
	if c < 0 {
		c = s.rng.IntN(C)
	}
	s.add(c)
	s.first = true
	G := len(m.gSlots)
	if st.minutes[c] < m.cReqMin[c] {
		for _, i := range s.rng.Perm(len(m.cElig[c])) {
			g := m.cElig[c][i]
			if len(s.pick) >= size {
				break
			}
			if st.inGroup[c*G+g] || st.size[g] < m.gCap[g] {
				continue
			}
			if o := s.member(g); o >= 0 {
				s.add(o)
			}
		}
	}
	k := m.cCur[c]
	if k < 0 || st.clin[c] == k {
		k = st.clin[c]
	}
	if k < 0 || m.cReqInd[c] == 0 || (st.clin[c] == k && len(st.sess[c]) >= m.cReqInd[c]) {
		return
	}
	s.buf = st.clientsOf(k, s.buf[:0])
	if st.load[k] >= m.kMax[k] && st.clin[c] != k {
		// Make room: someone who is not this clinician's own client.
		s.rng.Shuffle(len(s.buf), func(i, j int) { s.buf[i], s.buf[j] = s.buf[j], s.buf[i] })
		n := 1 + s.rng.IntN(2)
		for _, d := range s.buf {
			if n > 0 && m.cCur[d] != k && d != c {
				s.add(d)
				n--
			}
		}
		return
	}
	// Free a slot: clients whose sessions sit where c could be seen.
	S := len(m.inst.HourSlots)
	usable := m.kFree[k].and(m.cAvail[c]).and(st.occMask[k]).andNot(st.gmask[c]).andNot(st.smask[c])
	n := 1 + s.rng.IntN(2)
	usable.each(func(x int) bool {
		if s.rng.IntN(2) == 0 {
			s.add(int(st.occ[k*S+x]))
			n--
		}
		return n > 0
	})
}

// member returns a random member of group g, or -1.
func (s *search) member(g int) int {
	st, m := s.st, s.st.m
	G := len(m.gSlots)
	el := m.gElig[g]
	if st.size[g] == 0 || len(el) == 0 {
		return -1
	}
	start := s.rng.IntN(len(el))
	for i := range el {
		c := el[(start+i)%len(el)]
		if st.inGroup[c*G+g] {
			return c
		}
	}
	return -1
}

// aroundGroup picks members of a random group and eligible clients who lack group minutes.
func (s *search) aroundGroup(size int) {
	st, m := s.st, s.st.m
	G := len(m.gSlots)
	if G == 0 {
		return
	}
	g := s.rng.IntN(G)
	el := m.gElig[g]
	if len(el) == 0 {
		return
	}
	for range size * 2 {
		if len(s.pick) >= size {
			break
		}
		c := el[s.rng.IntN(len(el))]
		if st.inGroup[c*G+g] || st.minutes[c] < m.cReqMin[c] {
			s.add(c)
		}
	}
}

// aroundClinician picks clients of a random clinician and clients who would like to see them.
func (s *search) aroundClinician(size int) {
	st, m := s.st, s.st.m
	K, C := len(m.kFree), len(m.cAvail)
	if K == 0 {
		return
	}
	k := s.rng.IntN(K)
	s.buf = st.clientsOf(k, s.buf[:0])
	s.rng.Shuffle(len(s.buf), func(i, j int) { s.buf[i], s.buf[j] = s.buf[j], s.buf[i] })
	for _, c := range s.buf {
		if len(s.pick) >= size/2+1 {
			break
		}
		s.add(c)
	}
	for range size * 4 {
		if len(s.pick) >= size {
			break
		}
		c := s.rng.IntN(C)
		if m.cReqInd[c] > 0 && (m.cCur[c] == k || len(st.sess[c]) < m.cReqInd[c]) {
			s.add(c)
		}
	}
}

package schedule

import (
	"fmt"
	"slices"

	"github.com/carepath/carepath"
)

// Without returns a copy of inst for a week without the given clinicians: they hold no
// sessions, clients who saw them have no current clinician, and groups they facilitated keep
// meeting with no facilitator named (the director names a substitute), whose ids it also
// returns. Unknown ids are an EINVALID error.
func (inst *Instance) Without(ids []string) (out *Instance, uncovered []string, err error) {
	gone := map[string]bool{}
	var fe carepath.FieldErrors
	for i, id := range ids {
		if !slices.ContainsFunc(inst.Clinicians, func(k Clinician) bool { return k.ID == id }) {
			fe.Add(fmt.Sprintf("without[%d]", i), "unknown", "unknown clinician %q", id)
		}
		gone[id] = true
	}
	if err := fe.Err(); err != nil {
		return nil, nil, err
	}
	cp := *inst
	cp.Clinicians = nil
	for _, k := range inst.Clinicians {
		if !gone[k.ID] {
			cp.Clinicians = append(cp.Clinicians, k)
		}
	}
	cp.Groups = slices.Clone(inst.Groups)
	for i, g := range cp.Groups {
		if gone[g.Facilitator] {
			cp.Groups[i].Facilitator = ""
			uncovered = append(uncovered, g.ID)
		}
	}
	cp.Clients = slices.Clone(inst.Clients)
	for i, c := range cp.Clients {
		if gone[c.CurrentClinician] {
			cp.Clients[i].CurrentClinician = ""
		}
	}
	return &cp, uncovered, nil
}

// Orphans returns, in the instance's order, the clients who lose their clinician when the
// clinicians in gone leave: those whose current clinician left and those who saw one of them
// individually in prev (which may be nil).
func Orphans(inst *Instance, prev *Solution, gone []string) []string {
	left := map[string]bool{}
	for _, k := range gone {
		left[k] = true
	}
	lost := map[string]bool{}
	if prev != nil {
		for _, s := range prev.Individual {
			if left[s.Clinician] {
				lost[s.Client] = true
			}
		}
	}
	var out []string
	for _, c := range inst.Clients {
		if left[c.CurrentClinician] || lost[c.ID] {
			out = append(out, c.ID)
		}
	}
	return out
}

// newStability builds the reassignment terms of opt for m, or nil when there are none.
// Clients of Previous whose clinician is no longer in the instance count as orphans.
func newStability(m *model, opt Options) (*stability, error) {
	if opt.Previous == nil && len(opt.Orphans) == 0 {
		return nil, nil
	}
	C, G := len(m.cAvail), len(m.gSlots)
	s := &stability{weight: opt.Stability, fairness: opt.Fairness, prevGroup: make([]bool, C*G),
		prevClin: make([]int, C), prevSess: make([]slotSet, C), orphan: make([]bool, C), received: make([]int, len(m.kFree))}
	for c := range s.prevClin {
		s.prevClin[c] = -1
	}
	var fe carepath.FieldErrors
	for i, id := range opt.Orphans {
		c, ok := m.client[id]
		if !ok {
			fe.Add(fmt.Sprintf("orphans[%d]", i), "unknown", "unknown client %q", id)
			continue
		}
		s.orphan[c] = true
	}
	if p := opt.Previous; p != nil {
		for gid, members := range p.Groups {
			g, ok := m.group[gid]
			if !ok {
				continue // a group that no longer meets
			}
			for _, cid := range members {
				if c, ok := m.client[cid]; ok {
					s.prevGroup[c*G+g] = true
				}
			}
		}
		for _, ses := range p.Individual {
			c, ok := m.client[ses.Client]
			if !ok {
				continue
			}
			k, ok := m.clin[ses.Clinician]
			if !ok {
				s.orphan[c] = true
				continue
			}
			s.prevClin[c] = k
			if x, ok := m.slot[ses.Slot]; ok {
				s.prevSess[c].add(x)
			}
		}
	}
	return s, fe.Err()
}

// restorePrevious gives every client what they had in the previous solution where it still
// fits, in the instance's order, and reports who should be inserted afresh: clients who had
// nothing, and clients who lost part of what they had (such as the clients of a departed
// clinician).
func restorePrevious(st *state) (redo []bool) {
	m := st.m
	G := len(m.gSlots)
	s := st.stab
	redo = make([]bool, len(m.cAvail))
	for c := range m.cAvail {
		had := 0
		for g := range m.gSlots {
			if s.prevGroup[c*G+g] {
				had++
				if m.gSlots[g].andNot(m.cAvail[c]).empty() && st.size[g] < m.gCap[g] && !st.gmask[c].meets(m.gSlots[g]) && eligible(m, c, g) {
					st.join(c, g)
				}
			}
		}
		sessions := s.prevSess[c].count()
		redo[c] = s.orphan[c] || len(st.groups[c]) < had || (had == 0 && sessions == 0)
		k := s.prevClin[c]
		if k < 0 || st.load[k] >= m.kMax[k] {
			redo[c] = redo[c] || sessions > 0
			continue
		}
		ok := m.kFree[k].and(m.cAvail[c]).and(s.prevSess[c]).andNot(st.occMask[k]).andNot(st.gmask[c])
		ok.each(func(x int) bool {
			if len(st.sess[c]) >= m.cReqInd[c] {
				return false
			}
			st.addSession(c, k, x)
			return true
		})
		redo[c] = redo[c] || len(st.sess[c]) < sessions
	}
	return redo
}

// eligible reports whether rule 1 lets client c join group g.
func eligible(m *model, c, g int) bool {
	for _, x := range m.cElig[c] {
		if x == g {
			return true
		}
	}
	return false
}

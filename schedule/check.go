package schedule

import (
	"fmt"
	"slices"
	"sort"
)

// Violation is one broken rule of a solution. Rule is 1–5 as numbered in the problem
// statement, or 0 for a reference to something the instance does not have.
type Violation struct {
	Rule    int    `json:"rule"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Terms are the four parts of the objective, each already multiplied by its weight.
type Terms struct {
	GroupMinutes       int `json:"group_minutes"`
	IndividualSessions int `json:"individual_sessions"`
	Continuity         int `json:"continuity"`
	OverTarget         int `json:"over_target"`
}

// Total is the objective: the three rewards minus the over-target penalty.
func (t Terms) Total() int {
	return t.GroupMinutes + t.IndividualSessions + t.Continuity - t.OverTarget
}

// Report is the checker's verdict on a solution: the violations, rule by rule, and the
// objective recomputed from the assignment (counting what can be counted even when infeasible).
type Report struct {
	Feasible   bool        `json:"feasible"`
	Violations []Violation `json:"violations"`
	Objective  int         `json:"objective"`
	Stated     int         `json:"stated_objective"`
	Terms      Terms       `json:"terms"`
}

// Check verifies sol against the five rules of inst and recomputes the objective. It returns
// an EINVALID error when inst itself is invalid.
func Check(inst *Instance, sol *Solution) (*Report, error) {
	if err := inst.Validate(); err != nil {
		return nil, err
	}
	m := newModel(inst)
	r := &Report{Stated: sol.Objective, Violations: []Violation{}}
	bad := func(rule int, field, format string, args ...any) {
		r.Violations = append(r.Violations, Violation{rule, field, fmt.Sprintf(format, args...)})
	}
	C, S := len(inst.Clients), len(inst.HourSlots)
	busy := make([][]string, C*S) // what each client does in each slot
	minutes := make([]int, C)

	gids := make([]string, 0, len(sol.Groups))
	for id := range sol.Groups {
		gids = append(gids, id)
	}
	sort.Strings(gids)
	for _, gid := range gids {
		g, ok := m.group[gid]
		if !ok {
			bad(0, "groups."+gid, "unknown group %q", gid)
			continue
		}
		gr := inst.Groups[g]
		seen := map[int]bool{}
		for j, cid := range sol.Groups[gid] {
			f := fmt.Sprintf("groups.%s[%d]", gid, j)
			c, ok := m.client[cid]
			switch {
			case !ok:
				bad(0, f, "unknown client %q", cid)
				continue
			case seen[c]:
				bad(0, f, "client %q listed twice", cid)
				continue
			}
			seen[c] = true
			cl := inst.Clients[c]
			if !slices.Contains(gr.Levels, cl.Level) {
				bad(1, f, "client %q has level %q, which group %q does not admit", cid, cl.Level, gid)
			}
			for _, s := range gr.Slots {
				if !m.cAvail[c].has(m.slot[s]) {
					bad(1, f, "client %q is not available in %s, when group %q meets", cid, s, gid)
				}
				busy[c*S+m.slot[s]] = append(busy[c*S+m.slot[s]], "group "+gid)
			}
			minutes[c] += m.gMinutes[g]
		}
		if n := len(seen); n > gr.Capacity {
			bad(2, "groups."+gid, "%d members, capacity %d", n, gr.Capacity)
		}
		r.Terms.OverTarget += m.overTarget(len(seen))
	}

	sessions := make([]int, C)
	clinOf := make([]int, C)
	for c := range clinOf {
		clinOf[c] = -1
	}
	continuity := make([]bool, C)
	held := map[[2]int]int{}         // (clinician, slot) -> first session index
	seenBy := map[int]map[int]bool{} // clinician -> distinct clients
	for i, ses := range sol.Individual {
		f := fmt.Sprintf("individual[%d]", i)
		c, okc := m.client[ses.Client]
		k, okk := m.clin[ses.Clinician]
		s, oks := m.slot[ses.Slot]
		if !okc {
			bad(0, f+".client", "unknown client %q", ses.Client)
		}
		if !okk {
			bad(0, f+".clinician", "unknown clinician %q", ses.Clinician)
		}
		if !oks {
			bad(0, f+".slot", "unknown slot %q", ses.Slot)
		}
		if !okc || !okk || !oks {
			continue
		}
		if !m.cAvail[c].has(s) {
			bad(4, f, "client %q is not available in %s", ses.Client, ses.Slot)
		}
		if !m.kAvail[k].has(s) {
			bad(4, f, "clinician %q is not available in %s", ses.Clinician, ses.Slot)
		}
		if m.kFacil[k].has(s) {
			bad(4, f, "clinician %q facilitates a group in %s", ses.Clinician, ses.Slot)
		}
		if j, dup := held[[2]int{k, s}]; dup {
			bad(4, f, "clinician %q already holds individual[%d] in %s", ses.Clinician, j, ses.Slot)
		} else {
			held[[2]int{k, s}] = i
		}
		busy[c*S+s] = append(busy[c*S+s], "an individual session")
		if clinOf[c] >= 0 && clinOf[c] != k {
			bad(5, f, "client %q already sees clinician %q individually", ses.Client, inst.Clinicians[clinOf[c]].ID)
		}
		if clinOf[c] < 0 {
			clinOf[c] = k
		}
		sessions[c]++
		if sessions[c] == m.cReqInd[c]+1 {
			bad(5, f, "client %q has more than the %d individual sessions required", ses.Client, m.cReqInd[c])
		}
		if seenBy[k] == nil {
			seenBy[k] = map[int]bool{}
		}
		seenBy[k][c] = true
		if k == m.cCur[c] {
			continuity[c] = true
		}
	}
	for k := range inst.Clinicians {
		if n := len(seenBy[k]); n > m.kMax[k] {
			bad(5, fmt.Sprintf("clinicians[%d]", k), "clinician %q sees %d clients, max_clients %d", inst.Clinicians[k].ID, n, m.kMax[k])
		}
	}
	for c := range C {
		for s := range S {
			if b := busy[c*S+s]; len(b) > 1 {
				bad(3, fmt.Sprintf("clients[%d]", c), "client %q is in %d things in %s: %v", inst.Clients[c].ID, len(b), inst.HourSlots[s], b)
			}
		}
		r.Terms.GroupMinutes += m.groupValue(c, minutes[c])
		r.Terms.IndividualSessions += m.w.IndividualSession * sessions[c]
		if continuity[c] {
			r.Terms.Continuity += m.w.Continuity
		}
	}
	sort.SliceStable(r.Violations, func(i, j int) bool { return r.Violations[i].Rule < r.Violations[j].Rule })
	r.Feasible = len(r.Violations) == 0
	r.Objective = r.Terms.Total()
	return r, nil
}

// Objective recomputes the objective of sol under inst, whether or not sol is feasible.
func Objective(inst *Instance, sol *Solution) (int, error) {
	r, err := Check(inst, sol)
	if err != nil {
		return 0, err
	}
	return r.Objective, nil
}

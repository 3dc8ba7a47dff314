package schedule

import "slices"

// model is a validated instance turned into indices and slot sets for the checker, the
// optimizer and the LP export.
type model struct {
	inst *Instance
	w    Weights

	slot, clin, group, client map[string]int

	kAvail, kFree []slotSet // clinician availability, and availability minus facilitated slots
	kMax          []int
	kFacil        []slotSet

	gSlots   []slotSet
	gMinutes []int
	gCap     []int
	gElig    [][]int // clients eligible for each group

	cAvail     []slotSet
	cReqMin    []int
	cReqInd    []int
	cCur       []int   // index of the current clinician, or -1
	cElig      [][]int // groups each client may join (rule 1)
	cGroupArea []slotSet
	cClinList  [][]int
}

// newModel indexes a valid instance.
func newModel(inst *Instance) *model {
	m := &model{inst: inst, w: inst.Weights,
		slot: map[string]int{}, clin: map[string]int{}, group: map[string]int{}, client: map[string]int{}}
	for i, s := range inst.HourSlots {
		m.slot[s] = i
	}
	set := func(list []string) slotSet {
		var s slotSet
		for _, x := range list {
			s.add(m.slot[x])
		}
		return s
	}
	K := len(inst.Clinicians)
	m.kAvail, m.kFree, m.kFacil, m.kMax = make([]slotSet, K), make([]slotSet, K), make([]slotSet, K), make([]int, K)
	for i, k := range inst.Clinicians {
		m.clin[k.ID] = i
		m.kAvail[i] = set(k.Available)
		m.kMax[i] = k.MaxClients
	}
	G := len(inst.Groups)
	m.gSlots, m.gMinutes, m.gCap, m.gElig = make([]slotSet, G), make([]int, G), make([]int, G), make([][]int, G)
	for i, g := range inst.Groups {
		m.group[g.ID] = i
		m.gSlots[i] = set(g.Slots)
		m.gMinutes[i] = SlotMinutes * m.gSlots[i].count()
		m.gCap[i] = g.Capacity
		if k, ok := m.clin[g.Facilitator]; ok && g.Facilitator != "" {
			m.kFacil[k] = m.kFacil[k].or(m.gSlots[i])
		}
	}
	for k := range m.kFree {
		m.kFree[k] = m.kAvail[k].andNot(m.kFacil[k])
	}
	C := len(inst.Clients)
	m.cAvail, m.cReqMin, m.cReqInd, m.cCur = make([]slotSet, C), make([]int, C), make([]int, C), make([]int, C)
	m.cElig, m.cGroupArea, m.cClinList = make([][]int, C), make([]slotSet, C), make([][]int, C)
	for i, c := range inst.Clients {
		m.client[c.ID] = i
		m.cAvail[i] = set(c.Available)
		m.cReqMin[i] = c.GroupMinutesRequired
		m.cReqInd[i] = c.IndividualSessionsRequired
		m.cCur[i] = -1
		if k, ok := m.clin[c.CurrentClinician]; ok && c.CurrentClinician != "" {
			m.cCur[i] = k
		}
		for g, gr := range inst.Groups {
			if slices.Contains(gr.Levels, c.Level) && m.gSlots[g].andNot(m.cAvail[i]).empty() {
				m.cElig[i] = append(m.cElig[i], g)
				m.gElig[g] = append(m.gElig[g], i)
				m.cGroupArea[i] = m.cGroupArea[i].or(m.gSlots[g])
			}
		}
		if m.cReqInd[i] > 0 {
			for k := range K {
				if m.kFree[k].meets(m.cAvail[i]) && m.kMax[k] > 0 {
					m.cClinList[i] = append(m.cClinList[i], k)
				}
			}
		}
	}
	return m
}

// groupValue is the weighted group minutes a client with the given minutes earns.
func (m *model) groupValue(c, minutes int) int {
	return m.w.GroupMinute * min(minutes, m.cReqMin[c])
}

// overTarget is the penalty of a group with size members.
func (m *model) overTarget(size int) int {
	return m.w.OverTarget * max(0, size-m.inst.TargetGroupSize)
}

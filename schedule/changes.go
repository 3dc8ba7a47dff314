package schedule

// Changes summarise a new solution against a previous one: what a director reviews before
// applying a reassignment.
type Changes struct {
	MembershipsKept, MembershipsAdded, MembershipsDropped int
	ClinicianKept, ClinicianChanged                       int // clients who saw someone before
	Received                                              map[string]int
	OrphansUnassigned                                     int
}

// Compare counts the changes from prev (which may be nil: then every membership is added and
// clinicians are compared with each client's current clinician) to sol. Received counts, per
// clinician, the orphans (clients of departed clinicians) they now see.
func Compare(inst *Instance, prev, sol *Solution, orphans []string) Changes {
	ch := Changes{Received: map[string]int{}}
	before := map[[2]string]bool{}
	clinBefore := map[string]string{}
	if prev != nil {
		for g, ms := range prev.Groups {
			for _, c := range ms {
				before[[2]string{g, c}] = true
			}
		}
		for _, s := range prev.Individual {
			clinBefore[s.Client] = s.Clinician
		}
	} else {
		for _, c := range inst.Clients {
			if c.CurrentClinician != "" {
				clinBefore[c.ID] = c.CurrentClinician
			}
		}
	}
	for g, ms := range sol.Groups {
		for _, c := range ms {
			if before[[2]string{g, c}] {
				ch.MembershipsKept++
				delete(before, [2]string{g, c})
			} else {
				ch.MembershipsAdded++
			}
		}
	}
	ch.MembershipsDropped = len(before)
	clinAfter := map[string]string{}
	for _, s := range sol.Individual {
		clinAfter[s.Client] = s.Clinician
	}
	for c, k := range clinBefore {
		if clinAfter[c] == k {
			ch.ClinicianKept++
		} else {
			ch.ClinicianChanged++
		}
	}
	for _, c := range orphans {
		if k, ok := clinAfter[c]; ok {
			ch.Received[k]++
		} else {
			ch.OrphansUnassigned++
		}
	}
	return ch
}

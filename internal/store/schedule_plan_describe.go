package store

import (
	"fmt"
	"slices"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/schedule"
)

// describePlan turns a solution of the week (inst is the instance without the departing
// clinicians) into the proposal a director reviews: every client's groups, therapist and
// hours before and after, the groups' sizes and the clinicians' caseloads.
func describePlan(pw *plannedWeek, inst *schedule.Instance, sol *schedule.Solution, orphans, uncovered []string) *carepath.SchedulePlan {
	p := &carepath.SchedulePlan{ProgramID: pw.program.ID, Week: pw.week.String(), Monday: pw.monday.String(),
		Without: nonNil(slices.Clone(pw.gone)), Status: carepath.SchedulePlanProposed, Objective: sol.Objective,
		TargetGroupSize: inst.TargetGroupSize, Uncovered: nonNil(uncovered),
		Weights: carepath.SchedulePlanWeights{GroupMinute: inst.Weights.GroupMinute, IndividualSession: inst.Weights.IndividualSession,
			Continuity: inst.Weights.Continuity, OverTarget: inst.Weights.OverTarget},
		Groups: []carepath.SchedulePlanGroup{}, Clients: []carepath.SchedulePlanClient{}, Sessions: []carepath.SchedulePlanSession{},
		Clinicians: []carepath.SchedulePlanClinician{}, LeftOut: append([]carepath.SchedulePlanLeftOut{}, pw.leftOut...), FixedBookings: pw.fixed}
	if r, err := schedule.Check(inst, pw.prev); err == nil {
		p.CurrentObjective = r.Objective
	}
	ch := schedule.Compare(inst, pw.prev, sol, orphans)
	p.Summary.MembershipsKept, p.Summary.MembershipsAdded, p.Summary.MembershipsDropped =
		ch.MembershipsKept, ch.MembershipsAdded, ch.MembershipsDropped

	minutes := map[string]int{}
	for _, g := range inst.Groups {
		minutes[g.ID] = len(g.Slots) * schedule.SlotMinutes
		pg := carepath.SchedulePlanGroup{GroupID: g.ID, Name: pw.groupName[g.ID], Slots: g.Slots, Capacity: g.Capacity,
			Before: len(pw.prev.Groups[g.ID]), After: len(sol.Groups[g.ID])}
		if pg.Capacity == uncappedGroup {
			pg.Capacity = 0
		}
		pg.OverTarget = pg.After > inst.TargetGroupSize
		pg.OverCap = pg.Capacity > 0 && pg.After > pg.Capacity
		p.Groups = append(p.Groups, pg)
	}
	for i := range p.Groups {
		if p.Groups[i].OverTarget {
			p.Groups[i].OverTargetReason = overTargetReason(inst, pw.prev, sol, p.Groups, i)
		}
	}
	groupsOf := func(s *schedule.Solution) map[string][]string {
		out := map[string][]string{}
		for _, g := range inst.Groups {
			for _, c := range s.Groups[g.ID] {
				out[c] = append(out[c], g.ID)
			}
		}
		return out
	}
	before, after := groupsOf(pw.prev), groupsOf(sol)
	clinBefore, clinAfter, slots := map[string]string{}, map[string]string{}, map[string][]string{}
	for _, s := range pw.prev.Individual {
		clinBefore[s.Client] = s.Clinician
	}
	for _, c := range pw.inst.Clients { // the primary clinician, when there is one, is the therapist
		if c.CurrentClinician != "" {
			clinBefore[c.ID] = c.CurrentClinician
		}
	}
	for _, s := range sol.Individual {
		clinAfter[s.Client] = s.Clinician
		slots[s.Client] = append(slots[s.Client], s.Slot)
		date, start := slotDate(pw.monday, s.Slot)
		ps := carepath.SchedulePlanSession{ClientID: s.Client, ClinicianID: s.Clinician, Slot: s.Slot, Date: date.String(), StartTime: start}
		for _, o := range pw.existing[s.Client] {
			if len(o.se.clinicians) > 0 && o.se.clinicians[0] == s.Clinician && slotOf(o.s.Start, pw.program.Location()) == s.Slot {
				ps.Existing = true
			}
		}
		if !ps.Existing {
			p.Summary.SessionsToBook++
		}
		p.Sessions = append(p.Sessions, ps)
	}
	for _, c := range inst.Clients {
		pc := carepath.SchedulePlanClient{ClientID: c.ID, Level: c.Level, AvailabilitySet: pw.availSet[c.ID],
			GroupsBefore: nonNil(before[c.ID]), GroupsAfter: nonNil(after[c.ID]), ClinicianBefore: clinBefore[c.ID],
			ClinicianAfter: clinAfter[c.ID], SessionSlots: nonNil(slots[c.ID]), RequiredMinutes: c.GroupMinutesRequired}
		for _, g := range pc.GroupsAfter {
			pc.PlannedMinutes += minutes[g]
		}
		pc.Short = pc.PlannedMinutes < pc.RequiredMinutes
		pc.Moved = !sameSet(pc.GroupsBefore, pc.GroupsAfter)
		pc.NewTherapist = pc.ClinicianAfter != pc.ClinicianBefore
		if pc.Moved {
			p.Summary.ClientsMoved++
		}
		if pc.NewTherapist {
			p.Summary.NewTherapist++
		} else if pc.ClinicianAfter != "" {
			p.Summary.TherapistKept++
		}
		if pc.Short {
			p.Summary.ShortOfMinimum++
		}
		p.Clients = append(p.Clients, pc)
	}
	for _, k := range pw.inst.Clinicians {
		pk := carepath.SchedulePlanClinician{StaffID: k.ID, Name: pw.staffName[k.ID], MaxClients: pw.maxClients[k.ID],
			Away: slices.Contains(pw.gone, k.ID), Received: ch.Received[k.ID], Elsewhere: pw.elsewhere[k.ID]}
		for _, c := range p.Clients {
			if c.ClinicianBefore == k.ID {
				pk.Before++
			}
			if c.ClinicianAfter == k.ID {
				pk.After++
			}
		}
		p.Clinicians = append(p.Clinicians, pk)
	}
	return p
}

// sameSet reports whether a and b hold the same ids.
func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// overTargetReason says why the plan puts more members than the target size in groups[i]:
// the group already had them (the plan moves nobody out for size alone), or the members it
// adds could not come to any group with room below the target and would otherwise fall short
// of the program's minimum hours.
func overTargetReason(inst *schedule.Instance, prev, sol *schedule.Solution, groups []carepath.SchedulePlanGroup, i int) string {
	g := groups[i]
	var added []string
	for _, c := range sol.Groups[g.GroupID] {
		if !slices.Contains(prev.Groups[g.GroupID], c) {
			added = append(added, c)
		}
	}
	over := g.After - inst.TargetGroupSize
	if len(added) == 0 {
		return fmt.Sprintf("It already has %d members this week; the plan moves nobody out of a group for its size alone.", g.Before)
	}
	stuck := 0
	for _, id := range added {
		c := clientOf(inst, id)
		if c == nil {
			continue
		}
		elsewhere := false
		for j, other := range inst.Groups {
			if j == i || groups[j].After >= inst.TargetGroupSize || !slices.Contains(other.Levels, c.Level) {
				continue
			}
			if !slices.ContainsFunc(other.Slots, func(x string) bool { return !slices.Contains(c.Available, x) }) {
				elsewhere = true
			}
		}
		if !elsewhere {
			stuck++
		}
	}
	if stuck == 0 {
		return fmt.Sprintf("%d over the target: the plan adds %d new member(s) here because it keeps therapists and session times "+
			"that fit their other groups; review the group sizes before applying.", over, len(added))
	}
	return fmt.Sprintf("%d over the target: %d new member(s) need the program's minimum hours and no group below the target "+
		"meets at times they can come.", over, stuck)
}

// clientOf returns the client of inst with id, or nil.
func clientOf(inst *schedule.Instance, id string) *schedule.Client {
	for i := range inst.Clients {
		if inst.Clients[i].ID == id {
			return &inst.Clients[i]
		}
	}
	return nil
}

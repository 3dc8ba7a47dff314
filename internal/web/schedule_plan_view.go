package web

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/delivery"
)

// planWeekClinician is one clinician who may be marked away on the form.
type planWeekClinician struct {
	ID, Name string
	Checked  bool
}

// planWeekView is the view model of the "Plan next week" form.
type planWeekView struct {
	page
	Who        signedIn
	Program    *carepath.Program
	Week       string
	NextWeek   string
	Clinicians []planWeekClinician
	Errors     map[string]string
	Summary    []errorLink
}

// renderPlanWeekForm renders the form with what was typed and the errors, by element id.
func (s *Server) renderPlanWeekForm(w http.ResponseWriter, r *http.Request, who signedIn, status int, p *carepath.Program,
	week string, without []string, errs map[string]string) {
	next := delivery.WeekOf(time.Now(), p.Location()).Next().String()
	if week == "" {
		week = next
	}
	v := planWeekView{page: page{Title: "Plan next week"}, Who: who, Program: p, Week: week, NextWeek: next, Errors: errs}
	role := carepath.RoleClinician
	if list, err := s.Staff.FindStaff(r.Context(), carepath.StaffFilter{Role: &role}); err == nil {
		for _, st := range list {
			if !st.Disabled {
				v.Clinicians = append(v.Clinicians, planWeekClinician{ID: st.ID, Name: st.Name, Checked: slices.Contains(without, st.ID)})
			}
		}
	}
	for _, id := range []string{"plan-week", "plan-without"} {
		if m, ok := errs[id]; ok {
			v.Summary = append(v.Summary, errorLink{id, m})
		}
	}
	s.render(w, r, status, "plan_week", v)
}

// weekdayName names a slot's day and hour for people: "Mon 09:00".
func slotName(slot string) string {
	if len(slot) != 6 {
		return slot
	}
	return strings.ToUpper(slot[:1]) + slot[1:3] + " " + slot[4:] + ":00"
}

// planMoveRow is one client who changes groups.
type planMoveRow struct {
	Name, Before, After string
}

// planTherapistRow is one client who gets a new therapist (or loses theirs).
type planTherapistRow struct {
	Name, Before, After string
}

// planHoursRow is one client's planned group hours against the minimum.
type planHoursRow struct {
	Name, Planned, Required, Groups, Therapist, Session string
	Short, AvailabilitySet                              bool
}

// planGroupRow is one group's size before and after.
type planGroupRow struct {
	carepath.SchedulePlanGroup
	Hours string
}

// planSessionRow is one session the plan books.
type planSessionRow struct {
	Client, Clinician, When string
}

// planOutcome is what the plan and the week as it stands give the clients, in plain figures.
type planOutcome struct {
	Clients          int // clients in the plan
	FullHours        int // clients the plan gives their full program hours
	FullHoursNow     int // clients whose groups as they stand give them their full hours
	TherapistKept    int // clients who keep their therapist under the plan
	WithTherapist    int // clients with a therapist under the plan
	WithTherapistNow int // clients with a therapist as the week stands
}

// planWeekProposalView is the view model of a proposal.
type planWeekProposalView struct {
	page
	Who        signedIn
	Plan       *carepath.SchedulePlan
	Program    *carepath.Program
	Away       []string
	Uncovered  []string
	Moves      []planMoveRow
	Therapists []planTherapistRow
	Groups     []planGroupRow
	Hours      []planHoursRow
	Sessions   []planSessionRow
	Clinicians []carepath.SchedulePlanClinician
	Outcome    planOutcome
	Applied    bool     // just applied
	Problem    string   // why applying failed
	Clashes    []string // the bookings in the way, in words
	LeftOut    []carepath.SchedulePlanLeftOut
}

// renderProposal builds the proposal's view model, naming clients, groups and clinicians.
func (s *Server) renderProposal(w http.ResponseWriter, r *http.Request, who signedIn, status int, plan *carepath.SchedulePlan, applied bool,
	problem string, clashes ...string) {
	v := planWeekProposalView{page: page{Title: "Plan for " + plan.Week}, Who: who, Plan: plan, Applied: applied,
		Problem: problem, Clashes: clashes, Clinicians: plan.Clinicians, LeftOut: plan.LeftOut}
	if p, err := s.Programs.FindProgramByID(r.Context(), plan.ProgramID); err == nil {
		v.Program = p
		v.Title = "Plan for " + p.Name + ", " + plan.Week
	}
	groupName, clinName := map[string]string{}, map[string]string{}
	for _, g := range plan.Groups {
		groupName[g.GroupID] = g.Name
		v.Groups = append(v.Groups, planGroupRow{SchedulePlanGroup: g, Hours: minutesText(len(g.Slots) * 60)})
	}
	for _, k := range plan.Clinicians {
		clinName[k.StaffID] = k.Name
	}
	for _, id := range plan.Without {
		v.Away = append(v.Away, nameOr(clinName, id, "A staff member"))
	}
	for _, id := range plan.Uncovered {
		v.Uncovered = append(v.Uncovered, nameOr(groupName, id, "A group"))
	}
	groups := func(ids []string) string {
		if len(ids) == 0 {
			return "none"
		}
		names := make([]string, len(ids))
		for i, id := range ids {
			names[i] = nameOr(groupName, id, "A group")
		}
		return strings.Join(names, ", ")
	}
	therapist := func(id string) string {
		if id == "" {
			return "none"
		}
		return nameOr(clinName, id, "A clinician")
	}
	abbr := "" // the zone's abbreviation in the planned week
	if v.Program != nil {
		if t, err := time.ParseInLocation(carepath.DateLayout, plan.Monday, v.Program.Location()); err == nil {
			abbr = " " + t.Format("MST")
		}
	}
	for _, c := range plan.Clients {
		if c.Moved {
			v.Moves = append(v.Moves, planMoveRow{c.Name, groups(c.GroupsBefore), groups(c.GroupsAfter)})
		}
		if c.NewTherapist {
			v.Therapists = append(v.Therapists, planTherapistRow{c.Name, therapist(c.ClinicianBefore), therapist(c.ClinicianAfter)})
		}
		row := planHoursRow{Name: c.Name, Planned: minutesText(c.PlannedMinutes), Required: minutesText(c.RequiredMinutes),
			Groups: groups(c.GroupsAfter), Therapist: therapist(c.ClinicianAfter), Session: "none",
			Short: c.Short, AvailabilitySet: c.AvailabilitySet}
		if len(c.SessionSlots) > 0 {
			names := make([]string, len(c.SessionSlots))
			for i, x := range c.SessionSlots {
				names[i] = slotName(x) + abbr
			}
			row.Session = strings.Join(names, ", ")
		}
		v.Hours = append(v.Hours, row)
	}
	v.Outcome = proposalOutcome(plan)
	names := map[string]string{}
	for _, c := range plan.Clients {
		names[c.ClientID] = c.Name
	}
	for _, ps := range plan.Sessions {
		if !ps.Existing {
			when := slotName(ps.Slot) + " (" + ps.Date + ")"
			if v.Program != nil {
				if t, err := time.ParseInLocation("2006-01-02 15:04", ps.Date+" "+ps.StartTime, v.Program.Location()); err == nil {
					when = daySpan(t, 60, v.Program.Location())
				}
			}
			v.Sessions = append(v.Sessions, planSessionRow{Client: names[ps.ClientID], Clinician: therapist(ps.ClinicianID), When: when})
		}
	}
	s.render(w, r, status, "plan_week_proposal", v)
}

// proposalOutcome counts, for the plain summary, the clients the plan and the week as it stands
// give their full program hours and a therapist. A client's hours as the week stands are
// those of the groups they are in now, an hour a slot as the group sizes table shows them,
// leaving out groups that lose their facilitator (they do not run without a substitute).
func proposalOutcome(plan *carepath.SchedulePlan) planOutcome {
	slotMinutes := map[string]int{}
	for _, g := range plan.Groups {
		slotMinutes[g.GroupID] = len(g.Slots) * 60
	}
	for _, id := range plan.Uncovered {
		delete(slotMinutes, id)
	}
	o := planOutcome{Clients: len(plan.Clients), TherapistKept: plan.Summary.TherapistKept}
	for _, c := range plan.Clients {
		if !c.Short {
			o.FullHours++
		}
		before := 0
		for _, id := range c.GroupsBefore {
			before += slotMinutes[id]
		}
		if before >= c.RequiredMinutes {
			o.FullHoursNow++
		}
		if c.ClinicianAfter != "" {
			o.WithTherapist++
		}
		if c.ClinicianBefore != "" {
			o.WithTherapistNow++
		}
	}
	return o
}

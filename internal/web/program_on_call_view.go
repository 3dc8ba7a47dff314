package web

import (
	"net/http"
	"slices"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// onCallSummary is the on-call section of a program's settings page: who is on call now, and
// a loud warning when nobody is (or no mail server can reach them).
type onCallSummary struct {
	Set             bool
	Primary, Backup string
	IntakeAlerts    bool
	Shifts          int
	Hours           []string // "Monday 09:00–17:00"
	NoMail          bool     // no mail server: alerts are not emailed
	Problem         string
}

// onCallSummaryOf reads the on-call rota and office hours of program p for its settings page.
func (s *Server) onCallSummaryOf(r *http.Request, p *carepath.Program) *onCallSummary {
	sum := &onCallSummary{NoMail: !s.Delivery.Email}
	if s.OnCall == nil {
		return sum
	}
	oc, err := s.OnCall.FindOnCall(r.Context(), p.ID)
	switch {
	case err == nil:
		sum.Set, sum.IntakeAlerts, sum.Shifts = true, oc.IntakeAlerts, len(oc.Shifts)
		names := s.staffNames(r, oc.PrimaryID, oc.BackupID)
		sum.Primary, sum.Backup = names[0], names[1]
	case isNotFound(err):
	default:
		s.Log.Error("program on-call", "err", err)
		sum.Problem = "The on-call rota could not be read just now."
	}
	if h, err := s.OnCall.FindOfficeHours(r.Context(), p.ID); err == nil {
		for _, d := range h.Days {
			sum.Hours = append(sum.Hours, dayLabels[d.Day]+" "+d.Opens+"–"+d.Closes)
		}
	}
	return sum
}

// programOnCallView is the view model of the page that sets a program's on-call rota and
// office hours.
type programOnCallView struct {
	page
	Who          signedIn
	Program      *carepath.Program
	Version      int
	Choices      []optionView // who may be on call: the program's clinicians and case managers, and admins
	Primary      string
	Backup       string
	IntakeAlerts bool
	Shifts       []carepath.OnCallShift
	ShiftNames   map[string]string
	Days         []officeDayRow
	OnCallErrors map[string]string
	HoursErrors  map[string]string
	Summary      []errorLink
	Notice       string
	Conflict     bool
	NoMail       bool
}

// officeDayRow is one weekday's opening on the form ("" when closed).
type officeDayRow struct {
	Day, Label, Opens, Closes, Error string
}

// newProgramOnCallView builds the page from the stored rota oc (nil when none) and hours h.
func (s *Server) newProgramOnCallView(r *http.Request, who signedIn, p *carepath.Program, oc *carepath.OnCall, h *carepath.OfficeHours) programOnCallView {
	v := programOnCallView{page: page{Title: "On call and office hours"}, Who: who, Program: p, NoMail: !s.Delivery.Email,
		OnCallErrors: map[string]string{}, HoursErrors: map[string]string{}, ShiftNames: map[string]string{}}
	if oc != nil {
		v.Version, v.Primary, v.Backup, v.IntakeAlerts, v.Shifts = oc.Version, oc.PrimaryID, oc.BackupID, oc.IntakeAlerts, oc.Shifts
	}
	var inProgram []string
	if d, err := s.ProgramDetails.FindProgramDetails(r.Context(), p.ID); err == nil {
		for _, m := range d.Staff {
			if m.Role != carepath.ProgramRoleFacilitator {
				inProgram = append(inProgram, m.StaffID)
			}
		}
	}
	if all, err := s.Staff.FindStaff(r.Context(), carepath.StaffFilter{}); err == nil {
		for _, st := range all {
			v.ShiftNames[st.ID] = st.Name
			if !st.Disabled && access.MayBeOnCall(st.Role, slices.Contains(inProgram, st.ID)) {
				v.Choices = append(v.Choices, optionView{Value: st.ID, Label: st.Name + " (" + roleName(st.Role) + ")"})
			}
		}
	}
	byDay := map[string]carepath.OfficeSpan{}
	tz := p.TimeZone
	if h != nil {
		for _, d := range h.Days {
			byDay[d.Day] = d
		}
	}
	_ = tz
	for _, day := range carepath.SlotDays {
		v.Days = append(v.Days, officeDayRow{Day: day, Label: dayLabels[day], Opens: byDay[day].Opens, Closes: byDay[day].Closes})
	}
	return v
}

package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/delivery"
)

// checkGroup is a group of checkboxes or radios (the check_group template).
type checkGroup struct {
	ID, Name, Legend, Hint, Error, Type string
	Required, Inline                    bool
	Options                             []fieldOption
}

// dayChoices are the days of the week as the forms offer them.
var dayChoices = []formChoice{{"mon", "Mon"}, {"tue", "Tue"}, {"wed", "Wed"}, {"thu", "Thu"}, {"fri", "Fri"}, {"sat", "Sat"}, {"sun", "Sun"}}

// groupTypeChoices are the types of group, as the form offers them.
var groupTypeChoices = []formChoice{{"process", "Process"}, {"psychoeducation", "Psychoeducation"}, {"skills", "Skills"},
	{"relapse_prevention", "Relapse prevention"}, {"family", "Family"}}

// modalityChoices are the ways a group or session meets.
var modalityChoices = []formChoice{{"in_person", "In person"}, {"telehealth", "Telehealth"}}

// groupForm is what the group form holds, as typed.
type groupForm struct {
	ProgramID, Name, Type, Capacity, StartTime, Minutes, StartDate, EndDate, Modality, Room, MeetingLink string
	Days, Facilitators                                                                                   []string
}

// groupFormOf fills the form from a stored group.
func groupFormOf(g *carepath.Group) groupForm {
	f := groupForm{ProgramID: g.ProgramID, Name: g.Name, Type: g.Type, StartTime: g.StartTime, Minutes: strconv.Itoa(g.Minutes),
		StartDate: g.StartDate, EndDate: g.EndDate, Modality: g.Modality, Room: g.Room, MeetingLink: g.MeetingLink,
		Days: g.Days, Facilitators: g.FacilitatorIDs}
	if g.Capacity > 0 {
		f.Capacity = strconv.Itoa(g.Capacity)
	}
	return f
}

// groupFormView is the view model of the new-group and edit-group forms.
type groupFormView struct {
	page
	Who     signedIn
	Group   *carepath.Group // the group edited; nil for a new one
	Action  string
	Fields  map[string]formField
	Checks  map[string]checkGroup
	Summary []errorLink
	Clashes []string
}

// groupFieldOrder is the order of the form's elements, for the error summary.
var groupFieldOrder = []string{"group-program_id", "group-name", "group-type", "group-capacity", "group-facilitator_ids",
	"group-days", "group-start_time", "group-minutes", "group-start_date", "group-end_date", "group-modality", "group-room",
	"group-meeting_link"}

// groupFormFor builds the form's fields with what was typed and the errors (by element id).
func (s *Server) groupFormFor(r *http.Request, who signedIn, g *carepath.Group, f groupForm, errs map[string]string) groupFormView {
	v := groupFormView{page: page{Title: "New group"}, Who: who, Group: g, Action: "/staff/groups/new",
		Fields: map[string]formField{}, Checks: map[string]checkGroup{}, Summary: summaryOf(errs, groupFieldOrder...)}
	if g != nil {
		v.Title, v.Action = "Edit "+g.Name, "/staff/groups/"+g.ID+"/edit"
	}
	text := func(name, label, hint, value, typ string, required bool) {
		id := "group-" + name
		ff := formField{ID: id, Name: name, Label: label, Hint: hint, Value: value, Error: errs[id], Type: typ, Required: required}
		v.Fields[name] = ff
	}
	var programs []fieldOption
	if list, err := s.Programs.FindPrograms(r.Context()); err == nil {
		programs = append(programs, fieldOption{Value: "", Label: "Choose a program"})
		for _, p := range list {
			programs = append(programs, fieldOption{Value: p.ID, Label: p.Name + " (" + p.TimeZone + ")", Selected: p.ID == f.ProgramID})
		}
	}
	v.Fields["program_id"] = formField{ID: "group-program_id", Name: "program_id", Label: "Program", Required: true,
		Hint: "Its days and hours are in the program's time zone.", Error: errs["group-program_id"], Options: programs}
	text("name", "Name", "For example: Day process group A.", f.Name, "text", true)
	types := []fieldOption{{Value: "", Label: "Choose a type"}}
	for _, c := range groupTypeChoices {
		types = append(types, fieldOption{Value: c.Value, Label: c.Label, Selected: c.Value == f.Type})
	}
	v.Fields["type"] = formField{ID: "group-type", Name: "type", Label: "Type", Required: true, Error: errs["group-type"], Options: types}
	text("capacity", "Capacity (most clients)", "Empty: the type's default (process groups: 9).", f.Capacity, "text", false)
	f2 := v.Fields["capacity"]
	f2.InputMode = "numeric"
	v.Fields["capacity"] = f2
	text("start_time", "Start time", "24-hour, for example 09:00.", f.StartTime, "time", true)
	text("minutes", "Length in minutes", "A three-hour IOP group is 180.", f.Minutes, "text", true)
	f2 = v.Fields["minutes"]
	f2.InputMode = "numeric"
	v.Fields["minutes"] = f2
	text("start_date", "First date", "", f.StartDate, "date", true)
	text("end_date", "Last date", "Leave empty for a group that goes on.", f.EndDate, "date", false)
	modality := []fieldOption{}
	for _, c := range modalityChoices {
		modality = append(modality, fieldOption{Value: c.Value, Label: c.Label, Selected: c.Value == f.Modality || (f.Modality == "" && c.Value == "in_person")})
	}
	v.Fields["modality"] = formField{ID: "group-modality", Name: "modality", Label: "Meets", Error: errs["group-modality"], Options: modality}
	text("room", "Room", "In person: where it meets (may be arranged later).", f.Room, "text", false)
	text("meeting_link", "Meeting link", "Telehealth: an https:// link.", f.MeetingLink, "url", false)

	days := checkGroup{ID: "group-days", Name: "days", Legend: "Days", Type: "checkbox", Required: true, Inline: true, Error: errs["group-days"]}
	for _, d := range dayChoices {
		days.Options = append(days.Options, fieldOption{Value: d.Value, Label: d.Label, Selected: slices.Contains(f.Days, d.Value)})
	}
	if g != nil {
		days.Hint = "A group's days and hours stay as they are; for a new time, end this group and start a new one."
	}
	v.Checks["days"] = days
	fac := checkGroup{ID: "group-facilitator_ids", Name: "facilitator_ids", Legend: "Facilitators", Type: "checkbox", Required: true,
		Hint: "Clinicians, case managers or admins; the first runs the group.", Error: errs["group-facilitator_ids"]}
	if list, err := s.Staff.FindStaff(r.Context(), carepath.StaffFilter{}); err == nil {
		for _, st := range list {
			runs := st.Role == carepath.RoleClinician || st.Role == carepath.RoleCaseManager || st.Role == carepath.RoleAdmin
			if (runs && !st.Disabled) || slices.Contains(f.Facilitators, st.ID) {
				fac.Options = append(fac.Options, fieldOption{Value: st.ID, Label: st.Name, Selected: slices.Contains(f.Facilitators, st.ID)})
			}
		}
	}
	v.Checks["facilitators"] = fac
	return v
}

// groupElement maps a service field (facilitator_ids[2]) to the form's element id.
func groupElement(field, _ string) string {
	if i := strings.IndexByte(field, '['); i >= 0 {
		field = field[:i]
	}
	id := "group-" + field
	if slices.Contains(groupFieldOrder, id) {
		return id
	}
	return ""
}

// groupRow is one group on the list of groups.
type groupRow struct {
	Group        *carepath.Group
	Program      string
	When         string // "Mon, Wed, Fri 09:00–12:00 PST"
	Facilitators string
	Members      int
	Cap          int // 0: no cap
	Ended        bool
}

// groupListView is the view model of the list of groups.
type groupListView struct {
	page
	Who       signedIn
	Rows      []groupRow
	CanCreate bool
	Problem   string
	Notice    string
}

// groupWhen writes a group's days and hours in loc, with the zone's abbreviation today.
func groupWhen(g *carepath.Group, loc *time.Location) string {
	days := make([]string, len(g.Days))
	for i, d := range g.Days {
		days[i] = strings.ToUpper(d[:1]) + d[1:]
	}
	c, err := delivery.ParseClock("start_time", g.StartTime)
	if err != nil {
		return strings.Join(days, ", ")
	}
	start := delivery.DateOf(time.Now().In(loc)).At(c, loc)
	return strings.Join(days, ", ") + " " + clockSpan(start, g.Minutes, loc)
}

// membersOn lists the clients on a group's roster on date (YYYY-MM-DD).
func membersOn(g *carepath.Group, date string) []carepath.GroupMember {
	var out []carepath.GroupMember
	for _, m := range g.Members {
		if m.From <= date && (m.Until == "" || m.Until > date) {
			out = append(out, m)
		}
	}
	return out
}

// groupCap is a group's capacity (its own, else its type's default; 0: none).
func groupCap(g *carepath.Group) int {
	return (&delivery.Group{Type: delivery.GroupType(g.Type), Capacity: g.Capacity}).Cap()
}

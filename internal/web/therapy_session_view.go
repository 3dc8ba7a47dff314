package web

import (
	"cmp"
	"net/http"
	"slices"

	"github.com/carepath/carepath"
)

// sessionKindChoices are the sessions the booking form books (groups are booked as groups).
var sessionKindChoices = []formChoice{{carepath.SessionIndividual, "Individual therapy"}, {carepath.SessionFamily, "Family session"},
	{carepath.SessionMedication, "Medication management"}}

// sessionForm is what the booking form holds, as typed.
type sessionForm struct {
	ProgramID, Kind, ClientID, ClinicianID, Repeat, Date, StartTime, Minutes, StartDate, EndDate, Modality, Room, MeetingLink string
	Days                                                                                                                      []string
}

// sessionFormView is the view model of the booking form.
type sessionFormView struct {
	page
	Who     signedIn
	Fields  map[string]formField
	Checks  map[string]checkGroup
	Summary []errorLink
	Clashes []string
}

// sessionFieldOrder is the order of the booking form's elements, for the error summary.
var sessionFieldOrder = []string{"session-program_id", "session-kind", "session-client_id", "session-clinician_id", "session-repeat",
	"session-date", "session-days", "session-start_date", "session-end_date", "session-start_time", "session-minutes",
	"session-modality", "session-room", "session-meeting_link"}

// sessionElement maps a service field to the booking form's element id.
func sessionElement(field, _ string) string {
	id := "session-" + field
	if slices.Contains(sessionFieldOrder, id) {
		return id
	}
	return ""
}

// sessionFormFor builds the booking form with what was typed and the errors (by element id):
// the programs, the clients in care (open episodes the staff member may see) and the staff who
// see clients.
func (s *Server) sessionFormFor(r *http.Request, who signedIn, f sessionForm, errs map[string]string) sessionFormView {
	v := sessionFormView{page: page{Title: "Book a session"}, Who: who, Fields: map[string]formField{}, Checks: map[string]checkGroup{},
		Summary: summaryOf(errs, sessionFieldOrder...)}
	sel := func(name, label, hint, value string, opts []fieldOption) {
		for i := range opts {
			opts[i].Selected = opts[i].Value == value && value != ""
		}
		v.Fields[name] = formField{ID: "session-" + name, Name: name, Label: label, Hint: hint, Error: errs["session-"+name],
			Required: true, Options: opts}
	}
	text := func(name, label, hint, value, typ, mode string, required bool) {
		v.Fields[name] = formField{ID: "session-" + name, Name: name, Label: label, Hint: hint, Value: value, Error: errs["session-"+name],
			Type: typ, InputMode: mode, Required: required}
	}
	programs := []fieldOption{{Value: "", Label: "Choose a program"}}
	clients := []fieldOption{{Value: "", Label: "Choose a client"}}
	list, _ := s.Programs.FindPrograms(r.Context())
	var ids []string
	for _, p := range list {
		programs = append(programs, fieldOption{Value: p.ID, Label: p.Name + " (" + p.TimeZone + ")"})
		census, _ := s.Episodes.Census(r.Context(), p.ID)
		for _, c := range census {
			if !slices.Contains(ids, c.ClientID) {
				ids = append(ids, c.ClientID)
			}
		}
	}
	if f.ClientID != "" && !slices.Contains(ids, f.ClientID) {
		ids = append(ids, f.ClientID)
	}
	names := s.rosterNames(r, ids)
	for _, id := range ids {
		clients = append(clients, fieldOption{Value: id, Label: names[id]})
	}
	slices.SortFunc(clients[1:], func(a, b fieldOption) int { return cmp.Compare(a.Label, b.Label) })
	clinicians := []fieldOption{{Value: "", Label: "Choose a clinician"}}
	if staff, err := s.Staff.FindStaff(r.Context(), carepath.StaffFilter{}); err == nil {
		for _, st := range staff {
			if !st.Disabled && (st.Role == carepath.RoleClinician || st.Role == carepath.RoleCaseManager || st.Role == carepath.RoleAdmin) {
				clinicians = append(clinicians, fieldOption{Value: st.ID, Label: st.Name})
			}
		}
	}
	kinds := []fieldOption{{Value: "", Label: "Choose the kind of session"}}
	for _, c := range sessionKindChoices {
		kinds = append(kinds, fieldOption{Value: c.Value, Label: c.Label})
	}
	sel("program_id", "Program", "The session's date and time are in the program's time zone.", f.ProgramID, programs)
	sel("kind", "Kind of session", "", f.Kind, kinds)
	sel("client_id", "Client", "", f.ClientID, clients)
	sel("clinician_id", "Clinician", "", f.ClinicianID, clinicians)
	repeat := checkGroup{ID: "session-repeat", Name: "repeat", Legend: "How often", Type: "radio", Inline: true, Error: errs["session-repeat"],
		Options: []fieldOption{{Value: "once", Label: "Once", Selected: f.Repeat != "weekly"}, {Value: "weekly", Label: "Every week", Selected: f.Repeat == "weekly"}}}
	v.Checks["repeat"] = repeat
	text("date", "Date (once)", "For a single session.", f.Date, "date", "", false)
	days := checkGroup{ID: "session-days", Name: "days", Legend: "Days (every week)", Type: "checkbox", Inline: true, Error: errs["session-days"]}
	for _, d := range dayChoices {
		days.Options = append(days.Options, fieldOption{Value: d.Value, Label: d.Label, Selected: slices.Contains(f.Days, d.Value)})
	}
	v.Checks["days"] = days
	text("start_date", "First week (every week)", "", f.StartDate, "date", "", false)
	text("end_date", "Last date (every week)", "Leave empty to go on.", f.EndDate, "date", "", false)
	text("start_time", "Start time", "24-hour, for example 14:00.", f.StartTime, "time", "", true)
	text("minutes", "Length in minutes", "For example 50.", f.Minutes, "text", "numeric", true)
	modality := []fieldOption{}
	for _, c := range modalityChoices {
		modality = append(modality, fieldOption{Value: c.Value, Label: c.Label})
	}
	sel("modality", "Meets", "", cmp.Or(f.Modality, "in_person"), modality)
	text("room", "Room", "In person.", f.Room, "text", "", false)
	text("meeting_link", "Meeting link", "Telehealth: an https:// link.", f.MeetingLink, "url", "", false)
	return v
}

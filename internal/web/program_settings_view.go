package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/carepath/carepath"
)

// programSettingsNoticeKey is the session key of the message the page shows once after a save.
const programSettingsNoticeKey = "program_settings_notice"

// programSettingsData reads what the page shows: the program, its details and the staff who
// may be on it. ok is false when the error page has been answered.
func (s *Server) programSettingsData(w http.ResponseWriter, r *http.Request) (*carepath.Program, *carepath.ProgramDetails, []*carepath.Staff, bool) {
	if s.ProgramDetails == nil {
		s.fail(w, r, "program settings", carepath.Errorf(carepath.EINTERNAL, "no program details service"), programSettingsErrors)
		return nil, nil, nil, false
	}
	p, err := s.Programs.FindProgramByID(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "program settings: program", err, programSettingsErrors)
		return nil, nil, nil, false
	}
	d, err := s.ProgramDetails.FindProgramDetails(r.Context(), p.ID)
	if err != nil {
		s.fail(w, r, "program settings: details", err, programSettingsErrors)
		return nil, nil, nil, false
	}
	all, err := s.Staff.FindStaff(r.Context(), carepath.StaffFilter{})
	if err != nil {
		s.fail(w, r, "program settings: staff", err, programSettingsErrors)
		return nil, nil, nil, false
	}
	var staff []*carepath.Staff
	for _, st := range all {
		if !st.Disabled && st.Role != carepath.RoleReviewer {
			staff = append(staff, st)
		}
	}
	return p, d, staff, true
}

// programSettingsView is the view model of a program's settings page.
type programSettingsView struct {
	page
	Who       signedIn
	Program   *carepath.Program
	Version   string
	Part2     bool
	TrackRows int
	Tracks    []trackRowView
	Rates     []rateRowView
	Staff     []staffRoleRow
	Summary   []errorLink
	Notice    string
	Conflict  bool
	// SaveError is a problem shown by the save button (a version that could not be read).
	SaveError string
	// OnCall is the on-call section: who is on call, the office hours, and loud warnings.
	OnCall *onCallSummary
}

// trackRowView is one track row on the form, with its problems.
type trackRowView struct {
	Index                              int
	Name, Start, End                   string
	Days                               []checkBox
	Groups                             int
	NameErr, DaysErr, StartErr, EndErr string
}

// checkBox is one checkbox of a group.
type checkBox struct {
	ID, Value, Label string
	Checked          bool
}

// rateRowView is one service's rate on the form.
type rateRowView struct {
	Service, Label, Value, Error string
}

// staffRoleRow is one staff member's roles in the program.
type staffRoleRow struct {
	ID, Name, RoleName string
	Roles              []checkBox
	Error              string
}

// dayLabels name the days of the week on the form.
var dayLabels = map[string]string{"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
	"fri": "Friday", "sat": "Saturday", "sun": "Sunday"}

// programRoleLabels name the roles in a program on the form.
var programRoleLabels = map[string]string{carepath.ProgramRoleDirector: "Program director", carepath.ProgramRoleClinician: "Clinician",
	carepath.ProgramRoleFacilitator: "Group facilitator", carepath.ProgramRoleCaseManager: "Case manager"}

// newProgramSettingsView builds the page for form f, with errs (by element id) shown next to
// their inputs and in the summary.
func newProgramSettingsView(who signedIn, p *carepath.Program, d *carepath.ProgramDetails, staff []*carepath.Staff,
	f programSettingsForm, errs []errorLink) programSettingsView {
	v := programSettingsView{page: page{Title: "Program settings"}, Who: who, Program: p, Version: f.Version, Part2: f.Part2, Summary: errs}
	byID := map[string]string{}
	for _, e := range errs {
		if _, dup := byID[e.Anchor]; !dup {
			byID[e.Anchor] = e.Message
		}
	}
	if msg, ok := byID["settings-save"]; ok {
		v.SaveError = msg
	}
	rows := f.Tracks
	if len(errs) == 0 { // a fresh form: the stored tracks and room for new ones
		for range extraTrackRows {
			if len(rows) < carepath.MaxProgramTracks {
				rows = append(rows, trackForm{})
			}
		}
	}
	for i, t := range rows {
		id := "track-" + strconv.Itoa(i) + "-"
		row := trackRowView{Index: i, Name: t.Name, Start: t.Start, End: t.End, Groups: len(d.TrackGroups[t.Name]),
			NameErr: byID[id+"name"], DaysErr: byID[id+"mon"], StartErr: byID[id+"start"], EndErr: byID[id+"end"]}
		for _, day := range carepath.SlotDays {
			row.Days = append(row.Days, checkBox{ID: id + day, Value: day, Label: dayLabels[day], Checked: slices.Contains(t.Days, day)})
		}
		v.Tracks = append(v.Tracks, row)
	}
	v.TrackRows = len(v.Tracks)
	for _, svc := range carepath.RateServices {
		v.Rates = append(v.Rates, rateRowView{Service: svc.Service, Label: svc.Label, Value: f.Rates[svc.Service],
			Error: byID["rate-"+svc.Service]})
	}
	for _, st := range staff {
		row := staffRoleRow{ID: st.ID, Name: st.Name, RoleName: roleName(st.Role)}
		for _, role := range carepath.ProgramRoles {
			anchor := "staff-" + st.ID + "-" + role
			if msg, ok := byID[anchor]; ok && row.Error == "" {
				row.Error = msg
			}
			row.Roles = append(row.Roles, checkBox{ID: anchor, Value: role, Label: programRoleLabels[role],
				Checked: slices.Contains(f.Roles[st.ID], role)})
		}
		v.Staff = append(v.Staff, row)
	}
	return v
}

package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// objectiveChoice is one plan objective a note may link.
type objectiveChoice struct {
	ID, ElemID, Label string
	Checked           bool
}

// objectiveChoices lists the objectives of the client's current plan (the latest signed
// version, else the draft), checking those in linked. Objectives linked from other versions
// are kept, labelled as such.
func (s *Server) objectiveChoices(r *http.Request, clientID string, linked []string) []objectiveChoice {
	plans, err := s.TreatmentPlans.FindPlans(r.Context(), clientID)
	if err != nil || len(plans) == 0 {
		return nil
	}
	p := plans[0]
	for _, q := range plans {
		if q.Status == carepath.TreatmentPlanSigned {
			p = q
			break
		}
	}
	checked := map[string]bool{}
	for _, id := range linked {
		checked[id] = true
	}
	var out []objectiveChoice
	for i, pr := range p.Problems {
		for j, g := range pr.Goals {
			for k, o := range g.Objectives {
				id := carepath.ObjectiveID(p.ID, i+1, j+1, k+1)
				out = append(out, objectiveChoice{ID: id, Label: o.Statement, Checked: checked[id]})
				delete(checked, id)
			}
		}
	}
	label := s.objectiveLabels(r)
	for _, id := range linked {
		if checked[id] {
			out = append(out, objectiveChoice{ID: id, Label: label(id) + " (an earlier plan version)", Checked: true})
		}
	}
	for i := range out {
		out[i].ElemID = "note-obj-" + strconv.Itoa(i)
	}
	return out
}

// noteChoice is one radio button or option.
type noteChoice struct {
	Value, Label, ID string
	Checked          bool
}

// sectionField is one section's text area.
type sectionField struct {
	Key, Name, ID, Value, Error string
}

// attendeeField is one client's row on the group note form.
type attendeeField struct {
	attendeeRow
	N                            int
	CheckID, TextID, Error, Hint string
}

// noteFormView is the view model of the note form, for a new or a draft note, individual or
// group.
type noteFormView struct {
	page
	Who         signedIn
	Client      *carepath.Client // individual notes
	Note        *carepath.Note   // when editing a draft
	Group       bool
	Action      string
	Back        string
	Kinds       []noteChoice
	Formats     []noteChoice
	SessionID   string
	Sections    []sectionField
	Objectives  []objectiveChoice
	Attendees   []attendeeField
	NeedsCosign bool
	CaseManager bool // the author's notes always need a co-signature (access.CosignRequired)
	Cosigners   []noteChoice
	// EMCodes are the E/M visit codes offered on a medication note (or a new note, whose kind
	// may be medication); none when the note is of another kind.
	EMCodes     []noteChoice
	Revision    int
	Errors      map[string]string // by element id
	Summary     []errorLink
	Notice      string
	NoneToOffer bool
	// Sessions are the group sessions offered on a new group note; NoSession is set when
	// none is chosen yet (the roster is then the whole caseload).
	Sessions  []sessionChoice
	NoSession bool
	Format    string
	// ClientSessions are the client's own sessions of the last two weeks, offered on a new
	// individual note; SessionName names the session a draft documents.
	ClientSessions []sessionChoice
	SessionName    string
}

// newNoteFormView builds the note form for f, with errs (element id → message) shown next to
// the fields and in a summary at the top.
func (s *Server) newNoteFormView(r *http.Request, who signedIn, f noteForm, errs []errorLink) noteFormView {
	v := noteFormView{page: page{Title: "Write a note"}, Who: who, Group: f.Kind == carepath.NoteGroup,
		SessionID: f.SessionID, NeedsCosign: f.NeedsCosign, CaseManager: access.CosignRequired(who.Role),
		Revision: f.Revision, Errors: map[string]string{}, Summary: errs}
	for _, e := range errs {
		if _, ok := v.Errors[e.Anchor]; !ok {
			v.Errors[e.Anchor] = e.Message
		}
	}
	if !f.Format.Valid() {
		f.Format = carepath.FormatDAP
	}
	for _, k := range []carepath.NoteKind{carepath.NoteIndividual, carepath.NoteFamily, carepath.NoteMedication} {
		v.Kinds = append(v.Kinds, noteChoice{Value: string(k), Label: kindNames[k], ID: "note-kind-" + string(k),
			Checked: k == f.Kind || (f.Kind == "" && k == carepath.NoteIndividual)})
	}
	for _, fm := range []carepath.NoteFormat{carepath.FormatDAP, carepath.FormatSOAP, carepath.FormatBIRP} {
		v.Formats = append(v.Formats, noteChoice{Value: string(fm), Label: formatNames[fm], ID: "note-format-" + string(fm), Checked: fm == f.Format})
	}
	for _, sec := range f.Format.Sections() {
		id := "note-sec-" + sec.Key
		v.Sections = append(v.Sections, sectionField{Key: sec.Key, Name: sec.Name, ID: id, Value: f.Sections[sec.Key], Error: v.Errors[id]})
	}
	for i, row := range f.Rows {
		n := strconv.Itoa(i)
		a := attendeeField{attendeeRow: row, N: i, CheckID: "note-att-" + n + "-attended", TextID: "note-att-" + n + "-individual"}
		a.Error = v.Errors[a.TextID]
		if e := v.Errors[a.CheckID]; e != "" {
			a.Error = e
		}
		v.Attendees = append(v.Attendees, a)
	}
	if f.Kind == carepath.NoteMedication || (f.Revision == 0 && f.Kind != carepath.NoteGroup) {
		v.EMCodes = emCodeChoices("Not chosen yet (the visit is not billed until it is)", f.EMCode)
	}
	v.Cosigners = []noteChoice{{Value: "", Label: "Any clinician on the care team", ID: "note-cosigner-any", Checked: f.CosignerID == ""}}
	if s.Staff != nil {
		if list, err := s.Staff.FindStaff(r.Context(), carepath.StaffFilter{}); err == nil {
			for _, st := range list {
				if access.MayBeNamedCosigner(st, who.ID) {
					v.Cosigners = append(v.Cosigners, noteChoice{Value: st.ID, Label: st.Name, Checked: st.ID == f.CosignerID})
				}
			}
		}
	}
	return v
}

// renderNoteForm renders the form of an individual note (c) or a group note (c nil) with status.
func (s *Server) renderNoteForm(w http.ResponseWriter, r *http.Request, who signedIn, status int, c *carepath.Client,
	n *carepath.Note, f noteForm, errs []errorLink, notice string) {
	v := s.newNoteFormView(r, who, f, errs)
	v.Client, v.Note, v.Notice = c, n, notice
	switch {
	case n != nil:
		v.Title, v.Action, v.Back = "Edit the draft note", notePath(n.ID)+"/edit", notePath(n.ID)
	case c != nil:
		v.Title, v.Action, v.Back = "Write a note", "/staff/clients/"+c.ID+"/notes", "/staff/clients/"+c.ID+"/notes"
	default:
		v.Title, v.Action, v.Back = "Write a group note", "/staff/notes/group", "/staff"
		v.NoneToOffer = len(f.Rows) == 0
		v.Sessions = s.groupSessionChoices(r, who, f.SessionID)
		v.NoSession = f.SessionID == ""
		v.Format = string(f.Format)
	}
	if c != nil && f.Kind != carepath.NoteGroup {
		v.Objectives = s.objectiveChoices(r, c.ID, f.Objectives)
		if n == nil {
			v.ClientSessions = s.clientSessionChoices(r, c.ID, f.SessionID)
		}
	}
	if n != nil && n.SessionID != "" {
		v.SessionName = s.sessionName(r, n.SessionID)
	}
	s.render(w, r, status, "note_form", v)
}

// sessionRows offers the roster of group session id: everyone scheduled except those marked
// absent, with those marked present, late or leaving early already ticked. A client outside
// the staff member's care team (on the roster of a group they run) is named by place only.
func (s *Server) sessionRows(w http.ResponseWriter, r *http.Request, id string) ([]attendeeRow, bool) {
	o, err := s.TherapySessions.FindOccurrence(r.Context(), id)
	if err == nil && o.Kind != carepath.SessionGroup {
		err = carepath.Errorf(carepath.ENOTFOUND, "There is no such group session.")
	}
	if err != nil {
		s.fail(w, r, "find session", err, groupSessionErrors)
		return nil, false
	}
	came, absent := map[string]bool{}, map[string]bool{}
	if s.Attendance != nil {
		if sheet, err := s.Attendance.FindAttendance(r.Context(), id); err == nil {
			for _, rec := range sheet.Records {
				switch rec.Status {
				case "absent_excused", "absent_unexcused":
					absent[rec.ClientID] = true
				default:
					came[rec.ClientID] = true
				}
			}
		}
	}
	names := s.clientNames(r, o.ClientIDs...)
	var rows []attendeeRow
	for i, c := range o.ClientIDs {
		if absent[c] {
			continue
		}
		rows = append(rows, attendeeRow{ClientID: c, Name: rowName(names, c, i), Attended: came[c]})
	}
	return rows, true
}

// rowName names the client of row i: by name when the staff member may see the client, else
// by place (a client on the roster of a group they run but outside their care team).
func rowName(names map[string]string, id string, i int) string {
	if name, ok := names[id]; ok {
		return name
	}
	return "Client " + strconv.Itoa(i+1) + " on the roster"
}

func rowIDs(rows []attendeeRow) []string {
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ClientID
	}
	return ids
}

// groupSessionDays is how far back the group note form offers sessions.
const groupSessionDays = 14

// sessionChoice is one group session offered on the group note form.
type sessionChoice struct {
	ID, Label string
	Selected  bool
}

// groupSessionChoices lists the group sessions of the last groupSessionDays days and today
// that the staff member facilitates (an admin: every group's), newest first, labelled
// "Group name — Mon 30 Nov 09:00" in the program's time zone; selected is marked, and added
// when it is older than the list.
func (s *Server) groupSessionChoices(r *http.Request, who signedIn, selected string) []sessionChoice {
	if s.TherapySessions == nil {
		return nil
	}
	now := time.Now()
	f := carepath.OccurrenceFilter{From: now.AddDate(0, 0, -groupSessionDays-1).UTC().Format("2006-01-02"),
		To: now.AddDate(0, 0, 2).UTC().Format("2006-01-02")}
	if !access.Oversees(who.Role) {
		f.ClinicianID = who.ID
	}
	list, err := s.TherapySessions.FindOccurrences(r.Context(), f)
	if err != nil {
		s.Log.Error("find group sessions", "err", err)
		list = nil
	}
	locs, groups := map[string]*time.Location{}, map[string]string{}
	label := func(o *carepath.Occurrence) (string, bool) {
		loc, ok := locs[o.ProgramID]
		if !ok {
			loc = time.UTC
			if s.Programs != nil {
				if p, err := s.Programs.FindProgramByID(r.Context(), o.ProgramID); err == nil {
					loc = p.Location()
				}
			}
			locs[o.ProgramID] = loc
		}
		name, ok := groups[o.GroupID]
		if !ok {
			name = "Group session"
			if s.Groups != nil && o.GroupID != "" {
				if g, err := s.Groups.FindGroupByID(r.Context(), o.GroupID); err == nil {
					name = g.Name
				}
			}
			groups[o.GroupID] = name
		}
		start := occurrenceStart(o).In(loc)
		today := now.In(loc).Format("2006-01-02")
		return name + " — " + start.Format("Mon 2 Jan 15:04 MST"), start.Format("2006-01-02") <= today
	}
	var out []sessionChoice
	found := false
	for i := len(list) - 1; i >= 0; i-- {
		o := list[i]
		if o.Kind != carepath.SessionGroup {
			continue
		}
		l, due := label(o)
		if !due {
			continue
		}
		out = append(out, sessionChoice{ID: o.ID, Label: l, Selected: o.ID == selected})
		found = found || o.ID == selected
	}
	if selected != "" && !found {
		if o, err := s.TherapySessions.FindOccurrence(r.Context(), selected); err == nil && o.Kind == carepath.SessionGroup {
			l, _ := label(o)
			out = append(out, sessionChoice{ID: o.ID, Label: l, Selected: true})
		}
	}
	return out
}

// clientSessionChoices lists a client's individual, family and medication sessions of the
// last groupSessionDays days and today, newest first, named by kind and day in the program's
// zone; selected is marked.
func (s *Server) clientSessionChoices(r *http.Request, clientID, selected string) []sessionChoice {
	now := time.Now()
	list, err := s.TherapySessions.FindOccurrences(r.Context(), carepath.OccurrenceFilter{ClientID: clientID,
		From: now.AddDate(0, 0, -groupSessionDays-1).UTC().Format(time.RFC3339), To: now.Add(24 * time.Hour).UTC().Format(time.RFC3339)})
	if err != nil {
		s.Log.Error("find client sessions", "err", err)
		return nil
	}
	locs := map[string]*time.Location{}
	var out []sessionChoice
	for i := len(list) - 1; i >= 0; i-- {
		o := list[i]
		if o.Kind == carepath.SessionGroup || occurrenceStart(o).After(now) {
			continue
		}
		loc, ok := locs[o.ProgramID]
		if !ok {
			loc = time.UTC
			if p, err := s.Programs.FindProgramByID(r.Context(), o.ProgramID); err == nil {
				loc = p.Location()
			}
			locs[o.ProgramID] = loc
		}
		out = append(out, sessionChoice{ID: o.ID, Label: sessionKind(o.Kind) + " — " + daySpan(occurrenceStart(o), o.Minutes, loc),
			Selected: o.ID == selected})
	}
	return out
}

// emCodeChoices are the E/M visit codes to choose from, after a first choice of none labelled
// none; chosen is checked.
func emCodeChoices(none, chosen string) []noteChoice {
	out := []noteChoice{{Value: "", Label: none, Checked: chosen == ""}}
	for _, code := range carepath.EMCodes {
		label := code + " (established client)"
		if strings.HasPrefix(code, "9920") {
			label = code + " (new client)"
		}
		out = append(out, noteChoice{Value: code, Label: label, Checked: code == chosen})
	}
	return out
}

package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// noteForm is what the note form posted: one note's content, as typed.
type noteForm struct {
	Kind        carepath.NoteKind
	Format      carepath.NoteFormat
	SessionID   string
	Sections    map[string]string
	Objectives  []string
	Rows        []attendeeRow // group notes: every client offered, attended or not
	NeedsCosign bool
	CosignerID  string
	Revision    int
}

// attendeeRow is one client offered on the group note form.
type attendeeRow struct {
	ClientID, Name, Individual string
	Attended                   bool
}

// readNoteForm reads the posted note form.
func readNoteForm(r *http.Request) noteForm {
	_ = r.ParseForm()
	f := noteForm{Kind: carepath.NoteKind(r.PostForm.Get("kind")), Format: carepath.NoteFormat(r.PostForm.Get("format")),
		SessionID: strings.TrimSpace(r.PostForm.Get("session_id")), Sections: map[string]string{},
		Objectives: r.PostForm["objective"], NeedsCosign: r.PostForm.Get("needs_cosign") == "1",
		CosignerID: r.PostForm.Get("cosigner_id")}
	f.Revision, _ = strconv.Atoi(r.PostForm.Get("revision"))
	for k, v := range r.PostForm {
		if key, ok := strings.CutPrefix(k, "sec_"); ok && len(v) > 0 {
			f.Sections[key] = v[0]
		}
	}
	for i := 0; i < carepath.MaxNoteAttendees*2; i++ {
		n := strconv.Itoa(i)
		id := r.PostForm.Get("client_" + n)
		if id == "" {
			break
		}
		f.Rows = append(f.Rows, attendeeRow{ClientID: id, Individual: r.PostForm.Get("ind_" + n),
			Attended: r.PostForm.Get("att_"+n) == "1"})
	}
	return f
}

// sections returns the typed sections of the form's format, dropping those of other formats
// (they were typed under another format and are kept in the form only).
func (f noteForm) sections() map[string]string {
	out := map[string]string{}
	for _, sec := range f.Format.Sections() {
		out[sec.Key] = f.Sections[sec.Key]
	}
	return out
}

// attendees returns the rows marked as attended and, for each, its row number.
func (f noteForm) attendees() ([]carepath.NoteAttendee, []int) {
	var out []carepath.NoteAttendee
	var rows []int
	for i, row := range f.Rows {
		if row.Attended {
			out = append(out, carepath.NoteAttendee{ClientID: row.ClientID, Individual: row.Individual})
			rows = append(rows, i)
		}
	}
	return out, rows
}

// formOfNote fills the form from a stored note; rows are the attendees.
func formOfNote(n *carepath.Note, names map[string]string) noteForm {
	f := noteForm{Kind: n.Kind, Format: n.Format, SessionID: n.SessionID, Sections: map[string]string{},
		Objectives: n.ObjectiveIDs, NeedsCosign: n.NeedsCosign, CosignerID: n.CosignerID, Revision: n.Revision}
	for k, v := range n.Sections {
		f.Sections[k] = v
	}
	for i, a := range n.Attendees {
		f.Rows = append(f.Rows, attendeeRow{ClientID: a.ClientID, Name: rowName(names, a.ClientID, i), Individual: a.Individual, Attended: true})
	}
	return f
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
	v.Cosigners = []noteChoice{{Value: "", Label: "Any clinician on the care team", ID: "note-cosigner-any", Checked: f.CosignerID == ""}}
	if s.Staff != nil {
		if list, err := s.Staff.FindStaff(r.Context(), carepath.StaffFilter{}); err == nil {
			for _, st := range list {
				if access.Allowed(st.Role, access.Note, access.Cosign) && st.ID != who.ID && !st.Disabled {
					v.Cosigners = append(v.Cosigners, noteChoice{Value: st.ID, Label: st.Name, Checked: st.ID == f.CosignerID})
				}
			}
		}
	}
	return v
}

// noteFieldErrors turns a service error's fields into links to the form's elements; rows maps a
// group note's attendee index to its row on the form, names each row's client.
func noteFieldErrors(err error, rows []int, f noteForm) []errorLink {
	var out []errorLink
	for _, fe := range carepath.ErrorFields(err) {
		anchor, prefix := "", ""
		switch field := fe.Field; {
		case strings.HasPrefix(field, "sections."):
			anchor = "note-sec-" + strings.TrimPrefix(field, "sections.")
		case field == "session_id":
			anchor = "note-session"
		case field == "kind":
			anchor = "note-kind-individual"
		case field == "format":
			anchor = "note-format-dap"
		case strings.HasPrefix(field, "objective_ids"):
			anchor = "note-objectives"
		case field == "attendees":
			anchor = "note-att-0-attended"
		case strings.HasPrefix(field, "attendees["):
			idx, rest, _ := strings.Cut(strings.TrimPrefix(field, "attendees["), "]")
			i, _ := strconv.Atoi(idx)
			row := 0
			if i < len(rows) {
				row = rows[i]
			}
			if row < len(f.Rows) && f.Rows[row].Name != "" {
				prefix = f.Rows[row].Name + ": "
			}
			n := strconv.Itoa(row)
			anchor = "note-att-" + n + "-individual"
			if rest == ".client_id" {
				anchor = "note-att-" + n + "-attended"
			}
		case field == "cosigner_id":
			anchor = "note-cosigner"
		default:
			anchor = "note-form"
		}
		out = append(out, errorLink{Anchor: anchor, Message: prefix + fe.Message})
	}
	if len(out) == 0 {
		out = append(out, errorLink{Anchor: "note-form", Message: carepath.ErrorMessage(err)})
	}
	return out
}

// noteNewForm shows the empty form for an individual, family or medication note about the
// client; ?format= chooses the format.
func (s *Server) noteNewForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	if _, err := s.Notes.FindClientNotes(r.Context(), c.ID, carepath.NoteFilter{}); err != nil {
		s.fail(w, r, "find notes", err, noteErrors)
		return
	}
	f := noteForm{Kind: carepath.NoteIndividual, Format: carepath.NoteFormat(r.URL.Query().Get("format")), Sections: map[string]string{}}
	s.renderNoteForm(w, r, who, http.StatusOK, c, nil, f, nil, "")
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
	}
	s.render(w, r, status, "note_form", v)
}

// noteCreate writes the posted individual note as a draft and opens it, or shows the form
// again: with another format's sections (action=format), or with each problem named (400).
func (s *Server) noteCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	f := readNoteForm(r)
	if r.PostForm.Get("action") == "format" {
		s.renderNoteForm(w, r, who, http.StatusOK, c, nil, f, nil, "")
		return
	}
	n, err := s.Notes.CreateNote(r.Context(), carepath.NoteInput{Kind: f.Kind, Format: f.Format, ClientID: c.ID,
		SessionID: f.SessionID, Sections: f.sections(), ObjectiveIDs: f.Objectives, NeedsCosign: f.NeedsCosign, CosignerID: f.CosignerID})
	switch {
	case err == nil:
		http.Redirect(w, r, notePath(n.ID), http.StatusSeeOther)
	case isInvalid(err):
		s.renderNoteForm(w, r, who, http.StatusBadRequest, c, nil, f, noteFieldErrors(err, nil, f), "")
	default:
		s.fail(w, r, "create note", err, noteErrors)
	}
}

// groupNoteNewForm shows the group note form: the shared part once, and a row per client the
// staff member may see, each with an "attended" box and a short individual part.
func (s *Server) groupNoteNewForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Note, access.Create) {
		s.deny(w, r, noteErrors)
		return
	}
	f := noteForm{Kind: carepath.NoteGroup, Format: carepath.NoteFormat(r.URL.Query().Get("format")), Sections: map[string]string{}}
	if id := r.URL.Query().Get("session"); id != "" && s.Sessions != nil {
		rows, ok := s.sessionRows(w, r, id)
		if !ok {
			return
		}
		f.SessionID, f.Rows = id, rows
		s.renderNoteForm(w, r, who, http.StatusOK, nil, nil, f, nil, "")
		return
	}
	list, _, err := s.Clients.FindClients(r.Context(), carepath.ClientFilter{Limit: carepath.MaxNoteAttendees})
	if err != nil {
		s.fail(w, r, "find clients", err, noteErrors)
		return
	}
	for _, c := range list {
		f.Rows = append(f.Rows, attendeeRow{ClientID: c.ID, Name: clientName(c)})
	}
	s.renderNoteForm(w, r, who, http.StatusOK, nil, nil, f, nil, "")
}

// sessionRows offers the roster of group session id: everyone scheduled except those marked
// absent, with those marked present, late or leaving early already ticked. A client outside
// the staff member's care team (on the roster of a group they run) is named by place only.
func (s *Server) sessionRows(w http.ResponseWriter, r *http.Request, id string) ([]attendeeRow, bool) {
	o, err := s.Sessions.FindOccurrence(r.Context(), id)
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

// groupNoteCreate writes the posted group note as a draft and opens it.
func (s *Server) groupNoteCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Note, access.Create) {
		s.deny(w, r, noteErrors)
		return
	}
	f := readNoteForm(r)
	f.Kind = carepath.NoteGroup
	names := s.clientNames(r, rowIDs(f.Rows)...)
	for i := range f.Rows {
		f.Rows[i].Name = rowName(names, f.Rows[i].ClientID, i)
	}
	if r.PostForm.Get("action") == "format" {
		s.renderNoteForm(w, r, who, http.StatusOK, nil, nil, f, nil, "")
		return
	}
	atts, rows := f.attendees()
	n, err := s.Notes.CreateNote(r.Context(), carepath.NoteInput{Kind: carepath.NoteGroup, Format: f.Format,
		SessionID: f.SessionID, Sections: f.sections(), Attendees: atts, NeedsCosign: f.NeedsCosign, CosignerID: f.CosignerID})
	switch {
	case err == nil:
		http.Redirect(w, r, notePath(n.ID), http.StatusSeeOther)
	case isInvalid(err) || (isNotFound(err) && len(carepath.ErrorFields(err)) > 0): // an attendee not found
		s.renderNoteForm(w, r, who, http.StatusBadRequest, nil, nil, f, noteFieldErrors(err, rows, f), "")
	default:
		s.fail(w, r, "create group note", err, noteErrors)
	}
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

// noteEditForm shows a draft in the form; a signed note is never edited.
func (s *Server) noteEditForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	n, c, ok := s.readNote(w, r)
	if !ok {
		return
	}
	if n.Status != carepath.NoteDraft {
		s.renderNotePage(w, r, who, http.StatusConflict, n, func(v *notePageView) {
			v.Notice = "This note is signed, and signed notes are never edited: add an addendum instead."
		})
		return
	}
	f := formOfNote(n, s.clientNames(r, n.ClientIDs()...))
	s.renderNoteForm(w, r, who, http.StatusOK, c, n, f, nil, "")
}

// noteSave stores the posted draft at the revision it was read at, or shows the form again
// with the values kept: each problem named (400), or a notice when someone else changed or
// signed the note meanwhile (409).
func (s *Server) noteSave(w http.ResponseWriter, r *http.Request, who signedIn) {
	n, c, ok := s.readNote(w, r)
	if !ok {
		return
	}
	f := readNoteForm(r)
	f.Kind, f.Format = n.Kind, n.Format
	if n.Kind == carepath.NoteGroup {
		// The attendees stay those of the draft; only their parts change here.
		names := s.clientNames(r, n.ClientIDs()...)
		byID := map[string]string{}
		for _, row := range f.Rows {
			byID[row.ClientID] = row.Individual
		}
		f.Rows = nil
		for _, a := range n.Attendees {
			f.Rows = append(f.Rows, attendeeRow{ClientID: a.ClientID, Name: rowName(names, a.ClientID, len(f.Rows)),
				Individual: byID[a.ClientID], Attended: true})
		}
	}
	atts, rows := f.attendees()
	_, err := s.Notes.UpdateNote(r.Context(), n.ID, carepath.NoteUpdate{Revision: f.Revision, Sections: f.sections(),
		ObjectiveIDs: f.Objectives, Attendees: atts, NeedsCosign: f.NeedsCosign, CosignerID: f.CosignerID})
	switch {
	case err == nil:
		http.Redirect(w, r, notePath(n.ID), http.StatusSeeOther)
	case isInvalid(err):
		s.renderNoteForm(w, r, who, http.StatusBadRequest, c, n, f, noteFieldErrors(err, rows, f), "")
	case isConflict(err):
		s.renderNoteForm(w, r, who, http.StatusConflict, c, n, f, nil, carepath.ErrorMessage(err))
	default:
		s.fail(w, r, "update note", err, noteDraftErrors)
	}
}

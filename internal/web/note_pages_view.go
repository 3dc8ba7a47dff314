package web

import (
	"net/http"
	"strconv"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/internal/httpserver"
)

// shownSection is one section of a note as its page shows it.
type shownSection struct{ Name, Text string }

// shownAttendee is one attendee's part of a group note.
type shownAttendee struct {
	ClientID, Name, Individual string
	Objectives                 []string
}

// shownAddendum is one addendum with its author named.
type shownAddendum struct {
	carepath.Addendum
	AuthorName string
}

// notePageView is the view model of a note's page.
type notePageView struct {
	page
	Who                                             signedIn
	Note                                            *carepath.Note
	KindName, FormatName                            string
	AuthorName, SignedByName, CosignedByName, Named string
	Sections                                        []shownSection
	Attendees                                       []shownAttendee
	Objectives                                      []string
	Addenda                                         []shownAddendum
	CanEdit, CanCosign                              bool
	Addendum, AddendumError                         string
	Notice                                          string
}

// readNote reads the note of the path, and its client for an individual note; it answers
// the error page itself when it cannot.
func (s *Server) readNote(w http.ResponseWriter, r *http.Request) (*carepath.Note, *carepath.Client, bool) {
	n, err := s.Notes.FindNoteByID(r.Context(), r.PathValue("nid"))
	if err != nil {
		s.fail(w, r, "find note", err, noteErrors)
		return nil, nil, false
	}
	var c *carepath.Client
	if n.Kind != carepath.NoteGroup {
		if c, err = s.Clients.FindClientByID(r.Context(), n.ClientID); err != nil {
			s.fail(w, r, "note client", err, noteErrors)
			return nil, nil, false
		}
	}
	return n, c, true
}

// notePage shows one note: its sections, attendees, objectives and addenda, and what the
// staff member may do with it.
func (s *Server) notePage(w http.ResponseWriter, r *http.Request, who signedIn) {
	n, _, ok := s.readNote(w, r)
	if !ok {
		return
	}
	s.renderNotePage(w, r, who, http.StatusOK, n, func(*notePageView) {})
}

// renderNotePage renders note n with status after adjust has set any notice or error.
func (s *Server) renderNotePage(w http.ResponseWriter, r *http.Request, who signedIn, status int, n *carepath.Note, adjust func(*notePageView)) {
	v := notePageView{page: page{Title: kindNames[n.Kind] + " note"}, Who: who, Note: n, KindName: kindNames[n.Kind],
		FormatName: formatNames[n.Format]}
	ids := []string{n.AuthorID, n.SignedBy, n.CosignedBy, n.CosignerID}
	for _, a := range n.Addenda {
		ids = append(ids, a.AuthorID)
	}
	names := s.staffNames(r, ids...)
	v.AuthorName, v.SignedByName, v.CosignedByName, v.Named = names[0], names[1], names[2], names[3]
	for i, a := range n.Addenda {
		v.Addenda = append(v.Addenda, shownAddendum{Addendum: a, AuthorName: names[4+i]})
	}
	for _, sec := range n.Format.Sections() {
		v.Sections = append(v.Sections, shownSection{Name: sec.Name, Text: n.Sections[sec.Key]})
	}
	clients := s.clientNames(r, n.ClientIDs()...)
	label := s.objectiveLabels(r)
	labels := func(ids []string) []string {
		var out []string
		for _, id := range ids {
			out = append(out, label(id))
		}
		return out
	}
	if n.Kind == carepath.NoteGroup {
		for _, a := range n.Attendees {
			v.Attendees = append(v.Attendees, shownAttendee{ClientID: a.ClientID, Name: clients[a.ClientID],
				Individual: a.Individual, Objectives: labels(a.ObjectiveIDs)})
		}
	} else {
		v.Attendees = []shownAttendee{{ClientID: n.ClientID, Name: clients[n.ClientID]}}
		v.Objectives = labels(n.ObjectiveIDs)
	}
	v.CanEdit = n.Status == carepath.NoteDraft && n.AuthorID == who.ID
	v.CanCosign = n.Status == carepath.NoteSigned && n.NeedsCosign && n.CosignedAt == nil &&
		access.Allowed(who.Role, access.Note, access.Cosign) && access.MayCosign(who.actor(), n)
	adjust(&v)
	s.render(w, r, status, "note", v)
}

// noteSign signs a draft at the revision shown.
func (s *Server) noteSign(w http.ResponseWriter, r *http.Request, who signedIn) {
	n, _, ok := s.readNote(w, r)
	if !ok {
		return
	}
	revision, _ := strconv.Atoi(r.PostFormValue("revision"))
	signed, err := s.Notes.SignNote(r.Context(), n.ID, revision)
	switch status := httpserver.Status(err); {
	case err == nil:
		http.Redirect(w, r, notePath(signed.ID), http.StatusSeeOther)
	case status == http.StatusBadRequest || status == http.StatusConflict || status == http.StatusForbidden:
		s.renderNotePage(w, r, who, status, n, func(v *notePageView) { v.Notice = carepath.ErrorMessage(err) })
	default:
		s.fail(w, r, "sign note", err, noteErrors)
	}
}

// noteAddendum appends the posted correction to a signed note, or shows the page again with
// the text kept.
func (s *Server) noteAddendum(w http.ResponseWriter, r *http.Request, who signedIn) {
	n, _, ok := s.readNote(w, r)
	if !ok {
		return
	}
	text := r.PostFormValue("text")
	_, err := s.Notes.AddAddendum(r.Context(), n.ID, text)
	switch {
	case err == nil:
		http.Redirect(w, r, notePath(n.ID), http.StatusSeeOther)
	case isInvalid(err):
		msg := carepath.ErrorMessage(err)
		if f := carepath.ErrorFields(err); len(f) > 0 {
			msg = f[0].Message
		}
		s.renderNotePage(w, r, who, http.StatusBadRequest, n, func(v *notePageView) { v.Addendum, v.AddendumError = text, msg })
	case isConflict(err):
		s.renderNotePage(w, r, who, http.StatusConflict, n, func(v *notePageView) { v.Addendum, v.Notice = text, carepath.ErrorMessage(err) })
	default:
		s.fail(w, r, "add addendum", err, noteErrors)
	}
}

// noteCosign co-signs a signed note as the signed-in supervisor and returns to the queue.
func (s *Server) noteCosign(w http.ResponseWriter, r *http.Request, who signedIn) {
	n, _, ok := s.readNote(w, r)
	if !ok {
		return
	}
	_, err := s.Notes.CosignNote(r.Context(), n.ID)
	switch status := httpserver.Status(err); {
	case err == nil:
		http.Redirect(w, r, "/staff/cosign", http.StatusSeeOther)
	case status == http.StatusConflict || status == http.StatusForbidden:
		s.renderNotePage(w, r, who, status, n, func(v *notePageView) { v.Notice = carepath.ErrorMessage(err) })
	default:
		s.fail(w, r, "cosign note", err, noteErrors)
	}
}

// noteRow is one note in a list.
type noteRow struct {
	*carepath.Note
	KindName, AuthorName, Clients string
}

// noteListView is the view model of a client's notes and of the co-sign queue.
type noteListView struct {
	page
	Who       signedIn
	Client    *carepath.Client
	Rows      []noteRow
	CanWrite  bool
	CanCosign bool
}

// noteRows prepares notes for a list, naming their authors and, when withClients, their clients.
func (s *Server) noteRows(r *http.Request, notes []*carepath.Note, withClients bool) []noteRow {
	var ids []string
	for _, n := range notes {
		ids = append(ids, n.AuthorID)
	}
	names := s.staffNames(r, ids...)
	var cn map[string]string
	if withClients {
		var clientIDs []string
		for _, n := range notes {
			clientIDs = append(clientIDs, n.ClientIDs()...)
		}
		cn = s.clientNames(r, clientIDs...) // one audited call for the whole list
	}
	rows := make([]noteRow, len(notes))
	for i, n := range notes {
		rows[i] = noteRow{Note: n, KindName: kindNames[n.Kind], AuthorName: names[i]}
		if withClients {
			for _, id := range n.ClientIDs() {
				name, ok := cn[id]
				if !ok {
					name = "a client outside your care team"
				}
				if rows[i].Clients != "" {
					rows[i].Clients += ", "
				}
				rows[i].Clients += name
			}
		}
	}
	return rows
}

// clientNotesPage lists the notes in the client's chart, newest first.
func (s *Server) clientNotesPage(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	notes, err := s.Notes.FindClientNotes(r.Context(), c.ID, carepath.NoteFilter{})
	if err != nil {
		s.fail(w, r, "find notes", err, noteErrors)
		return
	}
	s.render(w, r, http.StatusOK, "notes", noteListView{page: page{Title: "Clinical notes"}, Who: who, Client: c,
		Rows: s.noteRows(r, notes, false), CanWrite: access.Allowed(who.Role, access.Note, access.Create), CanCosign: access.Allowed(who.Role, access.Note, access.Cosign)})
}

// cosignQueuePage lists the signed notes awaiting the staff member's co-signature.
func (s *Server) cosignQueuePage(w http.ResponseWriter, r *http.Request, who signedIn) {
	notes, err := s.Notes.FindCosignQueue(r.Context())
	if err != nil {
		s.fail(w, r, "cosign queue", err, cosignQueueErrors)
		return
	}
	s.render(w, r, http.StatusOK, "note_queue", noteListView{page: page{Title: "Notes awaiting your co-signature"}, Who: who,
		Rows: s.noteRows(r, notes, true), CanCosign: true})
}

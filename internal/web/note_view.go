package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// notePath is the address of a note's page.
func notePath(id string) string { return "/staff/notes/" + id }

// kindNames are the plain names of the note kinds.
var kindNames = map[carepath.NoteKind]string{
	carepath.NoteIndividual: "Individual session",
	carepath.NoteGroup:      "Group session",
	carepath.NoteFamily:     "Family session",
	carepath.NoteMedication: "Medication management",
}

// formatNames are the plain names of the note formats.
var formatNames = map[carepath.NoteFormat]string{
	carepath.FormatDAP:  "DAP (Data, Assessment, Plan)",
	carepath.FormatSOAP: "SOAP (Subjective, Objective, Assessment, Plan)",
	carepath.FormatBIRP: "BIRP (Behavior, Intervention, Response, Plan)",
}

// objectiveLabels returns a function giving the statement of an objective id, or a plain
// placeholder when it cannot be read. It reads each plan once, however many of its objectives
// are asked for.
func (s *Server) objectiveLabels(r *http.Request) func(id string) string {
	plans := map[string]*carepath.TreatmentPlan{}
	return func(id string) string {
		planID, _, ok := carepath.ParseObjectiveID(id)
		if !ok {
			return "An objective of the treatment plan"
		}
		p, read := plans[planID]
		if !read {
			var err error
			if p, err = s.TreatmentPlans.FindPlanByID(r.Context(), planID); err != nil {
				p = nil
			}
			plans[planID] = p
		}
		if p != nil {
			if o, ok := p.Objective(id); ok {
				return o.Statement
			}
		}
		return "An objective of the treatment plan"
	}
}

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
	// AddendumEMCodes are the E/M codes an addendum to a signed medication note may set.
	AddendumEMCodes []noteChoice
	AddendumEMCode  string // the code chosen on the addendum form
	AddendumEMError string
	Notice          string
	SessionName     string // the session documented, by name and date
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
	if n.SessionID != "" {
		v.SessionName = s.sessionName(r, n.SessionID)
	}
	v.CanEdit = n.Status == carepath.NoteDraft && n.AuthorID == who.ID
	v.CanCosign = n.Status == carepath.NoteSigned && n.NeedsCosign && n.CosignedAt == nil &&
		access.Allowed(who.Role, access.Note, access.Cosign) && access.MayCosign(who.actor(), n)
	adjust(&v)
	if n.Kind == carepath.NoteMedication && n.Status == carepath.NoteSigned {
		v.AddendumEMCodes = emCodeChoices("Leave the visit's code as it is", v.AddendumEMCode)
	}
	s.render(w, r, status, "note", v)
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

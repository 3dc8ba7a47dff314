package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
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
	EMCode      string // a medication note's E/M visit code
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
		CosignerID: r.PostForm.Get("cosigner_id"), EMCode: strings.TrimSpace(r.PostForm.Get("em_code"))}
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
		Objectives: n.ObjectiveIDs, NeedsCosign: n.NeedsCosign, CosignerID: n.CosignerID, EMCode: n.EMCode, Revision: n.Revision}
	for k, v := range n.Sections {
		f.Sections[k] = v
	}
	for i, a := range n.Attendees {
		f.Rows = append(f.Rows, attendeeRow{ClientID: a.ClientID, Name: rowName(names, a.ClientID, i), Individual: a.Individual, Attended: true})
	}
	return f
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
		case field == "em_code":
			anchor = "note-em-code"
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

package carepath

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// NoteKind is the kind of session a clinical note documents.
type NoteKind string

// The note kinds. A group note has a shared part written once and a short individual part per
// attendee; the others are about one client.
const (
	NoteIndividual NoteKind = "individual"
	NoteGroup      NoteKind = "group"
	NoteFamily     NoteKind = "family"
	NoteMedication NoteKind = "medication"
)

// Valid reports whether k is one of the note kinds.
func (k NoteKind) Valid() bool {
	switch k {
	case NoteIndividual, NoteGroup, NoteFamily, NoteMedication:
		return true
	}
	return false
}

// NoteFormat is the structure of a note's sections.
type NoteFormat string

// The note formats: Data, Assessment, Plan; Subjective, Objective, Assessment, Plan; Behavior,
// Intervention, Response, Plan.
const (
	FormatDAP  NoteFormat = "dap"
	FormatSOAP NoteFormat = "soap"
	FormatBIRP NoteFormat = "birp"
)

// Valid reports whether f is one of the note formats.
func (f NoteFormat) Valid() bool { return len(f.Sections()) > 0 }

// NoteSection is one named section of a note format.
type NoteSection struct {
	Key, Name string
}

// Sections returns the sections of format f in the order they are written, nil for an
// unknown format.
func (f NoteFormat) Sections() []NoteSection {
	switch f {
	case FormatDAP:
		return []NoteSection{{"data", "Data"}, {"assessment", "Assessment"}, {"plan", "Plan"}}
	case FormatSOAP:
		return []NoteSection{{"subjective", "Subjective"}, {"objective", "Objective"}, {"assessment", "Assessment"}, {"plan", "Plan"}}
	case FormatBIRP:
		return []NoteSection{{"behavior", "Behavior"}, {"intervention", "Intervention"}, {"response", "Response"}, {"plan", "Plan"}}
	}
	return nil
}

// NoteStatus says whether a note may still be edited.
type NoteStatus string

// The note statuses. A signed note is never edited: corrections are addenda.
const (
	NoteDraft  NoteStatus = "draft"
	NoteSigned NoteStatus = "signed"
)

// The limits of a note's contents.
const (
	MaxNoteSection    = 10000 // characters in one section
	MaxNoteIndividual = 2000  // characters in a group note's individual part
	MaxNoteAddendum   = 5000  // characters in an addendum
	MaxNoteAttendees  = 40    // attendees of one group note
	MaxNoteObjectives = 20    // objectives one note (or attendee) links
	MaxSessionIDLen   = 200   // characters in a session or occurrence id
)

// Note is a clinical note. An individual, family or medication note is about ClientID; a group
// note's Sections are the shared part, written once, and each attendee has a short individual
// part and the objectives addressed for them; the note lands in each attendee's chart, where
// the other attendees' parts are not shown. ObjectiveIDs link the plan objectives the note
// addressed (see ObjectiveID). Revision counts the changes to a draft, and a change names the
// revision it read. Signing locks the note; a correction after signing is an Addendum. A note
// that needs a co-signature waits in the co-sign queue of CosignerID (any clinician on the
// care team when empty) once signed.
type Note struct {
	ID           string            `json:"id"`
	Kind         NoteKind          `json:"kind"`
	Format       NoteFormat        `json:"format"`
	ClientID     string            `json:"client_id,omitempty"`
	SessionID    string            `json:"session_id,omitempty"`
	Sections     map[string]string `json:"sections"`
	ObjectiveIDs []string          `json:"objective_ids,omitempty"`
	Attendees    []NoteAttendee    `json:"attendees,omitempty"`
	AuthorID     string            `json:"author_id"`
	Status       NoteStatus        `json:"status"`
	NeedsCosign  bool              `json:"needs_cosign"`
	CosignerID   string            `json:"cosigner_id,omitempty"`
	CreatedAt    time.Time         `json:"created_at"`
	UpdatedAt    time.Time         `json:"updated_at"`
	SignedBy     string            `json:"signed_by,omitempty"`
	SignedAt     *time.Time        `json:"signed_at,omitempty"`
	CosignedBy   string            `json:"cosigned_by,omitempty"`
	CosignedAt   *time.Time        `json:"cosigned_at,omitempty"`
	Addenda      []Addendum        `json:"addenda"`
	Revision     int               `json:"revision"`
	// EMCode is the evaluation-and-management code the prescriber chose for a medication
	// note's visit (EMCodes); "" when none was chosen, and on every other kind of note.
	EMCode string `json:"em_code,omitempty"`
}

// EMCodes are the evaluation-and-management visit codes a medication note may record: the
// established-client visits 99212–99215 and the new-client visits 99202–99205 (codes only).
var EMCodes = []string{"99212", "99213", "99214", "99215", "99202", "99203", "99204", "99205"}

// CheckEMCode trims code and checks that it is one of EMCodes, or empty; the field error names
// em_code. Whether the note is a medication note is the caller's to check.
func CheckEMCode(code *string) error {
	var errs FieldErrors
	checkEMCode(&errs, NoteMedication, code)
	return errs.Err()
}

// checkEMCode trims code and checks it is one of EMCodes, and only on a medication note; the
// field error names em_code.
func checkEMCode(errs *FieldErrors, kind NoteKind, code *string) {
	*code = strings.TrimSpace(*code)
	switch {
	case *code == "":
	case kind != NoteMedication:
		errs.Add("em_code", "unexpected", "Only a medication note records an E/M visit level.")
	case !slices.Contains(EMCodes, *code):
		errs.Add("em_code", "enum", "Choose the visit's E/M code: 99212–99215 for an established client, 99202–99205 for a new one.")
	}
}

// ClientIDs returns the clients the note is about: its client, or its attendees.
func (n *Note) ClientIDs() []string {
	if n.Kind != NoteGroup {
		return []string{n.ClientID}
	}
	ids := make([]string, len(n.Attendees))
	for i, a := range n.Attendees {
		ids[i] = a.ClientID
	}
	return ids
}

// NoteAttendee is one attendee's part of a group note.
type NoteAttendee struct {
	ClientID     string   `json:"client_id"`
	Individual   string   `json:"individual"`
	ObjectiveIDs []string `json:"objective_ids,omitempty"`
}

// Addendum is a correction or addition to a signed note. On a medication note it may record
// the visit's E/M code (EMCodes): the latest addendum that gives one sets the code the visit
// is billed with (Note.BilledEMCode).
type Addendum struct {
	ID        string    `json:"id"`
	Text      string    `json:"text"`
	EMCode    string    `json:"em_code,omitempty"`
	AuthorID  string    `json:"author_id"`
	CreatedAt time.Time `json:"created_at"`
}

// AddendumInput is a new addendum: the text, and, on a medication note only, the E/M code
// the visit is billed with from now on (the text says why).
type AddendumInput struct {
	Text   string `json:"text"`
	EMCode string `json:"em_code,omitempty"`
}

// BilledEMCode returns the E/M code the note's visit is billed with: the latest addendum's
// code when one gives one, else the note's own ("" when none was chosen).
func (n *Note) BilledEMCode() string {
	for i := len(n.Addenda) - 1; i >= 0; i-- {
		if n.Addenda[i].EMCode != "" {
			return n.Addenda[i].EMCode
		}
	}
	return n.EMCode
}

// NoteInput is a new note. Group notes give Attendees and no ClientID; the others give
// ClientID and no Attendees. SessionID names the session (or the occurrence of a recurring
// group, "<series id>:<local date>") the note documents; a group note needs one. NeedsCosign
// asks for a supervisor's co-signature (a case manager's notes always need one); CosignerID
// names that supervisor, or is empty for any clinician on the care team.
type NoteInput struct {
	Kind         NoteKind          `json:"kind"`
	Format       NoteFormat        `json:"format"`
	ClientID     string            `json:"client_id,omitempty"`
	SessionID    string            `json:"session_id,omitempty"`
	Sections     map[string]string `json:"sections"`
	ObjectiveIDs []string          `json:"objective_ids,omitempty"`
	Attendees    []NoteAttendee    `json:"attendees,omitempty"`
	NeedsCosign  bool              `json:"needs_cosign,omitempty"`
	CosignerID   string            `json:"cosigner_id,omitempty"`
	EMCode       string            `json:"em_code,omitempty"` // a medication note's E/M code (EMCodes)
}

// NoteUpdate replaces the content of a draft note; Revision is the revision it was based on.
// The kind, format, client and session stay as they are.
type NoteUpdate struct {
	Revision     int               `json:"revision"`
	Sections     map[string]string `json:"sections"`
	ObjectiveIDs []string          `json:"objective_ids,omitempty"`
	Attendees    []NoteAttendee    `json:"attendees,omitempty"`
	NeedsCosign  bool              `json:"needs_cosign,omitempty"`
	CosignerID   string            `json:"cosigner_id,omitempty"`
	EMCode       string            `json:"em_code,omitempty"` // a medication note's E/M code (EMCodes)
}

// Check trims in's text and checks it. Field errors name JSON paths: kind, format,
// client_id, session_id, sections.<key> (each of the format's sections is required),
// objective_ids[i], attendees, attendees[i].client_id, attendees[i].individual and
// attendees[i].objective_ids[j] and em_code. Whether the clients exist and whether the objectives are in
// their plans is the store's to check.
func (in *NoteInput) Check() error {
	var errs FieldErrors
	switch {
	case in.Kind == "":
		errs.Add("kind", "required", "Please give the kind of note: individual, group, family or medication.")
	case !in.Kind.Valid():
		errs.Add("kind", "enum", "Use one of individual, group, family, medication.")
	}
	switch {
	case in.Format == "":
		errs.Add("format", "required", "Please give the note's format: dap, soap or birp.")
	case !in.Format.Valid():
		errs.Add("format", "enum", "Use one of dap, soap, birp.")
	}
	in.ClientID, in.SessionID = strings.TrimSpace(in.ClientID), strings.TrimSpace(in.SessionID)
	in.CosignerID = strings.TrimSpace(in.CosignerID)
	if in.Kind == NoteGroup {
		if in.ClientID != "" {
			errs.Add("client_id", "unexpected", "A group note names its clients as attendees.")
		}
		if in.SessionID == "" {
			errs.Add("session_id", "required", "Please give the group session the note is about.")
		}
		if len(in.ObjectiveIDs) > 0 {
			errs.Add("objective_ids", "unexpected", "A group note links objectives per attendee.")
		}
	} else if in.Kind.Valid() {
		if in.ClientID == "" {
			errs.Add("client_id", "required", "Please give the client the note is about.")
		}
		if len(in.Attendees) > 0 {
			errs.Add("attendees", "unexpected", "Only a group note has attendees.")
		}
	}
	if utf8.RuneCountInString(in.SessionID) > MaxSessionIDLen {
		errs.Add("session_id", "too_long", "Please keep this under %d characters.", MaxSessionIDLen)
	}
	checkNoteContent(&errs, in.Format, in.Kind == NoteGroup, in.Sections, in.ObjectiveIDs, in.Attendees)
	checkEMCode(&errs, in.Kind, &in.EMCode)
	return errs.Err()
}

// Check checks u as NoteInput.Check does for a note of kind and format, and that Revision is
// given.
func (u *NoteUpdate) Check(kind NoteKind, format NoteFormat) error {
	var errs FieldErrors
	if u.Revision < 1 {
		errs.Add("revision", "required", "Please give the revision the change is based on.")
	}
	u.CosignerID = strings.TrimSpace(u.CosignerID)
	if kind == NoteGroup && len(u.ObjectiveIDs) > 0 {
		errs.Add("objective_ids", "unexpected", "A group note links objectives per attendee.")
	}
	if kind != NoteGroup && len(u.Attendees) > 0 {
		errs.Add("attendees", "unexpected", "Only a group note has attendees.")
	}
	checkNoteContent(&errs, format, kind == NoteGroup, u.Sections, u.ObjectiveIDs, u.Attendees)
	checkEMCode(&errs, kind, &u.EMCode)
	return errs.Err()
}

// checkNoteContent checks the sections of format and, for a group note, the attendees.
func checkNoteContent(errs *FieldErrors, format NoteFormat, group bool, sections map[string]string,
	objectives []string, attendees []NoteAttendee) {
	if format.Valid() {
		known := map[string]bool{}
		for _, sec := range format.Sections() {
			known[sec.Key] = true
			v := strings.TrimSpace(sections[sec.Key])
			switch {
			case v == "":
				errs.Add("sections."+sec.Key, "required", "Please write the %s section.", sec.Name)
			case utf8.RuneCountInString(v) > MaxNoteSection:
				errs.Add("sections."+sec.Key, "too_long", "Please keep this under %d characters.", MaxNoteSection)
			}
			if sections != nil {
				sections[sec.Key] = v
			}
		}
		for k := range sections {
			if !known[k] {
				errs.Add("sections."+k, "unexpected", "This is not a section of the %s format.", strings.ToUpper(string(format)))
			}
		}
	}
	checkObjectiveIDs(errs, "objective_ids", objectives)
	if !group {
		return
	}
	switch {
	case len(attendees) == 0:
		errs.Add("attendees", "required", "Please give at least one attendee.")
	case len(attendees) > MaxNoteAttendees:
		errs.Add("attendees", "too_many", "Please keep to %d attendees.", MaxNoteAttendees)
	}
	seen := map[string]bool{}
	for i := range attendees {
		a := &attendees[i]
		p := fmt.Sprintf("attendees[%d]", i)
		a.ClientID, a.Individual = strings.TrimSpace(a.ClientID), strings.TrimSpace(a.Individual)
		switch {
		case a.ClientID == "":
			errs.Add(p+".client_id", "required", "Please give the attendee.")
		case seen[a.ClientID]:
			errs.Add(p+".client_id", "duplicate", "This client is listed twice.")
		}
		seen[a.ClientID] = true
		switch {
		case a.Individual == "":
			errs.Add(p+".individual", "required", "Please write a short individual part for this attendee.")
		case utf8.RuneCountInString(a.Individual) > MaxNoteIndividual:
			errs.Add(p+".individual", "too_long", "Please keep this under %d characters.", MaxNoteIndividual)
		}
		checkObjectiveIDs(errs, p+".objective_ids", a.ObjectiveIDs)
	}
}

func checkObjectiveIDs(errs *FieldErrors, path string, ids []string) {
	if len(ids) > MaxNoteObjectives {
		errs.Add(path, "too_many", "Please keep to %d objectives.", MaxNoteObjectives)
		return
	}
	for j, id := range ids {
		if _, _, ok := ParseObjectiveID(id); !ok {
			errs.Add(fmt.Sprintf("%s[%d]", path, j), "format", "This is not an objective of a treatment plan.")
		}
	}
}

// ObjectiveID returns the id of one objective of a treatment plan: the plan's id and the
// objective's place in it, counted from 1 ("<plan id>/<problem>.<goal>.<objective>").
func ObjectiveID(planID string, problem, goal, objective int) string {
	return fmt.Sprintf("%s/%d.%d.%d", planID, problem, goal, objective)
}

// ParseObjectiveID splits an objective id into its plan id and the 0-based indexes of the
// problem, goal and objective; ok is false when id is not an objective id.
func ParseObjectiveID(id string) (planID string, idx [3]int, ok bool) {
	planID, path, found := strings.Cut(id, "/")
	if !found || planID == "" {
		return "", idx, false
	}
	parts := strings.Split(path, ".")
	if len(parts) != 3 {
		return "", idx, false
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > MaxPlanItems || strconv.Itoa(n) != p {
			return "", idx, false
		}
		idx[i] = n - 1
	}
	return planID, idx, true
}

// Objective returns the objective id names in p, and false when p has no such objective.
func (p *TreatmentPlan) Objective(id string) (*Objective, bool) {
	planID, idx, ok := ParseObjectiveID(id)
	if !ok || planID != p.ID || idx[0] >= len(p.Problems) || idx[1] >= len(p.Problems[idx[0]].Goals) ||
		idx[2] >= len(p.Problems[idx[0]].Goals[idx[1]].Objectives) {
		return nil, false
	}
	return &p.Problems[idx[0]].Goals[idx[1]].Objectives[idx[2]], true
}

// NoteFilter narrows the notes of a client.
type NoteFilter struct {
	Status *NoteStatus
}

// NoteService stores clinical notes. Every call reads or writes client data and is audited.
type NoteService interface {
	// CreateNote writes a draft note as the actor. EINVALID names the fields, including
	// objective ids that are not in the client's plans, a session_id that is not an occurrence
	// on the schedule of the note's kind, and clients not scheduled for it or marked absent;
	// ENOTFOUND naming client_id or attendees[i].client_id when a client does not exist or is
	// outside the actor's care team (a group's facilitator may write about its whole roster);
	// nothing is written. EFORBIDDEN for roles that may not write notes.
	CreateNote(ctx context.Context, in NoteInput) (*Note, error)
	// UpdateNote replaces the content of draft note id. EINVALID names the fields; ECONFLICT
	// when u.Revision is stale or the note is signed (nothing changes); EFORBIDDEN when the
	// actor is not the author; ENOTFOUND when there is no such note or the actor may not see it.
	UpdateNote(ctx context.Context, id string, u NoteUpdate) (*Note, error)
	// SignNote signs draft note id at revision as its author, locking it. ECONFLICT when
	// revision is stale or the note is signed already; EFORBIDDEN and ENOTFOUND as UpdateNote.
	SignNote(ctx context.Context, id string, revision int) (*Note, error)
	// AddAddendum appends a correction to signed note id. EINVALID naming text or em_code (a
	// code not in EMCodes, or one on a note that is not a medication note); ECONFLICT when the
	// note is still a draft (edit it instead); ENOTFOUND as UpdateNote.
	AddAddendum(ctx context.Context, id string, in AddendumInput) (*Note, error)
	// CosignNote co-signs signed note id as the actor, a supervisor. ECONFLICT when the note
	// needs no co-signature, is a draft or is co-signed already; EFORBIDDEN for the author, for
	// a clinician other than the named co-signer, and for roles that may not co-sign;
	// ENOTFOUND as UpdateNote.
	CosignNote(ctx context.Context, id string) (*Note, error)
	// FindNoteByID returns note id; a group note shows the attendees the actor may see.
	// ENOTFOUND when there is none or the actor may not see it.
	FindNoteByID(ctx context.Context, id string) (*Note, error)
	// FindClientNotes lists the notes in the client's chart, newest first; a group note shows
	// this client's individual part only. ENOTFOUND when the client is outside the actor's
	// care team; EFORBIDDEN for roles that may not read notes.
	FindClientNotes(ctx context.Context, clientID string, f NoteFilter) ([]*Note, error)
	// FindCosignQueue lists the signed notes awaiting the actor's co-signature, oldest first:
	// those naming the actor as co-signer, and those naming none whose clients the actor may
	// see. Admins see every note awaiting one. EFORBIDDEN for roles that may not co-sign.
	FindCosignQueue(ctx context.Context) ([]*Note, error)
}

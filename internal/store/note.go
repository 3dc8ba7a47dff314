package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/google/uuid"
)

// NoteService stores clinical notes: a notes row (the sections, for a group note the shared
// part) and one note_clients row per client the note is about, carrying that client's
// individual part and linked objectives. Every call goes through the chokepoint and appends
// one audit row per client of the note; the rows hold ids and codes, never note text. A
// clinician or case manager writing or reading a note for a client outside their care team
// gets ENOTFOUND, audited as denied, and nothing is written.
type NoteService struct {
	s *Store
}

var _ carepath.NoteService = (*NoteService)(nil)

// NewNoteService returns the note service of s.
func NewNoteService(s *Store) *NoteService { return &NoteService{s: s} }

// CreateNote validates in and writes it as a draft authored by the actor. A case manager's
// note always needs a co-signature.
func (svc *NoteService) CreateNote(ctx context.Context, in carepath.NoteInput) (*carepath.Note, error) {
	var n *carepath.Note
	o := op{record: access.Note, action: access.Create, clientID: wellFormedID(in.ClientID), validate: in.Check,
		detail: "kind=" + safeEnum(string(in.Kind), in.Kind.Valid()) + " format=" + safeEnum(string(in.Format), in.Format.Valid())}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		actor, _ := carepath.ActorFrom(ctx)
		now := svc.s.timestamp()
		id, err := uuid.NewV7()
		if err != nil {
			return nil, fmt.Errorf("new id: %w", err)
		}
		n = &carepath.Note{ID: id.String(), Kind: in.Kind, Format: in.Format, ClientID: in.ClientID,
			SessionID: in.SessionID, Sections: in.Sections, ObjectiveIDs: in.ObjectiveIDs, Attendees: in.Attendees,
			AuthorID: actor.ID, Status: carepath.NoteDraft, NeedsCosign: in.NeedsCosign || access.CosignRequired(actor.Role),
			CosignerID: in.CosignerID, CreatedAt: now, UpdatedAt: now, Addenda: []carepath.Addendum{}, Revision: 1, EMCode: in.EMCode}
		if err := svc.checkLinks(ctx, tx, n); err != nil {
			return nil, err
		}
		sections, err := json.Marshal(n.Sections)
		if err != nil {
			return nil, fmt.Errorf("encode note: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO notes (`+noteColumns+`)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, '', NULL, '', NULL, $12, $13)`,
			n.ID, string(n.Kind), string(n.Format), n.SessionID, string(sections), n.AuthorID, string(n.Status),
			n.NeedsCosign, n.CosignerID, n.CreatedAt, n.UpdatedAt, n.Revision, n.EMCode); err != nil {
			return nil, fmt.Errorf("insert note: %w", svc.s.translate(err))
		}
		if err := svc.writeClients(ctx, tx, n); err != nil {
			return nil, err
		}
		return noteRefs(n), nil
	})
	if err != nil {
		return nil, hideNoteDenial(err)
	}
	return n, nil
}

// UpdateNote replaces the sections, objectives, attendees and co-sign request of draft note
// id at u.Revision, and returns it as stored, its revision one higher.
func (svc *NoteService) UpdateNote(ctx context.Context, id string, u carepath.NoteUpdate) (*carepath.Note, error) {
	o := op{record: access.Note, action: access.Update, recordID: wellFormedID(id), clientID: svc.s.clientOf(ctx, access.Note, id),
		validate: func() error {
			if u.Revision < 1 {
				return invalidField("revision", "required", "Please give the revision the change is based on.")
			}
			return nil
		}}
	return svc.change(ctx, o, id, u.Revision, func(ctx context.Context, tx *sql.Tx, n *carepath.Note) error {
		if err := svc.mayEditDraft(ctx, n); err != nil {
			return err
		}
		if err := u.Check(n.Kind, n.Format); err != nil {
			return err
		}
		actor, _ := carepath.ActorFrom(ctx)
		n.Sections, n.ObjectiveIDs, n.CosignerID, n.EMCode = u.Sections, u.ObjectiveIDs, u.CosignerID, u.EMCode
		n.NeedsCosign = u.NeedsCosign || access.CosignRequired(actor.Role)
		if n.Kind == carepath.NoteGroup {
			n.Attendees = u.Attendees
		}
		if err := svc.checkLinks(ctx, tx, n); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM note_clients WHERE note_id = $1`, n.ID); err != nil {
			return fmt.Errorf("delete note clients: %w", svc.s.translate(err))
		}
		return svc.writeClients(ctx, tx, n)
	})
}

// SignNote signs draft note id at revision as its author.
func (svc *NoteService) SignNote(ctx context.Context, id string, revision int) (*carepath.Note, error) {
	o := op{record: access.Note, action: access.Sign, recordID: wellFormedID(id), clientID: svc.s.clientOf(ctx, access.Note, id),
		validate: func() error {
			if revision < 1 {
				return invalidField("revision", "required", "Please give the revision the signature is based on.")
			}
			return nil
		}}
	return svc.change(ctx, o, id, revision, func(ctx context.Context, _ *sql.Tx, n *carepath.Note) error {
		if err := svc.mayEditDraft(ctx, n); err != nil {
			return err
		}
		actor, _ := carepath.ActorFrom(ctx)
		at := svc.s.timestamp()
		n.Status, n.SignedBy, n.SignedAt = carepath.NoteSigned, actor.ID, &at
		return nil
	})
}

// CosignNote co-signs signed note id as the actor.
func (svc *NoteService) CosignNote(ctx context.Context, id string) (*carepath.Note, error) {
	o := op{record: access.Note, action: access.Cosign, recordID: wellFormedID(id), clientID: svc.s.clientOf(ctx, access.Note, id)}
	return svc.change(ctx, o, id, 0, func(ctx context.Context, _ *sql.Tx, n *carepath.Note) error {
		actor, _ := carepath.ActorFrom(ctx)
		switch {
		case !n.NeedsCosign:
			return carepath.Errorf(carepath.ECONFLICT, "This note does not need a co-signature.")
		case n.Status != carepath.NoteSigned:
			return carepath.Errorf(carepath.ECONFLICT, "The author has not signed this note yet.")
		case n.CosignedAt != nil:
			return carepath.Errorf(carepath.ECONFLICT, "This note is co-signed already.")
		case n.AuthorID == actor.ID:
			return carepath.Errorf(carepath.EFORBIDDEN, "The author of a note may not co-sign it.")
		case !access.MayCosign(actor, n):
			return carepath.Errorf(carepath.EFORBIDDEN, "This note awaits another supervisor's co-signature.")
		}
		at := svc.s.timestamp()
		n.CosignedBy, n.CosignedAt = actor.ID, &at
		return nil
	})
}

// AddAddendum appends an addendum to signed note id as the actor.
func (svc *NoteService) AddAddendum(ctx context.Context, id string, in carepath.AddendumInput) (*carepath.Note, error) {
	add := carepath.Addendum{Text: in.Text, EMCode: in.EMCode}
	o := op{record: access.Note, action: access.Addend, recordID: wellFormedID(id), clientID: svc.s.clientOf(ctx, access.Note, id),
		validate: func() error {
			errs := carepath.FieldErrors(carepath.ErrorFields(checkAddendum(&add.Text)))
			errs = append(errs, carepath.ErrorFields(carepath.CheckEMCode(&add.EMCode))...)
			return errs.Err()
		}}
	return svc.change(ctx, o, id, 0, func(ctx context.Context, tx *sql.Tx, n *carepath.Note) error {
		if n.Status != carepath.NoteSigned {
			return carepath.Errorf(carepath.ECONFLICT, "This note is still a draft: edit it instead of adding an addendum.")
		}
		if add.EMCode != "" && n.Kind != carepath.NoteMedication {
			return invalidField("em_code", "unexpected", "Only a medication note records an E/M visit level.")
		}
		actor, _ := carepath.ActorFrom(ctx)
		aid, err := uuid.NewV7()
		if err != nil {
			return fmt.Errorf("new id: %w", err)
		}
		add.ID, add.AuthorID, add.CreatedAt = aid.String(), actor.ID, svc.s.timestamp()
		if _, err := tx.ExecContext(ctx, `INSERT INTO note_addenda (id, note_id, text, em_code, author_id, created_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, add.ID, n.ID, add.Text, add.EMCode, add.AuthorID, add.CreatedAt); err != nil {
			return fmt.Errorf("insert addendum: %w", svc.s.translate(err))
		}
		n.Addenda = append(n.Addenda, add)
		return nil
	})
}

// change reads note id with every attendee, checks that the actor may see it and that it is at
// revision (any revision when revision is 0), lets apply change it, and writes its row back
// with the revision one higher. The answer shows the attendees the actor may see.
func (svc *NoteService) change(ctx context.Context, o op, id string, revision int,
	apply func(context.Context, *sql.Tx, *carepath.Note) error) (*carepath.Note, error) {
	var n *carepath.Note
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var (
			err     error
			visible map[string]bool
		)
		if n, visible, err = svc.readVisible(ctx, tx, id); err != nil {
			return nil, err
		}
		refs := noteRefs(n)
		if revision == 0 {
			revision = n.Revision
		} else if n.Revision != revision && n.Status == carepath.NoteDraft {
			return nil, staleNote()
		}
		if err := apply(ctx, tx, n); err != nil {
			return nil, err
		}
		sections, err := json.Marshal(n.Sections)
		if err != nil {
			return nil, fmt.Errorf("encode note: %w", err)
		}
		n.UpdatedAt = svc.s.timestamp()
		res, err := tx.ExecContext(ctx, `UPDATE notes SET revision = revision + 1, status = $3, sections = $4,
			needs_cosign = $5, cosigner_id = $6, signed_by = $7, signed_at = $8, cosigned_by = $9, cosigned_at = $10,
			updated_at = $11, em_code = $12 WHERE id = $1 AND revision = $2`, n.ID, revision, string(n.Status), string(sections),
			n.NeedsCosign, n.CosignerID, n.SignedBy, nullTime(n.SignedAt), n.CosignedBy, nullTime(n.CosignedAt), n.UpdatedAt, n.EMCode)
		if err != nil {
			return nil, fmt.Errorf("update note: %w", svc.s.translate(err))
		}
		if k, err := res.RowsAffected(); err != nil {
			return nil, fmt.Errorf("update note: %w", svc.s.translate(err))
		} else if k == 0 {
			return nil, staleNote()
		}
		n.Revision = revision + 1
		if !seesWholeNote(ctx, n) {
			shown(n, visible)
		}
		return mergeRefs(refs, noteRefs(n)), nil
	})
	if err != nil {
		return nil, hideNoteDenial(err)
	}
	return n, nil
}

// mayEditDraft checks that n is a draft and the actor its author.
func (svc *NoteService) mayEditDraft(ctx context.Context, n *carepath.Note) error {
	if n.Status != carepath.NoteDraft {
		return carepath.Errorf(carepath.ECONFLICT, "This note is signed, and signed notes are never edited: add an addendum instead.")
	}
	if actor, _ := carepath.ActorFrom(ctx); actor.ID != n.AuthorID {
		return carepath.Errorf(carepath.EFORBIDDEN, "Only the author edits or signs a draft note.")
	}
	return nil
}

// checkLinks checks in tx that the session n documents is on the schedule, that every client
// of n exists, is on the actor's care team (or on the roster of a session the actor runs) and
// was scheduled for the session and not marked absent, that each linked objective is in a
// plan of its client, and that the co-signer is a clinician or an admin. Field errors name
// the JSON paths.
func (svc *NoteService) checkLinks(ctx context.Context, tx *sql.Tx, n *carepath.Note) error {
	clients := &ClientService{s: svc.s}
	type link struct {
		path, client string
		objectives   []string
	}
	links := []link{{"client_id", n.ClientID, n.ObjectiveIDs}}
	if n.Kind == carepath.NoteGroup {
		links = links[:0]
		for i, a := range n.Attendees {
			links = append(links, link{fmt.Sprintf("attendees[%d].client_id", i), a.ClientID, a.ObjectiveIDs})
		}
	}
	ns, err := svc.sessionOfNote(ctx, tx, n)
	if err != nil {
		return err
	}
	for _, l := range links {
		// A group's facilitator writes about everyone on its roster, care team or not.
		if ns != nil && ns.runs && slices.Contains(ns.clients, l.client) {
			ok, err := svc.clientExists(ctx, tx, l.client)
			if err != nil {
				return err
			}
			if ok {
				continue
			}
		}
		if _, err := clients.readVisible(ctx, tx, l.client); err != nil {
			return clientFieldError(err, l.path)
		}
	}
	var errs carepath.FieldErrors
	for _, l := range links {
		ns.checkAttended(&errs, l.path, l.client)
	}
	plans := map[string]*carepath.TreatmentPlan{}
	for _, l := range links {
		objPath := "objective_ids"
		if n.Kind == carepath.NoteGroup {
			objPath = l.path[:len(l.path)-len("client_id")] + "objective_ids"
		}
		for j, oid := range l.objectives {
			planID, _, _ := carepath.ParseObjectiveID(oid)
			p, ok := plans[planID]
			if !ok {
				var err error
				p, err = scanPlan(tx.QueryRowContext(ctx, `SELECT `+planColumns+` FROM plans WHERE id = $1`, planID))
				if err != nil && !errors.Is(err, sql.ErrNoRows) {
					return fmt.Errorf("select plan: %w", svc.s.translate(err))
				}
				plans[planID] = p
			}
			if p == nil || p.ClientID != l.client || !hasObjective(p, oid) {
				errs.Add(fmt.Sprintf("%s[%d]", objPath, j), "not_found", "This objective is not in the client's treatment plan.")
			}
		}
	}
	if n.CosignerID != "" {
		// A named co-signer reads the whole note, so only a supervisor may be named.
		var st carepath.Staff
		var role string
		err := tx.QueryRowContext(ctx, `SELECT id, role, disabled, supervisor FROM staff WHERE id = $1`, n.CosignerID).
			Scan(&st.ID, &role, &st.Disabled, &st.Supervisor)
		st.Role = carepath.Role(role)
		switch {
		case err != nil && !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("select cosigner: %w", svc.s.translate(err))
		case n.CosignerID == n.AuthorID:
			errs.Add("cosigner_id", "self", "The author of a note may not co-sign it.")
		case err != nil || !access.MayBeNamedCosigner(&st, n.AuthorID):
			errs.Add("cosigner_id", "not_supervisor", "The co-signer must be an active supervisor (a clinician or admin an admin has marked as a supervisor).")
		}
	}
	return errs.Err()
}

// writeClients inserts the note_clients rows of n.
func (svc *NoteService) writeClients(ctx context.Context, tx *sql.Tx, n *carepath.Note) error {
	insert := func(pos int, client, individual string, objectives []string) error {
		if objectives == nil {
			objectives = []string{}
		}
		ob, err := json.Marshal(objectives)
		if err != nil {
			return fmt.Errorf("encode objectives: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO note_clients (note_id, client_id, position, individual, objective_ids)
			VALUES ($1, $2, $3, $4, $5)`, n.ID, client, pos, individual, string(ob)); err != nil {
			return fmt.Errorf("insert note client: %w", svc.s.translate(err))
		}
		return nil
	}
	if n.Kind != carepath.NoteGroup {
		return insert(0, n.ClientID, "", n.ObjectiveIDs)
	}
	for i, a := range n.Attendees {
		if err := insert(i, a.ClientID, a.Individual, a.ObjectiveIDs); err != nil {
			return err
		}
	}
	return nil
}

// clientFieldError names path in the error of reading a note's client: ENOTFOUND when the
// client does not exist, and a denial (audited as such, answered as ENOTFOUND by
// hideNoteDenial) when it is outside the care team.
func clientFieldError(err error, path string) error {
	field := []carepath.FieldError{{Field: path, Code: "not_found", Message: "There is no client with this id in your care."}}
	switch {
	case errors.Is(err, errClientHidden):
		return &carepath.Error{Code: carepath.EFORBIDDEN, Message: "You may not write notes for this client.", Fields: field, Err: errClientHidden}
	case carepath.ErrorCode(err) == carepath.ENOTFOUND:
		return &carepath.Error{Code: carepath.ENOTFOUND, Message: "There is no such client.", Fields: field}
	}
	return err
}

// hideNoteDenial answers a client outside the care team as ENOTFOUND, keeping the field named.
func hideNoteDenial(err error) error {
	if !errors.Is(err, errClientHidden) {
		return err
	}
	fields := carepath.ErrorFields(err)
	if len(fields) == 0 {
		return noteNotFound()
	}
	return &carepath.Error{Code: carepath.ENOTFOUND, Message: "There is no such client.", Fields: fields}
}

func hasObjective(p *carepath.TreatmentPlan, id string) bool {
	_, ok := p.Objective(id)
	return ok
}

func checkAddendum(text *string) error {
	var errs carepath.FieldErrors
	t := strings.TrimSpace(*text)
	*text = t
	switch {
	case t == "":
		errs.Add("text", "required", "Please write the addendum.")
	case len([]rune(t)) > carepath.MaxNoteAddendum:
		errs.Add("text", "too_long", "Please keep this under %d characters.", carepath.MaxNoteAddendum)
	}
	return errs.Err()
}

// safeEnum returns s for the audit row when it is a known value, and "?" otherwise.
func safeEnum(s string, valid bool) string {
	if valid {
		return s
	}
	return "?"
}

func staleNote() error {
	return carepath.Errorf(carepath.ECONFLICT, "Someone else changed this note since you opened it; please reload and try again.")
}

func noteNotFound() error { return carepath.Errorf(carepath.ENOTFOUND, "There is no such note.") }

package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

const noteColumns = `id, kind, format, session_id, sections, author_id, status, needs_cosign, cosigner_id,
	created_at, updated_at, signed_by, signed_at, cosigned_by, cosigned_at, revision, em_code`

// FindNoteByID returns note id; a group note shows the attendees the actor may see (all of
// them for its author, its co-signer and admins).
func (svc *NoteService) FindNoteByID(ctx context.Context, id string) (*carepath.Note, error) {
	var n *carepath.Note
	o := op{record: access.Note, action: access.Read, recordID: wellFormedID(id), clientID: svc.s.clientOf(ctx, access.Note, id)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var (
			err     error
			visible map[string]bool
		)
		if n, visible, err = svc.readVisible(ctx, tx, id); err != nil {
			return nil, err
		}
		refs := noteRefs(n)
		if !seesWholeNote(ctx, n) {
			shown(n, visible)
		}
		return refs, nil
	})
	if err != nil {
		return nil, hideNoteDenial(err)
	}
	return n, nil
}

// FindClientNotes lists the notes in the client's chart, newest first; a group note shows
// this client's individual part only.
func (svc *NoteService) FindClientNotes(ctx context.Context, clientID string, f carepath.NoteFilter) ([]*carepath.Note, error) {
	list := []*carepath.Note{}
	o := op{record: access.Note, action: access.List, clientID: wellFormedID(clientID)}
	if f.Status != nil {
		o.detail = "status=" + safeEnum(string(*f.Status), *f.Status == carepath.NoteDraft || *f.Status == carepath.NoteSigned)
	}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		query := `SELECT ` + prefixed("n.", noteColumns) + ` FROM notes n JOIN note_clients nc ON nc.note_id = n.id
			WHERE nc.client_id = $1`
		args := []any{clientID}
		if f.Status != nil {
			query += ` AND n.status = $2`
			args = append(args, string(*f.Status))
		}
		notes, err := svc.readNotes(ctx, tx, query+` ORDER BY n.created_at DESC, n.id DESC`, args...)
		if err != nil {
			return nil, err
		}
		var refs []ref
		for _, n := range notes {
			shown(n, map[string]bool{clientID: true})
			list = append(list, n)
			refs = append(refs, ref{ID: n.ID, ClientID: clientID})
		}
		return refs, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return list, nil
}

// FindCosignQueue lists the signed notes awaiting the actor's co-signature, oldest signature
// first.
func (svc *NoteService) FindCosignQueue(ctx context.Context) ([]*carepath.Note, error) {
	list := []*carepath.Note{}
	o := op{record: access.Note, action: access.Cosign, detail: "cosign queue", readOnly: true}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		actor, _ := carepath.ActorFrom(ctx)
		query := `SELECT ` + prefixed("n.", noteColumns) + ` FROM notes n
			WHERE n.status = 'signed' AND n.needs_cosign = $1 AND n.cosigned_by = '' AND n.author_id <> $2`
		args := []any{true, actor.ID}
		if !access.Oversees(actor.Role) {
			query += ` AND (n.cosigner_id = $2 OR (n.cosigner_id = '' AND EXISTS (SELECT 1 FROM note_clients nc
				JOIN clients c ON c.id = nc.client_id WHERE nc.note_id = n.id AND c.primary_clinician_id = $2)))`
		}
		notes, err := svc.readNotes(ctx, tx, query+` ORDER BY n.signed_at, n.id`, args...)
		if err != nil {
			return nil, err
		}
		var refs []ref
		for _, n := range notes {
			visible, err := svc.visibleClients(ctx, tx, n)
			if err != nil {
				return nil, err
			}
			refs = append(refs, noteRefs(n)...)
			if !seesWholeNote(ctx, n) {
				shown(n, visible)
			}
			list = append(list, n)
		}
		return refs, nil
	})
	if err != nil {
		return nil, err
	}
	return list, nil
}

// readNotes runs query, which selects noteColumns, and returns the notes in order with all
// their clients and addenda, read for all the notes at once.
func (svc *NoteService) readNotes(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]*carepath.Note, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("select notes: %w", svc.s.translate(err))
	}
	defer rows.Close()
	var notes []*carepath.Note
	for rows.Next() {
		n, err := scanNote(rows)
		if err != nil {
			return nil, fmt.Errorf("select notes: %w", err)
		}
		notes = append(notes, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select notes: %w", svc.s.translate(err))
	}
	rows.Close()
	return notes, svc.fill(ctx, tx, notes)
}

// read reads note id with all its clients and addenda.
func (svc *NoteService) read(ctx context.Context, tx *sql.Tx, id string) (*carepath.Note, error) {
	if wellFormedID(id) == "" {
		return nil, noteNotFound()
	}
	n, err := scanNote(tx.QueryRowContext(ctx, `SELECT `+noteColumns+` FROM notes WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, noteNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("select note: %w", svc.s.translate(err))
	}
	return n, svc.fill(ctx, tx, []*carepath.Note{n})
}

// notesPerFill bounds the ids of one IN list in fill.
const notesPerFill = 500

// fill reads the clients and addenda of notes, a few hundred notes to a query.
func (svc *NoteService) fill(ctx context.Context, tx *sql.Tx, notes []*carepath.Note) error {
	for start := 0; start < len(notes); start += notesPerFill {
		chunk := notes[start:min(start+notesPerFill, len(notes))]
		byID := make(map[string]*carepath.Note, len(chunk))
		ids := make([]any, len(chunk))
		for i, n := range chunk {
			byID[n.ID], ids[i] = n, n.ID
		}
		in := placeholders(1, len(ids))
		if err := svc.fillClients(ctx, tx, byID, in, ids); err != nil {
			return err
		}
		if err := svc.fillAddenda(ctx, tx, byID, in, ids); err != nil {
			return err
		}
	}
	return nil
}

// fillClients reads the note_clients rows of the notes byID (ids, in: their ids and
// placeholders), in position order.
func (svc *NoteService) fillClients(ctx context.Context, tx *sql.Tx, byID map[string]*carepath.Note, in string, ids []any) error {
	rows, err := tx.QueryContext(ctx, `SELECT note_id, client_id, individual, objective_ids FROM note_clients
		WHERE note_id IN (`+in+`) ORDER BY position`, ids...)
	if err != nil {
		return fmt.Errorf("select note clients: %w", svc.s.translate(err))
	}
	defer rows.Close()
	for rows.Next() {
		var noteID, obj string
		var a carepath.NoteAttendee
		if err := rows.Scan(&noteID, &a.ClientID, &a.Individual, &obj); err != nil {
			return fmt.Errorf("select note clients: %w", err)
		}
		if err := json.Unmarshal([]byte(obj), &a.ObjectiveIDs); err != nil {
			return fmt.Errorf("decode objectives: %w", err)
		}
		if len(a.ObjectiveIDs) == 0 {
			a.ObjectiveIDs = nil
		}
		n := byID[noteID]
		if n.Kind == carepath.NoteGroup {
			n.Attendees = append(n.Attendees, a)
		} else {
			n.ClientID, n.ObjectiveIDs = a.ClientID, a.ObjectiveIDs
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("select note clients: %w", svc.s.translate(err))
	}
	return nil
}

// fillAddenda reads the addenda of the notes byID (ids, in: their ids and placeholders),
// oldest first.
func (svc *NoteService) fillAddenda(ctx context.Context, tx *sql.Tx, byID map[string]*carepath.Note, in string, ids []any) error {
	rows, err := tx.QueryContext(ctx, `SELECT note_id, id, text, em_code, author_id, created_at FROM note_addenda
		WHERE note_id IN (`+in+`) ORDER BY created_at, id`, ids...)
	if err != nil {
		return fmt.Errorf("select addenda: %w", svc.s.translate(err))
	}
	defer rows.Close()
	for rows.Next() {
		var noteID string
		var a carepath.Addendum
		if err := rows.Scan(&noteID, &a.ID, &a.Text, &a.EMCode, &a.AuthorID, &a.CreatedAt); err != nil {
			return fmt.Errorf("select addenda: %w", err)
		}
		a.CreatedAt = a.CreatedAt.UTC()
		n := byID[noteID]
		n.Addenda = append(n.Addenda, a)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("select addenda: %w", svc.s.translate(err))
	}
	return nil
}

// readVisible reads note id and which of its clients the actor may see; a note none of whose
// clients the actor may see is denied (answered as ENOTFOUND), unless the actor is its author
// or named co-signer.
func (svc *NoteService) readVisible(ctx context.Context, tx *sql.Tx, id string) (*carepath.Note, map[string]bool, error) {
	n, err := svc.read(ctx, tx, id)
	if err != nil {
		return nil, nil, err
	}
	visible, err := svc.visibleClients(ctx, tx, n)
	if err != nil {
		return nil, nil, err
	}
	return n, visible, nil
}

// visibleClients returns which of note n's clients the actor may see; a note none of whose
// clients the actor may see is denied, unless the actor is its author or named co-signer.
func (svc *NoteService) visibleClients(ctx context.Context, tx *sql.Tx, n *carepath.Note) (map[string]bool, error) {
	actor, _ := carepath.ActorFrom(ctx)
	visible := map[string]bool{}
	seen := false
	for _, cid := range n.ClientIDs() {
		var c carepath.Client
		err := tx.QueryRowContext(ctx, `SELECT primary_clinician_id, case_manager_id FROM clients WHERE id = $1`, cid).
			Scan(&c.PrimaryClinicianID, &c.CaseManagerID)
		if err != nil {
			return nil, fmt.Errorf("select note client: %w", svc.s.translate(err))
		}
		visible[cid] = access.CanSeeClient(actor, &c)
		seen = seen || visible[cid]
	}
	if !seen && !seesWholeNote(ctx, n) {
		return nil, &carepath.Error{Code: carepath.EFORBIDDEN, Message: "You may not see this note.", Err: errClientHidden}
	}
	return visible, nil
}

// seesWholeNote reports whether the actor of ctx sees every part of n (access.SeesWholeNote).
func seesWholeNote(ctx context.Context, n *carepath.Note) bool {
	actor, _ := carepath.ActorFrom(ctx)
	return access.SeesWholeNote(actor, n)
}

// shown keeps only the attendees of group note n that visible names.
func shown(n *carepath.Note, visible map[string]bool) {
	if n.Kind != carepath.NoteGroup {
		return
	}
	n.Attendees = slices.DeleteFunc(n.Attendees, func(a carepath.NoteAttendee) bool { return !visible[a.ClientID] })
}

// noteRefs names note n once per client, for the audit rows.
func noteRefs(n *carepath.Note) []ref {
	var refs []ref
	for _, c := range n.ClientIDs() {
		refs = append(refs, ref{ID: n.ID, ClientID: c})
	}
	return refs
}

// mergeRefs returns a and the refs of b not in a.
func mergeRefs(a, b []ref) []ref {
	for _, r := range b {
		if !slices.Contains(a, r) {
			a = append(a, r)
		}
	}
	return a
}

// prefixed qualifies each column of a column list with prefix.
func prefixed(prefix, columns string) string {
	out := []byte(prefix)
	for i := 0; i < len(columns); i++ {
		out = append(out, columns[i])
		if columns[i] == ',' {
			for i+1 < len(columns) && (columns[i+1] == ' ' || columns[i+1] == '\n' || columns[i+1] == '\t') {
				i++
			}
			out = append(out, ' ')
			out = append(out, prefix...)
		}
	}
	return string(out)
}

func scanNote(row interface{ Scan(...any) error }) (*carepath.Note, error) {
	n := carepath.Note{Addenda: []carepath.Addendum{}}
	var sections string
	var signedAt, cosignedAt sql.NullTime
	err := row.Scan(&n.ID, &n.Kind, &n.Format, &n.SessionID, &sections, &n.AuthorID, &n.Status, &n.NeedsCosign,
		&n.CosignerID, &n.CreatedAt, &n.UpdatedAt, &n.SignedBy, &signedAt, &n.CosignedBy, &cosignedAt, &n.Revision, &n.EMCode)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(sections), &n.Sections); err != nil {
		return nil, fmt.Errorf("decode note: %w", err)
	}
	n.CreatedAt, n.UpdatedAt = n.CreatedAt.UTC(), n.UpdatedAt.UTC()
	if signedAt.Valid {
		t := signedAt.Time.UTC()
		n.SignedAt = &t
	}
	if cosignedAt.Valid {
		t := cosignedAt.Time.UTC()
		n.CosignedAt = &t
	}
	return &n, nil
}

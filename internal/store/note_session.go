package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/carepath/carepath"
)

// noteSession is the session occurrence a note documents, as checkLinks needs it.
type noteSession struct {
	clients []string // the clients scheduled: a group's roster on the date, or the session's client
	runs    bool     // the actor runs (facilitates) it
	absent  map[string]bool
}

// sessionOfNote reads the occurrence n documents, nil when n names none. The id must name an
// occurrence on the schedule ("<series id>:<local date>") of the note's kind; EINVALID naming
// session_id otherwise.
func (svc *NoteService) sessionOfNote(ctx context.Context, tx *sql.Tx, n *carepath.Note) (*noteSession, error) {
	if n.SessionID == "" {
		return nil, nil
	}
	o, err := newSeriesLoader(svc.s, tx).byOccurrenceID(ctx, n.SessionID)
	if carepath.ErrorCode(err) == carepath.ENOTFOUND {
		return nil, invalidField("session_id", "not_found", "There is no such session on the schedule.")
	}
	if err != nil {
		return nil, err
	}
	if string(o.s.Kind) != string(n.Kind) {
		return nil, invalidField("session_id", "kind", fmt.Sprintf("This is a %s session, not a %s one.", o.s.Kind, n.Kind))
	}
	actor, _ := carepath.ActorFrom(ctx)
	ns := &noteSession{clients: o.s.ClientIDs, runs: actor.ID != "" && slices.Contains(o.s.ClinicianIDs, actor.ID),
		absent: map[string]bool{}}
	rows, err := tx.QueryContext(ctx, `SELECT client_id FROM attendance WHERE occurrence_id = $1
		AND status IN ('absent_excused', 'absent_unexcused')`, n.SessionID)
	if err != nil {
		return nil, fmt.Errorf("select attendance: %w", svc.s.translate(err))
	}
	defer rows.Close()
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, fmt.Errorf("select attendance: %w", err)
		}
		ns.absent[c] = true
	}
	return ns, rows.Err()
}

// checkAttended checks that client was scheduled for the session and not marked absent.
func (ns *noteSession) checkAttended(errs *carepath.FieldErrors, path, client string) {
	switch {
	case ns == nil:
	case !slices.Contains(ns.clients, client):
		errs.Add(path, "not_scheduled", "This client was not scheduled for the session.")
	case ns.absent[client]:
		errs.Add(path, "absent", "This client was marked absent from the session.")
	}
}

// clientExists reports whether the client id exists, for a facilitator writing about a
// client on their group's roster who is not on their care team.
func (svc *NoteService) clientExists(ctx context.Context, tx *sql.Tx, id string) (bool, error) {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM clients WHERE id = $1`, id).Scan(&one)
	if err == sql.ErrNoRows {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("select client: %w", svc.s.translate(err))
	}
	return true, nil
}

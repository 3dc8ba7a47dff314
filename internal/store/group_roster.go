package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// readingKey marks the context of a call that only reads (Store.view), for the per-row rules
// that allow a read but not a write (access.ReadsAsFacilitator).
type readingKey struct{}

// withReading marks ctx as the context of a read-only call.
func withReading(ctx context.Context) context.Context {
	return context.WithValue(ctx, readingKey{}, true)
}

// reading reports whether ctx is the context of a read-only call.
func reading(ctx context.Context) bool { v, _ := ctx.Value(readingKey{}).(bool); return v }

// facilitatesMemberQuery finds a group that staff member $2 facilitates and client $1 is on
// now or from a later date (a stay not ended on $3, today).
const facilitatesMemberQuery = `SELECT EXISTS (SELECT 1 FROM group_members gm JOIN groups g ON g.id = gm.group_id
	WHERE gm.client_id = $1 AND (gm.until_date IS NULL OR gm.until_date > $3)
	AND (g.end_date = '' OR g.end_date >= $3)
	AND (',' || g.facilitator_ids || ',') LIKE '%,' || $2 || ',%')`

// readsAsFacilitator reports whether actor, outside client clientID's care team, may still
// read the client's records in this call because they facilitate a group the client is on
// (access.ReadsAsFacilitator).
func (s *Store) readsAsFacilitator(ctx context.Context, tx *sql.Tx, actor carepath.Actor, clientID string) (bool, error) {
	if !access.ReadsAsFacilitator(actor.Role, true, reading(ctx)) || actor.ID == "" {
		return false, nil
	}
	var facilitates bool
	today := s.now().UTC().Format(carepath.DateLayout)
	if err := tx.QueryRowContext(ctx, facilitatesMemberQuery, clientID, actor.ID, today).Scan(&facilitates); err != nil {
		return false, fmt.Errorf("select facilitated member: %w", s.translate(err))
	}
	return facilitates, nil
}

// showRoster applies the roster rule (access.SeesWholeRoster) to g's members: an actor who does
// not see the whole roster keeps only the members on their care team. It returns one ref per
// client left on the roster, for the call's audit rows (one audit_shown row per client).
func (svc *GroupService) showRoster(ctx context.Context, tx *sql.Tx, g *carepath.Group) ([]ref, error) {
	actor, _ := carepath.ActorFrom(ctx)
	if !access.SeesWholeRoster(actor, g.FacilitatorIDs) {
		visible, err := svc.careTeamOf(ctx, tx, actor, g.Members)
		if err != nil {
			return nil, err
		}
		kept := g.Members[:0]
		for _, m := range g.Members {
			if visible[m.ClientID] {
				kept = append(kept, m)
			}
		}
		g.Members = kept
	}
	refs := make([]ref, 0, len(g.Members))
	for _, m := range g.Members {
		refs = append(refs, ref{ID: m.ClientID, ClientID: m.ClientID})
	}
	return refs, nil
}

// careTeamOf returns which of members' clients are on actor's care team (access.ScopeOf).
func (svc *GroupService) careTeamOf(ctx context.Context, tx *sql.Tx, actor carepath.Actor, members []carepath.GroupMember) (map[string]bool, error) {
	visible := map[string]bool{}
	column, ok := clientScope(actor)
	if !ok || len(members) == 0 {
		return visible, nil
	}
	args := []any{}
	in := make([]string, 0, len(members))
	for _, m := range members {
		args = append(args, m.ClientID)
		in = append(in, "$"+strconv.Itoa(len(args)))
	}
	q := `SELECT id FROM clients WHERE id IN (` + strings.Join(in, ", ") + `)`
	if column != "" {
		args = append(args, actor.ID)
		q += ` AND ` + column + ` = $` + strconv.Itoa(len(args))
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("select roster care team: %w", svc.s.translate(err))
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("scan roster care team: %w", err)
		}
		visible[id] = true
	}
	return visible, rows.Err()
}

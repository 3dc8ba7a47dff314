package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/carepath/carepath"
)

// scheduleScope is the row-level rule for occurrences, applied after the policy table allowed
// the actor's role: admin, the command line and the front desk (which schedules) see every
// occurrence and its whole roster; a clinician or case manager sees the occurrences they run
// (with the whole roster) and those that list one of their care-team clients (access.CanSeeClient),
// with only those clients on the roster. A client (reading their own calendar feed) sees only
// the occurrences that list them, with only themselves on the roster.
type scheduleScope struct {
	actor   carepath.Actor
	all     bool
	clients map[string]bool
}

func newScheduleScope(ctx context.Context, s *Store, tx *sql.Tx) (*scheduleScope, error) {
	actor, _ := carepath.ActorFrom(ctx)
	sc := &scheduleScope{actor: actor, clients: map[string]bool{}}
	if actor.Role == carepath.RoleClient { // a client's calendar feed: their own occurrences only
		sc.clients[actor.ID] = actor.ID != ""
		return sc, nil
	}
	column, ok := clientScope(actor)
	if !ok {
		return sc, nil
	}
	if column == "" {
		sc.all = true
		return sc, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT id FROM clients WHERE `+column+` = $1`, actor.ID)
	if err != nil {
		return nil, fmt.Errorf("select care team: %w", s.translate(err))
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		sc.clients[id] = true
	}
	return sc, rows.Err()
}

// runs reports whether the actor runs o.
func (sc *scheduleScope) runs(o occurrence) bool {
	return sc.actor.ID != "" && slices.Contains(o.s.ClinicianIDs, sc.actor.ID)
}

// sees reports whether the actor may see o.
func (sc *scheduleScope) sees(o occurrence) bool {
	if sc.all || sc.runs(o) {
		return true
	}
	return slices.ContainsFunc(o.s.ClientIDs, func(c string) bool { return sc.clients[c] })
}

// roster returns the clients of o the actor may see.
func (sc *scheduleScope) roster(o occurrence) []string {
	if sc.all || sc.runs(o) {
		return slices.Clone(nonNil(o.s.ClientIDs))
	}
	out := []string{}
	for _, c := range o.s.ClientIDs {
		if sc.clients[c] {
			out = append(out, c)
		}
	}
	return out
}

// seesClient reports whether the actor may see the client's records.
func (sc *scheduleScope) seesClient(id string) bool { return sc.all || sc.clients[id] }

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

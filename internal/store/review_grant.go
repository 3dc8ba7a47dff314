package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// reviewGrants reads the authorizations assigned to payer reviewer id: the reviewer's row
// rule (access.CanSeeClient, access.ReviewerSeesDate). It is never nil, so a reviewer with no
// assignment is not read again within a call.
func (s *Store) reviewGrants(ctx context.Context, tx *sql.Tx, id string) ([]carepath.ReviewGrant, error) {
	grants := []carepath.ReviewGrant{}
	if id == "" {
		return grants, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT a.id, e.client_id, a.start_on, a.end_on FROM authorizations a
		JOIN episodes e ON e.id = a.episode_id WHERE a.reviewer_id = $1 ORDER BY a.start_on, a.id`, id)
	if err != nil {
		return nil, fmt.Errorf("select review grants: %w", s.translate(err))
	}
	defer rows.Close()
	for rows.Next() {
		var g carepath.ReviewGrant
		if err := rows.Scan(&g.AuthorizationID, &g.ClientID, &g.From, &g.To); err != nil {
			return nil, fmt.Errorf("scan review grant: %w", s.translate(err))
		}
		grants = append(grants, g)
	}
	return grants, rows.Err()
}

// reviewerSees applies the reviewer's date rule (access.ReviewerSeesDate) to a record of the
// client dated at (its UTC day); true for every actor but a payer reviewer.
func reviewerSees(ctx context.Context, clientID string, at time.Time) bool {
	actor, _ := carepath.ActorFrom(ctx)
	return access.ReviewerSeesDate(actor, clientID, at.UTC().Format(carepath.DateLayout))
}

// reviewerSeesWeek applies the reviewer's date rule to an ISO week starting on monday
// (YYYY-MM-DD): a reviewer sees the week when they see any of its days.
func reviewerSeesWeek(ctx context.Context, clientID, monday string) bool {
	actor, _ := carepath.ActorFrom(ctx)
	day, err := time.Parse(carepath.DateLayout, monday)
	if err != nil {
		return access.ReviewerSeesDate(actor, clientID, monday)
	}
	for i := range 7 {
		if access.ReviewerSeesDate(actor, clientID, day.AddDate(0, 0, i).Format(carepath.DateLayout)) {
			return true
		}
	}
	return false
}

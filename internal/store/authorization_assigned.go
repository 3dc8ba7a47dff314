package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// FindAssignedAuthorizations lists the authorizations assigned to the actor as payer reviewer,
// by start, with their units used and left and their client's name. Only the rows whose
// reviewer is the actor are read, so a reviewer never sees another's; each is read through the
// reviewer's row rule as well (readOne), and, for an outside actor, through the disclosure
// gate: an authorization whose client's records may not go to the reviewer's organization is
// counted as withheld and shows nothing. The call is audited as a list: one row for the call
// and one per client shown.
func (svc *AuthorizationService) FindAssignedAuthorizations(ctx context.Context) (*carepath.AssignedAuthorizations, error) {
	out := &carepath.AssignedAuthorizations{Authorizations: []*carepath.AssignedAuthorization{}}
	o := op{record: access.Authorization, action: access.Read, lists: true, detail: "assigned=me"}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		out = &carepath.AssignedAuthorizations{Authorizations: []*carepath.AssignedAuthorization{}}
		actor, _ := carepath.ActorFrom(ctx)
		ids, err := svc.assignedIDs(ctx, tx, actor.ID)
		if err != nil {
			return nil, err
		}
		var refs []ref
		for _, id := range ids {
			a, _, err := svc.readOne(ctx, tx, id)
			if carepath.ErrorCode(err) == carepath.ENOTFOUND {
				continue
			}
			if err != nil {
				return nil, err
			}
			if actor.Outside() {
				_, err := svc.s.disclosure(ctx, tx, a.ClientID, actor.Party)
				if carepath.ErrorCode(err) == carepath.EFORBIDDEN {
					out.Withheld++
					continue
				}
				if err != nil {
					return nil, err
				}
			}
			c, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, a.ClientID)
			if err != nil {
				return nil, err
			}
			out.Authorizations = append(out.Authorizations, &carepath.AssignedAuthorization{Authorization: *a,
				ClientName: carepath.ClientName{ID: c.ID, GivenName: c.GivenName, FamilyName: c.FamilyName, PreferredName: c.PreferredName}})
			refs = append(refs, ref{ID: a.ID, ClientID: a.ClientID})
		}
		return refs, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// assignedIDs reads the ids of the authorizations whose reviewer is staff member id, by start.
func (svc *AuthorizationService) assignedIDs(ctx context.Context, tx *sql.Tx, id string) ([]string, error) {
	if id == "" {
		return nil, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT id FROM authorizations WHERE reviewer_id = $1 ORDER BY start_on, id`, id)
	if err != nil {
		return nil, fmt.Errorf("select assigned authorizations: %w", svc.s.translate(err))
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("scan assigned authorization: %w", svc.s.translate(err))
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

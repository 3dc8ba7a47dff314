package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// FindAuthorizationAlerts lists the alerts due today (raised 3 business days before the day
// they are about) of the authorizations of open episodes whose clients the actor sees: units
// running out at the client's schedule, the last authorized date, the next review. Soonest
// first.
func (svc *AuthorizationService) FindAuthorizationAlerts(ctx context.Context) ([]*carepath.AuthorizationAlert, error) {
	list := []*carepath.AuthorizationAlert{}
	o := op{record: access.Authorization, action: access.List, lists: true, detail: "alerts"}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var err error
		list, err = svc.dueAlerts(ctx, tx, true)
		if err != nil {
			return nil, err
		}
		var refs []ref
		for _, a := range list {
			refs = append(refs, ref{ID: a.AuthorizationID, ClientID: a.ClientID})
		}
		return refs, nil
	})
	return list, err
}

// dueAlerts reads the alerts due today of the open episodes' authorizations in tx; scoped to
// the clients the actor sees when scoped is set.
func (svc *AuthorizationService) dueAlerts(ctx context.Context, tx *sql.Tx, scoped bool) ([]*carepath.AuthorizationAlert, error) {
	scope, err := newScheduleScope(ctx, svc.s, tx)
	if err != nil {
		return nil, err
	}
	today := svc.s.now().UTC().Format(carepath.DateLayout)
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT a.episode_id FROM authorizations a JOIN episodes e ON e.id = a.episode_id
		WHERE e.discharged_on = '' AND a.end_on >= $1 ORDER BY a.episode_id`, today)
	if err != nil {
		return nil, fmt.Errorf("select authorized episodes: %w", svc.s.translate(err))
	}
	var episodes []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("select authorized episodes: %w", err)
		}
		episodes = append(episodes, id)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("select authorized episodes: %w", svc.s.translate(err))
	}
	out := []*carepath.AuthorizationAlert{}
	for _, id := range episodes {
		ep, err := (&EpisodeService{s: svc.s}).read(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		if scoped && !scope.seesClient(ep.ClientID) {
			continue
		}
		auths, err := svc.computed(ctx, tx, ep)
		if err != nil {
			return nil, err
		}
		for _, a := range auths {
			for _, al := range a.Alerts {
				if al.Due <= today && al.On >= today {
					out = append(out, &carepath.AuthorizationAlert{AuthAlert: al, AuthorizationID: a.ID, ClientID: a.ClientID,
						EpisodeID: a.EpisodeID, Number: a.Number})
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b *carepath.AuthorizationAlert) int { return compareStrings(a.On, b.On) })
	return out, nil
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/delivery"
)

// CancelledOccurrences lists the cancelled occurrences, starting in [from, to), of the
// series the actor runs (a staff member: groups they facilitate, sessions they hold) or is on
// (a client: their sessions, and groups they were rostered in on the day), so a calendar feed
// can mark them cancelled rather than drop them. It is audited as a session list.
func (svc *CalendarFeedService) CancelledOccurrences(ctx context.Context, from, to time.Time) ([]*carepath.Occurrence, error) {
	list := []*carepath.Occurrence{}
	o := op{record: access.TherapySession, action: access.List, detail: "cancelled occurrences"}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		actor, _ := carepath.ActorFrom(ctx)
		if actor.ID == "" {
			return nil, nil
		}
		var gw, sw string
		var ga, sa []any
		if actor.Role == carepath.RoleClient {
			gw, ga = `id IN (SELECT group_id FROM group_members WHERE client_id = $1)`, []any{actor.ID}
			sw, sa = `client_id = $1`, []any{actor.ID}
		} else {
			gw, ga = `(',' || facilitator_ids || ',') LIKE $1`, []any{"%," + actor.ID + ",%"}
			sw, sa = `clinician_id = $1`, []any{actor.ID}
		}
		all, err := newSeriesLoader(svc.s, tx).load(ctx, gw, ga, sw, sa)
		if err != nil {
			return nil, fmt.Errorf("cancelled occurrences: %w", err)
		}
		var refs []ref
		for _, se := range all {
			for _, d := range se.ds.Cancelled {
				start := d.At(se.ds.Recurrence.Start, se.loc)
				if start.Before(from) || !start.Before(to) {
					continue
				}
				oc := se.occurrence(delivery.Occurrence{ID: delivery.OccurrenceID(se.id, d), SeriesID: se.id, Date: d,
					Start: start, Minutes: se.ds.Recurrence.Minutes})
				if actor.Role == carepath.RoleClient && !containsID(oc.s.ClientIDs, actor.ID) {
					continue
				}
				p := oc.public(0)
				r := ref{ID: se.id}
				p.ClientIDs = []string{}
				if actor.Role == carepath.RoleClient {
					p.ClientIDs, r.ClientID = []string{actor.ID}, actor.ID
				}
				list = append(list, p)
				refs = append(refs, r)
			}
		}
		return refs, nil
	})
	if err != nil {
		return nil, err
	}
	return list, nil
}

func containsID(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// FindMeasuresDue lists the measures due now for the visible clients with an open episode
// (outcome.Schedule.DueNow), oldest due date first. One audit_shown row per client listed.
func (svc *MeasureService) FindMeasuresDue(ctx context.Context) ([]*carepath.MeasureDue, error) {
	out := []*carepath.MeasureDue{}
	o := op{record: access.Measure, action: access.List, lists: true, detail: "due now"}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		actor, _ := carepath.ActorFrom(ctx)
		where, args, ok := visibleClause(actor, 1)
		if !ok {
			return nil, nil
		}
		rows, err := tx.QueryContext(ctx, `SELECT DISTINCT e.client_id FROM episodes e JOIN clients c ON c.id = e.client_id
			WHERE e.status = 'open' AND `+where+` ORDER BY e.client_id`, args...)
		if err != nil {
			return nil, fmt.Errorf("select open episodes: %w", svc.s.translate(err))
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("scan client: %w", svc.s.translate(err))
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select open episodes: %w", svc.s.translate(err))
		}
		now := svc.s.timestamp()
		var refs []ref
		for _, id := range ids {
			sched, _, err := svc.scheduleOf(ctx, tx, id)
			if err != nil {
				return nil, err
			}
			if sched == nil {
				continue
			}
			_, oms, err := svc.loadMeasures(ctx, tx, id)
			if err != nil {
				return nil, err
			}
			due := sched.DueNow(oms, now)
			for _, d := range due {
				out = append(out, &carepath.MeasureDue{ClientID: id, Due: d.On.Format(carepath.DateLayout), Kind: string(d.Kind),
					Instruments: idStrings(d.Instruments), Until: d.On.AddDate(0, 0, sched.GraceDays).Format(carepath.DateLayout)})
			}
			if len(due) > 0 {
				refs = append(refs, ref{ID: id, ClientID: id})
			}
		}
		return refs, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// FindCertificationAlerts lists the open Medicare IOP episodes of the clients the actor sees
// whose physician certification is missing, overdue, or due within a week.
func (svc *CertificationService) FindCertificationAlerts(ctx context.Context) ([]*carepath.CertificationAlert, error) {
	out := []*carepath.CertificationAlert{}
	o := op{record: access.Certification, action: access.List, lists: true, detail: "alerts"}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		scope, err := newScheduleScope(ctx, svc.s, tx)
		if err != nil {
			return nil, err
		}
		rows, err := tx.QueryContext(ctx, `SELECT e.id, e.client_id FROM episodes e WHERE e.status = 'open' AND e.level = $1
			AND EXISTS (SELECT 1 FROM coverages c JOIN payers p ON p.id = c.payer_id
				WHERE c.client_id = e.client_id AND c.ended_on = '' AND p.medicare) ORDER BY e.id`, string(carepath.LevelIOP))
		if err != nil {
			return nil, fmt.Errorf("select medicare iop episodes: %w", svc.s.translate(err))
		}
		type episode struct{ id, client string }
		var episodes []episode
		for rows.Next() {
			var e episode
			if err := rows.Scan(&e.id, &e.client); err != nil {
				rows.Close()
				return nil, fmt.Errorf("scan episode: %w", svc.s.translate(err))
			}
			if scope.seesClient(e.client) {
				episodes = append(episodes, e)
			}
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("select medicare iop episodes: %w", svc.s.translate(err))
		}
		now := svc.s.now().UTC()
		today, soon := now.Format(carepath.DateLayout), now.AddDate(0, 0, carepath.RecertificationWarnDays).Format(carepath.DateLayout)
		var refs []ref
		for _, e := range episodes {
			list, err := readCertifications(ctx, svc.s, tx, e.id)
			if err != nil {
				return nil, err
			}
			a := &carepath.CertificationAlert{EpisodeID: e.id, ClientID: e.client, Due: carepath.RecertificationDue(list)}
			switch {
			case a.Due == "":
				a.Message = "No physician certification is on file: Medicare IOP claims are held until one is recorded."
			case a.Due < today:
				a.Overdue = true
				a.Message = "The physician recertification was due on " + a.Due + ": Medicare IOP claims from that day are held."
			case a.Due <= soon:
				a.Message = "A physician recertification is due by " + a.Due + "."
			default:
				continue
			}
			out = append(out, a)
			refs = append(refs, ref{ID: e.id, ClientID: e.client})
		}
		slices.SortStableFunc(out, func(a, b *carepath.CertificationAlert) int { return compareStrings(a.Due, b.Due) })
		return refs, nil
	})
	return out, err
}

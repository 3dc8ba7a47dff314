package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// FindCertificationAlerts lists the open Medicare IOP episodes of the clients the actor sees
// whose physician certification is missing, overdue, or due within a week.
func (svc *CertificationService) FindCertificationAlerts(ctx context.Context) ([]*carepath.CertificationAlert, error) {
	out := []*carepath.CertificationAlert{}
	o := op{record: access.Certification, action: access.List, lists: true, detail: "alerts"}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		list, err := certificationAlerts(ctx, svc.s, tx)
		if err != nil {
			return nil, err
		}
		out = append(out, list...)
		refs := make([]ref, 0, len(list))
		for _, a := range list {
			refs = append(refs, ref{ID: a.EpisodeID, ClientID: a.ClientID})
		}
		return refs, nil
	})
	return out, err
}

// certificationAlerts computes, in tx, the certification alerts of the open Medicare IOP
// episodes of the clients the actor sees (every client, for the system): missing ones first,
// then by due date.
func certificationAlerts(ctx context.Context, s *Store, tx *sql.Tx) ([]*carepath.CertificationAlert, error) {
	scope, err := newScheduleScope(ctx, s, tx)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT e.id, e.client_id FROM episodes e WHERE e.status = 'open' AND e.level = $1
		AND EXISTS (SELECT 1 FROM coverages c JOIN payers p ON p.id = c.payer_id
			WHERE c.client_id = e.client_id AND c.ended_on = '' AND p.medicare) ORDER BY e.id`, string(carepath.LevelIOP))
	if err != nil {
		return nil, fmt.Errorf("select medicare iop episodes: %w", s.translate(err))
	}
	type episode struct{ id, client string }
	var episodes []episode
	for rows.Next() {
		var e episode
		if err := rows.Scan(&e.id, &e.client); err != nil {
			rows.Close()
			return nil, fmt.Errorf("scan episode: %w", s.translate(err))
		}
		if scope.seesClient(e.client) {
			episodes = append(episodes, e)
		}
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("select medicare iop episodes: %w", s.translate(err))
	}
	now := s.now().UTC()
	today, soon := now.Format(carepath.DateLayout), now.AddDate(0, 0, carepath.RecertificationWarnDays).Format(carepath.DateLayout)
	out := []*carepath.CertificationAlert{}
	for _, e := range episodes {
		list, err := readCertifications(ctx, s, tx, e.id)
		if err != nil {
			return nil, err
		}
		a := &carepath.CertificationAlert{EpisodeID: e.id, ClientID: e.client, Due: carepath.RecertificationDue(list)}
		switch {
		case a.Due == "":
			a.Kind = carepath.CertificationMissing
			a.Message = "No physician certification is on file: Medicare IOP claims are held until one is recorded."
		case a.Due < today:
			a.Kind, a.Overdue, a.DaysOverdue = carepath.CertificationOverdue, true, daysBetween(a.Due, today)
			a.Message = "The physician recertification was due on " + a.Due + ": Medicare IOP claims from that day are held."
		case a.Due <= soon:
			a.Kind = carepath.CertificationDueSoon
			a.Message = "A physician recertification is due by " + a.Due + "."
		default:
			continue
		}
		out = append(out, a)
	}
	slices.SortStableFunc(out, func(a, b *carepath.CertificationAlert) int { return compareStrings(a.Due, b.Due) })
	return out, nil
}

// daysBetween returns how many days from is before to (both dates as carepath.DateLayout).
func daysBetween(from, to string) int {
	f, err1 := time.Parse(carepath.DateLayout, from)
	t, err2 := time.Parse(carepath.DateLayout, to)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(t.Sub(f).Hours() / 24)
}

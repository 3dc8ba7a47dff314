package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/billing"
	"github.com/carepath/carepath/delivery"
)

// burnHorizon is how far ahead the client's schedule is read for a burn-down: past the last
// authorized date, capped so a long authorization stays quick to read.
const burnHorizon = 366 * 24 * time.Hour

// computed reads the episode's authorizations in tx and fills in what is counted, not stored:
// units used (attendance in the episode's program, at the level of the episode on that date),
// units left, the burn-down over the client's schedule from today, the date the units run out
// and the alerts from today on.
func (svc *AuthorizationService) computed(ctx context.Context, tx *sql.Tx, ep *carepath.Episode) ([]*carepath.Authorization, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+authorizationColumns+` FROM authorizations a JOIN payers p ON p.id = a.payer_id
		WHERE a.episode_id = $1 ORDER BY a.start_on, a.created_at, a.id`, ep.ID)
	if err != nil {
		return nil, fmt.Errorf("select authorizations: %w", svc.s.translate(err))
	}
	list := []*carepath.Authorization{}
	for rows.Next() {
		var a carepath.Authorization
		if err := rows.Scan(&a.ID, &a.EpisodeID, &a.ClientID, &a.PayerID, &a.PayerName, &a.Number, &a.Level, &a.Start, &a.End,
			&a.Unit, &a.Units, &a.Frequency, &a.NextReview, &a.CareManager, &a.ReviewerID, &a.CreatedBy, &a.CreatedAt); err != nil {
			rows.Close()
			return nil, fmt.Errorf("select authorizations: %w", err)
		}
		a.CreatedAt = a.CreatedAt.UTC()
		list = append(list, &a)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("select authorizations: %w", svc.s.translate(err))
	}
	if len(list) == 0 {
		return list, nil
	}
	attended, err := svc.attendedUnits(ctx, tx, ep)
	if err != nil {
		return nil, err
	}
	auths := make([]billing.Authorization, len(list))
	last := ""
	for i, a := range list {
		auths[i] = billingAuthorization(a)
		last = max(last, a.End)
	}
	auths, _ = billing.Consume(auths, attended)
	today := svc.s.now().UTC().Format(carepath.DateLayout)
	planned, err := svc.plannedDates(ctx, tx, ep, today, last)
	if err != nil {
		return nil, err
	}
	for i, a := range list {
		b := auths[i]
		a.UnitsUsed, a.UnitsLeft = b.UnitsUsed, b.UnitsLeft()
		dates := planned.sessions
		if b.Unit == billing.UnitDay {
			dates = planned.days
		}
		burn := billing.BurnDownOf(b, today, dates)
		a.ExhaustsOn = burn.ExhaustsOn
		a.Burn = make([]carepath.Burn, len(burn.Points))
		for j, p := range burn.Points {
			a.Burn[j] = carepath.Burn{Date: p.Date, UnitsLeft: p.Left}
		}
		a.Alerts = []carepath.AuthAlert{}
		for _, al := range billing.Alerts(b, burn) {
			if al.On >= today {
				a.Alerts = append(a.Alerts, carepath.AuthAlert{Kind: string(al.Kind), On: al.On, Due: al.Due, Message: al.Message})
			}
		}
	}
	return list, nil
}

// billingAuthorization is a as billing counts it.
func billingAuthorization(a *carepath.Authorization) billing.Authorization {
	b := billing.Authorization{ID: a.ID, PayerID: a.PayerID, Number: a.Number, Level: a.Level, Start: a.Start, End: a.End,
		Unit: billing.AuthUnit(a.Unit), Units: a.Units, Frequency: a.Frequency, CareManager: a.CareManager}
	if a.NextReview != "" {
		b.ReviewDates = []string{a.NextReview}
	}
	return b
}

// attendedUnits reads the episode's attendance (present, late or left early, in its program,
// from its admission to its discharge) as units of both kinds, at the level of the episode on
// each date.
func (svc *AuthorizationService) attendedUnits(ctx context.Context, tx *sql.Tx, ep *carepath.Episode) ([]billing.AttendedUnit, error) {
	end := ep.DischargedOn
	if end == "" {
		end = "9999-12-31"
	}
	rows, err := tx.QueryContext(ctx, `SELECT occurrence_id, local_date FROM attendance
		WHERE client_id = $1 AND program_id = $2 AND local_date >= $3 AND local_date <= $4
		AND status IN ('present', 'late', 'left_early') ORDER BY local_date, occurrence_id`,
		ep.ClientID, ep.ProgramID, ep.AdmittedOn, end)
	if err != nil {
		return nil, fmt.Errorf("select attendance: %w", svc.s.translate(err))
	}
	defer rows.Close()
	var out []billing.AttendedUnit
	for rows.Next() {
		var occ, date string
		if err := rows.Scan(&occ, &date); err != nil {
			return nil, fmt.Errorf("select attendance: %w", err)
		}
		level := levelOn(ep, date)
		out = append(out, billing.AttendedUnit{Ref: occ, Date: date, Unit: billing.UnitDay, Level: level},
			billing.AttendedUnit{Ref: occ, Date: date, Unit: billing.UnitSession, Level: level})
	}
	return out, svc.s.translate(rows.Err())
}

// levelOn is the level of ep on date: the level it was transferred to last on or before date,
// or the level it was admitted at.
func levelOn(ep *carepath.Episode, date string) carepath.Level {
	level := ep.Level
	if len(ep.Transfers) > 0 {
		level = ep.Transfers[0].FromLevel
	}
	for _, t := range ep.Transfers {
		if t.On <= date {
			level = t.ToLevel
		}
	}
	return level
}

// plannedUnits are the dates of the client's scheduled sessions from today: one per session,
// and one per day with any session.
type plannedUnits struct{ sessions, days []string }

// plannedDates expands the client's groups and booked sessions in the episode's program from
// today to the last authorized date (at most burnHorizon ahead).
func (svc *AuthorizationService) plannedDates(ctx context.Context, tx *sql.Tx, ep *carepath.Episode, today, last string) (plannedUnits, error) {
	var out plannedUnits
	if ep.DischargedOn != "" || last < today {
		return out, nil
	}
	l := newSeriesLoader(svc.s, tx)
	ss, err := l.load(ctx, `program_id = $1 AND id IN (SELECT group_id FROM group_members WHERE client_id = $2)`,
		[]any{ep.ProgramID, ep.ClientID}, `program_id = $1 AND client_id = $2`, []any{ep.ProgramID, ep.ClientID})
	if err != nil {
		return out, err
	}
	from, _ := time.Parse(carepath.DateLayout, today)
	to, _ := time.Parse(carepath.DateLayout, last)
	if to = to.AddDate(0, 0, 2); to.Sub(from) > burnHorizon {
		to = from.Add(burnHorizon)
	}
	seen := map[string]bool{}
	for _, se := range ss {
		for _, o := range se.occurrences(from.Add(-24*time.Hour), to) {
			if !slices.Contains(o.s.ClientIDs, ep.ClientID) {
				continue
			}
			d := delivery.DateOf(o.s.Start.In(se.loc)).String()
			if d < today || d > last {
				continue
			}
			out.sessions = append(out.sessions, d)
			if !seen[d] {
				seen[d] = true
				out.days = append(out.days, d)
			}
		}
	}
	slices.Sort(out.sessions)
	slices.Sort(out.days)
	return out, nil
}

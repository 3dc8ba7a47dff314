package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/instrument"
	"github.com/carepath/carepath/outcome"
)

// substanceInstruments are the instruments whose presence in a client's measures means they
// are treated for substance use, so that the default schedule asks the check-in too.
var substanceInstruments = []instrument.ID{instrument.AUDIT, instrument.DAST10, outcome.CheckInID}

// scheduleOf returns the schedule of a client's open episode: the level's default, with the
// client's override applied; nil when no episode is open.
func (svc *MeasureService) scheduleOf(ctx context.Context, tx *sql.Tx, clientID string) (*outcome.Schedule, bool, error) {
	cc, err := svc.careOf(ctx, tx, clientID)
	if err != nil || cc.open == nil {
		return nil, false, err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM measures WHERE client_id = $1 AND instrument IN ($2, $3, $4)`, clientID,
		string(substanceInstruments[0]), string(substanceInstruments[1]), string(substanceInstruments[2])).Scan(&n); err != nil {
		return nil, false, fmt.Errorf("count substance measures: %w", svc.s.translate(err))
	}
	s := outcome.DefaultSchedule(cc.open.level, cc.open.admitted, n > 0, cc.open.loc)
	var every int
	var repeated, bookends string
	err = tx.QueryRowContext(ctx, `SELECT every_days, repeated, bookends FROM measure_schedules WHERE client_id = $1`, clientID).Scan(&every, &repeated, &bookends)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return nil, false, fmt.Errorf("select schedule: %w", svc.s.translate(err))
	default:
		s.EveryDays, s.Repeated, s.Bookends = every, splitInstruments(repeated), splitInstruments(bookends)
		s.GraceDays = graceFor(s.GraceDays, every)
		return &s, true, nil
	}
	return &s, false, nil
}

// graceFor narrows the default grace so that windows of a schedule every `every` days never
// overlap.
func graceFor(grace, every int) int {
	if every == 0 {
		return grace
	}
	return min(grace, max(0, (every-1)/2))
}

func splitInstruments(s string) []instrument.ID {
	var out []instrument.ID
	for _, f := range strings.Split(s, ",") {
		if f != "" {
			out = append(out, instrument.ID(f))
		}
	}
	return out
}

func joinInstruments(ids []string) string { return strings.Join(ids, ",") }

func idStrings(ids []instrument.ID) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, string(id))
	}
	return out
}

// scheduleView shows a schedule with its next due date and missed count at now.
func scheduleView(s *outcome.Schedule, override bool, oms []outcome.Measure, now time.Time) *carepath.MeasureSchedule {
	v := &carepath.MeasureSchedule{Level: s.Level, EveryDays: s.EveryDays, Repeated: idStrings(s.Repeated), Bookends: idStrings(s.Bookends),
		Missed: s.Missed(oms, now), Override: override}
	if due := s.DueDates(now, now.AddDate(0, 0, 120)); len(due) > 0 {
		v.NextDue = due[0].On.Format(carepath.DateLayout)
	}
	return v
}

// SetMeasureSchedule overrides a client's schedule.
func (svc *MeasureService) SetMeasureSchedule(ctx context.Context, clientID string, u carepath.MeasureScheduleUpdate) (*carepath.MeasureSchedule, error) {
	var out *carepath.MeasureSchedule
	validate := func() error {
		s := outcome.Schedule{Admitted: time.Unix(0, 0), EveryDays: u.EveryDays, GraceDays: graceFor(3, u.EveryDays),
			Repeated: toIDs(u.Repeated), Bookends: toIDs(u.Bookends)}
		return s.Validate()
	}
	o := op{record: access.Measure, action: access.Update, clientID: wellFormedID(clientID), detail: "schedule", validate: validate}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		actor, _ := carepath.ActorFrom(ctx)
		if _, err := tx.ExecContext(ctx, `INSERT INTO measure_schedules (client_id, every_days, repeated, bookends, updated_by, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (client_id) DO UPDATE SET every_days = excluded.every_days,
			repeated = excluded.repeated, bookends = excluded.bookends, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
			clientID, u.EveryDays, joinInstruments(u.Repeated), joinInstruments(u.Bookends), actor.ID, svc.s.timestamp()); err != nil {
			return nil, fmt.Errorf("upsert schedule: %w", svc.s.translate(err))
		}
		s, override, err := svc.scheduleOf(ctx, tx, clientID)
		if err != nil {
			return nil, err
		}
		if s == nil {
			out = &carepath.MeasureSchedule{EveryDays: u.EveryDays, Repeated: u.Repeated, Bookends: u.Bookends, Override: true}
		} else {
			_, oms, err := svc.loadMeasures(ctx, tx, clientID)
			if err != nil {
				return nil, err
			}
			out = scheduleView(s, override, oms, svc.s.timestamp())
		}
		if out.Bookends == nil {
			out.Bookends = []string{}
		}
		return []ref{{ID: clientID, ClientID: clientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return out, nil
}

func toIDs(ss []string) []instrument.ID {
	out := make([]instrument.ID, 0, len(ss))
	for _, s := range ss {
		out = append(out, instrument.ID(s))
	}
	return out
}

// ResetMeasureSchedule removes a client's override, so the level's defaults apply again.
func (svc *MeasureService) ResetMeasureSchedule(ctx context.Context, clientID string) (*carepath.MeasureSchedule, error) {
	var out *carepath.MeasureSchedule
	o := op{record: access.Measure, action: access.Update, clientID: wellFormedID(clientID), detail: "schedule reset"}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM measure_schedules WHERE client_id = $1`, clientID); err != nil {
			return nil, fmt.Errorf("delete schedule: %w", svc.s.translate(err))
		}
		s, override, err := svc.scheduleOf(ctx, tx, clientID)
		if err != nil {
			return nil, err
		}
		if s != nil {
			_, oms, err := svc.loadMeasures(ctx, tx, clientID)
			if err != nil {
				return nil, err
			}
			out = scheduleView(s, override, oms, svc.s.timestamp())
		}
		return []ref{{ID: clientID, ClientID: clientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return out, nil
}

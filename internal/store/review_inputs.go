package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/delivery"
	"github.com/carepath/carepath/instrument"
	"github.com/carepath/carepath/outcome"
)

// reviewWindow is how far back a review looks at attendance: the last 4 weeks.
const reviewWindow = 28 * 24 * time.Hour

// reviewEpisode is the open episode a review is about, with its program's time zone.
type reviewEpisode struct {
	id, programID string
	level         carepath.Level
	version       int
	admittedOn    string
	lastOn        string // the admission or the last transfer, whichever is later
	loc           *time.Location
}

// openEpisodeOf reads the client's open episode (the most recently admitted one when there
// are several); ECONFLICT when there is none.
func openEpisodeOf(ctx context.Context, s *Store, tx *sql.Tx, clientID string) (*reviewEpisode, error) {
	var e reviewEpisode
	var tz string
	err := tx.QueryRowContext(ctx, `SELECT e.id, e.program_id, e.level, e.version, e.admitted_on, p.time_zone
		FROM episodes e JOIN programs p ON p.id = e.program_id
		WHERE e.client_id = $1 AND e.status = 'open' ORDER BY e.admitted_on DESC, e.id DESC LIMIT 1`, clientID).
		Scan(&e.id, &e.programID, &e.level, &e.version, &e.admittedOn, &tz)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &carepath.Error{Code: carepath.ECONFLICT, Message: "The client has no open episode of care to review.",
			Fields: []carepath.FieldError{{Field: "episode", Code: "none_open",
				Message: "Admit the client to a program before running a continued-stay review."}}}
	}
	if err != nil {
		return nil, fmt.Errorf("select open episode: %w", s.translate(err))
	}
	if e.loc, err = time.LoadLocation(tz); err != nil {
		e.loc = time.UTC
	}
	e.lastOn = e.admittedOn
	var last sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT max(transferred_on) FROM episode_transfers WHERE episode_id = $1`, e.id).
		Scan(&last); err != nil {
		return nil, fmt.Errorf("select transfers: %w", s.translate(err))
	}
	if last.Valid && last.String > e.lastOn {
		e.lastOn = last.String
	}
	return &e, nil
}

// reviewAttendance counts the client's sessions and attendance in the 4 weeks before now, with
// delivery.ComputeDose week by week over the sessions that started in the window.
func reviewAttendance(ctx context.Context, s *Store, tx *sql.Tx, clientID string, now time.Time, loc *time.Location) (carepath.ReviewAttendance, error) {
	from := now.Add(-reviewWindow)
	out := carepath.ReviewAttendance{From: from.In(loc).Format(carepath.DateLayout), To: now.In(loc).Format(carepath.DateLayout)}
	l := newSeriesLoader(s, tx)
	list, err := clientSeries(ctx, l, clientID)
	if err != nil {
		return out, err
	}
	sessions := expand(list, from, now)
	att, err := loadAttendance(ctx, s, tx, `client_id = $1 AND local_date BETWEEN $2 AND $3`, clientID, out.From, out.To)
	if err != nil {
		return out, err
	}
	p := delivery.Program{Loc: loc}
	last := delivery.WeekOf(now, loc)
	for w := delivery.WeekOf(from, loc); ; w = w.Next() {
		d := delivery.ComputeDose(p, clientID, w, sessions, att)
		out.Scheduled += d.Scheduled
		out.Attended += d.Sessions.Individual + d.Sessions.Group + d.Sessions.Family + d.Sessions.Medication
		if !w.Before(last) {
			break
		}
	}
	return out, nil
}

// reviewMeasures sums up each instrument the client answered: baseline, previous and latest.
func reviewMeasures(series []*carepath.Measure) []carepath.ReviewMeasure {
	var out []carepath.ReviewMeasure
	index := map[string]int{}
	for _, m := range series {
		i, ok := index[m.Instrument]
		if !ok {
			name := m.Instrument
			if in, ok := instrument.Get(instrument.ID(m.Instrument)); ok {
				name = in.Name
			} else if instrument.ID(m.Instrument) == outcome.CheckInID {
				name = "Check-in (craving)"
			}
			index[m.Instrument] = len(out)
			out = append(out, carepath.ReviewMeasure{Instrument: m.Instrument, Name: name, Baseline: m.Score,
				BaselineOn: m.TakenAt.Format(carepath.DateLayout)})
			i = len(out) - 1
		}
		r := &out[i]
		if r.Count > 0 {
			prev := r.Latest
			r.Previous = &prev
		}
		r.Count++
		r.Latest, r.LatestOn, r.Change = m.Score, m.TakenAt.Format(carepath.DateLayout), m.Change
	}
	return out
}

// lastRelapse is the date of the last relapse check-in in ms taken by now, "" when none.
func lastRelapse(ms []outcome.Measure, now time.Time) string {
	var last time.Time
	for _, m := range outcome.Relapses(ms) {
		if !m.TakenAt.After(now) && m.TakenAt.After(last) {
			last = m.TakenAt
		}
	}
	if last.IsZero() {
		return ""
	}
	return last.Format(carepath.DateLayout)
}

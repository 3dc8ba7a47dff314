package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

var _ carepath.MeasureSearchService = (*MeasureService)(nil)

// measureFindColumns are the columns of measures SearchMeasures and FindMeasureByID read, each
// prefixed with the table alias m.
const measureFindColumns = `m.id, m.client_id, m.episode_id, m.instrument, m.answers, m.score, m.severity, m.item9,
	m.taken_at, m.source, m.entered_by, m.created_at`

// SearchMeasures returns the page of measures q selects among the clients the actor may see,
// in id order, and the number that match per instrument. It appends one audit row for the
// call and one audit_shown row per client whose measures it returned.
func (svc *MeasureService) SearchMeasures(ctx context.Context, q carepath.MeasureQuery) (*carepath.MeasurePage, error) {
	limit := q.Limit
	if limit == 0 {
		limit = carepath.DefaultMeasureLimit
	}
	out := &carepath.MeasurePage{Measures: []*carepath.Measure{}, Counts: map[string]int{}}
	o := op{record: access.Measure, action: access.List, lists: true, validate: q.Validate, detail: measureQueryDetail(q, limit)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		actor, _ := carepath.ActorFrom(ctx)
		column, ok := clientScope(actor)
		if !ok {
			return nil, nil
		}
		var a sqlArgs
		from := ` FROM measures m`
		scope := ""
		if column != "" {
			from += ` JOIN clients c ON c.id = m.client_id`
			scope = "c." + column + " = " + a.add(actor.ID)
		}
		conds := []string{scope}
		if len(q.ClientIDs) > 0 {
			conds = append(conds, a.in("m.client_id", q.ClientIDs))
		}
		if len(q.IDs) > 0 {
			conds = append(conds, a.in("m.id", q.IDs))
		}
		if len(q.Instruments) > 0 {
			conds = append(conds, a.in("m.instrument", q.Instruments))
		}
		conds = append(conds, a.timeRanges("m.taken_at", q.Taken), a.timeRanges("m.created_at", q.Created))
		cond := where(conds...)
		page := cond
		if q.After != "" {
			page = where(append(conds, "m.id > "+a.add(q.After))...)
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+measureFindColumns+from+page+` ORDER BY m.id LIMIT `+strconv.Itoa(limit), a.list...)
		if err != nil {
			return nil, fmt.Errorf("select measures: %w", svc.s.translate(err))
		}
		var refs []ref
		for rows.Next() {
			m, err := scanFoundMeasure(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out.Measures = append(out.Measures, m)
			refs = append(refs, ref{ID: m.ID, ClientID: m.ClientID})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select measures: %w", svc.s.translate(err))
		}
		if q.After == "" && len(out.Measures) < limit {
			// The page holds every match: count them here rather than ask again.
			for _, m := range out.Measures {
				out.Counts[m.Instrument]++
			}
			return refs, nil
		}
		args := a.list
		if q.After != "" {
			args = args[:len(args)-1] // the count ignores After
		}
		rows, err = tx.QueryContext(ctx, `SELECT m.instrument, count(*)`+from+cond+` GROUP BY m.instrument`, args...)
		if err != nil {
			return nil, fmt.Errorf("count measures: %w", svc.s.translate(err))
		}
		defer rows.Close()
		for rows.Next() {
			var instrument string
			var n int
			if err := rows.Scan(&instrument, &n); err != nil {
				return nil, fmt.Errorf("count measures: %w", err)
			}
			out.Counts[instrument] = n
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("count measures: %w", svc.s.translate(err))
		}
		return refs, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// measureQueryDetail says what a search asked, for its audit row: how many ids of each kind
// and which ranges were given, never a value.
func measureQueryDetail(q carepath.MeasureQuery, limit int) string {
	d := fmt.Sprintf("clients=%d ids=%d instruments=%d taken=%d created=%d limit=%d",
		len(q.ClientIDs), len(q.IDs), len(q.Instruments), len(q.Taken), len(q.Created), limit)
	if q.After != "" {
		d += " after=" + wellFormedID(q.After)
	}
	return d
}

// FindMeasureByID returns one measure without change figures; ENOTFOUND when there is none
// or its client is outside the actor's care team (audited as denied).
func (svc *MeasureService) FindMeasureByID(ctx context.Context, id string) (*carepath.Measure, error) {
	var out *carepath.Measure
	o := op{record: access.Measure, action: access.Read, recordID: wellFormedID(id), clientID: svc.s.clientOf(ctx, access.Measure, id)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if wellFormedID(id) == "" {
			return nil, measureNotFound()
		}
		m, err := scanFoundMeasure(tx.QueryRowContext(ctx, `SELECT `+measureFindColumns+` FROM measures m WHERE m.id = $1`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return nil, measureNotFound()
		}
		if err != nil {
			return nil, err
		}
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, m.ClientID); err != nil {
			return nil, err
		}
		out = m
		return []ref{{ID: m.ID, ClientID: m.ClientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return out, nil
}

func measureNotFound() error { return carepath.Errorf(carepath.ENOTFOUND, "There is no such measure.") }

// scanFoundMeasure reads one row of measureFindColumns.
func scanFoundMeasure(row interface{ Scan(...any) error }) (*carepath.Measure, error) {
	m := &carepath.Measure{}
	var answers string
	if err := row.Scan(&m.ID, &m.ClientID, &m.EpisodeID, &m.Instrument, &answers, &m.Score, &m.Severity, &m.Item9,
		&m.TakenAt, &m.Source, &m.EnteredBy, &m.CreatedAt); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		return nil, fmt.Errorf("scan measure: %w", err)
	}
	m.TakenAt, m.CreatedAt = m.TakenAt.UTC(), m.CreatedAt.UTC()
	if err := json.Unmarshal([]byte(answers), &m.Answers); err != nil {
		return nil, fmt.Errorf("measure answers: %w", err)
	}
	return m, nil
}

package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/instrument"
	"github.com/carepath/carepath/outcome"
)

// outcomeMethod says how the report's stays and their measures are chosen, to be shown with it.
const outcomeMethod = "Each episode of care is split into stays at its transfers: an episode that steps up or " +
	"down contributes one stay per level, and each stay is counted at its own level. A stay is counted when it " +
	"overlaps the period (from its first day, up to but not including the end date). A stay's measures are the " +
	"client's PHQ-9 and GAD-7 answers dated from its first day through its last, in the program's time zone; a " +
	"measure taken on the day of a transfer counts in both stays, as the last of one and the first of the next. The " +
	"baseline is the first PHQ-9 or GAD-7 in the stay, the result the last; the baseline PHQ-9 places the stay in a " +
	"severity band. A stay has ended when the client was discharged or transferred; it completed when the client was " +
	"discharged having completed the program or stepped down to a less intensive level. Weeks are from the first to " +
	"the last day of ended stays."

// OutcomeService computes the outcomes report over episodes and measures.
type OutcomeService struct {
	s   *Store
	cfg outcome.Config
}

var _ carepath.OutcomeService = (*OutcomeService)(nil)

// NewOutcomeService returns the outcomes report over s, judging change with the default
// thresholds (outcome.DefaultConfig).
func NewOutcomeService(s *Store) *OutcomeService {
	return &OutcomeService{s: s, cfg: outcome.DefaultConfig()}
}

// OutcomeReport compares the levels of care of the stays that f selects. See
// carepath.OutcomeService.
func (svc *OutcomeService) OutcomeReport(ctx context.Context, f carepath.OutcomeFilter) (*carepath.OutcomeReport, error) {
	validate := func() error {
		err := f.Validate()
		if f.ProgramID != "" && wellFormedID(f.ProgramID) == "" {
			fe := carepath.ErrorFields(err)
			fe = append(fe, carepath.FieldError{Field: "program_id", Code: "not_found", Message: "There is no such program."})
			return carepath.FieldErrors(fe).Err()
		}
		return err
	}
	detail := "from=" + safeDate(f.From) + " to=" + safeDate(f.To)
	var out *carepath.OutcomeReport
	o := op{record: access.OutcomeReport, action: access.Read, recordID: wellFormedID(f.ProgramID), validate: validate, detail: detail}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if f.ProgramID != "" {
			var one int
			err := tx.QueryRowContext(ctx, `SELECT 1 FROM programs WHERE id = $1`, f.ProgramID).Scan(&one)
			if errors.Is(err, sql.ErrNoRows) {
				var errs carepath.FieldErrors
				errs.Add("program_id", "not_found", "There is no such program.")
				return nil, errs.Err()
			}
			if err != nil {
				return nil, fmt.Errorf("select program: %w", svc.s.translate(err))
			}
		}
		stays, err := svc.loadStays(ctx, tx, f)
		if err != nil {
			return nil, err
		}
		r := outcome.BuildReport(stays, svc.cfg, outcome.DefaultMinCell)
		compared := 0
		for i := range stays {
			if slices.Contains(outcome.ReportLevels, stays[i].Level) {
				compared++
			}
		}
		out, err = publicOutcomes(f, compared, r)
		if err != nil {
			return nil, err
		}
		return []ref{{ID: wellFormedID(f.ProgramID)}}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// safeDate is d when it is a well-formed date, for the audit detail, and "?" otherwise.
func safeDate(d string) string {
	if _, err := time.Parse(time.DateOnly, d); err != nil {
		return "?"
	}
	return d
}

// stayEpisode is one episode as read for the report, with its program's time zone.
type stayEpisode struct {
	id, clientID, level, admitted, status, discharged, reason string
	loc                                                       *time.Location
	transfers                                                 []stayTransfer
}

// stayTransfer is one transfer of an episode: the levels it moved from and to, and the day.
type stayTransfer struct{ from, to, on string }

// reportMeasure is one PHQ-9 or GAD-7 total as the report reads it.
type reportMeasure struct {
	inst  instrument.ID
	total int
	at    time.Time
}

// loadStays reads the episodes that overlap f's period, their transfers and their clients'
// PHQ-9 and GAD-7 measures in three set-based queries, and returns the stays that overlap it.
func (svc *OutcomeService) loadStays(ctx context.Context, tx *sql.Tx, f carepath.OutcomeFilter) ([]outcome.ReportEpisode, error) {
	where := `e.admitted_on < $1 AND (e.status = 'open' OR e.discharged_on >= $2)`
	args := []any{f.To, f.From}
	if f.ProgramID != "" {
		where += ` AND e.program_id = $3`
		args = append(args, f.ProgramID)
	}
	rows, err := tx.QueryContext(ctx, `SELECT e.id, e.client_id, e.level, e.admitted_on, e.status, e.discharged_on,
		e.discharge_reason, p.time_zone FROM episodes e JOIN programs p ON p.id = e.program_id WHERE `+where+` ORDER BY e.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("select episodes: %w", svc.s.translate(err))
	}
	var eps []*stayEpisode
	byID := map[string]*stayEpisode{}
	locs := map[string]*time.Location{}
	for rows.Next() {
		e := &stayEpisode{}
		var tz string
		if err := rows.Scan(&e.id, &e.clientID, &e.level, &e.admitted, &e.status, &e.discharged, &e.reason, &tz); err != nil {
			rows.Close()
			return nil, fmt.Errorf("scan episode: %w", svc.s.translate(err))
		}
		if e.loc = locs[tz]; e.loc == nil {
			if e.loc, err = time.LoadLocation(tz); err != nil {
				e.loc = time.UTC
			}
			locs[tz] = e.loc
		}
		eps = append(eps, e)
		byID[e.id] = e
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select episodes: %w", svc.s.translate(err))
	}
	if len(eps) == 0 {
		return nil, nil
	}
	rows, err = tx.QueryContext(ctx, `SELECT t.episode_id, t.from_level, t.to_level, t.transferred_on FROM episode_transfers t
		JOIN episodes e ON e.id = t.episode_id WHERE `+where+` ORDER BY t.episode_id, t.seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("select transfers: %w", svc.s.translate(err))
	}
	for rows.Next() {
		var id string
		var t stayTransfer
		if err := rows.Scan(&id, &t.from, &t.to, &t.on); err != nil {
			rows.Close()
			return nil, fmt.Errorf("scan transfer: %w", svc.s.translate(err))
		}
		if e := byID[id]; e != nil {
			e.transfers = append(e.transfers, t)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select transfers: %w", svc.s.translate(err))
	}
	measures, err := svc.loadReportMeasures(ctx, tx, where, args)
	if err != nil {
		return nil, err
	}
	var stays []outcome.ReportEpisode
	for _, e := range eps {
		stays = e.stays(stays, measures[e.clientID], f.From, f.To)
	}
	return stays, nil
}

// loadReportMeasures reads the PHQ-9 and GAD-7 totals of the clients of the episodes where
// selects, each client's oldest first (ties in the order of their ids). The time is read as
// Unix seconds, which both engines give cheaply, the instrument and total as one number, and
// the id not at all: the order is enough. All the measures share one slice.
func (svc *OutcomeService) loadReportMeasures(ctx context.Context, tx *sql.Tx, where string, args []any) (map[string][]reportMeasure, error) {
	epoch := `CAST(FLOOR(EXTRACT(EPOCH FROM m.taken_at)) AS bigint)`
	if svc.s.dialect.Name == "sqlite" {
		epoch = `unixepoch(m.taken_at)`
	}
	rows, err := tx.QueryContext(ctx, `SELECT m.client_id, CASE m.instrument WHEN 'gad7' THEN 1000 ELSE 0 END + m.score, `+epoch+`
		FROM measures m WHERE m.instrument IN ('phq9', 'gad7')
		AND m.client_id IN (SELECT e.client_id FROM episodes e WHERE `+where+`)
		ORDER BY m.client_id, m.taken_at, m.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("select measures: %w", svc.s.translate(err))
	}
	defer rows.Close()
	out := map[string][]reportMeasure{}
	var all []reportMeasure
	var client sql.RawBytes
	var last []byte
	first := 0
	for rows.Next() {
		var code int
		var unix int64
		if err := rows.Scan(&client, &code, &unix); err != nil {
			return nil, fmt.Errorf("scan measure: %w", svc.s.translate(err))
		}
		m := reportMeasure{inst: instrument.PHQ9, total: code, at: time.Unix(unix, 0)}
		if code >= 1000 {
			m.inst, m.total = instrument.GAD7, code-1000
		}
		if !bytes.Equal(client, last) {
			if len(all) > first {
				out[string(last)] = all[first:len(all):len(all)]
			}
			last, first = append(last[:0], client...), len(all)
		}
		all = append(all, m)
	}
	if len(all) > first {
		out[string(last)] = all[first:len(all):len(all)]
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select measures: %w", svc.s.translate(err))
	}
	return out, nil
}

// stays appends to out the stays of e that overlap [from, to), with their measures from ms
// (the client's, oldest first). An episode's level is its level now: each stay before a
// transfer is at the level the transfer moved from.
func (e *stayEpisode) stays(out []outcome.ReportEpisode, ms []reportMeasure, from, to string) []outcome.ReportEpisode {
	start := e.admitted
	for i := 0; i <= len(e.transfers); i++ {
		st := outcome.ReportEpisode{ID: e.id, Level: carepath.Level(e.level)}
		end := ""
		if i < len(e.transfers) {
			t := e.transfers[i]
			end = t.on
			st.Level = carepath.Level(t.from)
			st.Completed = carepath.Level(t.to).Rank() < carepath.Level(t.from).Rank()
		} else if e.status == string(carepath.EpisodeDischarged) {
			end = e.discharged
			st.Completed = e.reason == string(carepath.DischargeCompleted)
		}
		first := start
		start = end
		if first >= to || (end != "" && end < from) {
			continue
		}
		st.AdmittedOn = mustDay(first)
		lo := dayStart(first, e.loc)
		n := len(ms)
		if end != "" {
			st.DischargedOn = mustDay(end)
			hi := dayStart(end, e.loc).AddDate(0, 0, 1)
			n, _ = slices.BinarySearchFunc(ms, hi, func(m reportMeasure, t time.Time) int { return m.at.Compare(t) })
		}
		k, _ := slices.BinarySearchFunc(ms, lo, func(m reportMeasure, t time.Time) int { return m.at.Compare(t) })
		st.Measures = endsOf(ms[k:max(k, n)])
		out = append(out, st)
	}
	return out
}

// endsOf returns what the report reads of a stay's measures ms (oldest first): the first and
// the last on each instrument, or the only one. Their ids keep their order when two share a
// time.
func endsOf(ms []reportMeasure) []outcome.Measure {
	var out []outcome.Measure
	for _, id := range [2]instrument.ID{instrument.PHQ9, instrument.GAD7} {
		first, last := -1, -1
		for j := range ms {
			if ms[j].inst == id {
				if first < 0 {
					first = j
				}
				last = j
			}
		}
		if first < 0 {
			continue
		}
		out = append(out, outcome.Measure{ID: "0", Instrument: id, TakenAt: ms[first].at, Total: ms[first].total})
		if last != first {
			out = append(out, outcome.Measure{ID: "1", Instrument: id, TakenAt: ms[last].at, Total: ms[last].total})
		}
	}
	return out
}

// mustDay parses a stored YYYY-MM-DD date as midnight UTC (the zero time when malformed).
func mustDay(d string) time.Time {
	t, _ := time.Parse(time.DateOnly, d)
	return t
}

// dayStart is the instant day d begins in loc.
func dayStart(d string, loc *time.Location) time.Time {
	t, err := time.ParseInLocation(time.DateOnly, d, loc)
	if err != nil {
		return time.Time{}
	}
	return t
}

// publicOutcomes turns the pure report into the domain's, with its CSV.
func publicOutcomes(f carepath.OutcomeFilter, stays int, r *outcome.Report) (*carepath.OutcomeReport, error) {
	var csv bytes.Buffer
	if err := r.WriteCSV(&csv); err != nil {
		return nil, fmt.Errorf("outcomes csv: %w", err)
	}
	out := &carepath.OutcomeReport{From: f.From, To: f.To, ProgramID: f.ProgramID, MinCell: r.MinCell, Stays: stays,
		Caveats: r.Caveats, Method: outcomeMethod, CSV: csv.Bytes()}
	if r.StaysSuppressed || (stays > 0 && stays < r.MinCell) {
		out.Stays = 0 // too few to say how many, or it would give a suppressed level away
	}
	for _, b := range outcome.SeverityBands {
		out.Bands = append(out.Bands, carepath.OutcomeBand{Code: b.Code, Label: b.Label, Min: b.Min, Max: b.Max})
	}
	for _, s := range r.Standards {
		out.Standards = append(out.Standards, carepath.OutcomeStandard{Figure: s.Figure, Shares: s.Shares})
	}
	nb := len(outcome.SeverityBands)
	for l, level := range outcome.ReportLevels {
		ol := carepath.OutcomeLevel{Level: level, Overall: publicCell(r.Overall[l]), Standardized: publicCell(r.Standardized[l])}
		for b := range nb {
			ol.ByBand = append(ol.ByBand, publicCell(r.ByBand[l*nb+b]))
		}
		if u := r.Unbanded[l]; r.UnbandedShown[l] {
			ol.Unbanded = &u
		}
		out.Levels = append(out.Levels, ol)
	}
	return out, nil
}

// publicCell is c as the domain shows it.
func publicCell(c outcome.Cell) carepath.OutcomeCell {
	band := c.Band
	if band == "" {
		band = "all"
	}
	out := carepath.OutcomeCell{Level: c.Level, Band: band, Suppressed: c.Suppressed,
		CompletionPct: publicFigure(c.Completion), MedianWeeks: publicFigure(c.MedianWeeks),
		PHQ9: publicInstrument(c.PHQ9), GAD7: publicInstrument(c.GAD7)}
	if !c.Suppressed {
		n := c.Episodes
		out.Episodes = &n
	}
	return out
}

// publicInstrument is f as the domain shows it.
func publicInstrument(f outcome.InstrumentFigures) carepath.OutcomeInstrumentFigures {
	return carepath.OutcomeInstrumentFigures{ReliableImprovementPct: publicFigure(f.ReliableImprovement),
		RecoveryPct: publicFigure(f.LeftCaseness), MeanChange: publicFigure(f.MeanChange)}
}

// publicFigure is f as the domain shows it: its value and count only when it is shown.
func publicFigure(f outcome.Figure) carepath.OutcomeFigure {
	st := strings.TrimSpace(string(f.Status))
	if st == "" {
		st = carepath.FigureNone
	}
	out := carepath.OutcomeFigure{Status: st, Note: f.Note}
	if f.Status == outcome.FigureOK {
		v, n := f.Value, f.N
		out.Value, out.N = &v, &n
	}
	return out
}

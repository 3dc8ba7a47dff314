package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/instrument"
	"github.com/carepath/carepath/outcome"
	"github.com/google/uuid"
)

// MeasureService keeps measures, schedules, measure alerts and answer links.
type MeasureService struct {
	s   *Store
	cfg outcome.Config
}

var (
	_ carepath.MeasureService      = (*MeasureService)(nil)
	_ carepath.MeasureAlertService = (*MeasureService)(nil)
)

// NewMeasureService returns the measure service over s, judging change with the default
// thresholds (outcome.DefaultConfig).
func NewMeasureService(s *Store) *MeasureService {
	return &MeasureService{s: s, cfg: outcome.DefaultConfig()}
}

// careContext is what the store knows about a client's episodes when it stores or schedules
// measures: the first admission (in its program's time zone) and the open episode, if any.
type careContext struct {
	firstAdmitted time.Time
	loc           *time.Location
	open          *openEpisode
}

type openEpisode struct {
	id       string
	level    carepath.Level
	admitted time.Time
	loc      *time.Location
}

// careOf reads a client's episodes.
func (svc *MeasureService) careOf(ctx context.Context, tx *sql.Tx, clientID string) (careContext, error) {
	rows, err := tx.QueryContext(ctx, `SELECT e.id, e.level, e.admitted_on, e.status, p.time_zone
		FROM episodes e JOIN programs p ON p.id = e.program_id
		WHERE e.client_id = $1 ORDER BY e.admitted_on, e.id`, clientID)
	if err != nil {
		return careContext{}, fmt.Errorf("select episodes: %w", svc.s.translate(err))
	}
	defer rows.Close()
	var cc careContext
	for rows.Next() {
		var id, level, admitted, status, tz string
		if err := rows.Scan(&id, &level, &admitted, &status, &tz); err != nil {
			return careContext{}, fmt.Errorf("scan episode: %w", svc.s.translate(err))
		}
		loc, err := time.LoadLocation(tz)
		if err != nil {
			loc = time.UTC
		}
		day, err := time.ParseInLocation(carepath.DateLayout, admitted, loc)
		if err != nil {
			continue
		}
		if cc.firstAdmitted.IsZero() {
			cc.firstAdmitted, cc.loc = day, loc
		}
		if status == "open" {
			cc.open = &openEpisode{id: id, level: carepath.Level(level), admitted: day, loc: loc}
		}
	}
	if err := rows.Err(); err != nil {
		return careContext{}, fmt.Errorf("select episodes: %w", svc.s.translate(err))
	}
	return cc, nil
}

// answerField matches the field names outcome gives answers ("answers.phq9[3]").
var answerField = regexp.MustCompile(`^answers\.[a-z0-9]+(\[\d+\])?$`)

// renameAnswerFields names answer errors after the request's own answers array: answers and
// answers[i], rather than outcome's answers.<instrument>[i].
func renameAnswerFields(err error) error {
	var e *carepath.Error
	if !errors.As(err, &e) {
		return err
	}
	out := *e
	out.Fields = make([]carepath.FieldError, len(e.Fields))
	for i, f := range e.Fields {
		if m := answerField.FindStringSubmatch(f.Field); m != nil {
			f.Field = "answers" + m[1]
		}
		out.Fields[i] = f
	}
	return &out
}

// score checks and scores one set of answers taken at takenAt.
func (svc *MeasureService) score(cc careContext, id string, answers []int, sex carepath.Sex, takenAt time.Time) (outcome.Measure, string, error) {
	m, err := outcome.NewMeasure(instrument.ID(id), answers, sex, takenAt, svc.s.timestamp(), cc.firstAdmitted, cc.loc)
	if err != nil {
		return m, "", err
	}
	// The band comes from the score itself: the C-SSRS screener's follows its most serious
	// yes, not its total.
	severity := ""
	if in, ok := instrument.Get(instrument.ID(id)); ok {
		if sc, err := in.Score(answers, sex); err == nil {
			severity = sc.Band
		}
	}
	return m, severity, nil
}

// insertMeasure stores a scored measure, raises its alerts and sets the crisis flag, and
// returns the stored measure and the alerts it raised. Callers page the on-call rota about
// the safety alerts raised (pageSafetyAlerts), in the same transaction.
func (svc *MeasureService) insertMeasure(ctx context.Context, tx *sql.Tx, clientID string, cc careContext, m outcome.Measure,
	answers []int, severity, source, enteredBy string) (*carepath.Measure, []*carepath.MeasureAlert, error) {
	uid, err := uuid.NewV7()
	if err != nil {
		return nil, nil, fmt.Errorf("new id: %w", err)
	}
	m.ID, m.ClientID = uid.String(), clientID
	episodeID := ""
	if cc.open != nil {
		episodeID = cc.open.id
	}
	now := svc.s.timestamp()
	a, _ := json.Marshal(answers)
	p, _ := json.Marshal(m.Points)
	if m.Points == nil {
		p = []byte("[]")
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO measures (id, client_id, episode_id, instrument, answers, points, score, severity, item9, taken_at, source, entered_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
		m.ID, clientID, episodeID, string(m.Instrument), string(a), string(p), m.Total, severity, m.Item9(), m.TakenAt.UTC(), source, enteredBy, now); err != nil {
		return nil, nil, fmt.Errorf("insert measure: %w", svc.s.translate(err))
	}
	if m.Item9() >= 1 || (m.Instrument == instrument.CSSRS && m.Total >= 1) {
		if err := svc.s.flagCrisis(ctx, tx, clientID, m.ID, alertID(clientID, "safety:"+m.ID), now); err != nil {
			return nil, nil, err
		}
	}
	series, oms, err := svc.loadMeasures(ctx, tx, clientID)
	if err != nil {
		return nil, nil, err
	}
	raised, err := svc.raiseAlerts(ctx, tx, clientID, oms, now)
	if err != nil {
		return nil, nil, err
	}
	for _, sm := range series {
		if sm.ID == m.ID {
			return sm, raised, nil
		}
	}
	return nil, nil, fmt.Errorf("measure %s not read back", m.ID)
}

// CreateMeasure scores and stores one measure entered by a clinician.
func (svc *MeasureService) CreateMeasure(ctx context.Context, clientID string, in carepath.MeasureInput) (*carepath.Measure, []*carepath.MeasureAlert, error) {
	var out *carepath.Measure
	var raised []*carepath.MeasureAlert
	o := op{record: access.Measure, action: access.Create, clientID: wellFormedID(clientID), detail: "instrument " + safeWord(in.Instrument)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		cc, err := svc.careOf(ctx, tx, clientID)
		if err != nil {
			return nil, err
		}
		sex := in.Sex
		if sex == "" {
			sex = carepath.SexUnknown
		}
		m, severity, err := svc.score(cc, in.Instrument, in.Answers, sex, in.TakenAt)
		if err != nil {
			return nil, renameAnswerFields(err)
		}
		actor, _ := carepath.ActorFrom(ctx)
		out, raised, err = svc.insertMeasure(ctx, tx, clientID, cc, m, in.Answers, severity, carepath.MeasureByStaff, actor.ID)
		if err != nil {
			return nil, err
		}
		if _, err := svc.pageSafetyAlerts(ctx, tx, clientID, raised); err != nil {
			return nil, err
		}
		return []ref{{ID: out.ID, ClientID: clientID}}, nil
	})
	if err != nil {
		return nil, nil, hideDenial(err)
	}
	return out, raised, nil
}

// safeWord returns s for an audit detail when it is a short lowercase word, and "?" otherwise,
// so that nothing typed reaches the audit log.
func safeWord(s string) string {
	if len(s) == 0 || len(s) > 16 {
		return "?"
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			return "?"
		}
	}
	return s
}

// FindMeasures returns a client's series with change figures, schedule and crisis flag.
func (svc *MeasureService) FindMeasures(ctx context.Context, clientID string) (*carepath.MeasureSeries, error) {
	var out *carepath.MeasureSeries
	o := op{record: access.Measure, action: access.List, clientID: wellFormedID(clientID)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		series, oms, err := svc.loadMeasures(ctx, tx, clientID)
		if err != nil {
			return nil, err
		}
		out = &carepath.MeasureSeries{ClientID: clientID, Measures: []*carepath.Measure{}}
		for _, m := range series {
			if reviewerSees(ctx, clientID, m.TakenAt) {
				out.Measures = append(out.Measures, m)
			}
		}
		if actor, _ := carepath.ActorFrom(ctx); actor.Role == carepath.RoleReviewer {
			// A payer reviewer reads the measures within their authorizations' dates, not the
			// schedule or the crisis flag.
			return []ref{{ID: clientID, ClientID: clientID}}, nil
		}
		sched, override, err := svc.scheduleOf(ctx, tx, clientID)
		if err != nil {
			return nil, err
		}
		if sched != nil {
			out.Schedule = scheduleView(sched, override, oms, svc.s.timestamp())
		}
		if out.CrisisFlag, err = svc.crisisFlag(ctx, tx, clientID); err != nil {
			return nil, err
		}
		return []ref{{ID: clientID, ClientID: clientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return out, nil
}

// crisisFlag returns the client's crisis flag, nil when there is none.
func (svc *MeasureService) crisisFlag(ctx context.Context, tx *sql.Tx, clientID string) (*carepath.CrisisFlag, error) {
	var f carepath.CrisisFlag
	err := tx.QueryRowContext(ctx, `SELECT f.measure_id, f.alert_id, f.flagged_at, COALESCE(m.instrument, '')
		FROM client_crisis_flags f LEFT JOIN measures m ON m.id = f.measure_id WHERE f.client_id = $1`, clientID).Scan(&f.MeasureID, &f.AlertID, &f.Since, &f.Source)
	if err == nil && f.Source == "" {
		f.Source = "intake"
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("select crisis flag: %w", svc.s.translate(err))
	}
	f.Since = f.Since.UTC()
	return &f, nil
}

// loadMeasures reads a client's measures oldest first, as the API shows them (with change
// against the baseline) and as outcome sees them.
func (svc *MeasureService) loadMeasures(ctx context.Context, tx *sql.Tx, clientID string) ([]*carepath.Measure, []outcome.Measure, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, episode_id, instrument, answers, points, score, severity, item9, taken_at, source, entered_by, created_at
		FROM measures WHERE client_id = $1 ORDER BY taken_at, id`, clientID)
	if err != nil {
		return nil, nil, fmt.Errorf("select measures: %w", svc.s.translate(err))
	}
	defer rows.Close()
	var series []*carepath.Measure
	var oms []outcome.Measure
	for rows.Next() {
		m := &carepath.Measure{ClientID: clientID}
		var answers, points string
		if err := rows.Scan(&m.ID, &m.EpisodeID, &m.Instrument, &answers, &points, &m.Score, &m.Severity, &m.Item9, &m.TakenAt, &m.Source, &m.EnteredBy, &m.CreatedAt); err != nil {
			return nil, nil, fmt.Errorf("scan measure: %w", svc.s.translate(err))
		}
		m.TakenAt, m.CreatedAt = m.TakenAt.UTC(), m.CreatedAt.UTC()
		om := outcome.Measure{ID: m.ID, ClientID: clientID, Instrument: instrument.ID(m.Instrument), TakenAt: m.TakenAt, Total: m.Score}
		if err := json.Unmarshal([]byte(answers), &m.Answers); err != nil {
			return nil, nil, fmt.Errorf("measure answers: %w", err)
		}
		if err := json.Unmarshal([]byte(points), &om.Points); err != nil {
			return nil, nil, fmt.Errorf("measure points: %w", err)
		}
		series = append(series, m)
		oms = append(oms, om)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("select measures: %w", svc.s.translate(err))
	}
	byInstrument := map[string][]*carepath.Measure{}
	for _, m := range series {
		byInstrument[m.Instrument] = append(byInstrument[m.Instrument], m)
	}
	for id, ms := range byInstrument {
		changes := svc.cfg.Track(oms, instrument.ID(id))
		for i, c := range changes {
			if i < len(ms) {
				ms[i].Change = changeOf(c)
			}
		}
	}
	return series, oms, nil
}

func changeOf(c outcome.Change) *carepath.MeasureChange {
	return &carepath.MeasureChange{Baseline: c.Baseline, Delta: c.Delta, ReliableImprovement: c.ReliableImprovement,
		ReliableDeterioration: c.ReliableDeterioration, Response: c.Response, Remission: c.Remission,
		CaseAtBaseline: c.CaseAtBaseline, CaseAtLatest: c.CaseAtLatest, Recovery: c.LeftCaseness, ReliableRecovery: c.ReliablyLeftCaseness}
}

// flagCrisis sets the client's crisis flag, naming the measure and the alert that raised it;
// a newer crisis replaces an older flag.
func (s *Store) flagCrisis(ctx context.Context, tx *sql.Tx, clientID, measureID, alertID string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO client_crisis_flags (client_id, measure_id, alert_id, flagged_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (client_id) DO UPDATE SET measure_id = excluded.measure_id, alert_id = excluded.alert_id, flagged_at = excluded.flagged_at`,
		clientID, measureID, alertID, now); err != nil {
		return fmt.Errorf("flag client: %w", s.translate(err))
	}
	return nil
}

// pagedKinds are the measure alerts that page the on-call rota.
var pagedKinds = map[string]bool{string(outcome.AlertSafety): true, string(outcome.AlertSafetyCSSRS): true}

// pageSafetyAlerts pages the on-call rota of the client's programs about each safety alert in
// raised, and returns how many messages it queued.
func (svc *MeasureService) pageSafetyAlerts(ctx context.Context, tx *sql.Tx, clientID string, raised []*carepath.MeasureAlert) (int, error) {
	var programs []string
	queued := 0
	for _, a := range raised {
		if !pagedKinds[a.Kind] {
			continue
		}
		if programs == nil {
			var err error
			if programs, err = svc.s.programsOfClient(ctx, tx, clientID); err != nil {
				return queued, err
			}
		}
		n, err := svc.s.pageOnCall(ctx, tx, safetyPage{source: carepath.AlertSourceMeasure, alertID: a.ID, clientID: clientID}, programs)
		if err != nil {
			return queued, err
		}
		queued += n
	}
	return queued, nil
}

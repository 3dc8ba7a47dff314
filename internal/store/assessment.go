package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/placement"
	"github.com/google/uuid"
)

// AssessmentService stores clinician assessments in the chart. It runs the placement engine
// itself, so a stored recommendation is always the engine's own. Every call goes through the
// chokepoint; audit rows carry the client id and the assessment ids, never the profile.
// Assessments are never changed or deleted.
type AssessmentService struct {
	s *Store
}

var (
	_ carepath.AssessmentService = (*AssessmentService)(nil)
	_ carepath.IntakeConverter   = (*AssessmentService)(nil)
)

// NewAssessmentService returns the assessment service of s.
func NewAssessmentService(s *Store) *AssessmentService { return &AssessmentService{s: s} }

// scored is a profile the placement engine has read and scored.
type scored struct {
	profile json.RawMessage
	rec     placement.Recommendation
}

// scoreProfile decodes and scores raw with the placement engine. Field errors are named under
// prefix ("profile.answers.phq9"); a missing profile is named prefix itself.
func scoreProfile(raw json.RawMessage, prefix string) (scored, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return scored{}, invalidField(prefix, "required", "Please give the placement profile.")
	}
	if len(raw) > maxProfileBytes {
		return scored{}, invalidField(prefix, "too_long", "The profile is too long to store.")
	}
	p, err := placement.DecodeBytes(raw)
	if err != nil {
		return scored{}, prefixFields(err, prefix)
	}
	rec, err := placement.Recommend(p)
	if err != nil {
		return scored{}, prefixFields(err, prefix)
	}
	return scored{profile: raw, rec: rec}, nil
}

func invalidField(field, code, message string) error {
	var errs carepath.FieldErrors
	errs.Add(field, code, "%s", message)
	return errs.Err()
}

// prefixFields names err's field errors under prefix; "body" becomes prefix itself.
func prefixFields(err error, prefix string) error {
	var e *carepath.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		if carepath.ErrorCode(err) == carepath.EINVALID || carepath.ErrorCode(err) == carepath.ETOOLARGE {
			return invalidField(prefix, "format", carepath.ErrorMessage(err))
		}
		return err
	}
	out := &carepath.Error{Code: carepath.EINVALID, Message: e.Message}
	for _, f := range e.Fields {
		switch f.Field {
		case "", "body":
			f.Field = prefix
		default:
			f.Field = prefix + "." + f.Field
		}
		out.Fields = append(out.Fields, f)
	}
	return out
}

// CreateAssessment scores in.Profile and stores an assessment of the client with clientID,
// taken now by the actor. The final level defaults to the recommendation; a different one needs
// a variance. It returns EINVALID naming the fields (profile errors as "profile.<path>"),
// ENOTFOUND when there is no such client or it is outside the actor's care team (audited as
// denied), EUNAUTHORIZED without an actor and EFORBIDDEN for roles that may not take
// assessments.
func (svc *AssessmentService) CreateAssessment(ctx context.Context, clientID string, in carepath.AssessmentInput) (*carepath.Assessment, error) {
	var (
		sc    scored
		final carepath.Level
	)
	validate := func() error {
		var err error
		if sc, err = scoreProfile(in.Profile, "profile"); err != nil {
			return err
		}
		final, err = in.Check(sc.rec.Level, sc.rec.Floor.Level)
		return err
	}
	var a *carepath.Assessment
	o := op{record: access.Assessment, action: access.Create, clientID: wellFormedID(clientID), validate: validate}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		actor, _ := carepath.ActorFrom(ctx)
		var err error
		a, err = svc.insert(ctx, tx, clientID, actor.ID, sc, final, in.Variance, carepath.SourceChart)
		if err != nil {
			return nil, err
		}
		return []ref{{ID: a.ID, ClientID: clientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return a, nil
}

// insert stores one assessment in tx.
func (svc *AssessmentService) insert(ctx context.Context, tx *sql.Tx, clientID, clinicianID string, sc scored,
	final carepath.Level, v *carepath.Variance, source carepath.AssessmentSource) (*carepath.Assessment, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return nil, fmt.Errorf("new id: %w", err)
	}
	a := &carepath.Assessment{ID: id.String(), ClientID: clientID, TakenAt: svc.s.timestamp(),
		ClinicianID: clinicianID, Profile: sc.profile, Recommended: sc.rec.Level,
		RubricVersion: sc.rec.RubricVersion, Crisis: sc.rec.Crisis, FinalLevel: final, Source: source,
		Floor: sc.rec.Floor.Level, Urgency: string(sc.rec.Urgency)}
	var code, note string
	if v != nil {
		vv := *v
		a.Variance = &vv
		code, note = string(vv.Code), vv.Note
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO assessments (`+assessmentColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		a.ID, a.ClientID, a.TakenAt, a.ClinicianID, string(a.Profile), string(a.Recommended),
		a.RubricVersion, a.Crisis, string(a.FinalLevel), code, note, string(a.Source), string(a.Floor), a.Urgency)
	if err != nil {
		return nil, fmt.Errorf("insert assessment: %w", svc.s.translate(err))
	}
	return a, nil
}

// FindAssessments lists the assessments of the client with clientID, newest first; the list is
// never nil. It returns ENOTFOUND, EUNAUTHORIZED and EFORBIDDEN as CreateAssessment does.
func (svc *AssessmentService) FindAssessments(ctx context.Context, clientID string) ([]*carepath.Assessment, error) {
	list := []*carepath.Assessment{}
	o := op{record: access.Assessment, action: access.List, clientID: wellFormedID(clientID)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+assessmentColumns+` FROM assessments
			WHERE client_id = $1 ORDER BY taken_at DESC, id DESC`, clientID)
		if err != nil {
			return nil, fmt.Errorf("select assessments: %w", svc.s.translate(err))
		}
		defer rows.Close()
		var refs []ref
		for rows.Next() {
			a, err := scanAssessment(rows)
			if err != nil {
				return nil, fmt.Errorf("scan assessment: %w", err)
			}
			list = append(list, a)
			refs = append(refs, ref{ID: a.ID, ClientID: clientID})
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select assessments: %w", svc.s.translate(err))
		}
		return refs, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return list, nil
}

// assessmentColumns are the columns of assessments in the order insert and scanAssessment use.
const assessmentColumns = `id, client_id, taken_at, clinician_id, profile, recommended,
	rubric_version, crisis, final_level, variance_code, variance_note, source, floor_level, urgency`

// scanAssessment reads one row of assessmentColumns.
func scanAssessment(row interface{ Scan(...any) error }) (*carepath.Assessment, error) {
	var a carepath.Assessment
	var profile, recommended, final, code, note, source, floor string
	err := row.Scan(&a.ID, &a.ClientID, &a.TakenAt, &a.ClinicianID, &profile, &recommended,
		&a.RubricVersion, &a.Crisis, &final, &code, &note, &source, &floor, &a.Urgency)
	if err != nil {
		return nil, err
	}
	a.TakenAt = a.TakenAt.UTC()
	a.Profile = json.RawMessage(profile)
	a.Recommended, a.FinalLevel = carepath.Level(recommended), carepath.Level(final)
	a.Source, a.Floor = carepath.AssessmentSource(source), carepath.Level(floor)
	if code != "" {
		a.Variance = &carepath.Variance{Code: carepath.VarianceCode(code), Note: note}
	}
	return &a, nil
}

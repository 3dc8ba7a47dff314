package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/outcome"
	"github.com/google/uuid"
)

// ReviewService runs continued-stay reviews with outcome.Review and records the decisions.
type ReviewService struct {
	s        *Store
	measures *MeasureService
}

var _ carepath.ReviewService = (*ReviewService)(nil)

// NewReviewService returns the review service over s, judging change with the default
// thresholds (outcome.DefaultConfig).
func NewReviewService(s *Store) *ReviewService {
	return &ReviewService{s: s, measures: NewMeasureService(s)}
}

const reviewColumns = `id, client_id, episode_id, level, action, to_level, rule_id, reasons, also_matched, data,
	decision, decided_by, decided_at, decline_reason, transfer_id, created_by, created_at`

// RunReview reviews the client's open episode and stores the suggestion as pending.
func (svc *ReviewService) RunReview(ctx context.Context, clientID string) (*carepath.Review, error) {
	var out *carepath.Review
	o := op{record: access.Review, action: access.Create, clientID: wellFormedID(clientID)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		e, err := openEpisodeOf(ctx, svc.s, tx, clientID)
		if err != nil {
			return nil, err
		}
		now := svc.s.timestamp()
		series, oms, err := svc.measures.loadMeasures(ctx, tx, clientID)
		if err != nil {
			return nil, err
		}
		att, err := reviewAttendance(ctx, svc.s, tx, clientID, now, e.loc)
		if err != nil {
			return nil, err
		}
		sg := outcome.Review(outcome.ReviewInput{Level: e.level, Measures: oms, Now: now, Config: svc.measures.cfg,
			Attendance: outcome.Attendance{Attended: att.Attended, Scheduled: att.Scheduled}})
		uid, err := uuid.NewV7()
		if err != nil {
			return nil, fmt.Errorf("new id: %w", err)
		}
		actor, _ := carepath.ActorFrom(ctx)
		rv := &carepath.Review{ID: uid.String(), ClientID: clientID, EpisodeID: e.id, Level: e.level,
			Action: string(sg.Action), RuleID: sg.RuleID, Reasons: sg.Reasons, AlsoMatched: sg.AlsoMatched,
			Data:     carepath.ReviewData{Measures: reviewMeasures(series), Attendance: att, LastRelapse: lastRelapse(oms, now)},
			Decision: carepath.ReviewPending, CreatedBy: actor.ID, CreatedAt: now}
		if sg.Action == outcome.ActionStepUp || sg.Action == outcome.ActionStepDown {
			rv.ToLevel = sg.ToLevel
		}
		normalizeReview(rv)
		reasons, _ := json.Marshal(rv.Reasons)
		also, _ := json.Marshal(rv.AlsoMatched)
		data, err := json.Marshal(rv.Data)
		if err != nil {
			return nil, fmt.Errorf("review data: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO reviews (id, client_id, episode_id, level, action, to_level, rule_id,
			reasons, also_matched, data, decision, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
			rv.ID, rv.ClientID, rv.EpisodeID, string(rv.Level), rv.Action, string(rv.ToLevel), rv.RuleID,
			string(reasons), string(also), string(data), string(rv.Decision), rv.CreatedBy, now); err != nil {
			return nil, fmt.Errorf("insert review: %w", svc.s.translate(err))
		}
		out = rv
		return []ref{{ID: rv.ID, ClientID: clientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return out, nil
}

// normalizeReview makes the lists of rv non-nil, so the API shows [] rather than null.
func normalizeReview(rv *carepath.Review) {
	if rv.Reasons == nil {
		rv.Reasons = []string{}
	}
	if rv.AlsoMatched == nil {
		rv.AlsoMatched = []string{}
	}
	if rv.Data.Measures == nil {
		rv.Data.Measures = []carepath.ReviewMeasure{}
	}
}

// FindReviews lists the client's reviews, newest first.
func (svc *ReviewService) FindReviews(ctx context.Context, clientID string) ([]*carepath.Review, error) {
	list := []*carepath.Review{}
	o := op{record: access.Review, action: access.List, clientID: wellFormedID(clientID)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+reviewColumns+` FROM reviews WHERE client_id = $1
			ORDER BY created_at DESC, id DESC`, clientID)
		if err != nil {
			return nil, fmt.Errorf("select reviews: %w", svc.s.translate(err))
		}
		defer rows.Close()
		for rows.Next() {
			rv, err := scanReview(rows)
			if err != nil {
				return nil, err
			}
			if reviewerSees(ctx, clientID, rv.CreatedAt) {
				list = append(list, rv)
			}
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select reviews: %w", svc.s.translate(err))
		}
		return []ref{{ID: clientID, ClientID: clientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return list, nil
}

// FindReviewByID returns one review of a client the actor may see.
func (svc *ReviewService) FindReviewByID(ctx context.Context, id string) (*carepath.Review, error) {
	var out *carepath.Review
	o := op{record: access.Review, action: access.Read, recordID: wellFormedID(id), clientID: svc.s.clientOf(ctx, access.Review, id)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		rv, err := svc.readVisible(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		out = rv
		return []ref{{ID: rv.ID, ClientID: rv.ClientID}}, nil
	})
	if err != nil {
		return nil, hideReviewDenial(err)
	}
	return out, nil
}

// readVisible reads review id in tx; ENOTFOUND when there is none or its client is outside
// the actor's care team.
func (svc *ReviewService) readVisible(ctx context.Context, tx *sql.Tx, id string) (*carepath.Review, error) {
	if wellFormedID(id) == "" {
		return nil, reviewNotFound()
	}
	rv, err := scanReview(tx.QueryRowContext(ctx, `SELECT `+reviewColumns+` FROM reviews WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, reviewNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("select review: %w", svc.s.translate(err))
	}
	if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, rv.ClientID); err != nil {
		return nil, err
	}
	return rv, nil
}

func reviewNotFound() error { return carepath.Errorf(carepath.ENOTFOUND, "There is no such review.") }

// hideReviewDenial answers a review of a client outside the actor's care team as not found,
// once the denial is audited.
func hideReviewDenial(err error) error {
	if errors.Is(err, errClientHidden) {
		return reviewNotFound()
	}
	return err
}

// scanReview reads one row of reviewColumns.
func scanReview(row interface{ Scan(...any) error }) (*carepath.Review, error) {
	var rv carepath.Review
	var reasons, also, data string
	var decidedAt sql.NullTime
	if err := row.Scan(&rv.ID, &rv.ClientID, &rv.EpisodeID, &rv.Level, &rv.Action, &rv.ToLevel, &rv.RuleID, &reasons,
		&also, &data, &rv.Decision, &rv.DecidedBy, &decidedAt, &rv.DeclineReason, &rv.TransferID, &rv.CreatedBy,
		&rv.CreatedAt); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(reasons), &rv.Reasons); err != nil {
		return nil, fmt.Errorf("review reasons: %w", err)
	}
	if err := json.Unmarshal([]byte(also), &rv.AlsoMatched); err != nil {
		return nil, fmt.Errorf("review rules: %w", err)
	}
	if err := json.Unmarshal([]byte(data), &rv.Data); err != nil {
		return nil, fmt.Errorf("review data: %w", err)
	}
	if decidedAt.Valid {
		t := decidedAt.Time.UTC()
		rv.DecidedAt = &t
	}
	rv.CreatedAt = rv.CreatedAt.UTC()
	normalizeReview(&rv)
	return &rv, nil
}

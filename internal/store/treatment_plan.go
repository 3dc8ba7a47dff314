package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/google/uuid"
)

// TreatmentPlanService stores treatment plans, one row per version. The nested problems are kept as
// JSON; status, version and review date have columns of their own. Every call goes through the
// chokepoint and appends audit rows whose client_id is the plan's client; the rows hold ids
// and codes, never a statement. A clinician or case manager asking about a client outside
// their care team gets ENOTFOUND, audited as denied.
type TreatmentPlanService struct {
	s *Store
}

var _ carepath.TreatmentPlanService = (*TreatmentPlanService)(nil)

// NewTreatmentPlanService returns the plan service of s.
func NewTreatmentPlanService(s *Store) *TreatmentPlanService { return &TreatmentPlanService{s: s} }

const planColumns = `id, client_id, version, status, content, review_date, created_by, created_at,
	updated_at, signed_by, signed_at, acknowledged_at, acknowledged_how, revision`

// CreatePlan starts a draft for the client with clientID: version one more than the latest,
// copying the latest version's problems when in has none. The review date defaults to
// DefaultReviewDays after today (UTC).
func (svc *TreatmentPlanService) CreatePlan(ctx context.Context, clientID string, in carepath.TreatmentPlanInput) (*carepath.TreatmentPlan, error) {
	now := svc.s.timestamp()
	created := now.Format(carepath.DateLayout)
	validate := func() error {
		if len(in.Problems) == 0 {
			// Checked in the call, once it is known whether a version to copy exists.
			return withoutField(in.Check(created), "problems")
		}
		return in.Check(created)
	}
	var p *carepath.TreatmentPlan
	o := op{record: access.TreatmentPlan, action: access.Create, clientID: wellFormedID(clientID), validate: validate}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		latest, err := scanPlan(tx.QueryRowContext(ctx, `SELECT `+planColumns+` FROM plans WHERE client_id = $1
			ORDER BY version DESC LIMIT 1`, clientID))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			latest = nil
		case err != nil:
			return nil, fmt.Errorf("select latest plan: %w", svc.s.translate(err))
		case latest.Status == carepath.TreatmentPlanDraft:
			return nil, draftExists()
		}
		if len(in.Problems) == 0 {
			if latest == nil {
				return nil, invalidField("problems", "required", "Please give at least one problem.")
			}
			in.Problems = latest.Problems
		}
		id, err := uuid.NewV7()
		if err != nil {
			return nil, fmt.Errorf("new id: %w", err)
		}
		actor, _ := carepath.ActorFrom(ctx)
		p = &carepath.TreatmentPlan{ID: id.String(), ClientID: clientID, Version: 1, Status: carepath.TreatmentPlanDraft,
			Problems: in.Problems, ReviewDate: in.ReviewDate, CreatedBy: actor.ID, CreatedAt: now, UpdatedAt: now,
			Revision: 1}
		if latest != nil {
			p.Version = latest.Version + 1
		}
		if p.ReviewDate == "" {
			p.ReviewDate = carepath.DefaultReviewDate(now)
		}
		content, err := json.Marshal(p.Problems)
		if err != nil {
			return nil, fmt.Errorf("encode plan: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO plans (`+planColumns+`)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '', NULL, NULL, '', $10)`,
			p.ID, p.ClientID, p.Version, string(p.Status), string(content), p.ReviewDate, p.CreatedBy,
			p.CreatedAt, p.UpdatedAt, p.Revision); err != nil {
			if err = svc.s.translate(err); carepath.ErrorCode(err) == carepath.ECONFLICT {
				return nil, draftExists() // a concurrent start won the race
			}
			return nil, fmt.Errorf("insert plan: %w", err)
		}
		return []ref{{ID: p.ID, ClientID: clientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return p, nil
}

// UpdateDraft replaces the problems and review date of draft plan id at u.Revision and returns
// it as stored, its revision one higher. Target dates may not be before the plan's creation.
func (svc *TreatmentPlanService) UpdateDraft(ctx context.Context, id string, u carepath.TreatmentPlanDraftUpdate) (*carepath.TreatmentPlan, error) {
	o := op{record: access.TreatmentPlan, action: access.Update, recordID: wellFormedID(id), clientID: svc.s.clientOf(ctx, access.TreatmentPlan, id),
		validate: func() error { return u.Check("") }}
	return svc.change(ctx, o, id, u.Revision, func(p *carepath.TreatmentPlan) error {
		if p.Status != carepath.TreatmentPlanDraft {
			return signedNeverEdited()
		}
		created := p.CreatedAt.UTC().Format(carepath.DateLayout)
		if err := u.Check(created); err != nil {
			return err
		}
		p.Problems, p.ReviewDate = u.Problems, u.ReviewDate
		if p.ReviewDate == "" {
			p.ReviewDate = carepath.DefaultReviewDate(p.CreatedAt)
		}
		return nil
	})
}

// SignPlan signs draft plan id at revision as the actor, after checking its content again
// (EINVALID naming the paths, e.g. a copied target date before the version was started).
func (svc *TreatmentPlanService) SignPlan(ctx context.Context, id string, revision int) (*carepath.TreatmentPlan, error) {
	o := op{record: access.TreatmentPlan, action: access.Sign, recordID: wellFormedID(id), clientID: svc.s.clientOf(ctx, access.TreatmentPlan, id),
		validate: func() error {
			if revision < 1 {
				return invalidField("revision", "required", "Please give the revision the signature is based on.")
			}
			return nil
		}}
	return svc.change(ctx, o, id, revision, func(p *carepath.TreatmentPlan) error {
		if p.Status != carepath.TreatmentPlanDraft {
			return carepath.Errorf(carepath.ECONFLICT, "This plan is already signed.")
		}
		// A version copied from an earlier one may hold target dates that have passed since.
		in := carepath.TreatmentPlanInput{Problems: p.Problems, ReviewDate: p.ReviewDate}
		if err := in.Check(p.CreatedAt.UTC().Format(carepath.DateLayout)); err != nil {
			return err
		}
		actor, _ := carepath.ActorFrom(ctx)
		at := svc.s.timestamp()
		p.Status, p.SignedBy, p.SignedAt = carepath.TreatmentPlanSigned, actor.ID, &at
		return nil
	})
}

// AcknowledgePlan records that the client acknowledged signed plan id, and how.
func (svc *TreatmentPlanService) AcknowledgePlan(ctx context.Context, id string, how carepath.AcknowledgementMethod) (*carepath.TreatmentPlan, error) {
	o := op{record: access.TreatmentPlan, action: access.Acknowledge, recordID: wellFormedID(id), clientID: svc.s.clientOf(ctx, access.TreatmentPlan, id),
		validate: func() error {
			switch {
			case how == "":
				return invalidField("how", "required", "Please say how the client acknowledged the plan: in_person, signed or verbal.")
			case !how.Valid():
				return invalidField("how", "enum", "Use one of in_person, signed, verbal.")
			}
			return nil
		}}
	if how.Valid() {
		o.detail = "how=" + string(how)
	}
	return svc.change(ctx, o, id, 0, func(p *carepath.TreatmentPlan) error {
		if p.Status != carepath.TreatmentPlanSigned {
			return carepath.Errorf(carepath.ECONFLICT, "Please sign the plan before the client acknowledges it.")
		}
		if p.AcknowledgedAt != nil {
			return carepath.Errorf(carepath.ECONFLICT, "The client has already acknowledged this plan.")
		}
		at := svc.s.timestamp()
		p.AcknowledgedAt, p.AcknowledgedHow = &at, how
		return nil
	})
}

// change reads plan id, checks that the actor may see its client and that the plan is at
// revision (any revision when revision is 0), lets apply change it, and writes it back with
// its revision one higher.
func (svc *TreatmentPlanService) change(ctx context.Context, o op, id string, revision int,
	apply func(*carepath.TreatmentPlan) error) (*carepath.TreatmentPlan, error) {
	var p *carepath.TreatmentPlan
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var err error
		if p, err = svc.readVisible(ctx, tx, id); err != nil {
			return nil, err
		}
		if revision == 0 {
			revision = p.Revision
		} else if p.Revision != revision && p.Status == carepath.TreatmentPlanDraft {
			return nil, stalePlan()
		}
		if err := apply(p); err != nil {
			return nil, err
		}
		content, err := json.Marshal(p.Problems)
		if err != nil {
			return nil, fmt.Errorf("encode plan: %w", err)
		}
		p.UpdatedAt = svc.s.timestamp()
		res, err := tx.ExecContext(ctx, `UPDATE plans SET revision = revision + 1, status = $3, content = $4,
			review_date = $5, signed_by = $6, signed_at = $7, acknowledged_at = $8, acknowledged_how = $9,
			updated_at = $10 WHERE id = $1 AND revision = $2`, p.ID, revision, string(p.Status), string(content),
			p.ReviewDate, p.SignedBy, nullTime(p.SignedAt), nullTime(p.AcknowledgedAt), string(p.AcknowledgedHow),
			p.UpdatedAt)
		if err != nil {
			return nil, fmt.Errorf("update plan: %w", svc.s.translate(err))
		}
		if n, err := res.RowsAffected(); err != nil {
			return nil, fmt.Errorf("update plan: %w", svc.s.translate(err))
		} else if n == 0 {
			return nil, stalePlan()
		}
		p.Revision = revision + 1
		return []ref{{ID: p.ID, ClientID: p.ClientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return p, nil
}

// FindPlans lists every version of the client's plan, newest first; the list is never nil.
func (svc *TreatmentPlanService) FindPlans(ctx context.Context, clientID string) ([]*carepath.TreatmentPlan, error) {
	list := []*carepath.TreatmentPlan{}
	o := op{record: access.TreatmentPlan, action: access.List, clientID: wellFormedID(clientID)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+planColumns+` FROM plans WHERE client_id = $1
			ORDER BY version DESC`, clientID)
		if err != nil {
			return nil, fmt.Errorf("select plans: %w", svc.s.translate(err))
		}
		defer rows.Close()
		var refs []ref
		for rows.Next() {
			p, err := scanPlan(rows)
			if err != nil {
				return nil, fmt.Errorf("select plans: %w", err)
			}
			list = append(list, p)
			refs = append(refs, ref{ID: p.ID, ClientID: clientID})
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select plans: %w", svc.s.translate(err))
		}
		return refs, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return list, nil
}

// FindPlanByID returns plan id: ENOTFOUND when there is none or its client is outside the
// actor's care team.
func (svc *TreatmentPlanService) FindPlanByID(ctx context.Context, id string) (*carepath.TreatmentPlan, error) {
	var p *carepath.TreatmentPlan
	o := op{record: access.TreatmentPlan, action: access.Read, recordID: wellFormedID(id), clientID: svc.s.clientOf(ctx, access.TreatmentPlan, id)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var err error
		if p, err = svc.readVisible(ctx, tx, id); err != nil {
			return nil, err
		}
		return []ref{{ID: p.ID, ClientID: p.ClientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return p, nil
}

// readVisible reads plan id in tx and checks that the actor may see its client.
func (svc *TreatmentPlanService) readVisible(ctx context.Context, tx *sql.Tx, id string) (*carepath.TreatmentPlan, error) {
	if wellFormedID(id) == "" {
		return nil, planNotFound()
	}
	p, err := scanPlan(tx.QueryRowContext(ctx, `SELECT `+planColumns+` FROM plans WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, planNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("select plan: %w", svc.s.translate(err))
	}
	if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, p.ClientID); err != nil {
		return nil, err
	}
	return p, nil
}

func planNotFound() error { return carepath.Errorf(carepath.ENOTFOUND, "There is no such plan.") }

func stalePlan() error {
	return carepath.Errorf(carepath.ECONFLICT, "Someone else changed this plan since you opened it; please reload and try again.")
}

func signedNeverEdited() error {
	return carepath.Errorf(carepath.ECONFLICT, "This plan is signed, and signed plans are never edited: start a new version.")
}

func draftExists() error {
	return carepath.Errorf(carepath.ECONFLICT, "The client already has a draft plan; please edit or sign it first.")
}

// withoutField returns err without its field errors naming path, nil when none is left.
func withoutField(err error, path string) error {
	var left carepath.FieldErrors
	for _, f := range carepath.ErrorFields(err) {
		if f.Field != path {
			left = append(left, f)
		}
	}
	return left.Err()
}

func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return *t
}

func scanPlan(row interface{ Scan(...any) error }) (*carepath.TreatmentPlan, error) {
	var p carepath.TreatmentPlan
	var content string
	var signedAt, ackAt sql.NullTime
	err := row.Scan(&p.ID, &p.ClientID, &p.Version, &p.Status, &content, &p.ReviewDate, &p.CreatedBy, &p.CreatedAt,
		&p.UpdatedAt, &p.SignedBy, &signedAt, &ackAt, &p.AcknowledgedHow, &p.Revision)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(content), &p.Problems); err != nil {
		return nil, fmt.Errorf("decode plan: %w", err)
	}
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	if signedAt.Valid {
		t := signedAt.Time.UTC()
		p.SignedAt = &t
	}
	if ackAt.Valid {
		t := ackAt.Time.UTC()
		p.AcknowledgedAt = &t
	}
	return &p, nil
}

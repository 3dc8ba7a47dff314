package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/outcome"
	"github.com/google/uuid"
)

// SafetyPlanService keeps clients' safety plans: every save is a new version, never changed.
// Audit rows carry the client and the plan's id, never its text.
type SafetyPlanService struct {
	s *Store
}

var _ carepath.SafetyPlanService = (*SafetyPlanService)(nil)

// NewSafetyPlanService returns the safety-plan service of s.
func NewSafetyPlanService(s *Store) *SafetyPlanService { return &SafetyPlanService{s: s} }

// planContent is what the content column holds: the six steps.
type planContent struct {
	WarningSigns      []string                     `json:"warning_signs"`
	CopingStrategies  []string                     `json:"coping_strategies"`
	DistractionPeople []carepath.SafetyContactLine `json:"distraction_people"`
	DistractionPlaces []string                     `json:"distraction_places"`
	HelpContacts      []carepath.SafetyContactLine `json:"help_contacts"`
	Professionals     []carepath.SafetyContactLine `json:"professionals"`
	SafeEnvironment   []string                     `json:"safe_environment"`
	ReasonForLiving   string                       `json:"reason_for_living,omitempty"`
}

// SaveSafetyPlan stores a new version of the client's plan.
func (svc *SafetyPlanService) SaveSafetyPlan(ctx context.Context, clientID string, in carepath.SafetyPlanInput) (*carepath.SafetyPlan, error) {
	var out *carepath.SafetyPlan
	o := op{record: access.SafetyPlan, action: access.Create, clientID: wellFormedID(clientID), validate: in.Validate}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		var latest int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM safety_plans WHERE client_id = $1`, clientID).Scan(&latest); err != nil {
			return nil, fmt.Errorf("select plan version: %w", svc.s.translate(err))
		}
		if in.BaseVersion != latest {
			return nil, carepath.Errorf(carepath.ECONFLICT,
				"Someone saved a newer version of this safety plan (version %d) since you opened it. Please reload it and make your changes again.", latest)
		}
		id, err := uuid.NewV7()
		if err != nil {
			return nil, fmt.Errorf("new id: %w", err)
		}
		content, err := json.Marshal(planContent{in.WarningSigns, in.CopingStrategies, in.DistractionPeople, in.DistractionPlaces,
			in.HelpContacts, in.Professionals, in.SafeEnvironment, in.ReasonForLiving})
		if err != nil {
			return nil, fmt.Errorf("plan content: %w", err)
		}
		actor, _ := carepath.ActorFrom(ctx)
		now := svc.s.timestamp()
		if _, err := tx.ExecContext(ctx, `INSERT INTO safety_plans (id, client_id, version, content, written_with_client, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, id.String(), clientID, latest+1, string(content), in.WrittenWithClient, actor.ID, now); err != nil {
			return nil, fmt.Errorf("insert safety plan: %w", svc.s.translate(err))
		}
		out, err = readSafetyPlan(ctx, svc.s, tx, clientID, latest+1)
		if err != nil {
			return nil, err
		}
		return []ref{{ID: out.ID, ClientID: clientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return out, nil
}

// FindSafetyPlan returns one version of the client's plan, the latest when version is 0.
func (svc *SafetyPlanService) FindSafetyPlan(ctx context.Context, clientID string, version int) (*carepath.SafetyPlan, error) {
	var out *carepath.SafetyPlan
	o := op{record: access.SafetyPlan, action: access.Read, clientID: wellFormedID(clientID), detail: "version " + strconv.Itoa(max(version, 0))}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		var err error
		if out, err = readSafetyPlan(ctx, svc.s, tx, clientID, version); err != nil {
			return nil, err
		}
		return []ref{{ID: out.ID, ClientID: clientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return out, nil
}

// readSafetyPlan reads a version of a client's plan (the latest when version is 0).
func readSafetyPlan(ctx context.Context, s *Store, tx *sql.Tx, clientID string, version int) (*carepath.SafetyPlan, error) {
	q := `SELECT id, version, content, written_with_client, created_by, created_at FROM safety_plans WHERE client_id = $1 AND version = $2`
	args := []any{clientID, version}
	if version <= 0 {
		q, args = `SELECT id, version, content, written_with_client, created_by, created_at FROM safety_plans WHERE client_id = $1
			ORDER BY version DESC LIMIT 1`, []any{clientID}
	}
	p := &carepath.SafetyPlan{ClientID: clientID}
	var content string
	err := tx.QueryRowContext(ctx, q, args...).Scan(&p.ID, &p.Version, &content, &p.WrittenWithClient, &p.CreatedBy, &p.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		if version > 0 {
			return nil, carepath.Errorf(carepath.ENOTFOUND, "This safety plan has no version %d.", version)
		}
		return nil, carepath.Errorf(carepath.ENOTFOUND, "There is no safety plan for this client yet.")
	}
	if err != nil {
		return nil, fmt.Errorf("select safety plan: %w", s.translate(err))
	}
	var c planContent
	if err := json.Unmarshal([]byte(content), &c); err != nil {
		return nil, fmt.Errorf("safety plan content: %w", err)
	}
	p.CreatedAt = p.CreatedAt.UTC()
	p.WarningSigns, p.CopingStrategies, p.DistractionPeople, p.DistractionPlaces = c.WarningSigns, c.CopingStrategies, c.DistractionPeople, c.DistractionPlaces
	p.HelpContacts, p.Professionals, p.SafeEnvironment, p.ReasonForLiving = c.HelpContacts, c.Professionals, c.SafeEnvironment, c.ReasonForLiving
	return p, nil
}

// FindSafetyPlanVersions lists the versions of the client's plan, newest first.
func (svc *SafetyPlanService) FindSafetyPlanVersions(ctx context.Context, clientID string) ([]carepath.SafetyPlanVersion, error) {
	out := []carepath.SafetyPlanVersion{}
	o := op{record: access.SafetyPlan, action: access.List, clientID: wellFormedID(clientID)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		rows, err := tx.QueryContext(ctx, `SELECT version, created_by, created_at FROM safety_plans WHERE client_id = $1 ORDER BY version DESC`, clientID)
		if err != nil {
			return nil, fmt.Errorf("select safety plans: %w", svc.s.translate(err))
		}
		defer rows.Close()
		for rows.Next() {
			var v carepath.SafetyPlanVersion
			if err := rows.Scan(&v.Version, &v.CreatedBy, &v.CreatedAt); err != nil {
				return nil, fmt.Errorf("scan safety plan: %w", svc.s.translate(err))
			}
			v.CreatedAt = v.CreatedAt.UTC()
			out = append(out, v)
		}
		return []ref{{ID: clientID, ClientID: clientID}}, rows.Err()
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return out, nil
}

// CreateSafetyPlanLink makes a link to the client's current plan. The token is returned once;
// only its hash is stored.
func (svc *SafetyPlanService) CreateSafetyPlanLink(ctx context.Context, clientID string) (*carepath.SafetyPlanLink, string, error) {
	var link *carepath.SafetyPlanLink
	var token string
	o := op{record: access.SafetyPlanLink, action: access.Create, clientID: wellFormedID(clientID)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		if _, err := readSafetyPlan(ctx, svc.s, tx, clientID, 0); err != nil {
			return nil, err
		}
		id, err := uuid.NewV7()
		if err != nil {
			return nil, fmt.Errorf("new id: %w", err)
		}
		if token, err = newToken(); err != nil {
			return nil, err
		}
		actor, _ := carepath.ActorFrom(ctx)
		now := svc.s.timestamp()
		link = &carepath.SafetyPlanLink{ID: id.String(), ClientID: clientID, CreatedAt: now, ExpiresAt: now.Add(carepath.SafetyPlanLinkTTL)}
		if _, err := tx.ExecContext(ctx, `INSERT INTO safety_plan_links (id, client_id, token_hash, created_by, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, link.ID, clientID, hashToken(token), actor.ID, now, link.ExpiresAt); err != nil {
			return nil, fmt.Errorf("insert safety plan link: %w", svc.s.translate(err))
		}
		return []ref{{ID: link.ID, ClientID: clientID}}, nil
	})
	if err != nil {
		return nil, "", hideDenial(err)
	}
	return link, token, nil
}

// OpenSafetyPlanLink returns the current plan of the link's client, and records when the link
// was last opened.
func (svc *SafetyPlanService) OpenSafetyPlanLink(ctx context.Context, token string) (*carepath.SafetyPlan, error) {
	var out *carepath.SafetyPlan
	o := op{record: access.SafetyPlanLink, action: access.Open}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if token == "" || len(token) > 128 {
			return nil, planLinkGone()
		}
		var id, clientID string
		var expires time.Time
		var revoked sql.NullTime
		err := tx.QueryRowContext(ctx, `SELECT id, client_id, expires_at, revoked_at FROM safety_plan_links WHERE token_hash = $1`,
			hashToken(token)).Scan(&id, &clientID, &expires, &revoked)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, planLinkGone()
		}
		if err != nil {
			return nil, fmt.Errorf("select safety plan link: %w", svc.s.translate(err))
		}
		now := svc.s.timestamp()
		if revoked.Valid || !now.Before(expires) {
			return nil, planLinkGone()
		}
		if out, err = readSafetyPlan(ctx, svc.s, tx, clientID, 0); err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE safety_plan_links SET last_opened_at = $1 WHERE id = $2`, now, id); err != nil {
			return nil, fmt.Errorf("update safety plan link: %w", svc.s.translate(err))
		}
		return []ref{{ID: id, ClientID: clientID}}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// planLinkGone is the one answer to an unknown, expired or revoked plan link.
func planLinkGone() error {
	return carepath.Errorf(carepath.ENOTFOUND, "This link does not work. It may have expired. Please ask your care team for a new one.")
}

// safetyAlertKinds are the alerts that put a client in crisis.
var safetyAlertKinds = []any{string(outcome.AlertSafety), string(outcome.AlertSafetyCSSRS), carepath.AlertCrisisIntake}

// planAlertWindow is how long a safety alert keeps asking for a safety plan.
const planAlertWindow = 30 * 24 * time.Hour

// FindSafetyPlanAlerts lists the visible clients in crisis without a safety plan saved since.
func (svc *SafetyPlanService) FindSafetyPlanAlerts(ctx context.Context) ([]*carepath.MeasureAlert, error) {
	out := []*carepath.MeasureAlert{}
	o := op{record: access.MeasureAlert, action: access.List, lists: true, detail: "safety plans"}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		actor, _ := carepath.ActorFrom(ctx)
		where, args, ok := visibleClause(actor, 1)
		if !ok {
			return nil, nil
		}
		n := len(args)
		now := svc.s.timestamp()
		args = append(args, now.Add(-planAlertWindow))
		args = append(args, safetyAlertKinds...)
		q := fmt.Sprintf(`SELECT c.id, t.at, (SELECT MAX(p.created_at) FROM safety_plans p WHERE p.client_id = c.id)
			FROM clients c JOIN (
				SELECT client_id, flagged_at AS at FROM client_crisis_flags
				UNION ALL SELECT client_id, at FROM measure_alerts WHERE at >= $%d AND kind IN ($%d, $%d, $%d)
			) t ON t.client_id = c.id WHERE %s`, n+1, n+2, n+3, n+4, where)
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("select crises: %w", svc.s.translate(err))
		}
		defer rows.Close()
		latest := map[string]time.Time{}
		planned := map[string]time.Time{}
		var order []string
		for rows.Next() {
			var id string
			var at time.Time
			var plan sql.NullTime
			if err := rows.Scan(&id, &at, &plan); err != nil {
				return nil, fmt.Errorf("scan crisis: %w", svc.s.translate(err))
			}
			if _, seen := latest[id]; !seen {
				order = append(order, id)
			}
			if at.After(latest[id]) {
				latest[id] = at.UTC()
			}
			if plan.Valid {
				planned[id] = plan.Time.UTC()
			}
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select crises: %w", svc.s.translate(err))
		}
		var refs []ref
		for _, id := range order {
			since := latest[id]
			if p, ok := planned[id]; ok && !p.Before(since) {
				continue
			}
			out = append(out, &carepath.MeasureAlert{ID: alertID(id, "safety_plan:"+since.Format(time.RFC3339Nano)), ClientID: id,
				Kind: carepath.AlertSafetyPlanMissing, Priority: int(outcome.PriorityUrgent), At: since,
				Reason:   "No safety plan saved since the crisis began: write one with the client today.",
				Protocol: outcome.CrisisProtocol})
			refs = append(refs, ref{ID: id, ClientID: id})
		}
		return refs, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

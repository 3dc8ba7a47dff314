package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/delivery"
	"github.com/carepath/carepath/schedule"
	"github.com/google/uuid"
)

// SchedulePlanService proposes and applies a program's weekly schedule ("Plan next week"):
// it builds the schedule instance from the program's groups, rosters, sessions, clients'
// and clinicians' availability and caseloads, solves it, stores the proposal with its
// changes against the week as it stands, and applies it only when asked.
type SchedulePlanService struct {
	s *Store
	// TimeLimit bounds each solve (0: planTimeLimit).
	TimeLimit time.Duration
}

var _ carepath.SchedulePlanService = (*SchedulePlanService)(nil)

// NewSchedulePlanService returns the schedule-plan service of s.
func NewSchedulePlanService(s *Store) *SchedulePlanService { return &SchedulePlanService{s: s} }

// planWeek parses the week asked for, or returns next week in the program's time zone.
func (svc *SchedulePlanService) planWeek(p *carepath.Program, week string) (delivery.ISOWeek, error) {
	if week == "" {
		return delivery.WeekOf(svc.s.now(), p.Location()).Next(), nil
	}
	return delivery.ParseISOWeek("week", week)
}

// ProposeSchedulePlan builds the week's instance, solves it and stores the proposal. The
// week is read in one read-only call and the proposal written in another, so the solve (a
// few seconds) never holds the writer; a change in between makes the proposal stale, which
// applying it detects. EINVALID names week or without[i]; ENOTFOUND for an unknown program.
func (svc *SchedulePlanService) ProposeSchedulePlan(ctx context.Context, programID string, in carepath.SchedulePlanCreate) (*carepath.SchedulePlan, error) {
	validate := func() error {
		var errs carepath.FieldErrors
		if in.Week != "" {
			if _, err := delivery.ParseISOWeek("week", in.Week); err != nil {
				errs = append(errs, carepath.ErrorFields(err)...)
			}
		}
		for i, id := range in.Without {
			if wellFormedID(id) == "" {
				errs.Add(fmt.Sprintf("without[%d]", i), "unknown", "There is no such clinician.")
			}
		}
		return errs.Err()
	}
	var pw *plannedWeek
	o := op{record: access.SchedulePlan, action: access.Create, readOnly: true, recordID: wellFormedID(programID),
		validate: validate, detail: "read week " + in.Week}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		p, err := readProgram(ctx, svc.s, tx, programID)
		if err != nil {
			return nil, err
		}
		week, err := svc.planWeek(p, in.Week)
		if err != nil {
			return nil, err
		}
		if pw, err = buildWeek(ctx, svc.s, tx, p, week, in.Without); err != nil {
			return nil, err
		}
		var errs carepath.FieldErrors
		for i, id := range in.Without {
			if _, ok := pw.staffName[id]; !ok {
				errs.Add(fmt.Sprintf("without[%d]", i), "unknown", "This staff member neither runs a group nor sees a client of the program.")
			}
		}
		return clientRefs(p.ID, pw.inst), errs.Err()
	})
	if err != nil {
		return nil, err
	}
	plan, err := svc.solve(ctx, pw)
	if err != nil {
		return nil, err
	}
	body, err := json.Marshal(plan)
	if err != nil {
		return nil, fmt.Errorf("encode plan: %w", err)
	}
	o = op{record: access.SchedulePlan, action: access.Create, recordID: plan.ID, detail: "week " + plan.Week}
	err = svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO schedule_plans (id, program_id, week, status, fingerprint, body,
			created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, plan.ID, plan.ProgramID, plan.Week,
			plan.Status, pw.fingerprint, string(body), plan.CreatedBy, plan.CreatedAt); err != nil {
			return nil, fmt.Errorf("insert plan: %w", svc.s.translate(err))
		}
		return []ref{{ID: plan.ID}}, nil
	})
	if err != nil {
		return nil, err
	}
	return svc.FindSchedulePlanByID(ctx, plan.ID)
}

// clientRefs names the program and each client of inst, for the audit rows of a read.
func clientRefs(programID string, inst *schedule.Instance) []ref {
	refs := []ref{{ID: programID}}
	for _, c := range inst.Clients {
		refs = append(refs, ref{ID: programID, ClientID: c.ID})
	}
	return refs
}

// solve solves the week without the departing clinicians, keeping the current week where it
// can, and describes the result.
func (svc *SchedulePlanService) solve(ctx context.Context, pw *plannedWeek) (*carepath.SchedulePlan, error) {
	inst, uncovered, err := pw.inst.Without(pw.gone)
	if err != nil {
		return nil, err
	}
	orphans := schedule.Orphans(pw.inst, pw.prev, pw.gone)
	limit := svc.TimeLimit
	if limit <= 0 {
		limit = planTimeLimit
	}
	opt := schedule.Options{Seed: 1, TimeLimit: limit, Previous: pw.prev, Stability: planStability,
		Orphans: orphans, Fairness: planFairness, Patience: 2000 + 20*len(inst.Clients)}
	sol, _, err := schedule.Solve(ctx, inst, opt)
	if err != nil {
		return nil, fmt.Errorf("plan week: %w", err)
	}
	plan := describePlan(pw, inst, sol, orphans, uncovered)
	id, err := uuid.NewV7()
	if err != nil {
		return nil, fmt.Errorf("new id: %w", err)
	}
	actor, _ := carepath.ActorFrom(ctx)
	plan.ID, plan.CreatedBy, plan.CreatedAt = id.String(), actor.ID, svc.s.timestamp()
	return plan, nil
}

// FindSchedulePlanByID returns a stored proposal, with the clients' names; ENOTFOUND when
// there is none.
func (svc *SchedulePlanService) FindSchedulePlanByID(ctx context.Context, id string) (*carepath.SchedulePlan, error) {
	var plan *carepath.SchedulePlan
	o := op{record: access.SchedulePlan, action: access.Read, recordID: wellFormedID(id)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var err error
		if plan, _, err = readPlan(ctx, svc.s, tx, id); err != nil {
			return nil, err
		}
		all := slices.Clone(plan.Clients)
		for _, c := range plan.LeftOut {
			all = append(all, carepath.SchedulePlanClient{ClientID: c.ClientID})
		}
		names, err := sortNames(ctx, svc.s, tx, all)
		if err != nil {
			return nil, err
		}
		if plan.LeftOut == nil {
			plan.LeftOut = []carepath.SchedulePlanLeftOut{}
		}
		for i := range plan.LeftOut {
			plan.LeftOut[i].Name = names[plan.LeftOut[i].ClientID]
		}
		refs := []ref{{ID: plan.ID}}
		for i := range plan.Clients {
			c := &plan.Clients[i]
			name, ok := names[c.ClientID]
			if !ok {
				return nil, fmt.Errorf("select client name: %w", sql.ErrNoRows)
			}
			c.Name = name
			refs = append(refs, ref{ID: plan.ID, ClientID: c.ClientID})
		}
		for _, c := range plan.LeftOut {
			refs = append(refs, ref{ID: plan.ID, ClientID: c.ClientID})
		}
		return refs, nil
	})
	if err != nil {
		return nil, err
	}
	return plan, nil
}

// sortNames returns "family, given" for each client of a plan, read a few hundred clients
// to a query.
func sortNames(ctx context.Context, s *Store, tx *sql.Tx, clients []carepath.SchedulePlanClient) (map[string]string, error) {
	names := make(map[string]string, len(clients))
	for start := 0; start < len(clients); start += 500 {
		chunk := clients[start:min(start+500, len(clients))]
		ids := make([]any, len(chunk))
		for i, c := range chunk {
			ids[i] = c.ClientID
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, given_name, family_name FROM clients WHERE id IN (`+
			placeholders(1, len(ids))+`)`, ids...)
		if err != nil {
			return nil, fmt.Errorf("select client names: %w", s.translate(err))
		}
		for rows.Next() {
			var id, given, family string
			if err := rows.Scan(&id, &given, &family); err != nil {
				rows.Close()
				return nil, fmt.Errorf("select client names: %w", s.translate(err))
			}
			names[id] = family + ", " + given
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select client names: %w", s.translate(err))
		}
	}
	return names, nil
}

// readPlan reads a stored plan and the fingerprint it was computed from.
func readPlan(ctx context.Context, s *Store, tx *sql.Tx, id string) (*carepath.SchedulePlan, string, error) {
	var body, status, fingerprint, appliedBy string
	var appliedAt sql.NullTime
	err := tx.QueryRowContext(ctx, `SELECT body, status, fingerprint, applied_by, applied_at FROM schedule_plans WHERE id = $1`,
		id).Scan(&body, &status, &fingerprint, &appliedBy, &appliedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", carepath.Errorf(carepath.ENOTFOUND, "There is no such schedule plan.")
	}
	if err != nil {
		return nil, "", fmt.Errorf("select plan: %w", s.translate(err))
	}
	var plan carepath.SchedulePlan
	if err := json.Unmarshal([]byte(body), &plan); err != nil {
		return nil, "", fmt.Errorf("decode plan: %w", err)
	}
	plan.Status, plan.AppliedBy = status, appliedBy
	if appliedAt.Valid {
		plan.AppliedAt = appliedAt.Time.UTC()
	}
	return &plan, fingerprint, nil
}

// staleSchedulePlan is the error for a plan whose week changed since it was proposed.
func staleSchedulePlan() error {
	return carepath.Errorf(carepath.ECONFLICT,
		"Rosters, sessions or therapists changed since this plan was proposed. Please plan the week again.")
}

// ApplySchedulePlan applies a proposal in one transaction: rosters change from the week's
// Monday (dated roster changes), the individual sessions are booked as one-off sessions of
// the week (a session of the week the plan replaces is cancelled for that date only), and a
// client who gets a new therapist gets them as primary clinician. ECONFLICT when the plan was
// already applied, when the week changed since it was proposed, or when a booking would
// double-book someone outside the program; ENOTFOUND when there is no such plan.
func (svc *SchedulePlanService) ApplySchedulePlan(ctx context.Context, id string) (*carepath.SchedulePlan, error) {
	o := op{record: access.SchedulePlan, action: access.Apply, recordID: wellFormedID(id)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		plan, fingerprint, err := readPlan(ctx, svc.s, tx, id)
		if err != nil {
			return nil, err
		}
		if plan.Status == carepath.SchedulePlanApplied {
			return nil, carepath.Errorf(carepath.ECONFLICT, "This plan was already applied.")
		}
		p, err := readProgram(ctx, svc.s, tx, plan.ProgramID)
		if err != nil {
			return nil, err
		}
		week, err := delivery.ParseISOWeek("week", plan.Week)
		if err != nil {
			return nil, err
		}
		pw, err := buildWeek(ctx, svc.s, tx, p, week, plan.Without)
		if err != nil {
			return nil, err
		}
		if pw.fingerprint != fingerprint {
			return nil, staleSchedulePlan()
		}
		changed, err := svc.apply(ctx, tx, pw, plan)
		if err != nil {
			return nil, err
		}
		actor, _ := carepath.ActorFrom(ctx)
		res, err := tx.ExecContext(ctx, `UPDATE schedule_plans SET status = $1, applied_by = $2, applied_at = $3
			WHERE id = $4 AND status = $5`, carepath.SchedulePlanApplied, actor.ID, svc.s.timestamp(), id, carepath.SchedulePlanProposed)
		if err != nil {
			return nil, fmt.Errorf("update plan: %w", svc.s.translate(err))
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return nil, carepath.Errorf(carepath.ECONFLICT, "This plan was already applied.")
		}
		refs := []ref{{ID: id}}
		for _, c := range changed {
			refs = append(refs, ref{ID: id, ClientID: c})
		}
		return refs, nil
	})
	if err != nil {
		return nil, err
	}
	return svc.FindSchedulePlanByID(ctx, id)
}

// conflictAsStale turns a double booking found while applying into a conflict that says
// which planned session it was and keeps each clash's field error (naming the other session,
// its start and the resource) and its cause (delivery.ConflictError, which pages turn into
// names).
func conflictAsStale(err error, planned string) error {
	if carepath.ErrorCode(err) == carepath.ECONFLICT {
		return &carepath.Error{Code: carepath.ECONFLICT, Message: "The planned " + planned + " would double-book " +
			"someone already booked elsewhere. Please plan the week again", Fields: carepath.ErrorFields(err), Err: err}
	}
	if carepath.ErrorCode(err) == carepath.EINVALID {
		return &carepath.Error{Code: carepath.ECONFLICT, Message: "The plan no longer fits the rosters. " +
			"Please plan the week again.", Err: err}
	}
	return err
}

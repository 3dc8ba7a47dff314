package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/instrument"
	"github.com/carepath/carepath/outcome"
	"github.com/carepath/carepath/placement"
	"github.com/google/uuid"
)

// ConvertIntake creates the client described by in from the intake request with intakeID, stores
// the request's answers as the client's first assessment (source "intake", taken by the actor,
// final level the recommendation) and marks the request converted with the new client's id, all
// in one transaction. Empty email and phone are taken from the request. It returns EINVALID
// naming the client's fields (and "profile" when the request's answers cannot be scored),
// ENOTFOUND when there is no such request, ECONFLICT when it was converted already,
// EUNAUTHORIZED without an actor and EFORBIDDEN for roles that may not convert requests. A
// failed conversion changes nothing but appends its audit row.
func (svc *AssessmentService) ConvertIntake(ctx context.Context, intakeID string, in carepath.ClientInput) (*carepath.Client, error) {
	c := in.Client()
	var stored *carepath.Client
	o := op{record: access.Intake, action: access.Convert, recordID: wellFormedID(intakeID), validate: c.Validate}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var email, phone, profile, status string
		var crisis bool
		var answeredAt time.Time
		err := tx.QueryRowContext(ctx, `SELECT email, phone, profile, status, crisis, created_at FROM intake_requests WHERE id = $1`,
			intakeID).Scan(&email, &phone, &profile, &status, &crisis, &answeredAt)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, carepath.Errorf(carepath.ENOTFOUND, "There is no such intake request.")
		}
		if err != nil {
			return nil, fmt.Errorf("select intake: %w", svc.s.translate(err))
		}
		if carepath.IntakeStatus(status) == carepath.IntakeConverted {
			return nil, intakeConverted()
		}
		sc, err := scoreProfile([]byte(profile), "profile")
		if err != nil {
			return nil, err
		}
		if c.Email == "" {
			c.Email = email
		}
		if c.Phone == "" {
			c.Phone = phone
		}
		if err := c.Validate(); err != nil {
			return nil, err
		}
		if stored, err = svc.insertClient(ctx, tx, c); err != nil {
			return nil, err
		}
		actor, _ := carepath.ActorFrom(ctx)
		a, err := svc.insert(ctx, tx, stored.ID, actor.ID, sc, sc.rec.Level, nil, carepath.SourceIntake)
		if err != nil {
			return nil, err
		}
		res, err := tx.ExecContext(ctx, `UPDATE intake_requests SET status = $2, client_id = $3
			WHERE id = $1 AND status <> $2`, intakeID, string(carepath.IntakeConverted), stored.ID)
		if err != nil {
			return nil, fmt.Errorf("update intake: %w", svc.s.translate(err))
		}
		if n, err := res.RowsAffected(); err != nil {
			return nil, fmt.Errorf("update intake: %w", svc.s.translate(err))
		} else if n == 0 {
			return nil, intakeConverted()
		}
		refs := []ref{{ID: intakeID, ClientID: stored.ID}, {ID: stored.ID, ClientID: stored.ID}, {ID: a.ID, ClientID: stored.ID}}
		more, err := svc.carryOver(ctx, tx, intakeID, stored.ID, sc, crisis || sc.rec.Crisis, answeredAt.UTC())
		if err != nil {
			return nil, err
		}
		return append(refs, more...), nil
	})
	if err != nil {
		return nil, err
	}
	return stored, nil
}

func intakeConverted() error {
	return carepath.Errorf(carepath.ECONFLICT, "This intake request was converted already.")
}

// insertClient stores a copy of c as a new client in tx, the way CreateClient does.
func (svc *AssessmentService) insertClient(ctx context.Context, tx *sql.Tx, c *carepath.Client) (*carepath.Client, error) {
	if err := svc.s.checkNewCareTeam(ctx, tx, c); err != nil {
		return nil, err
	}
	id, err := uuid.NewV7()
	if err != nil {
		return nil, fmt.Errorf("new id: %w", err)
	}
	stored := *c
	now := svc.s.timestamp()
	stored.ID, stored.Version, stored.CreatedAt, stored.UpdatedAt = id.String(), 1, now, now
	_, err = tx.ExecContext(ctx, `INSERT INTO clients (`+clientColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
		$19, $20, $21, $22, $23, $24, $25, $26)`, clientArgs(&stored)...)
	if err != nil {
		return nil, fmt.Errorf("insert client: %w", svc.s.translate(err))
	}
	return &stored, nil
}

// carryOver gives the new client the weight of their intake request, in tx: the decision
// aid's answers become baseline measures, dated when the person answered (every PHQ-9,
// GAD-7, AUDIT, DAST-10 and C-SSRS answered in full), and a crisis request opens a same-day
// alert on the care team's dashboard and flags the chart. A measure's own safety alert (PHQ-9
// item 9, a positive C-SSRS) is that alert; otherwise a crisis_intake alert is raised. The
// on-call rota was paged when the request came in, so nobody is paged again.
func (svc *AssessmentService) carryOver(ctx context.Context, tx *sql.Tx, intakeID, clientID string, sc scored, crisis bool, answeredAt time.Time) ([]ref, error) {
	p, err := placement.DecodeBytes(sc.profile)
	if err != nil {
		return nil, nil // scored already; an unreadable profile cannot reach here
	}
	ms := &MeasureService{s: svc.s, cfg: outcome.DefaultConfig()}
	sets := []struct {
		id      instrument.ID
		answers []int
	}{{instrument.PHQ9, p.Answers.PHQ9}, {instrument.GAD7, p.Answers.GAD7}, {instrument.AUDIT, p.Answers.AUDIT}}
	if p.Answers.DAST10 != nil {
		dast := make([]int, len(p.Answers.DAST10))
		for i, yes := range p.Answers.DAST10 {
			if !yes {
				dast[i] = 1 // the published order is Yes, No
			}
		}
		sets = append(sets, struct {
			id      instrument.ID
			answers []int
		}{instrument.DAST10, dast})
	}
	if p.Answers.CSSRS != nil {
		if idx, err := instrument.CSSRSAnswers(p.Answers.CSSRS, p.Answers.CSSRSBehaviorPast3Months); err == nil {
			sets = append(sets, struct {
				id      instrument.ID
				answers []int
			}{instrument.CSSRS, idx})
		}
	}
	var refs []ref
	safety := false
	for _, set := range sets {
		in, _ := instrument.Get(set.id)
		if len(set.answers) != len(in.Items) {
			continue // only what was answered in full
		}
		m, severity, err := ms.score(careContext{}, string(set.id), set.answers, p.Context.Sex, answeredAt)
		if err != nil {
			continue
		}
		stored, raised, err := ms.insertMeasure(ctx, tx, clientID, careContext{}, m, set.answers, severity, carepath.MeasureByIntake, intakeID)
		if err != nil {
			return nil, err
		}
		for _, a := range raised {
			safety = safety || pagedKinds[a.Kind]
		}
		refs = append(refs, ref{ID: stored.ID, ClientID: clientID})
	}
	if crisis && !safety {
		now := svc.s.timestamp()
		key := "intake:" + intakeID
		id := alertID(clientID, key)
		if _, err := tx.ExecContext(ctx, `INSERT INTO measure_alerts (id, client_id, alert_key, kind, priority, instrument, measure_id, reason, at, created_at)
			VALUES ($1, $2, $3, $4, $5, '', '', $6, $7, $8)`, id, clientID, key, carepath.AlertCrisisIntake, int(outcome.PriorityUrgent),
			"The request from the decision aid, sent "+answeredAt.Format("2006-01-02 15:04")+" UTC, showed a crisis (thoughts of self-harm or another risk answer): review today.",
			answeredAt, now); err != nil {
			return nil, fmt.Errorf("insert crisis intake alert: %w", svc.s.translate(err))
		}
		if err := svc.s.flagCrisis(ctx, tx, clientID, "", id, now); err != nil {
			return nil, err
		}
		refs = append(refs, ref{ID: id, ClientID: clientID})
	}
	return refs, nil
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/billing"
)

// ChargeService computes charges from attendance and signed notes with each program's rate
// table. Charges are not stored: the same attendance always makes the same charges, and a note
// signed later releases a held charge without anyone typing it again.
type ChargeService struct{ s *Store }

var _ carepath.ChargeService = (*ChargeService)(nil)

// NewChargeService returns the charge service of s.
func NewChargeService(s *Store) *ChargeService { return &ChargeService{s: s} }

// FindCharges lists the charges of the period.
func (svc *ChargeService) FindCharges(ctx context.Context, f carepath.ChargeFilter) ([]*carepath.Charge, error) {
	list := []*carepath.Charge{}
	o := op{record: access.Charge, action: access.List, lists: true, clientID: wellFormedID(f.ClientID),
		validate: func() error { return checkChargeFilter(f) }}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if f.ClientID != "" {
			if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, f.ClientID); err != nil {
				return nil, err
			}
		}
		run, err := computeCharges(ctx, tx, svc.s, f)
		if err != nil {
			return nil, err
		}
		scope, err := newScheduleScope(ctx, svc.s, tx)
		if err != nil {
			return nil, err
		}
		var refs []ref
		for _, c := range run.charges {
			if scope.seesClient(c.ClientID) {
				list = append(list, c)
				refs = append(refs, ref{ClientID: c.ClientID})
			}
		}
		return refs, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return list, nil
}

// checkChargeFilter checks a period of charges.
func checkChargeFilter(f carepath.ChargeFilter) error {
	var errs carepath.FieldErrors
	from, err1 := time.Parse(carepath.DateLayout, f.From)
	to, err2 := time.Parse(carepath.DateLayout, f.To)
	if err1 != nil {
		errs.Add("from", "format", "Please give the first date as YYYY-MM-DD.")
	}
	if err2 != nil {
		errs.Add("to", "format", "Please give the last date as YYYY-MM-DD.")
	}
	if err1 == nil && err2 == nil {
		if to.Before(from) {
			errs.Add("to", "range", "The last date comes before the first.")
		} else if to.Sub(from) > carepath.MaxChargeDays*24*time.Hour {
			errs.Add("to", "range", "Please ask for at most %d days at a time.", carepath.MaxChargeDays)
		}
	}
	if f.ClientID != "" && wellFormedID(f.ClientID) == "" {
		errs.Add("client_id", "format", "Please give a well-formed client id.")
	}
	return errs.Err()
}

// chargeRun is what computeCharges made: carepath's charges and billing's, by the same ids,
// with the payer each client's charges go to.
type chargeRun struct {
	charges []*carepath.Charge
	billing []billing.Charge
	payerOf map[string]string // client → primary payer id ("" self-pay)
}

// chargeEvent is one attended session as the charge run reads it.
type chargeEvent struct {
	billing.Event
	programID string
	level     carepath.Level
	part2     bool
}

// computeCharges reads the period's attendance (present, late or left early) with whether a
// signed note covers it and the E/M code its medication note is billed with (the latest
// addendum's, else the note's: carepath.Note.BilledEMCode), and prices it with each program's rate table for each client's
// primary payer's claim format.
func computeCharges(ctx context.Context, tx *sql.Tx, s *Store, f carepath.ChargeFilter) (chargeRun, error) {
	run := chargeRun{payerOf: map[string]string{}}
	query := `SELECT a.occurrence_id, a.client_id, a.program_id, a.local_date, a.minutes,
		CASE WHEN g.id IS NOT NULL THEN 'group' ELSE COALESCE(cs.kind, 'individual') END,
		COALESCE(g.modality, cs.modality, 'in_person'), pr.level, pr.part2,
		EXISTS (SELECT 1 FROM notes n JOIN note_clients nc ON nc.note_id = n.id
			WHERE n.session_id = a.occurrence_id AND nc.client_id = a.client_id AND n.status = 'signed'),
		(SELECT COALESCE(MAX(COALESCE((SELECT ad.em_code FROM note_addenda ad WHERE ad.note_id = n.id AND ad.em_code <> ''
				ORDER BY ad.created_at DESC, ad.id DESC LIMIT 1), n.em_code)), '')
			FROM notes n JOIN note_clients nc ON nc.note_id = n.id
			WHERE n.session_id = a.occurrence_id AND nc.client_id = a.client_id AND n.kind = 'medication')
		FROM attendance a JOIN attendance_sheets sh ON sh.occurrence_id = a.occurrence_id
		LEFT JOIN groups g ON g.id = sh.series_id LEFT JOIN care_sessions cs ON cs.id = sh.series_id
		JOIN programs pr ON pr.id = a.program_id
		WHERE a.status IN ('present', 'late', 'left_early') AND a.local_date >= $1 AND a.local_date <= $2`
	args := []any{f.From, f.To}
	if f.ClientID != "" {
		query += ` AND a.client_id = $3`
		args = append(args, f.ClientID)
	}
	rows, err := tx.QueryContext(ctx, query+` ORDER BY a.local_date, a.client_id, a.occurrence_id`, args...)
	if err != nil {
		return run, fmt.Errorf("select attended sessions: %w", s.translate(err))
	}
	var events []chargeEvent
	for rows.Next() {
		var e chargeEvent
		var occ, kind, modality string
		if err := rows.Scan(&occ, &e.ClientID, &e.programID, &e.Date, &e.Minutes, &kind, &modality, &e.level, &e.part2, &e.NoteSigned, &e.EMCode); err != nil {
			rows.Close()
			return run, fmt.Errorf("select attended sessions: %w", err)
		}
		e.ID = occ + ":" + e.ClientID
		e.Kind = billing.EventKind(kind)
		e.Telehealth = modality == "telehealth"
		e.ClientAtHome = e.Telehealth
		e.ClientPresent = true
		if e.level == carepath.LevelIOP {
			e.Track = billing.TrackMentalHealth
			if e.part2 {
				e.Track = billing.TrackSubstanceUse
			}
		}
		events = append(events, e)
	}
	if err := rows.Close(); err != nil {
		return run, fmt.Errorf("select attended sessions: %w", s.translate(err))
	}
	tables, err := loadRateTables(ctx, tx, s)
	if err != nil {
		return run, err
	}
	payers, err := primaryPayers(ctx, tx, s)
	if err != nil {
		return run, err
	}
	// One run per program and payer, as each has its own table and claim format.
	type key struct{ program, payer string }
	groups := map[key][]billing.Event{}
	var keys []key
	for _, e := range events {
		p := payers[e.ClientID]
		run.payerOf[e.ClientID] = p.id
		k := key{e.programID, p.id}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], e.Event)
	}
	for _, k := range keys {
		table := tables[k.program]
		table.PayerID = k.payer
		table.Format = billing.Format837I
		if f := payers[groups[k][0].ClientID].format; f != "" {
			table.Format = billing.ClaimFormat(f)
		}
		for _, c := range billing.Charges(groups[k], table).Charges {
			run.billing = append(run.billing, c)
			run.charges = append(run.charges, chargeOf(c, k.program, k.payer))
		}
	}
	slices.SortStableFunc(run.charges, func(a, b *carepath.Charge) int {
		if c := compareStrings(a.Date, b.Date); c != 0 {
			return c
		}
		return compareStrings(a.ClientID, b.ClientID)
	})
	return run, nil
}

// chargeOf is billing's charge in carepath's words.
func chargeOf(c billing.Charge, programID, payerID string) *carepath.Charge {
	out := &carepath.Charge{ID: c.ID, ClientID: c.ClientID, ProgramID: programID, PayerID: payerID, Date: c.Date,
		Service: string(c.Service), Code: c.Code, Modifiers: c.Modifiers, RevenueCode: c.RevenueCode,
		PlaceOfService: c.PlaceOfService, Units: c.Units, UnitCents: c.UnitCents, Cents: c.Cents, Minutes: c.Minutes,
		Telehealth: c.Telehealth, Status: "ready"}
	for _, h := range c.Holds {
		out.Holds = append(out.Holds, carepath.ChargeHold{Rule: h.Rule, Reason: h.Reason})
	}
	if c.Held() {
		out.Status = "held"
	}
	return out
}

// primaryPayer is a client's primary coverage's payer and its claim format.
type primaryPayer struct{ id, format string }

// primaryPayers reads every client's primary payer in force.
func primaryPayers(ctx context.Context, tx *sql.Tx, s *Store) (map[string]primaryPayer, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.client_id, p.id, p.claim_format FROM coverages c JOIN payers p ON p.id = c.payer_id
		WHERE c.rank = 1 AND c.ended_on = ''`)
	if err != nil {
		return nil, fmt.Errorf("select payers: %w", s.translate(err))
	}
	defer rows.Close()
	out := map[string]primaryPayer{}
	for rows.Next() {
		var client string
		var p primaryPayer
		if err := rows.Scan(&client, &p.id, &p.format); err != nil {
			return nil, fmt.Errorf("select payers: %w", err)
		}
		out[client] = p
	}
	return out, s.translate(rows.Err())
}

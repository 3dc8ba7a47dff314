package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/google/uuid"
)

// Client payments are the billing office's records (access.Charge): the roles that make
// charges and batches record them, the roles that list charges list them (clinicians their
// care team's clients'), and only those who post remittances (admin, the command line) void
// one. Audit rows name the payment and its client, never the amount.

const clientPaymentColumns = `id, client_id, paid_on, cents, method, reference, note, created_by, created_at,
	voided_by, voided_at, void_reason`

// RecordClientPayment checks in and records it as paid by the client.
func (svc *ClaimService) RecordClientPayment(ctx context.Context, clientID string, in carepath.ClientPaymentInput) (*carepath.ClientPayment, error) {
	var p *carepath.ClientPayment
	o := op{record: access.Charge, action: access.Create, clientID: wellFormedID(clientID), detail: "client_payment", validate: in.Validate}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		c, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID)
		if err != nil {
			return nil, err
		}
		id, err := uuid.NewV7()
		if err != nil {
			return nil, fmt.Errorf("new id: %w", err)
		}
		actor, _ := carepath.ActorFrom(ctx)
		p = &carepath.ClientPayment{ID: id.String(), ClientID: c.ID, Date: in.Date, Cents: in.Cents, Method: in.Method,
			Reference: in.Reference, Note: in.Note, CreatedBy: actor.ID, CreatedAt: svc.s.timestamp()}
		if _, err := tx.ExecContext(ctx, `INSERT INTO client_payments (id, client_id, paid_on, cents, method, reference, note,
			created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			p.ID, p.ClientID, p.Date, int64(p.Cents), p.Method, p.Reference, p.Note, p.CreatedBy, p.CreatedAt); err != nil {
			return nil, fmt.Errorf("insert client payment: %w", svc.s.translate(err))
		}
		return []ref{{ID: p.ID, ClientID: p.ClientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return p, nil
}

// FindClientPayments lists the payments f chooses, by date then when they were recorded:
// one client's, or every client's the actor sees.
func (svc *ClaimService) FindClientPayments(ctx context.Context, f carepath.ClientPaymentFilter) ([]*carepath.ClientPayment, error) {
	list := []*carepath.ClientPayment{}
	o := op{record: access.Charge, action: access.List, lists: true, clientID: wellFormedID(f.ClientID), detail: "client_payments",
		validate: func() error { return checkPaymentFilter(&f) }}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if f.ClientID != "" {
			if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, f.ClientID); err != nil {
				return nil, err
			}
		}
		all, err := svc.readPayments(ctx, tx, f)
		if err != nil {
			return nil, err
		}
		scope, err := newScheduleScope(ctx, svc.s, tx)
		if err != nil {
			return nil, err
		}
		var refs []ref
		for _, p := range all {
			if scope.seesClient(p.ClientID) {
				list = append(list, p)
				refs = append(refs, ref{ID: p.ID, ClientID: p.ClientID})
			}
		}
		return refs, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return list, nil
}

// VoidClientPayment voids payment id for reason.
func (svc *ClaimService) VoidClientPayment(ctx context.Context, id, reason string) (*carepath.ClientPayment, error) {
	var p *carepath.ClientPayment
	o := op{record: access.Charge, action: access.Update, recordID: wellFormedID(id), detail: "client_payment_void",
		validate: func() error { return carepath.CheckVoidReason(&reason) }}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if wellFormedID(id) == "" {
			return nil, paymentNotFound()
		}
		var err error
		p, err = scanClientPayment(tx.QueryRowContext(ctx, `SELECT `+clientPaymentColumns+` FROM client_payments WHERE id = $1`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return nil, paymentNotFound()
		}
		if err != nil {
			return nil, fmt.Errorf("select client payment: %w", svc.s.translate(err))
		}
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, p.ClientID); err != nil {
			return nil, err
		}
		if p.Voided() {
			return nil, carepath.Errorf(carepath.ECONFLICT, "This payment has already been voided.")
		}
		actor, _ := carepath.ActorFrom(ctx)
		now := svc.s.timestamp()
		if _, err := tx.ExecContext(ctx, `UPDATE client_payments SET voided_by = $2, voided_at = $3, void_reason = $4
			WHERE id = $1`, p.ID, actor.ID, now, reason); err != nil {
			return nil, fmt.Errorf("void client payment: %w", svc.s.translate(err))
		}
		p.VoidedBy, p.VoidedAt, p.VoidReason = actor.ID, &now, reason
		return []ref{{ID: p.ID, ClientID: p.ClientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return p, nil
}

// readPayments reads the payments f chooses in tx, unscoped, by date then when recorded.
func (svc *ClaimService) readPayments(ctx context.Context, tx *sql.Tx, f carepath.ClientPaymentFilter) ([]*carepath.ClientPayment, error) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.ClientID != "" {
		add("client_id = $%d", f.ClientID)
	}
	if f.From != "" {
		add("paid_on >= $%d", f.From)
	}
	if f.To != "" {
		add("paid_on <= $%d", f.To)
	}
	q := `SELECT ` + clientPaymentColumns + ` FROM client_payments`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	rows, err := tx.QueryContext(ctx, q+` ORDER BY paid_on, created_at, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("select client payments: %w", svc.s.translate(err))
	}
	defer rows.Close()
	list := []*carepath.ClientPayment{}
	for rows.Next() {
		p, err := scanClientPayment(rows)
		if err != nil {
			return nil, fmt.Errorf("scan client payment: %w", svc.s.translate(err))
		}
		list = append(list, p)
	}
	return list, rows.Err()
}

// checkPaymentFilter trims f and checks its dates, each optional.
func checkPaymentFilter(f *carepath.ClientPaymentFilter) error {
	var errs carepath.FieldErrors
	f.ClientID, f.From, f.To = strings.TrimSpace(f.ClientID), strings.TrimSpace(f.From), strings.TrimSpace(f.To)
	for _, d := range []struct{ field, value string }{{"from", f.From}, {"to", f.To}} {
		if _, err := time.Parse(carepath.DateLayout, d.value); d.value != "" && err != nil {
			errs.Add(d.field, "format", "Please give a real date as YYYY-MM-DD.")
		}
	}
	if f.From != "" && f.To != "" && f.To < f.From {
		errs.Add("to", "before_from", "The last date cannot be before the first.")
	}
	return errs.Err()
}

func paymentNotFound() error {
	return carepath.Errorf(carepath.ENOTFOUND, "There is no such payment.")
}

func scanClientPayment(row interface{ Scan(...any) error }) (*carepath.ClientPayment, error) {
	var p carepath.ClientPayment
	var cents int64
	var voidedAt sql.NullTime
	if err := row.Scan(&p.ID, &p.ClientID, &p.Date, &cents, &p.Method, &p.Reference, &p.Note, &p.CreatedBy, &p.CreatedAt,
		&p.VoidedBy, &voidedAt, &p.VoidReason); err != nil {
		return nil, err
	}
	p.Cents, p.CreatedAt = carepath.Cents(cents), p.CreatedAt.UTC()
	if voidedAt.Valid {
		t := voidedAt.Time.UTC()
		p.VoidedAt = &t
	}
	return &p, nil
}

// paidByClient reads the client's payments not voided, for the balance, in tx.
func (svc *ClaimService) paidByClient(ctx context.Context, tx *sql.Tx, clientID string) ([]*carepath.ClientPayment, error) {
	all, err := svc.readPayments(ctx, tx, carepath.ClientPaymentFilter{ClientID: clientID})
	if err != nil {
		return nil, err
	}
	kept := all[:0]
	for _, p := range all {
		if !p.Voided() {
			kept = append(kept, p)
		}
	}
	return kept, nil
}

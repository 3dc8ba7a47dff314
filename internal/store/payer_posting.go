package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/billing"
)

// FindPayerPostings lists what payers' remittances posted to the charges f chooses, by the day
// paid, limited to the clients the actor sees; audited as a list of those clients.
func (svc *ClaimService) FindPayerPostings(ctx context.Context, f carepath.PayerPostingFilter) ([]*carepath.PayerPosting, error) {
	list := []*carepath.PayerPosting{}
	pf := carepath.ClientPaymentFilter(f)
	o := op{record: access.Charge, action: access.List, lists: true, clientID: wellFormedID(f.ClientID), detail: "payer_postings",
		validate: func() error { return checkPaymentFilter(&pf) }}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		f = carepath.PayerPostingFilter(pf)
		if f.ClientID != "" {
			if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, f.ClientID); err != nil {
				return nil, err
			}
		}
		scope, err := newScheduleScope(ctx, svc.s, tx)
		if err != nil {
			return nil, err
		}
		rows, err := tx.QueryContext(ctx, `SELECT p.id, p.remittance_id, p.claim_id, p.client_id, p.charge_id, b.payer_id, p.paid_on,
			p.billed_cents, p.paid_cents, p.patient_cents, p.written_off_cents, p.data
			FROM postings p JOIN claims c ON c.id = p.claim_id JOIN claim_batches b ON b.id = c.batch_id
			WHERE ($1 = '' OR p.client_id = $1) AND ($2 = '' OR p.paid_on >= $2) AND ($3 = '' OR p.paid_on <= $3)
			ORDER BY p.paid_on, p.id`, f.ClientID, f.From, f.To)
		if err != nil {
			return nil, fmt.Errorf("select payer postings: %w", svc.s.translate(err))
		}
		defer rows.Close()
		var refs []ref
		for rows.Next() {
			var p carepath.PayerPosting
			var billed, paid, patient, off int64
			var data string
			if err := rows.Scan(&p.ID, &p.RemittanceID, &p.ClaimID, &p.ClientID, &p.ChargeID, &p.PayerID, &p.PaidOn,
				&billed, &paid, &patient, &off, &data); err != nil {
				return nil, fmt.Errorf("select payer postings: %w", svc.s.translate(err))
			}
			if !scope.seesClient(p.ClientID) {
				continue
			}
			// The claim as the batch and the 835 name it (its patient control number), not its row.
			if _, claim, ok := strings.Cut(p.ClaimID, ":"); ok {
				p.ClaimID = claim
			}
			p.Billed, p.Paid, p.PatientResponsibility, p.WrittenOff = carepath.Cents(billed), carepath.Cents(paid), carepath.Cents(patient), carepath.Cents(off)
			var posted billing.Posting
			if err := json.Unmarshal([]byte(data), &posted); err != nil {
				return nil, fmt.Errorf("decode posting %s: %w", p.ID, err)
			}
			p.Reference = posted.Reference
			for _, a := range posted.Adjustments {
				p.Adjustments = append(p.Adjustments, carepath.PostingAdjustment{Group: a.Group, Reason: a.Reason, Cents: a.Cents})
			}
			list = append(list, &p)
			refs = append(refs, ref{ID: p.ID, ClientID: p.ClientID})
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select payer postings: %w", svc.s.translate(err))
		}
		return refs, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return list, nil
}

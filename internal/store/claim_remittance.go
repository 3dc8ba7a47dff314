package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/billing"
	"github.com/carepath/carepath/internal/x12"
	"github.com/google/uuid"
)

// FindClaimBatch returns batch id with its claims.
func (svc *ClaimService) FindClaimBatch(ctx context.Context, id string) (*carepath.ClaimBatch, error) {
	var b *carepath.ClaimBatch
	o := op{record: access.Charge, action: access.Read, recordID: wellFormedID(id), detail: "claim_batch"}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if wellFormedID(id) == "" {
			return nil, batchNotFound()
		}
		b = &carepath.ClaimBatch{}
		err := tx.QueryRowContext(ctx, `SELECT b.id, b.payer_id, p.name, b.format, b.from_on, b.to_on, b.interchange_control,
			b.total_cents, b.created_by, b.created_at FROM claim_batches b JOIN payers p ON p.id = b.payer_id WHERE b.id = $1`, id).
			Scan(&b.ID, &b.PayerID, &b.PayerName, &b.Format, &b.From, &b.To, &b.InterchangeControl, &b.Total, &b.CreatedBy, &b.CreatedAt)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, batchNotFound()
		}
		if err != nil {
			return nil, fmt.Errorf("select claim batch: %w", svc.s.translate(err))
		}
		b.CreatedAt = b.CreatedAt.UTC()
		claims, err := svc.readClaims(ctx, tx, `batch_id = $1`, id)
		if err != nil {
			return nil, err
		}
		b.Claims = []*carepath.Claim{}
		refs := []ref{{ID: b.ID}}
		for _, c := range claims {
			b.Claims = append(b.Claims, c.view(b.ID))
			refs = append(refs, ref{ID: b.ID, ClientID: c.claim.ClientID})
		}
		return refs, nil
	})
	return b, err
}

// ClaimBatchFile returns the 837 file of batch id.
func (svc *ClaimService) ClaimBatchFile(ctx context.Context, id string) ([]byte, error) {
	var file string
	o := op{record: access.Charge, action: access.Read, recordID: wellFormedID(id), detail: "claim_batch_file"}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if wellFormedID(id) == "" {
			return nil, batchNotFound()
		}
		err := tx.QueryRowContext(ctx, `SELECT file FROM claim_batches WHERE id = $1`, id).Scan(&file)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, batchNotFound()
		}
		if err != nil {
			return nil, fmt.Errorf("select claim batch file: %w", svc.s.translate(err))
		}
		if file == "" {
			return nil, carepath.Errorf(carepath.ENOTFOUND, "Every claim of this batch is held: there is no file to send.")
		}
		return nil, nil
	})
	return []byte(file), err
}

// storedClaim is a claim row: the billing claim it was written from, its status and what was
// posted to it.
type storedClaim struct {
	rowID         string
	claim         billing.Claim
	status        string
	paid, patient carepath.Cents
	// payerClaimControl is the number the payer's 835 gave the claim; correctedBy the row of the
	// claim that replaced or voided it, corrects that of the claim it replaces or voids.
	payerClaimControl, correctedBy, corrects string
}

// view is the stored claim in carepath's words, in batch batchID.
func (c storedClaim) view(batchID string) *carepath.Claim {
	out := claimOf(batchID, c.claim, c.status, c.paid, c.patient)
	out.PayerClaimControl = c.payerClaimControl
	out.CorrectedByBatch, out.CorrectedBy, _ = strings.Cut(c.correctedBy, ":")
	out.CorrectsBatch, out.Corrects, _ = strings.Cut(c.corrects, ":")
	return out
}

// readClaims reads the claims matching where.
func (svc *ClaimService) readClaims(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]storedClaim, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, status, paid_cents, patient_cents, data, COALESCE(payer_claim_control, ''),
		COALESCE(corrected_by, ''), COALESCE((SELECT o.id FROM claims o WHERE o.corrected_by = claims.id), '')
		FROM claims WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("select claims: %w", svc.s.translate(err))
	}
	defer rows.Close()
	var out []storedClaim
	for rows.Next() {
		var c storedClaim
		var data string
		if err := rows.Scan(&c.rowID, &c.status, &c.paid, &c.patient, &data, &c.payerClaimControl, &c.correctedBy, &c.corrects); err != nil {
			return nil, fmt.Errorf("select claims: %w", err)
		}
		if err := json.Unmarshal([]byte(data), &c.claim); err != nil {
			return nil, fmt.Errorf("decode claim: %w", err)
		}
		out = append(out, c)
	}
	return out, svc.s.translate(rows.Err())
}

// PostRemittance posts an 835.
func (svc *ClaimService) PostRemittance(ctx context.Context, file []byte) (*carepath.Remittance, error) {
	var out *carepath.Remittance
	var remits []x12.Remittance
	o := op{record: access.Charge, action: access.Update, detail: "remittance", validate: func() (err error) {
		remits, err = x12.Parse835(file)
		return err
	}}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		id, err := uuid.NewV7()
		if err != nil {
			return nil, fmt.Errorf("new id: %w", err)
		}
		actor, _ := carepath.ActorFrom(ctx)
		out = &carepath.Remittance{ID: id.String(), Claims: []*carepath.Claim{}, Unmatched: []carepath.RemittanceUnmatched{}}
		var refs []ref
		var pending [][]any
		for _, r := range remits {
			// The claims the remittance names, by their control number (the claim id in the 837).
			// A replaced or voided claim is named only by the payer's reversal of what it paid on
			// it (CLP02 22): that posts, and the claim stays replaced or voided.
			var ids []any
			var marks []string
			reversed := map[string]bool{}
			for _, cp := range r.Claims {
				ids = append(ids, cp.ClaimID)
				marks = append(marks, fmt.Sprintf("$%d", len(ids)))
				if cp.Status == x12.ClaimReversal {
					reversed[cp.ClaimID] = true
				}
			}
			var known []storedClaim
			if len(ids) > 0 {
				known, err = svc.readClaims(ctx, tx, `status <> 'held' AND SUBSTR(id, 38) IN (`+strings.Join(marks, ", ")+`)`, ids...)
				if err != nil {
					return nil, err
				}
				known = slices.DeleteFunc(known, func(k storedClaim) bool {
					return (k.status == carepath.ClaimReplaced || k.status == carepath.ClaimVoided) && !reversed[k.claim.ID]
				})
			}
			claims := make([]billing.Claim, len(known))
			byClaim := map[string]storedClaim{}
			for i, k := range known {
				claims[i] = k.claim
				byClaim[k.claim.ID] = k
			}
			res := x12.Post(r, claims)
			for _, p := range res.Postings {
				k := byClaim[p.ClaimID]
				data, err := json.Marshal(p)
				if err != nil {
					return nil, fmt.Errorf("encode posting: %w", err)
				}
				pid, err := uuid.NewV7()
				if err != nil {
					return nil, fmt.Errorf("new id: %w", err)
				}
				pending = append(pending, []any{pid.String(), out.ID, k.rowID, k.claim.ClientID, p.ChargeID, p.Date, int64(p.Billed),
					int64(p.Paid), int64(p.PatientResponsibility()), int64(p.WrittenOff()), string(data)})
				out.Postings++
			}
			for _, oc := range res.Claims {
				k := byClaim[oc.ClaimID]
				status := string(oc.Status)
				if k.status == carepath.ClaimReplaced || k.status == carepath.ClaimVoided {
					status = k.status // a reversal on a corrected claim moves money, not its status
				}
				if _, err := tx.ExecContext(ctx, `UPDATE claims SET status = $2, paid_cents = paid_cents + $3, patient_cents = patient_cents + $4,
					payer_claim_control = COALESCE(NULLIF($5, ''), payer_claim_control) WHERE id = $1`,
					k.rowID, status, int64(oc.Paid), int64(oc.PatientResponsibility), oc.PayerClaimControl); err != nil {
					return nil, fmt.Errorf("update claim: %w", svc.s.translate(err))
				}
				batchID, _, _ := strings.Cut(k.rowID, ":")
				k.status, k.paid, k.patient = status, k.paid+oc.Paid, k.patient+oc.PatientResponsibility
				if oc.PayerClaimControl != "" {
					k.payerClaimControl = oc.PayerClaimControl
				}
				out.Claims = append(out.Claims, k.view(batchID))
				refs = append(refs, ref{ID: out.ID, ClientID: k.claim.ClientID})
			}
			for _, u := range res.Unmatched {
				out.Unmatched = append(out.Unmatched, carepath.RemittanceUnmatched{Segment: u.Segment, ClaimID: u.ClaimID, Reason: u.Describe()})
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO remittances (id, received_by, received_at, unmatched) VALUES ($1, $2, $3, $4)`,
			out.ID, actor.ID, svc.s.timestamp(), len(out.Unmatched)); err != nil {
			return nil, fmt.Errorf("insert remittance: %w", svc.s.translate(err))
		}
		for _, args := range pending {
			if _, err := tx.ExecContext(ctx, `INSERT INTO postings (id, remittance_id, claim_id, client_id, charge_id, paid_on,
				billed_cents, paid_cents, patient_cents, written_off_cents, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
				args...); err != nil {
				return nil, fmt.Errorf("insert posting: %w", svc.s.translate(err))
			}
		}
		if len(refs) == 0 {
			refs = []ref{{ID: out.ID}}
		}
		return refs, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// FindClientBalance sums the client's account from their claims, postings and payments (those
// not voided).
func (svc *ClaimService) FindClientBalance(ctx context.Context, clientID string) (*carepath.ClientBalance, error) {
	bal := &carepath.ClientBalance{ClientID: clientID}
	o := op{record: access.Charge, action: access.List, clientID: wellFormedID(clientID), detail: "balance"}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		// A replaced or voided claim bills nothing now, nor does a void: the replacement bills
		// the charges, and a voided claim's charges are billed again on a later claim.
		claims, err := svc.readClaims(ctx, tx, `client_id = $1 AND status NOT IN ('held', 'replaced', 'voided')`, clientID)
		if err != nil {
			return nil, err
		}
		var charges []billing.AccountCharge
		for _, c := range claims {
			if c.claim.Frequency == billing.FrequencyVoid {
				continue
			}
			for _, l := range c.claim.Lines {
				a := l.Account(c.claim.PayerID)
				a.ClaimID = c.claim.ID
				charges = append(charges, a)
			}
		}
		postings, err := readPostings(ctx, tx, svc.s, "client_id", clientID)
		if err != nil {
			return nil, err
		}
		paid, err := svc.paidByClient(ctx, tx, clientID)
		if err != nil {
			return nil, err
		}
		var payments []billing.ClientPayment
		for _, p := range paid {
			payments = append(payments, billing.ClientPayment{ClientID: p.ClientID, Date: p.Date, Cents: p.Cents})
		}
		for _, b := range billing.Balances(charges, postings, payments) {
			if b.ClientID == clientID {
				bal.Charged, bal.InsurancePaid, bal.WrittenOff = b.Charged, b.InsurancePaid, b.WrittenOff
				bal.ClientOwed, bal.AwaitingPayer = b.ClientOwed, b.AwaitingPayer
				bal.ClientPaid, bal.ClientDue = b.ClientPaid, b.ClientBalance
			}
		}
		return []ref{{ClientID: clientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return bal, nil
}

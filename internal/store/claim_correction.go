package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/billing"
	"github.com/carepath/carepath/internal/x12"
)

// A sent claim is corrected by a new claim to the same payer that names it by the payer's claim
// control number (REF*F8): a replacement (frequency 7) billing the claim's charges as the chart
// now has them, or a void (frequency 8) withdrawing it as sent. Each goes alone in a new batch,
// so it is one file to send. The original is then replaced or voided, and is corrected once.

// correction is the replacement or void of one sent claim being made.
type correction struct {
	original          storedClaim
	frequency         string
	payerClaimControl string
}

// chargeIDs are the charges the original claim billed.
func (fix *correction) chargeIDs() map[string]bool {
	ids := map[string]bool{}
	for _, l := range fix.original.claim.Lines {
		ids[l.ID] = true
	}
	return ids
}

// notBillable is the refusal of a replacement that cannot bill the original's charges now.
func (fix *correction) notBillable(why string) error {
	return invalidField("id", "not_billable", fmt.Sprintf("A replacement of claim %s cannot be made now: %s. Correct the chart, or void the claim.",
		fix.original.claim.ID, why))
}

// holdReasons are the reasons of holds in one sentence.
func holdReasons(holds []billing.Hold) string {
	var reasons []string
	for _, h := range holds {
		if !h.Warning {
			reasons = append(reasons, h.Reason)
		}
	}
	if len(reasons) == 0 {
		return "nothing of it is ready to bill"
	}
	return strings.Join(reasons, "; ")
}

// ReplaceClaim makes the replacement of sent claim id.
func (svc *ClaimService) ReplaceClaim(ctx context.Context, id string, in carepath.ClaimCorrectionInput) (*carepath.ClaimBatch, error) {
	return svc.correct(ctx, id, in, billing.FrequencyReplacement)
}

// VoidClaim makes the void of sent claim id.
func (svc *ClaimService) VoidClaim(ctx context.Context, id string, in carepath.ClaimCorrectionInput) (*carepath.ClaimBatch, error) {
	return svc.correct(ctx, id, in, billing.FrequencyVoid)
}

// correct makes the replacement or void (frequency) of claim id in a new batch and marks the
// original, in one transaction.
func (svc *ClaimService) correct(ctx context.Context, id string, in carepath.ClaimCorrectionInput, frequency string) (*carepath.ClaimBatch, error) {
	var out *carepath.ClaimBatch
	detail, status := "claim_replacement", carepath.ClaimReplaced
	if frequency == billing.FrequencyVoid {
		detail, status = "claim_void", carepath.ClaimVoided
	}
	o := op{record: access.Charge, action: access.Create, detail: detail, validate: in.Validate}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		fix, batchIn, err := svc.correctable(ctx, tx, id, in, frequency)
		if err != nil {
			return nil, err
		}
		payer, err := readPayer(ctx, tx, svc.s, batchIn.PayerID)
		if err != nil {
			return nil, err
		}
		provider, err := readBillingProvider(ctx, tx, svc.s)
		if err != nil {
			return nil, err
		}
		var b *carepath.ClaimBatch
		var refs []ref
		if frequency == billing.FrequencyReplacement {
			b, refs, err = svc.build(ctx, tx, batchIn, payer, provider, fix)
		} else {
			b, refs, err = svc.buildVoid(ctx, tx, batchIn, payer, provider, fix)
		}
		if err != nil {
			return nil, err
		}
		newRow := b.ID + ":" + b.Claims[0].ID
		// The number a biller typed is the original's from now on.
		if _, err := tx.ExecContext(ctx, `UPDATE claims SET status = $2, corrected_by = $3, payer_claim_control = $4 WHERE id = $1`,
			fix.original.rowID, status, newRow, fix.payerClaimControl); err != nil {
			return nil, fmt.Errorf("mark corrected claim: %w", svc.s.translate(err))
		}
		if frequency == billing.FrequencyReplacement {
			// The replacement took over the original's charges.
			if _, err := tx.ExecContext(ctx, `DELETE FROM claim_charges WHERE claim_id = $1`, fix.original.rowID); err != nil {
				return nil, fmt.Errorf("move claim charges: %w", svc.s.translate(err))
			}
		}
		origBatch, _, _ := strings.Cut(fix.original.rowID, ":")
		b.Claims[0].Corrects, b.Claims[0].CorrectsBatch = fix.original.claim.ID, origBatch
		out = b
		return append(refs, ref{ID: origBatch, ClientID: fix.original.claim.ClientID}), nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return out, nil
}

// correctable reads claim id and checks that it may be corrected: it was sent, is not itself a
// void, was not corrected before, and its payer's claim control number is known (in's, when
// given, over the one an 835 told). It returns the correction and the batch it goes in.
func (svc *ClaimService) correctable(ctx context.Context, tx *sql.Tx, id string, in carepath.ClaimCorrectionInput,
	frequency string) (*correction, carepath.ClaimBatchInput, error) {
	id = strings.TrimSpace(id)
	notFound := carepath.Errorf(carepath.ENOTFOUND, "There is no such claim.")
	if id == "" || len(id) > 20 || strings.Trim(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
		return nil, carepath.ClaimBatchInput{}, notFound
	}
	found, err := svc.readClaims(ctx, tx, `SUBSTR(id, 38) = $1`, id)
	if err != nil {
		return nil, carepath.ClaimBatchInput{}, err
	}
	if len(found) != 1 {
		return nil, carepath.ClaimBatchInput{}, notFound
	}
	orig := found[0]
	if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, orig.claim.ClientID); err != nil {
		return nil, carepath.ClaimBatchInput{}, err
	}
	conflict := func(code, format string, args ...any) error {
		msg := fmt.Sprintf(format, args...)
		return &carepath.Error{Code: carepath.ECONFLICT, Message: msg, Fields: []carepath.FieldError{{Field: "id", Code: code, Message: msg}}}
	}
	switch {
	case orig.status == carepath.ClaimDraft || orig.status == carepath.ClaimHeld:
		return nil, carepath.ClaimBatchInput{}, conflict("not_sent",
			"Claim %s was never sent to the payer, so there is nothing to correct: bill its charges in a new batch.", id)
	case orig.correctedBy != "":
		batchID, claimID, _ := strings.Cut(orig.correctedBy, ":")
		var control int
		if err := tx.QueryRowContext(ctx, `SELECT interchange_control FROM claim_batches WHERE id = $1`, batchID).Scan(&control); err != nil {
			return nil, carepath.ClaimBatchInput{}, fmt.Errorf("select correcting batch: %w", svc.s.translate(err))
		}
		verb := "replaced"
		if orig.status == carepath.ClaimVoided {
			verb = "voided"
		}
		return nil, carepath.ClaimBatchInput{}, conflict("corrected",
			"Claim %s was already %s by claim %s in batch %d (%s): correct that claim instead.", id, verb, claimID, control, batchID)
	case orig.claim.Frequency == billing.FrequencyVoid:
		return nil, carepath.ClaimBatchInput{}, conflict("void", "Claim %s is a void: it cannot be replaced or voided.", id)
	}
	pcc := in.PayerClaimControl
	if pcc == "" {
		pcc = orig.payerClaimControl
	}
	if pcc == "" {
		return nil, carepath.ClaimBatchInput{}, invalidField("payer_claim_control", "required",
			fmt.Sprintf("No remittance has told the payer's claim control number of claim %s: give it, as the payer's portal or paper remittance shows it.", id))
	}
	batchID, _, _ := strings.Cut(orig.rowID, ":")
	batchIn := carepath.ClaimBatchInput{From: orig.claim.From, To: orig.claim.Through, ClientIDs: []string{orig.claim.ClientID}}
	if err := tx.QueryRowContext(ctx, `SELECT payer_id, format FROM claim_batches WHERE id = $1`, batchID).Scan(&batchIn.PayerID, &batchIn.Format); err != nil {
		return nil, carepath.ClaimBatchInput{}, fmt.Errorf("select claim batch: %w", svc.s.translate(err))
	}
	return &correction{original: orig, frequency: frequency, payerClaimControl: pcc}, batchIn, nil
}

// buildVoid makes the batch of the void of fix's original: its lines as sent, to the
// subscriber of the client's coverage with the payer.
func (svc *ClaimService) buildVoid(ctx context.Context, tx *sql.Tx, in carepath.ClaimBatchInput, payer *carepath.Payer,
	provider *carepath.BillingProvider, fix *correction) (*carepath.ClaimBatch, []ref, error) {
	clients, err := svc.batchClients(ctx, tx, in, payer, chargeRun{})
	if err != nil {
		if carepath.ErrorCode(err) == carepath.EINVALID {
			return nil, nil, invalidField("id", "no_coverage", fmt.Sprintf("The client of claim %s has no coverage with %s on file now, which the void needs: record it again.",
				fix.original.claim.ID, payer.Name))
		}
		return nil, nil, err
	}
	batch, err := svc.newBatch(ctx, tx, in, payer)
	if err != nil {
		return nil, nil, err
	}
	c := fix.original.claim
	c.ID = fmt.Sprintf("B%dC%04d", batch.InterchangeControl, 1)
	c.Frequency, c.PayerClaimControl, c.Status, c.Holds, c.HeldCharges = fix.frequency, fix.payerClaimControl, billing.ClaimSubmitted, nil, nil
	cp, err := claimParties(c, clients[0])
	if err != nil {
		return nil, nil, err
	}
	if err := svc.save(ctx, tx, batch, payer, provider, []x12.ClaimParties{cp}, []billing.Claim{c}); err != nil {
		return nil, nil, err
	}
	return batch, []ref{{ID: batch.ID, ClientID: c.ClientID}}, nil
}

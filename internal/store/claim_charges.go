package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/carepath/carepath/billing"
)

// A charge goes on one live claim per payer only. A claim that was sent (submitted, paid,
// partially paid) holds its charges: a later batch to the same payer over the same days leaves
// them out. The charges of a held claim (never sent), a denied claim, a reversed one or a voided
// one (once its void is made) are free to bill to that payer again. A replacement takes over the
// charges of the claim it replaces; a void bills nothing and holds no charge. Another payer (the
// client's secondary) may bill them once too.

// billedCharges returns the ids of the charges of the days from–to that are on a live claim to
// the payer whose record id is payerID.
func billedCharges(ctx context.Context, tx *sql.Tx, s *Store, from, to, payerID string) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT cc.charge_id FROM claim_charges cc JOIN claims c ON c.id = cc.claim_id
		JOIN claim_batches b ON b.id = c.batch_id
		WHERE cc.service_date >= $1 AND cc.service_date <= $2 AND c.status NOT IN ('held', 'denied', 'reversed', 'voided') AND b.payer_id = $3`,
		from, to, payerID)
	if err != nil {
		return nil, fmt.Errorf("select billed charges: %w", s.translate(err))
	}
	defer rows.Close()
	billed := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("select billed charges: %w", s.translate(err))
		}
		billed[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select billed charges: %w", s.translate(err))
	}
	return billed, nil
}

// withoutBilled returns run without the charges in billed: a client left with no charge is no
// longer among the payer's clients of the period. It also returns the clients some of whose
// charges were left out.
func (run chargeRun) withoutBilled(billed map[string]bool) (chargeRun, map[string]bool) {
	out := chargeRun{payerOf: map[string]string{}}
	dropped := map[string]bool{}
	for _, c := range run.billing {
		if billed[c.ID] {
			dropped[c.ClientID] = true
			continue
		}
		out.billing = append(out.billing, c)
		out.payerOf[c.ClientID] = run.payerOf[c.ClientID]
	}
	for _, c := range run.charges {
		if !billed[c.ID] {
			out.charges = append(out.charges, c)
		}
	}
	return out, dropped
}

// only returns run limited to the charges in ids: a client left with no charge is no longer
// among the period's clients.
func (run chargeRun) only(ids map[string]bool) chargeRun {
	out := chargeRun{payerOf: map[string]string{}}
	for _, c := range run.billing {
		if ids[c.ID] {
			out.billing = append(out.billing, c)
			out.payerOf[c.ClientID] = run.payerOf[c.ClientID]
		}
	}
	for _, c := range run.charges {
		if ids[c.ID] {
			out.charges = append(out.charges, c)
		}
	}
	return out
}

// recordClaimCharges writes the charges claim c (stored as claimRowID) billed; a void bills
// none.
func recordClaimCharges(ctx context.Context, tx *sql.Tx, s *Store, claimRowID string, c billing.Claim) error {
	if c.Frequency == billing.FrequencyVoid {
		return nil
	}
	for _, l := range c.Lines {
		if _, err := tx.ExecContext(ctx, `INSERT INTO claim_charges (claim_id, charge_id, client_id, service_date) VALUES ($1, $2, $3, $4)`,
			claimRowID, l.ID, c.ClientID, l.Date); err != nil {
			return fmt.Errorf("insert claim charge: %w", s.translate(err))
		}
	}
	return nil
}

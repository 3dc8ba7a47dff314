package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// FindClaimBatches lists the batches newest first with their claims counted by status. The list
// names no client, so its audit row shows none; the roles that read batches (access.Charge
// Read) may list them, not every role that lists charges.
func (svc *ClaimService) FindClaimBatches(ctx context.Context, f carepath.ClaimBatchFilter) ([]*carepath.ClaimBatchSummary, error) {
	list := []*carepath.ClaimBatchSummary{}
	f.PayerID, f.Status = strings.TrimSpace(f.PayerID), strings.TrimSpace(f.Status)
	o := op{record: access.Charge, action: access.List, lists: true, detail: fmt.Sprintf("claim_batches payer=%t status=%s",
		f.PayerID != "", f.Status), validate: func() error { return checkBatchFilter(f) }}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		actor, _ := carepath.ActorFrom(ctx)
		if !access.Allowed(actor.Role, access.Charge, access.Read) {
			return nil, carepath.Errorf(carepath.EFORBIDDEN, "You may not do this.")
		}
		var where []string
		var args []any
		if f.PayerID != "" {
			payer, err := readPayer(ctx, tx, svc.s, f.PayerID)
			if carepath.ErrorCode(err) == carepath.ENOTFOUND {
				return nil, invalidField("payer_id", "unknown", "There is no such payer: choose one from the payer list.")
			} else if err != nil {
				return nil, err
			}
			args = append(args, payer.ID)
			where = append(where, fmt.Sprintf("b.payer_id = $%d", len(args)))
		}
		if f.Status != "" {
			args = append(args, f.Status)
			where = append(where, fmt.Sprintf("EXISTS (SELECT 1 FROM claims c WHERE c.batch_id = b.id AND c.status = $%d)", len(args)))
		}
		cond := "1 = 1"
		if len(where) > 0 {
			cond = strings.Join(where, " AND ")
		}
		var err error
		if list, err = svc.readBatchSummaries(ctx, tx, cond, args); err != nil {
			return nil, err
		}
		return nil, svc.countBatchClaims(ctx, tx, cond, args, list)
	})
	if err != nil {
		return nil, err
	}
	return list, nil
}

// checkBatchFilter checks a batch filter's status.
func checkBatchFilter(f carepath.ClaimBatchFilter) error {
	if f.Status != "" && !slices.Contains(carepath.ClaimStatuses, f.Status) {
		return invalidField("status", "enum", "Choose a claim status: "+strings.Join(carepath.ClaimStatuses, ", ")+".")
	}
	return nil
}

// readBatchSummaries reads the batches matching cond (over claim_batches b), newest first.
func (svc *ClaimService) readBatchSummaries(ctx context.Context, tx *sql.Tx, cond string, args []any) ([]*carepath.ClaimBatchSummary, error) {
	rows, err := tx.QueryContext(ctx, `SELECT b.id, b.payer_id, p.name, b.format, b.from_on, b.to_on, b.interchange_control,
		b.total_cents, b.created_at FROM claim_batches b JOIN payers p ON p.id = b.payer_id WHERE `+cond+`
		ORDER BY b.created_at DESC, b.interchange_control DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("select claim batches: %w", svc.s.translate(err))
	}
	defer rows.Close()
	list := []*carepath.ClaimBatchSummary{}
	for rows.Next() {
		b := &carepath.ClaimBatchSummary{ByStatus: []carepath.ClaimStatusCount{}}
		var created time.Time
		if err := rows.Scan(&b.ID, &b.PayerID, &b.PayerName, &b.Format, &b.From, &b.To, &b.InterchangeControl, &b.Total, &created); err != nil {
			return nil, fmt.Errorf("select claim batches: %w", err)
		}
		b.CreatedAt = created.UTC()
		list = append(list, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select claim batches: %w", svc.s.translate(err))
	}
	return list, nil
}

// countBatchClaims fills each batch's claims counted by status, in the order of
// carepath.ClaimStatuses (a status it does not name, such as a reversal, comes last).
func (svc *ClaimService) countBatchClaims(ctx context.Context, tx *sql.Tx, cond string, args []any, list []*carepath.ClaimBatchSummary) error {
	if len(list) == 0 {
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT c.batch_id, c.status, COUNT(*) FROM claims c
		WHERE c.batch_id IN (SELECT b.id FROM claim_batches b WHERE `+cond+`) GROUP BY c.batch_id, c.status`, args...)
	if err != nil {
		return fmt.Errorf("count claims: %w", svc.s.translate(err))
	}
	defer rows.Close()
	counts := map[string]map[string]int{}
	for rows.Next() {
		var batch, status string
		var n int
		if err := rows.Scan(&batch, &status, &n); err != nil {
			return fmt.Errorf("count claims: %w", err)
		}
		if counts[batch] == nil {
			counts[batch] = map[string]int{}
		}
		counts[batch][status] = n
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("count claims: %w", svc.s.translate(err))
	}
	for _, b := range list {
		byStatus := counts[b.ID]
		statuses := slices.Clone(carepath.ClaimStatuses)
		for st := range byStatus {
			if !slices.Contains(statuses, st) {
				statuses = append(statuses, st)
			}
		}
		slices.Sort(statuses[len(carepath.ClaimStatuses):])
		for _, st := range statuses {
			if n := byStatus[st]; n > 0 {
				b.ByStatus = append(b.ByStatus, carepath.ClaimStatusCount{Status: st, Count: n})
				b.Claims += n
			}
		}
	}
	return nil
}

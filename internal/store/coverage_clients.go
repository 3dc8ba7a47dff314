package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// FindPayerClients names the clients the actor sees with a coverage by the payer in force or
// ended on or after since, by name. It is one call, audited as a list of the clients it named
// (one audit row, one audit_shown row per client).
func (svc *CoverageService) FindPayerClients(ctx context.Context, payerRef, since string) ([]carepath.ClientName, int, error) {
	list := []carepath.ClientName{}
	total := 0
	o := op{record: access.Coverage, action: access.List, lists: true, detail: "payer=" + wellFormedID(payerRef),
		validate: func() error {
			var errs carepath.FieldErrors
			if _, err := time.Parse(carepath.DateLayout, since); since != "" && err != nil {
				errs.Add("since", "format", "Please give a real date as YYYY-MM-DD.")
			}
			return errs.Err()
		}}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var payerID string
		err := tx.QueryRowContext(ctx, `SELECT id FROM payers WHERE id = $1 OR payer_id = $1`, payerRef).Scan(&payerID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, carepath.Errorf(carepath.ENOTFOUND, "There is no such payer.")
		}
		if err != nil {
			return nil, fmt.Errorf("select payer: %w", svc.s.translate(err))
		}
		actor, _ := carepath.ActorFrom(ctx)
		column, ok := clientScope(actor)
		if !ok {
			return nil, nil
		}
		args := []any{payerID}
		arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
		covered := `cv.ended_on = ''`
		if since != "" {
			covered = `(cv.ended_on = '' OR cv.ended_on >= ` + arg(since) + `)`
		}
		cond := `EXISTS (SELECT 1 FROM coverages cv WHERE cv.client_id = clients.id AND cv.payer_id = $1 AND ` + covered + `)`
		if column != "" {
			cond += " AND " + column + " = " + arg(actor.ID)
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM clients WHERE `+cond, args...).Scan(&total); err != nil {
			return nil, fmt.Errorf("count payer clients: %w", svc.s.translate(err))
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, given_name, family_name, preferred_name FROM clients WHERE `+cond+`
			ORDER BY lower(family_name), lower(given_name), id LIMIT `+arg(carepath.MaxPayerClients), args...)
		if err != nil {
			return nil, fmt.Errorf("select payer clients: %w", svc.s.translate(err))
		}
		defer rows.Close()
		var refs []ref
		for rows.Next() {
			var n carepath.ClientName
			if err := rows.Scan(&n.ID, &n.GivenName, &n.FamilyName, &n.PreferredName); err != nil {
				return nil, fmt.Errorf("scan payer clients: %w", svc.s.translate(err))
			}
			list = append(list, n)
			refs = append(refs, ref{ID: n.ID, ClientID: n.ID})
		}
		return refs, rows.Err()
	})
	if err != nil {
		return nil, 0, err
	}
	return list, total, nil
}

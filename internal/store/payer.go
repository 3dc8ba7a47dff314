package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/google/uuid"
)

// PayerService keeps the payers claims go to. Payers are no client's data; their calls are
// audited like any other.
type PayerService struct{ s *Store }

var _ carepath.PayerService = (*PayerService)(nil)

// NewPayerService returns the payer service of s.
func NewPayerService(s *Store) *PayerService { return &PayerService{s: s} }

const payerColumns = `id, name, payer_id, claim_format, medicare, created_at`

// CreatePayer adds a payer.
func (svc *PayerService) CreatePayer(ctx context.Context, in carepath.PayerInput) (*carepath.Payer, error) {
	var p *carepath.Payer
	o := op{record: access.Payer, action: access.Create, validate: in.Validate}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		id, err := uuid.NewV7()
		if err != nil {
			return nil, fmt.Errorf("new id: %w", err)
		}
		p = &carepath.Payer{ID: id.String(), Name: in.Name, PayerID: in.PayerID, ClaimFormat: in.ClaimFormat, Medicare: in.Medicare, CreatedAt: svc.s.timestamp()}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM payers WHERE payer_id = $1`, p.PayerID).Scan(&n); err != nil {
			return nil, fmt.Errorf("check payer id: %w", svc.s.translate(err))
		}
		if n > 0 {
			return nil, &carepath.Error{Code: carepath.ECONFLICT, Message: "Another payer has this payer id.",
				Fields: []carepath.FieldError{{Field: "payer_id", Code: "taken", Message: "Another payer has this payer id."}}}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO payers (`+payerColumns+`) VALUES ($1, $2, $3, $4, $5, $6)`,
			p.ID, p.Name, p.PayerID, string(p.ClaimFormat), p.Medicare, p.CreatedAt); err != nil {
			return nil, fmt.Errorf("insert payer: %w", svc.s.translate(err))
		}
		return []ref{{ID: p.ID}}, nil
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// FindPayers lists the payers by name.
func (svc *PayerService) FindPayers(ctx context.Context) ([]*carepath.Payer, error) {
	list := []*carepath.Payer{}
	err := svc.s.do(ctx, op{record: access.Payer, action: access.List}, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		rows, err := tx.QueryContext(ctx, `SELECT `+payerColumns+` FROM payers ORDER BY name, payer_id`)
		if err != nil {
			return nil, fmt.Errorf("select payers: %w", svc.s.translate(err))
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanPayer(rows)
			if err != nil {
				return nil, fmt.Errorf("select payers: %w", err)
			}
			list = append(list, p)
		}
		return nil, svc.s.translate(rows.Err())
	})
	return list, err
}

// FindPayerByID returns the payer whose id or payer id is payerRef.
func (svc *PayerService) FindPayerByID(ctx context.Context, payerRef string) (*carepath.Payer, error) {
	var p *carepath.Payer
	err := svc.s.do(ctx, op{record: access.Payer, action: access.Read}, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var err error
		p, err = readPayer(ctx, tx, svc.s, payerRef)
		return nil, err
	})
	return p, err
}

// SetClaimFormat changes the claim format payer payerRef takes.
func (svc *PayerService) SetClaimFormat(ctx context.Context, payerRef string, f carepath.ClaimFormat) (*carepath.Payer, error) {
	return svc.UpdatePayer(ctx, payerRef, carepath.PayerUpdate{ClaimFormat: &f})
}

// UpdatePayer changes payer payerRef's claim format and Medicare flag in one write.
func (svc *PayerService) UpdatePayer(ctx context.Context, payerRef string, u carepath.PayerUpdate) (*carepath.Payer, error) {
	var p *carepath.Payer
	o := op{record: access.Payer, action: access.Update, validate: func() error {
		if u.ClaimFormat != nil && !u.ClaimFormat.Valid() {
			var errs carepath.FieldErrors
			errs.Add("claim_format", "enum", "Use 837P (professional) or 837I (institutional).")
			return errs.Err()
		}
		return nil
	}}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var err error
		if p, err = readPayer(ctx, tx, svc.s, payerRef); err != nil {
			return nil, err
		}
		if u.ClaimFormat != nil {
			p.ClaimFormat = *u.ClaimFormat
		}
		if u.Medicare != nil {
			p.Medicare = *u.Medicare
		}
		if _, err := tx.ExecContext(ctx, `UPDATE payers SET claim_format = $2, medicare = $3 WHERE id = $1`,
			p.ID, string(p.ClaimFormat), p.Medicare); err != nil {
			return nil, fmt.Errorf("update payer: %w", svc.s.translate(err))
		}
		return []ref{{ID: p.ID}}, nil
	})
	return p, err
}

// readPayer reads the payer whose id, or else payer id, is ref; ENOTFOUND when none.
func readPayer(ctx context.Context, tx *sql.Tx, s *Store, ref string) (*carepath.Payer, error) {
	query := `SELECT ` + payerColumns + ` FROM payers WHERE payer_id = $1`
	if wellFormedID(ref) != "" {
		query = `SELECT ` + payerColumns + ` FROM payers WHERE id = $1`
	}
	p, err := scanPayer(tx.QueryRowContext(ctx, query, ref))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, carepath.Errorf(carepath.ENOTFOUND, "There is no such payer.")
	}
	if err != nil {
		return nil, fmt.Errorf("select payer: %w", s.translate(err))
	}
	return p, nil
}

func scanPayer(row interface{ Scan(...any) error }) (*carepath.Payer, error) {
	var p carepath.Payer
	if err := row.Scan(&p.ID, &p.Name, &p.PayerID, &p.ClaimFormat, &p.Medicare, &p.CreatedAt); err != nil {
		return nil, err
	}
	p.CreatedAt = p.CreatedAt.UTC()
	return &p, nil
}

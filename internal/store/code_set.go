package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/icd10"
)

// MaxCodeSearch is the most codes one search answers.
const MaxCodeSearch = 50

// codeSetCache holds the code set (the shipped subset with the imported codes over it), built
// again when the number of imported codes changes, so an import by the command line while the
// server runs is seen on the next call.
type codeSetCache struct {
	mu       sync.Mutex
	imported int
	built    *icd10.Set
}

// set returns the current code set, reading the imported codes in tx when they changed.
func (c *codeSetCache) set(ctx context.Context, tx *sql.Tx, s *Store) (*icd10.Set, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM icd10_codes`).Scan(&n); err != nil {
		return nil, fmt.Errorf("count imported codes: %w", s.translate(err))
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.built != nil && c.imported == n {
		return c.built, nil
	}
	set := icd10.Default()
	if n > 0 {
		rows, err := tx.QueryContext(ctx, `SELECT code, billable, description, source FROM icd10_codes ORDER BY code`)
		if err != nil {
			return nil, fmt.Errorf("select imported codes: %w", s.translate(err))
		}
		defer rows.Close()
		var codes []icd10.Code
		source := ""
		for rows.Next() {
			var code icd10.Code
			if err := rows.Scan(&code.Code, &code.Billable, &code.Long, &source); err != nil {
				return nil, fmt.Errorf("select imported codes: %w", err)
			}
			code.Short = code.Long
			codes = append(codes, code)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select imported codes: %w", s.translate(err))
		}
		set = set.With(set.Source+" with "+source, codes)
	}
	c.imported, c.built = n, set
	return set, nil
}

// SearchCodes finds up to limit codes (at most MaxCodeSearch) whose code or description
// matches query, in the code set's order.
func (svc *DiagnosisService) SearchCodes(ctx context.Context, query string, limit int) ([]carepath.DiagnosisCode, error) {
	out := []carepath.DiagnosisCode{}
	if limit <= 0 || limit > MaxCodeSearch {
		limit = MaxCodeSearch
	}
	o := op{record: access.CodeSet, action: access.List, quiet: true}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		set, err := svc.codes.set(ctx, tx, svc.s)
		if err != nil {
			return nil, err
		}
		for _, c := range set.Search(strings.TrimSpace(query), limit) {
			out = append(out, carepath.DiagnosisCode{Code: c.Code, Billable: c.Billable, Description: c.Long})
		}
		return nil, nil
	})
	return out, err
}

// ImportCodes stores codes (from a CMS code file) in the code set, replacing the description
// and billable flag of a code imported before, in one transaction.
func (svc *DiagnosisService) ImportCodes(ctx context.Context, source string, codes []carepath.DiagnosisCode) (int, error) {
	o := op{record: access.CodeSet, action: access.Create, detail: fmt.Sprintf("codes=%d", len(codes)),
		validate: func() error {
			var errs carepath.FieldErrors
			if len(codes) == 0 {
				errs.Add("codes", "required", "The file holds no codes.")
			}
			for i, c := range codes {
				if !icd10.WellFormed(c.Code) {
					errs.Add(fmt.Sprintf("codes[%d]", i), "format", "%q is not an ICD-10-CM code.", c.Code)
					break
				}
			}
			return errs.Err()
		}}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		now := svc.s.timestamp()
		for _, c := range codes {
			if _, err := tx.ExecContext(ctx, `INSERT INTO icd10_codes (code, billable, description, source, imported_at)
				VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT (code) DO UPDATE SET billable = excluded.billable, description = excluded.description,
					source = excluded.source, imported_at = excluded.imported_at`,
				icd10.Format(icd10.Key(c.Code)), c.Billable, c.Description, source, now); err != nil {
				return nil, fmt.Errorf("import code: %w", svc.s.translate(err))
			}
		}
		return nil, nil
	})
	if err != nil {
		return 0, err
	}
	svc.codes.mu.Lock()
	svc.codes.built = nil
	svc.codes.mu.Unlock()
	return len(codes), nil
}

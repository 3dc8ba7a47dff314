package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// EstimateService keeps the good-faith estimates given to clients. A kept estimate is never
// changed; the audit rows name the estimate and its client.
type EstimateService struct{ s *Store }

var _ carepath.EstimateService = (*EstimateService)(nil)

// NewEstimateService returns the estimate service of s.
func NewEstimateService(s *Store) *EstimateService { return &EstimateService{s: s} }

const estimateColumns = `id, client_id, number, issued_on, recommended, total_cents, issued_by, issued_at`

// KeepEstimate stores an estimate just given to the client.
func (svc *EstimateService) KeepEstimate(ctx context.Context, e carepath.IssuedEstimate) (*carepath.IssuedEstimate, error) {
	validate := func() error {
		var errs carepath.FieldErrors
		e.Number = strings.TrimSpace(e.Number)
		if wellFormedID(e.ID) == "" {
			errs.Add("id", "format", "An issued estimate needs a well-formed id.")
		}
		if e.Number == "" {
			errs.Add("number", "required", "An issued estimate needs its number.")
		}
		if _, err := time.Parse(carepath.DateLayout, e.IssuedOn); err != nil {
			errs.Add("issued_on", "format", "An issued estimate needs the day it was issued.")
		}
		if !e.Recommended.Valid() {
			errs.Add("recommended", "unknown", "An issued estimate names the level it recommends.")
		}
		if !json.Valid(e.Document) {
			errs.Add("estimate", "format", "An issued estimate keeps the whole document.")
		}
		return errs.Err()
	}
	o := op{record: access.Estimate, action: access.Create, clientID: wellFormedID(e.ClientID), validate: validate}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		client, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, e.ClientID)
		if err != nil {
			return nil, err
		}
		actor, _ := carepath.ActorFrom(ctx)
		e.ClientID, e.IssuedBy, e.IssuedAt = client.ID, actor.ID, svc.s.timestamp()
		if _, err := tx.ExecContext(ctx, `INSERT INTO issued_estimates (id, client_id, number, issued_on, recommended, total_cents,
			document, issued_by, issued_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			e.ID, e.ClientID, e.Number, e.IssuedOn, string(e.Recommended), int64(e.Total), string(e.Document), e.IssuedBy, e.IssuedAt); err != nil {
			return nil, fmt.Errorf("insert issued estimate: %w", svc.s.translate(err))
		}
		return []ref{{ID: e.ID, ClientID: e.ClientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return &e, nil
}

// FindEstimates lists the client's issued estimates, newest first, without their documents.
func (svc *EstimateService) FindEstimates(ctx context.Context, clientID string) ([]*carepath.IssuedEstimate, error) {
	list := []*carepath.IssuedEstimate{}
	o := op{record: access.Estimate, action: access.List, clientID: wellFormedID(clientID)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+estimateColumns+` FROM issued_estimates WHERE client_id = $1
			ORDER BY issued_at DESC, id DESC`, clientID)
		if err != nil {
			return nil, fmt.Errorf("select issued estimates: %w", svc.s.translate(err))
		}
		defer rows.Close()
		refs := []ref{{ClientID: clientID}}
		for rows.Next() {
			e, err := scanIssuedEstimate(rows)
			if err != nil {
				return nil, err
			}
			list = append(list, e)
			refs = append(refs, ref{ID: e.ID, ClientID: e.ClientID})
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select issued estimates: %w", svc.s.translate(err))
		}
		return refs, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return list, nil
}

// FindEstimate returns issued estimate id of the client with its document.
func (svc *EstimateService) FindEstimate(ctx context.Context, clientID, id string) (*carepath.IssuedEstimate, error) {
	var e *carepath.IssuedEstimate
	o := op{record: access.Estimate, action: access.Read, recordID: wellFormedID(id), clientID: wellFormedID(clientID)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		var doc string
		row := tx.QueryRowContext(ctx, `SELECT `+estimateColumns+`, document FROM issued_estimates WHERE id = $1 AND client_id = $2`, id, clientID)
		var err error
		e, err = scanIssuedEstimate(withDocument{row, &doc})
		if err == sql.ErrNoRows {
			return nil, carepath.Errorf(carepath.ENOTFOUND, "There is no such good-faith estimate on this chart.")
		} else if err != nil {
			return nil, err
		}
		e.Document = json.RawMessage(doc)
		return []ref{{ID: e.ID, ClientID: e.ClientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return e, nil
}

// scanIssuedEstimate reads one row of estimateColumns.
func scanIssuedEstimate(row interface{ Scan(...any) error }) (*carepath.IssuedEstimate, error) {
	var e carepath.IssuedEstimate
	var total int64
	if err := row.Scan(&e.ID, &e.ClientID, &e.Number, &e.IssuedOn, &e.Recommended, &total, &e.IssuedBy, &e.IssuedAt); err != nil {
		if err == sql.ErrNoRows {
			return nil, err
		}
		return nil, fmt.Errorf("scan issued estimate: %w", err)
	}
	e.Total = carepath.Cents(total)
	return &e, nil
}

// withDocument scans a row of estimateColumns followed by the document.
type withDocument struct {
	row *sql.Row
	doc *string
}

func (w withDocument) Scan(dest ...any) error { return w.row.Scan(append(dest, w.doc)...) }

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

// DiagnosisService keeps the ICD-10-CM diagnoses on clients' charts and the code set they are
// chosen from: the subset shipped in the binary plus the codes imported from CMS's files. Every
// call goes through the chokepoint; the audit rows name the diagnosis and its client, never
// the code.
type DiagnosisService struct {
	s     *Store
	codes *codeSetCache
}

var _ carepath.DiagnosisService = (*DiagnosisService)(nil)

// NewDiagnosisService returns the diagnosis service of s.
func NewDiagnosisService(s *Store) *DiagnosisService {
	return &DiagnosisService{s: s, codes: &codeSetCache{}}
}

const diagnosisColumns = `id, client_id, code, description, is_primary, onset_on, resolved_on, recorded_by, created_at`

// AddDiagnosis checks in against the code set and records it on the client's chart; a primary
// diagnosis makes the client's other active primary diagnosis secondary, in the same
// transaction.
func (svc *DiagnosisService) AddDiagnosis(ctx context.Context, clientID string, in carepath.DiagnosisInput) (*carepath.Diagnosis, error) {
	var d *carepath.Diagnosis
	o := op{record: access.Diagnosis, action: access.Create, clientID: wellFormedID(clientID), validate: in.Validate}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		client, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID)
		if err != nil {
			return nil, err
		}
		set, err := svc.codes.set(ctx, tx, svc.s)
		if err != nil {
			return nil, err
		}
		if err := set.Check(in.Code); err != nil {
			return nil, err
		}
		code, _ := set.Lookup(in.Code)
		id, err := uuid.NewV7()
		if err != nil {
			return nil, fmt.Errorf("new id: %w", err)
		}
		actor, _ := carepath.ActorFrom(ctx)
		d = &carepath.Diagnosis{ID: id.String(), ClientID: client.ID, Code: code.Code, Description: code.Long,
			Primary: in.Primary, OnsetOn: in.Onset, RecordedBy: actor.ID, CreatedAt: svc.s.timestamp()}
		if d.Primary {
			if _, err := tx.ExecContext(ctx, `UPDATE diagnoses SET is_primary = $2
				WHERE client_id = $1 AND is_primary = $3 AND resolved_on = ''`, client.ID, false, true); err != nil {
				return nil, fmt.Errorf("demote primary diagnosis: %w", svc.s.translate(err))
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO diagnoses (`+diagnosisColumns+`)
			VALUES ($1, $2, $3, $4, $5, $6, '', $7, $8)`,
			d.ID, d.ClientID, d.Code, d.Description, d.Primary, d.OnsetOn, d.RecordedBy, d.CreatedAt); err != nil {
			return nil, fmt.Errorf("insert diagnosis: %w", svc.s.translate(err))
		}
		return []ref{{ID: d.ID, ClientID: d.ClientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return d, nil
}

// FindDiagnoses lists the client's diagnoses: active ones first (the primary before the
// others, then by code), then resolved ones, most recently resolved first.
func (svc *DiagnosisService) FindDiagnoses(ctx context.Context, clientID string) ([]*carepath.Diagnosis, error) {
	list := []*carepath.Diagnosis{}
	o := op{record: access.Diagnosis, action: access.List, clientID: wellFormedID(clientID)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		var err error
		list, err = findDiagnoses(ctx, tx, svc.s, clientID)
		if err != nil {
			return nil, err
		}
		refs := []ref{{ClientID: clientID}}
		for _, d := range list {
			refs = append(refs, ref{ID: d.ID, ClientID: d.ClientID})
		}
		return refs, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return list, nil
}

// findDiagnoses reads the client's diagnoses in tx, in FindDiagnoses's order; never nil. The
// caller has checked that the actor may see the client.
func findDiagnoses(ctx context.Context, tx *sql.Tx, s *Store, clientID string) ([]*carepath.Diagnosis, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+diagnosisColumns+` FROM diagnoses WHERE client_id = $1
		ORDER BY CASE WHEN resolved_on = '' THEN 0 ELSE 1 END, is_primary DESC, resolved_on DESC, code, created_at, id`, clientID)
	if err != nil {
		return nil, fmt.Errorf("select diagnoses: %w", s.translate(err))
	}
	defer rows.Close()
	list := []*carepath.Diagnosis{}
	for rows.Next() {
		d, err := scanDiagnosis(rows)
		if err != nil {
			return nil, fmt.Errorf("select diagnoses: %w", err)
		}
		list = append(list, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select diagnoses: %w", s.translate(err))
	}
	return list, nil
}

// ResolveDiagnosis marks diagnosis id resolved on the date given.
func (svc *DiagnosisService) ResolveDiagnosis(ctx context.Context, id, on string) (*carepath.Diagnosis, error) {
	var d *carepath.Diagnosis
	o := op{record: access.Diagnosis, action: access.Update, recordID: wellFormedID(id), clientID: svc.s.clientOf(ctx, access.Diagnosis, id),
		validate: func() error { return carepath.CheckResolvedOn(&on) }}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var err error
		if wellFormedID(id) == "" {
			return nil, diagnosisNotFound()
		}
		d, err = scanDiagnosis(tx.QueryRowContext(ctx, `SELECT `+diagnosisColumns+` FROM diagnoses WHERE id = $1`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return nil, diagnosisNotFound()
		}
		if err != nil {
			return nil, fmt.Errorf("select diagnosis: %w", svc.s.translate(err))
		}
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, d.ClientID); err != nil {
			return nil, err
		}
		if !d.Active() {
			return nil, carepath.Errorf(carepath.ECONFLICT, "This diagnosis has already been resolved.")
		}
		if d.OnsetOn != "" && on < d.OnsetOn {
			var errs carepath.FieldErrors
			errs.Add("resolved", "before_onset", "A diagnosis cannot be resolved before its onset (%s).", d.OnsetOn)
			return nil, errs.Err()
		}
		if _, err := tx.ExecContext(ctx, `UPDATE diagnoses SET resolved_on = $2 WHERE id = $1`, d.ID, on); err != nil {
			return nil, fmt.Errorf("resolve diagnosis: %w", svc.s.translate(err))
		}
		d.ResolvedOn = on
		return []ref{{ID: d.ID, ClientID: d.ClientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return d, nil
}

func diagnosisNotFound() error {
	return carepath.Errorf(carepath.ENOTFOUND, "There is no such diagnosis.")
}

func scanDiagnosis(row interface{ Scan(...any) error }) (*carepath.Diagnosis, error) {
	var d carepath.Diagnosis
	if err := row.Scan(&d.ID, &d.ClientID, &d.Code, &d.Description, &d.Primary, &d.OnsetOn, &d.ResolvedOn,
		&d.RecordedBy, &d.CreatedAt); err != nil {
		return nil, err
	}
	d.CreatedAt = d.CreatedAt.UTC()
	return &d, nil
}

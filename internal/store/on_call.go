package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// OnCallService keeps programs' on-call rotas and office hours. Every call goes through the
// chokepoint; rotas name staff, never clients.
type OnCallService struct {
	s *Store
}

var _ carepath.OnCallService = (*OnCallService)(nil)

// NewOnCallService returns the on-call service of s.
func NewOnCallService(s *Store) *OnCallService { return &OnCallService{s: s} }

// FindOnCall returns a program's rota; ENOTFOUND when it has none.
func (svc *OnCallService) FindOnCall(ctx context.Context, programID string) (*carepath.OnCall, error) {
	var out *carepath.OnCall
	o := op{record: access.OnCall, action: access.Read, recordID: wellFormedID(programID)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := readProgram(ctx, svc.s, tx, programID); err != nil {
			return nil, err
		}
		oc, err := readOnCall(ctx, svc.s, tx, programID)
		if err != nil {
			return nil, err
		}
		if oc == nil {
			return nil, carepath.Errorf(carepath.ENOTFOUND, "This program has no on-call rota yet.")
		}
		out = oc
		return nil, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// readOnCall reads a program's rota in tx, nil when it has none.
func readOnCall(ctx context.Context, s *Store, tx *sql.Tx, programID string) (*carepath.OnCall, error) {
	oc := &carepath.OnCall{ProgramID: programID, Shifts: []carepath.OnCallShift{}}
	var backup sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT primary_id, backup_id, intake_alerts, version, updated_by, updated_at
		FROM program_on_call WHERE program_id = $1`, programID).
		Scan(&oc.PrimaryID, &backup, &oc.IntakeAlerts, &oc.Version, &oc.UpdatedBy, &oc.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("select on-call: %w", s.translate(err))
	}
	oc.BackupID, oc.UpdatedAt = backup.String, oc.UpdatedAt.UTC()
	rows, err := tx.QueryContext(ctx, `SELECT starts_at, ends_at, primary_id, backup_id FROM program_on_call_shifts
		WHERE program_id = $1 ORDER BY starts_at, position`, programID)
	if err != nil {
		return nil, fmt.Errorf("select shifts: %w", s.translate(err))
	}
	defer rows.Close()
	for rows.Next() {
		var sh carepath.OnCallShift
		var b sql.NullString
		if err := rows.Scan(&sh.From, &sh.To, &sh.PrimaryID, &b); err != nil {
			return nil, fmt.Errorf("scan shift: %w", s.translate(err))
		}
		sh.From, sh.To, sh.BackupID = sh.From.UTC(), sh.To.UTC(), b.String
		oc.Shifts = append(oc.Shifts, sh)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select shifts: %w", s.translate(err))
	}
	return oc, nil
}

// SetOnCall replaces a program's rota after checking that everyone named is active staff who
// may be on call for it (access.MayBeOnCall).
func (svc *OnCallService) SetOnCall(ctx context.Context, programID string, u carepath.OnCallUpdate) (*carepath.OnCall, error) {
	var out *carepath.OnCall
	o := op{record: access.OnCall, action: access.Update, recordID: wellFormedID(programID), validate: u.Validate,
		detail: fmt.Sprintf("shifts %d", len(u.Shifts))}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := readProgram(ctx, svc.s, tx, programID); err != nil {
			return nil, err
		}
		var errs carepath.FieldErrors
		check := func(field, id string) error {
			if id == "" {
				return nil
			}
			why, err := onCallProblem(ctx, svc.s, tx, programID, id)
			if err != nil {
				return err
			}
			if why != "" {
				errs.Add(field, "not_eligible", "%s", why)
			}
			return nil
		}
		pairs := [][3]string{{"", u.PrimaryID, u.BackupID}}
		for i, sh := range u.Shifts {
			pairs = append(pairs, [3]string{fmt.Sprintf("shifts[%d].", i), sh.PrimaryID, sh.BackupID})
		}
		for _, p := range pairs {
			if err := check(p[0]+"primary_id", p[1]); err != nil {
				return nil, err
			}
			if err := check(p[0]+"backup_id", p[2]); err != nil {
				return nil, err
			}
		}
		if err := errs.Err(); err != nil {
			return nil, err
		}
		old, err := readOnCall(ctx, svc.s, tx, programID)
		if err != nil {
			return nil, err
		}
		stored := 0
		if old != nil {
			stored = old.Version
		}
		if u.Version != stored {
			return nil, carepath.Errorf(carepath.ECONFLICT,
				"Someone changed this program's on-call rota since you read it. Please reload and try again.")
		}
		actor, _ := carepath.ActorFrom(ctx)
		now := svc.s.timestamp()
		if _, err := tx.ExecContext(ctx, `DELETE FROM program_on_call_shifts WHERE program_id = $1`, programID); err != nil {
			return nil, fmt.Errorf("delete shifts: %w", svc.s.translate(err))
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO program_on_call (program_id, primary_id, backup_id, intake_alerts, version, updated_by, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (program_id) DO UPDATE SET primary_id = excluded.primary_id, backup_id = excluded.backup_id,
				intake_alerts = excluded.intake_alerts, version = excluded.version, updated_by = excluded.updated_by,
				updated_at = excluded.updated_at`,
			programID, u.PrimaryID, nullIfEmpty(u.BackupID), u.IntakeAlerts, stored+1, actor.ID, now); err != nil {
			return nil, fmt.Errorf("upsert on-call: %w", svc.s.translate(err))
		}
		for i, sh := range u.Shifts {
			if _, err := tx.ExecContext(ctx, `INSERT INTO program_on_call_shifts (program_id, position, starts_at, ends_at, primary_id, backup_id)
				VALUES ($1, $2, $3, $4, $5, $6)`, programID, i, sh.From.UTC(), sh.To.UTC(), sh.PrimaryID, nullIfEmpty(sh.BackupID)); err != nil {
				return nil, fmt.Errorf("insert shift: %w", svc.s.translate(err))
			}
		}
		out, err = readOnCall(ctx, svc.s, tx, programID)
		return []ref{{ID: programID}}, err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// onCallProblem says why staff member id may not be on call for the program, "" when they may.
func onCallProblem(ctx context.Context, s *Store, tx *sql.Tx, programID, id string) (string, error) {
	var role string
	var disabled bool
	err := tx.QueryRowContext(ctx, `SELECT role, disabled FROM staff WHERE id = $1`, id).Scan(&role, &disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return "There is no such staff member.", nil
	}
	if err != nil {
		return "", fmt.Errorf("select staff: %w", s.translate(err))
	}
	if disabled {
		return "This staff member's account is disabled: choose someone who can be reached.", nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM program_staff WHERE program_id = $1 AND staff_id = $2
		AND role IN ('director', 'clinician', 'case_manager')`, programID, id).Scan(&n); err != nil {
		return "", fmt.Errorf("select program staff: %w", s.translate(err))
	}
	if !access.MayBeOnCall(carepath.Role(role), n > 0) {
		return "The person on call must be a clinician or case manager working in this program, or an admin: someone who may see the program's clients.", nil
	}
	return "", nil
}

// FindOfficeHours returns a program's office hours.
func (svc *OnCallService) FindOfficeHours(ctx context.Context, programID string) (*carepath.OfficeHours, error) {
	var out *carepath.OfficeHours
	o := op{record: access.OnCall, action: access.Read, recordID: wellFormedID(programID), detail: "office hours"}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var err error
		out, err = readOfficeHours(ctx, svc.s, tx, programID)
		return nil, err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// readOfficeHours reads a program's office hours in tx, Monday first.
func readOfficeHours(ctx context.Context, s *Store, tx *sql.Tx, programID string) (*carepath.OfficeHours, error) {
	p, err := readProgram(ctx, s, tx, programID)
	if err != nil {
		return nil, err
	}
	h := &carepath.OfficeHours{ProgramID: programID, TimeZone: p.TimeZone, Days: []carepath.OfficeSpan{}}
	rows, err := tx.QueryContext(ctx, `SELECT day, opens, closes FROM program_office_hours WHERE program_id = $1`, programID)
	if err != nil {
		return nil, fmt.Errorf("select office hours: %w", s.translate(err))
	}
	defer rows.Close()
	for rows.Next() {
		var sp carepath.OfficeSpan
		if err := rows.Scan(&sp.Day, &sp.Opens, &sp.Closes); err != nil {
			return nil, fmt.Errorf("scan office hours: %w", s.translate(err))
		}
		h.Days = append(h.Days, sp)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select office hours: %w", s.translate(err))
	}
	_ = carepath.CheckOfficeSpans(h.Days) // orders them, Monday first
	return h, nil
}

// SetOfficeHours replaces a program's office hours.
func (svc *OnCallService) SetOfficeHours(ctx context.Context, programID string, days []carepath.OfficeSpan) (*carepath.OfficeHours, error) {
	var out *carepath.OfficeHours
	o := op{record: access.OnCall, action: access.Update, recordID: wellFormedID(programID), detail: "office hours",
		validate: func() error { return carepath.CheckOfficeSpans(days) }}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := readProgram(ctx, svc.s, tx, programID); err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM program_office_hours WHERE program_id = $1`, programID); err != nil {
			return nil, fmt.Errorf("delete office hours: %w", svc.s.translate(err))
		}
		for _, d := range days {
			if _, err := tx.ExecContext(ctx, `INSERT INTO program_office_hours (program_id, day, opens, closes) VALUES ($1, $2, $3, $4)`,
				programID, d.Day, d.Opens, d.Closes); err != nil {
				return nil, fmt.Errorf("insert office hours: %w", svc.s.translate(err))
			}
		}
		var err error
		out, err = readOfficeHours(ctx, svc.s, tx, programID)
		return []ref{{ID: programID}}, err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

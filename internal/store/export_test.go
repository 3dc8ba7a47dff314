package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// DoIntakeCreate runs fn at the chokepoint as an intake.create call, so tests can make the
// body fail halfway.
func (s *Store) DoIntakeCreate(ctx context.Context, fn func(ctx context.Context, tx *sql.Tx) error) error {
	return s.do(ctx, op{record: access.Intake, action: access.Create}, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		return nil, fn(ctx, tx)
	})
}

// TranslateError passes err through the store's dialect.
func (s *Store) TranslateError(err error) error { return s.translate(err) }

// ReadClientUnaudited reads client id in a read transaction on db and applies the care-team
// rule, as FindClientByID does, without the chokepoint and its audit row: the baseline of
// BenchmarkChartReadAudit.
func ReadClientUnaudited(ctx context.Context, db *sql.DB, id string) (*carepath.Client, error) {
	actor, _ := carepath.ActorFrom(ctx)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := scanClient(tx.QueryRowContext(ctx, `SELECT `+clientColumns+` FROM clients WHERE id = $1`, id))
	if err != nil {
		return nil, err
	}
	if !access.CanSeeClient(actor, c) {
		return nil, carepath.Errorf(carepath.ENOTFOUND, "hidden")
	}
	return c, nil
}

// ClientColumns are the clients table's columns in the order the store reads them.
const ClientColumns = clientColumns

// EnsureCareTeamStaff adds an active clinician for each member of c's care team that names no
// staff member yet, so store tests may name clinicians by fixed ids ("staff-clinician-a") and
// still meet the rule that a care team names active clinicians and case managers.
func (svc *ClientService) EnsureCareTeamStaff(c *carepath.Client) error {
	for _, id := range []string{c.PrimaryClinicianID, c.CaseManagerID} {
		if id == "" {
			continue
		}
		if _, err := svc.s.writePool.Exec(`INSERT INTO staff (id, email, name, role, password_hash, disabled, created_at)
			VALUES ($1, $2, $3, 'clinician', '', $4, $5) ON CONFLICT (id) DO NOTHING`,
			id, strings.ToLower(id)+"@care-team.test", id, false, svc.s.timestamp()); err != nil {
			return svc.s.translate(err)
		}
	}
	return nil
}

// AuditCommits is the number of transactions the audit queue has committed.
func AuditCommits(s *Store) int64 { return s.audits.commits.Load() }

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// SetIntakeStatus marks a request contacted, closed or new again, records who did it, when
// and their note, and returns the request with its history. A request flagged for same-day
// review (crisis) is never closed before someone has marked it contacted: closing it unseen
// would take it off the queue without anyone having reached the person. EINVALID names
// status or note; ECONFLICT for a converted request; ENOTFOUND; EFORBIDDEN.
func (svc *IntakeService) SetIntakeStatus(ctx context.Context, id string, u carepath.IntakeStatusUpdate) (*carepath.Intake, error) {
	o := op{record: access.Intake, action: access.Update, recordID: wellFormedID(id), validate: u.Validate,
		detail: "status=" + string(u.Status)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if wellFormedID(id) == "" {
			return nil, intakeNotFound()
		}
		in, err := scanIntake(tx.QueryRowContext(ctx, `SELECT `+intakeColumns+` FROM intake_requests WHERE id = $1`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return nil, intakeNotFound()
		}
		if err != nil {
			return nil, fmt.Errorf("select intake: %w", svc.s.translate(err))
		}
		if in.Status == carepath.IntakeConverted {
			return nil, carepath.Errorf(carepath.ECONFLICT, "This request was already turned into a client; its status stays converted.")
		}
		if u.Status == carepath.IntakeClosed && in.Crisis {
			var contacted int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM intake_status_changes WHERE intake_id = $1 AND status = $2`,
				id, string(carepath.IntakeContacted)).Scan(&contacted); err != nil {
				return nil, fmt.Errorf("select status changes: %w", svc.s.translate(err))
			}
			if contacted == 0 {
				var errs carepath.FieldErrors
				errs.Add("status", "crisis", "This request is flagged for same-day review: mark it contacted first, "+
					"saying how you reached the person (or tried to), then close it.")
				return nil, errs.Err()
			}
		}
		actor, _ := carepath.ActorFrom(ctx)
		at := svc.s.timestamp()
		if _, err := tx.ExecContext(ctx, `UPDATE intake_requests SET status = $1 WHERE id = $2`, string(u.Status), id); err != nil {
			return nil, fmt.Errorf("update intake: %w", svc.s.translate(err))
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO intake_status_changes (intake_id, status, note, changed_by, changed_at)
			VALUES ($1, $2, $3, $4, $5)`, id, string(u.Status), u.Note, actor.ID, at); err != nil {
			return nil, fmt.Errorf("insert status change: %w", svc.s.translate(err))
		}
		return []ref{{ID: id}}, nil
	})
	if err != nil {
		return nil, err
	}
	return svc.FindIntakeByID(ctx, id)
}

// statusChanges reads the status history of the intake requests ids, oldest first, by request.
func statusChanges(ctx context.Context, s *Store, tx *sql.Tx, ids []string) (map[string][]carepath.IntakeStatusChange, error) {
	out := map[string][]carepath.IntakeStatusChange{}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := tx.QueryContext(ctx, `SELECT intake_id, status, note, changed_by, changed_at FROM intake_status_changes
			WHERE intake_id IN (`+placeholders(1, len(args))+`) ORDER BY id`, args...)
		if err != nil {
			return nil, fmt.Errorf("select status changes: %w", s.translate(err))
		}
		for rows.Next() {
			var id, status string
			var c carepath.IntakeStatusChange
			var at time.Time
			if err := rows.Scan(&id, &status, &c.Note, &c.ChangedBy, &at); err != nil {
				rows.Close()
				return nil, fmt.Errorf("scan status change: %w", err)
			}
			c.Status, c.ChangedAt = carepath.IntakeStatus(status), at.UTC()
			out[id] = append(out[id], c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select status changes: %w", s.translate(err))
		}
	}
	return out, nil
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/delivery"
)

// AttendanceService records attendance per occurrence and reports program dose, alerts and
// the quality-of-care figures. Attendance is a clinical record: the care team (those who run
// the session, or whose clients are on it), admin and the command line.
type AttendanceService struct {
	s *Store
}

var _ carepath.AttendanceService = (*AttendanceService)(nil)

// NewAttendanceService returns the attendance service of s.
func NewAttendanceService(s *Store) *AttendanceService { return &AttendanceService{s: s} }

// FindAttendance returns an occurrence's attendance sheet: its roster that day and the
// records, limited to the clients the actor may see unless they run the session. ENOTFOUND
// when there is no such occurrence or the actor may not see it.
func (svc *AttendanceService) FindAttendance(ctx context.Context, id string) (*carepath.AttendanceSheet, error) {
	var out *carepath.AttendanceSheet
	o := op{record: access.Attendance, action: access.Read, recordID: auditOccurrenceID(id)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		oc, scope, err := visibleOccurrence(ctx, svc.s, tx, id)
		if err != nil {
			return nil, err
		}
		if out, err = readSheet(ctx, svc.s, tx, oc); err != nil {
			return nil, err
		}
		if !scope.all && !scope.runs(oc) {
			out.Roster = scope.roster(oc)
			out.Records = slices.DeleteFunc(out.Records, func(r carepath.AttendanceRecord) bool { return !scope.seesClient(r.ClientID) })
		}
		return occurrenceRefs(oc, out.Roster), nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func readSheet(ctx context.Context, s *Store, tx *sql.Tx, oc occurrence) (*carepath.AttendanceSheet, error) {
	out := &carepath.AttendanceSheet{SessionID: oc.s.ID, Start: oc.oc.StartText(), Minutes: oc.s.Minutes,
		Roster: slices.Clone(nonNil(oc.s.ClientIDs)), Records: []carepath.AttendanceRecord{}}
	err := tx.QueryRowContext(ctx, `SELECT version FROM attendance_sheets WHERE occurrence_id = $1`, oc.s.ID).Scan(&out.Version)
	if err != nil && err != sql.ErrNoRows {
		return nil, fmt.Errorf("select sheet: %w", s.translate(err))
	}
	rows, err := tx.QueryContext(ctx, `SELECT client_id, status, minutes, recorded_by, recorded_at FROM attendance
		WHERE occurrence_id = $1 ORDER BY client_id`, oc.s.ID)
	if err != nil {
		return nil, fmt.Errorf("select attendance: %w", s.translate(err))
	}
	defer rows.Close()
	for rows.Next() {
		var r carepath.AttendanceRecord
		if err := rows.Scan(&r.ClientID, &r.Status, &r.Minutes, &r.RecordedBy, &r.RecordedAt); err != nil {
			return nil, err
		}
		r.RecordedAt = r.RecordedAt.UTC()
		out.Records = append(out.Records, r)
	}
	return out, rows.Err()
}

// RecordAttendance replaces an occurrence's records with u.Records and returns the sheet, its
// version one higher. EINVALID names records[i].client_id (not on the roster that day, or
// twice), records[i].status or records[i].minutes (outside 0 to the session's minutes);
// ECONFLICT when u.Version is not the stored version. Nothing is written on any error.
func (svc *AttendanceService) RecordAttendance(ctx context.Context, id string, u carepath.AttendanceUpdate) (*carepath.AttendanceSheet, error) {
	validate := func() error {
		var errs carepath.FieldErrors
		if u.Version < 0 {
			errs.Add("version", "range", "Please send the version you read (0 before the first save).")
		}
		for i, r := range u.Records {
			if !delivery.Status(r.Status).Valid() {
				errs.Add(fmt.Sprintf("records[%d].status", i), "format",
					"Attendance is present, late, left_early, absent_excused or absent_unexcused.")
			}
		}
		return errs.Err()
	}
	var out *carepath.AttendanceSheet
	o := op{record: access.Attendance, action: access.Update, recordID: auditOccurrenceID(id), validate: validate}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		oc, scope, err := visibleOccurrence(ctx, svc.s, tx, id)
		if err != nil {
			return nil, err
		}
		var errs carepath.FieldErrors
		listed := make(map[string]bool, len(u.Records))
		for i, r := range u.Records {
			p := fmt.Sprintf("records[%d].", i)
			twice := listed[r.ClientID]
			listed[r.ClientID] = true
			switch {
			case !slices.Contains(oc.s.ClientIDs, r.ClientID):
				errs.Add(p+"client_id", "not_on_roster", "This client is not on the session's roster on %s.", oc.date)
			case !scope.runs(oc) && !scope.seesClient(r.ClientID):
				errs.Add(p+"client_id", "not_on_roster", "This client is not on the session's roster on %s.", oc.date)
			case twice:
				errs.Add(p+"client_id", "duplicate", "This client is listed twice.")
			}
			a := delivery.Attendance{SessionID: oc.s.ID, ClientID: r.ClientID, Status: delivery.Status(r.Status), Minutes: r.Minutes}
			for _, f := range carepath.ErrorFields(a.Validate(oc.s.Minutes)) {
				if f.Field == "minutes" {
					errs.Add(p+"minutes", f.Code, "%s", f.Message)
				}
			}
		}
		if err := errs.Err(); err != nil {
			return nil, err
		}
		var version int
		err = tx.QueryRowContext(ctx, `SELECT version FROM attendance_sheets WHERE occurrence_id = $1`, oc.s.ID).Scan(&version)
		if err != nil && err != sql.ErrNoRows {
			return nil, fmt.Errorf("select sheet: %w", svc.s.translate(err))
		}
		if version != u.Version {
			return nil, staleAttendance()
		}
		now := svc.s.timestamp()
		if version == 0 {
			_, err = tx.ExecContext(ctx, `INSERT INTO attendance_sheets (occurrence_id, series_id, program_id, local_date, version, updated_at)
				VALUES ($1, $2, $3, $4, 1, $5)`, oc.s.ID, oc.se.id, oc.se.programID, oc.date.String(), now)
			if err = svc.s.translate(err); carepath.ErrorCode(err) == carepath.ECONFLICT {
				return nil, staleAttendance()
			}
		} else {
			var res sql.Result
			res, err = tx.ExecContext(ctx, `UPDATE attendance_sheets SET version = version + 1, updated_at = $1
				WHERE occurrence_id = $2 AND version = $3`, now, oc.s.ID, version)
			if n, _ := rowsAffected(res, err); err == nil && n == 0 {
				return nil, staleAttendance()
			}
		}
		if err != nil {
			return nil, fmt.Errorf("write sheet: %w", svc.s.translate(err))
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM attendance WHERE occurrence_id = $1`, oc.s.ID); err != nil {
			return nil, fmt.Errorf("delete attendance: %w", svc.s.translate(err))
		}
		actor, _ := carepath.ActorFrom(ctx)
		refs := []ref{}
		for _, r := range u.Records {
			if _, err := tx.ExecContext(ctx, `INSERT INTO attendance (occurrence_id, client_id, program_id, local_date,
				status, minutes, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
				oc.s.ID, r.ClientID, oc.se.programID, oc.date.String(), r.Status, r.Minutes, actor.ID, now); err != nil {
				return nil, fmt.Errorf("insert attendance: %w", svc.s.translate(err))
			}
			refs = append(refs, ref{ID: oc.s.ID, ClientID: r.ClientID})
		}
		if out, err = readSheet(ctx, svc.s, tx, oc); err != nil {
			return nil, err
		}
		if len(refs) == 0 {
			refs = []ref{{ID: oc.s.ID}}
		}
		return refs, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func rowsAffected(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func staleAttendance() error {
	return carepath.Errorf(carepath.ECONFLICT, "Someone saved this attendance since you opened it; please reload and try again.")
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// The store's ProgramService also keeps programs' tracks, rates and staff.
var _ carepath.ProgramDetailsService = (*ProgramService)(nil)

// FindProgramDetails returns a program's tracks, rates, staff and the groups on each track.
// ENOTFOUND when there is no such program; EFORBIDDEN for roles that may not see programs.
func (svc *ProgramService) FindProgramDetails(ctx context.Context, programID string) (*carepath.ProgramDetails, error) {
	var d *carepath.ProgramDetails
	err := svc.s.do(ctx, op{record: access.Program, action: access.Read, recordID: wellFormedID(programID)},
		func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
			var err error
			d, err = readProgramDetails(ctx, svc.s, tx, programID)
			return nil, err
		})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// UpdateProgramDetails replaces the tracks, rates or staff u gives, in one transaction, and
// returns the details as stored with the version one higher. EINVALID names the fields;
// ECONFLICT when u.Version is stale; ENOTFOUND; EFORBIDDEN for roles other than admin and the
// command line. Groups on a track no longer listed are left on none.
func (svc *ProgramService) UpdateProgramDetails(ctx context.Context, programID string, u carepath.ProgramDetailsUpdate) (*carepath.ProgramDetails, error) {
	var d *carepath.ProgramDetails
	o := op{record: access.Program, action: access.Update, recordID: wellFormedID(programID), validate: u.Check,
		detail: detailsDetail(u)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := readProgram(ctx, svc.s, tx, programID); err != nil {
			return nil, err
		}
		now := svc.s.timestamp()
		res, err := tx.ExecContext(ctx, `UPDATE programs SET details_version = details_version + 1, details_updated_at = $1
			WHERE id = $2 AND details_version = $3`, now, programID, u.Version)
		if err != nil {
			return nil, fmt.Errorf("update program version: %w", svc.s.translate(err))
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return nil, carepath.Errorf(carepath.ECONFLICT,
				"Someone changed this program's settings since you read them. Please reload and try again.")
		}
		if u.Staff != nil {
			if err := checkStaffExist(ctx, svc.s, tx, *u.Staff); err != nil {
				return nil, err
			}
		}
		if err := writeProgramDetails(ctx, svc.s, tx, programID, u.Tracks, u.Rates, u.Staff); err != nil {
			return nil, err
		}
		if u.Part2 != nil {
			if _, err := tx.ExecContext(ctx, `UPDATE programs SET part2 = $1 WHERE id = $2`, *u.Part2, programID); err != nil {
				return nil, fmt.Errorf("update part2: %w", svc.s.translate(err))
			}
		}
		d, err = readProgramDetails(ctx, svc.s, tx, programID)
		return []ref{{ID: programID}}, err
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// SetGroupTrack puts a group on one of its program's tracks, or on none when track is "".
// EINVALID names track; ENOTFOUND when there is no such group; EFORBIDDEN for roles that
// may not schedule.
func (svc *ProgramService) SetGroupTrack(ctx context.Context, groupID, track string) error {
	track = strings.TrimSpace(track)
	o := op{record: access.Group, action: access.Update, recordID: wellFormedID(groupID), detail: "track"}
	return svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var programID string
		err := tx.QueryRowContext(ctx, `SELECT program_id FROM groups WHERE id = $1`, groupID).Scan(&programID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, carepath.Errorf(carepath.ENOTFOUND, "There is no such group.")
		}
		if err != nil {
			return nil, fmt.Errorf("select group: %w", svc.s.translate(err))
		}
		var value any // NULL: on no track
		if track != "" {
			var name string
			err := tx.QueryRowContext(ctx, `SELECT name FROM program_tracks WHERE program_id = $1 AND lower(name) = lower($2)`,
				programID, track).Scan(&name)
			if errors.Is(err, sql.ErrNoRows) {
				var errs carepath.FieldErrors
				errs.Add("track", "unknown", "The group's program has no track of this name.")
				return nil, errs.Err()
			}
			if err != nil {
				return nil, fmt.Errorf("select track: %w", svc.s.translate(err))
			}
			value = name
		}
		if _, err := tx.ExecContext(ctx, `UPDATE groups SET track = $1 WHERE id = $2`, value, groupID); err != nil {
			return nil, fmt.Errorf("update group track: %w", svc.s.translate(err))
		}
		return []ref{{ID: groupID}}, nil
	})
}

// detailsDetail says which parts a change replaces, for its audit row.
func detailsDetail(u carepath.ProgramDetailsUpdate) string {
	var parts []string
	if u.Tracks != nil {
		parts = append(parts, "tracks")
	}
	if u.Rates != nil {
		parts = append(parts, "rates")
	}
	if u.Staff != nil {
		parts = append(parts, "staff")
	}
	if u.Part2 != nil {
		parts = append(parts, "part2="+strconv.FormatBool(*u.Part2))
	}
	return "parts=" + strings.Join(parts, ",")
}

// checkStaffExist refuses a staff list naming an unknown or disabled staff member, or a
// reviewer, who belongs to no program.
func checkStaffExist(ctx context.Context, s *Store, tx *sql.Tx, staff []carepath.ProgramMember) error {
	var errs carepath.FieldErrors
	for i, m := range staff {
		var role string
		var disabled bool
		err := tx.QueryRowContext(ctx, `SELECT role, disabled FROM staff WHERE id = $1`, m.StaffID).Scan(&role, &disabled)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			errs.Add(fmt.Sprintf("staff[%d].staff_id", i), "unknown", "There is no staff member with this id.")
		case err != nil:
			return fmt.Errorf("select staff: %w", s.translate(err))
		case disabled:
			errs.Add(fmt.Sprintf("staff[%d].staff_id", i), "disabled", "This staff member's account is disabled.")
		case role == string(carepath.RoleReviewer):
			errs.Add(fmt.Sprintf("staff[%d].staff_id", i), "role", "A payer reviewer is not part of a program's staff.")
		}
	}
	return errs.Err()
}

// writeProgramDetails replaces the parts that are not nil.
func writeProgramDetails(ctx context.Context, s *Store, tx *sql.Tx, programID string,
	tracks *[]carepath.Track, rates *[]carepath.Rate, staff *[]carepath.ProgramMember) error {
	if tracks != nil {
		if _, err := tx.ExecContext(ctx, `DELETE FROM program_tracks WHERE program_id = $1`, programID); err != nil {
			return fmt.Errorf("delete tracks: %w", s.translate(err))
		}
		names := make([]string, 0, len(*tracks))
		for i, t := range *tracks {
			if _, err := tx.ExecContext(ctx, `INSERT INTO program_tracks (program_id, position, name, days, start_time, end_time)
				VALUES ($1, $2, $3, $4, $5, $6)`, programID, i, t.Name, strings.Join(t.Days, ","), t.StartTime, t.EndTime); err != nil {
				return fmt.Errorf("insert track: %w", s.translate(err))
			}
			names = append(names, strings.ToLower(t.Name))
		}
		if err := clearGoneTracks(ctx, s, tx, programID, names); err != nil {
			return err
		}
	}
	if rates != nil {
		if _, err := tx.ExecContext(ctx, `DELETE FROM program_rates WHERE program_id = $1`, programID); err != nil {
			return fmt.Errorf("delete rates: %w", s.translate(err))
		}
		for _, r := range *rates {
			if _, err := tx.ExecContext(ctx, `INSERT INTO program_rates (program_id, service, cents) VALUES ($1, $2, $3)`,
				programID, r.Service, r.Cents); err != nil {
				return fmt.Errorf("insert rate: %w", s.translate(err))
			}
		}
	}
	if staff != nil {
		if _, err := tx.ExecContext(ctx, `DELETE FROM program_staff WHERE program_id = $1`, programID); err != nil {
			return fmt.Errorf("delete program staff: %w", s.translate(err))
		}
		for _, m := range *staff {
			if _, err := tx.ExecContext(ctx, `INSERT INTO program_staff (program_id, staff_id, role) VALUES ($1, $2, $3)`,
				programID, m.StaffID, m.Role); err != nil {
				return fmt.Errorf("insert program staff: %w", s.translate(err))
			}
		}
	}
	return nil
}

// clearGoneTracks takes the program's groups off tracks that are no longer listed, and
// spells the kept ones as the track now does.
func clearGoneTracks(ctx context.Context, s *Store, tx *sql.Tx, programID string, keep []string) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, track FROM groups WHERE program_id = $1 AND track IS NOT NULL`, programID)
	if err != nil {
		return fmt.Errorf("select group tracks: %w", s.translate(err))
	}
	type groupTrack struct{ id, track string }
	var list []groupTrack
	for rows.Next() {
		var g groupTrack
		if err := rows.Scan(&g.id, &g.track); err != nil {
			rows.Close()
			return fmt.Errorf("select group tracks: %w", err)
		}
		list = append(list, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("select group tracks: %w", err)
	}
	for _, g := range list {
		if slices.Contains(keep, strings.ToLower(g.track)) {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE groups SET track = NULL WHERE id = $1`, g.id); err != nil {
			return fmt.Errorf("clear group track: %w", s.translate(err))
		}
	}
	return nil
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/carepath/carepath"
)

// readProgramDetails reads a program's details; ENOTFOUND when there is no such program.
func readProgramDetails(ctx context.Context, s *Store, tx *sql.Tx, programID string) (*carepath.ProgramDetails, error) {
	d := &carepath.ProgramDetails{ProgramID: programID, Tracks: []carepath.Track{}, Rates: []carepath.Rate{},
		Staff: []carepath.ProgramMember{}, TrackGroups: map[string][]string{}}
	var updated sql.NullTime
	err := tx.QueryRowContext(ctx, `SELECT details_version, details_updated_at, part2 FROM programs WHERE id = $1`, programID).
		Scan(&d.Version, &updated, &d.Part2)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, carepath.Errorf(carepath.ENOTFOUND, "There is no such program.")
	}
	if err != nil {
		return nil, fmt.Errorf("select program version: %w", s.translate(err))
	}
	if updated.Valid {
		d.UpdatedAt = updated.Time.UTC()
	}
	if d.Tracks, err = readTracks(ctx, s, tx, programID); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT service, cents FROM program_rates WHERE program_id = $1`, programID)
	if err != nil {
		return nil, fmt.Errorf("select rates: %w", s.translate(err))
	}
	byService := map[string]int64{}
	for rows.Next() {
		var r carepath.Rate
		if err := rows.Scan(&r.Service, &r.Cents); err != nil {
			rows.Close()
			return nil, fmt.Errorf("select rates: %w", err)
		}
		byService[r.Service] = r.Cents
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select rates: %w", err)
	}
	for _, svc := range carepath.RateServices { // in the order they are shown
		if cents, ok := byService[svc.Service]; ok {
			d.Rates = append(d.Rates, carepath.Rate{Service: svc.Service, Cents: cents})
		}
	}
	rows, err = tx.QueryContext(ctx, `SELECT ps.staff_id, ps.role FROM program_staff ps JOIN staff st ON st.id = ps.staff_id
		WHERE ps.program_id = $1 ORDER BY lower(st.name), ps.staff_id, ps.role`, programID)
	if err != nil {
		return nil, fmt.Errorf("select program staff: %w", s.translate(err))
	}
	for rows.Next() {
		var m carepath.ProgramMember
		if err := rows.Scan(&m.StaffID, &m.Role); err != nil {
			rows.Close()
			return nil, fmt.Errorf("select program staff: %w", err)
		}
		d.Staff = append(d.Staff, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select program staff: %w", err)
	}
	rows, err = tx.QueryContext(ctx, `SELECT id, track FROM groups WHERE program_id = $1 AND track IS NOT NULL
		ORDER BY lower(name), id`, programID)
	if err != nil {
		return nil, fmt.Errorf("select group tracks: %w", s.translate(err))
	}
	defer rows.Close()
	for rows.Next() {
		var id, track string
		if err := rows.Scan(&id, &track); err != nil {
			return nil, fmt.Errorf("select group tracks: %w", err)
		}
		d.TrackGroups[track] = append(d.TrackGroups[track], id)
	}
	return d, rows.Err()
}

// readTracks reads a program's tracks in the order they were given.
func readTracks(ctx context.Context, s *Store, tx *sql.Tx, programID string) ([]carepath.Track, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, days, start_time, end_time FROM program_tracks
		WHERE program_id = $1 ORDER BY position`, programID)
	if err != nil {
		return nil, fmt.Errorf("select tracks: %w", s.translate(err))
	}
	defer rows.Close()
	list := []carepath.Track{}
	for rows.Next() {
		var t carepath.Track
		var days string
		if err := rows.Scan(&t.Name, &days, &t.StartTime, &t.EndTime); err != nil {
			return nil, fmt.Errorf("select tracks: %w", err)
		}
		t.Days = strings.Split(days, ",")
		list = append(list, t)
	}
	return list, rows.Err()
}

// insertProgramDetails stores the tracks and rates a new program was created with.
func insertProgramDetails(ctx context.Context, s *Store, tx *sql.Tx, p *carepath.Program) error {
	if len(p.Tracks) == 0 && len(p.Rates) == 0 {
		return nil
	}
	return writeProgramDetails(ctx, s, tx, p.ID, &p.Tracks, &p.Rates, nil)
}

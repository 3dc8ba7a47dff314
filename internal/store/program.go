package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/google/uuid"
)

// ProgramService stores programs. Programs hold no client data, but their calls go through the
// chokepoint like every other and are audited.
type ProgramService struct {
	s *Store
}

var _ carepath.ProgramService = (*ProgramService)(nil)

// NewProgramService returns the program service of s.
func NewProgramService(s *Store) *ProgramService { return &ProgramService{s: s} }

const programColumns = `id, name, level, time_zone, min_minutes_per_week, part2, created_at`

// CreateProgram checks and stores a program. It returns EINVALID naming the fields,
// EUNAUTHORIZED without an actor and EFORBIDDEN for roles other than admin and the command line.
func (svc *ProgramService) CreateProgram(ctx context.Context, in carepath.ProgramCreate) (*carepath.Program, error) {
	var p *carepath.Program
	validate := func() (err error) { p, err = in.Program(); return err }
	err := svc.s.do(ctx, op{record: access.Program, action: access.Create, validate: validate},
		func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
			id, err := uuid.NewV7()
			if err != nil {
				return nil, fmt.Errorf("new id: %w", err)
			}
			p.ID, p.CreatedAt = id.String(), svc.s.timestamp()
			minutes := int(math.Round(p.MinHoursPerWeek * 60))
			if _, err := tx.ExecContext(ctx, `INSERT INTO programs (`+programColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
				p.ID, p.Name, string(p.Level), p.TimeZone, minutes, p.Part2, p.CreatedAt); err != nil {
				return nil, fmt.Errorf("insert program: %w", svc.s.translate(err))
			}
			if err := insertProgramDetails(ctx, svc.s, tx, p); err != nil {
				return nil, err
			}
			return []ref{{ID: p.ID}}, nil
		})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// FindPrograms lists every program by name; the list is never nil. It returns EUNAUTHORIZED
// without an actor and EFORBIDDEN for roles that may not see programs.
func (svc *ProgramService) FindPrograms(ctx context.Context) ([]*carepath.Program, error) {
	list := []*carepath.Program{}
	err := svc.s.do(ctx, op{record: access.Program, action: access.List},
		func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
			rows, err := tx.QueryContext(ctx, `SELECT `+programColumns+` FROM programs ORDER BY lower(name), id`)
			if err != nil {
				return nil, fmt.Errorf("select programs: %w", svc.s.translate(err))
			}
			defer rows.Close()
			for rows.Next() {
				p, err := scanProgram(rows)
				if err != nil {
					return nil, fmt.Errorf("select programs: %w", err)
				}
				list = append(list, p)
			}
			return nil, rows.Err()
		})
	if err != nil {
		return nil, err
	}
	return list, nil
}

// FindProgramByID returns the program with id: ENOTFOUND when there is none, EUNAUTHORIZED
// without an actor and EFORBIDDEN for roles that may not see programs.
func (svc *ProgramService) FindProgramByID(ctx context.Context, id string) (*carepath.Program, error) {
	var p *carepath.Program
	err := svc.s.do(ctx, op{record: access.Program, action: access.Read, recordID: wellFormedID(id)},
		func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
			var err error
			p, err = readProgram(ctx, svc.s, tx, id)
			return nil, err
		})
	if err != nil {
		return nil, err
	}
	return p, nil
}

func readProgram(ctx context.Context, s *Store, tx *sql.Tx, id string) (*carepath.Program, error) {
	p, err := scanProgram(tx.QueryRowContext(ctx, `SELECT `+programColumns+` FROM programs WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, carepath.Errorf(carepath.ENOTFOUND, "There is no such program.")
	}
	if err != nil {
		return nil, fmt.Errorf("select program: %w", s.translate(err))
	}
	return p, nil
}

func scanProgram(row interface{ Scan(...any) error }) (*carepath.Program, error) {
	var p carepath.Program
	var minutes int
	if err := row.Scan(&p.ID, &p.Name, &p.Level, &p.TimeZone, &minutes, &p.Part2, &p.CreatedAt); err != nil {
		return nil, err
	}
	p.MinHoursPerWeek = float64(minutes) / 60
	p.CreatedAt = p.CreatedAt.UTC()
	return &p, nil
}

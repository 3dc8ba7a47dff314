package carepath

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Program is a treatment program the clinic runs at one level of care (outpatient, IOP or
// PHP), in one time zone, with the minimum hours a client should receive each week.
type Program struct {
	ID              string    `json:"id"`
	Name            string    `json:"name"`
	Level           Level     `json:"level"`
	TimeZone        string    `json:"time_zone"` // an IANA name, e.g. America/Chicago
	MinHoursPerWeek float64   `json:"min_hours_per_week"`
	CreatedAt       time.Time `json:"created_at"`
	// Tracks and Rates are those the program was created with (see ProgramDetails).
	Tracks []Track `json:"tracks,omitempty"`
	Rates  []Rate  `json:"rates,omitempty"`
}

// ProgramCreate is what creating a program takes. A nil MinHoursPerWeek takes the level's
// default (DefaultMinHoursPerWeek).
type ProgramCreate struct {
	Name            string   `json:"name"`
	Level           Level    `json:"level"`
	TimeZone        string   `json:"time_zone"`
	MinHoursPerWeek *float64 `json:"min_hours_per_week,omitempty"`
	Tracks          []Track  `json:"tracks,omitempty"` // optional: see CheckTracks
	Rates           []Rate   `json:"rates,omitempty"`  // optional: see CheckRates
}

// DefaultMinHoursPerWeek is the default minimum weekly hours of a program at level: 9 for an
// IOP, 20 for a PHP, 0 for outpatient therapy: the published minimum hours of each level. They
// are defaults, configurable per program.
func DefaultMinHoursPerWeek(level Level) float64 {
	switch level {
	case LevelIOP:
		return 9
	case LevelPHP:
		return 20
	}
	return 0
}

// Program builds the program p describes after checking it. Field errors name name, level
// (outpatient, iop or php), time_zone (an IANA zone) and min_hours_per_week (0 to 168).
func (p *ProgramCreate) Program() (*Program, error) {
	var errs FieldErrors
	p.Name = strings.TrimSpace(p.Name)
	switch {
	case p.Name == "":
		errs.Add("name", "required", "Please name the program.")
	case utf8.RuneCountInString(p.Name) > 100:
		errs.Add("name", "too_long", "Please keep this under 100 characters.")
	}
	switch p.Level {
	case LevelOutpatient, LevelIOP, LevelPHP:
	case "":
		errs.Add("level", "required", "Please give the program's level: outpatient, iop or php.")
	default:
		errs.Add("level", "format", "A program's level is outpatient, iop or php.")
	}
	p.TimeZone = strings.TrimSpace(p.TimeZone)
	if p.TimeZone == "" {
		errs.Add("time_zone", "required", "Please give the program's time zone, e.g. America/Chicago.")
	} else if _, err := time.LoadLocation(p.TimeZone); err != nil || p.TimeZone == "Local" {
		errs.Add("time_zone", "format", "Please give an IANA time zone, e.g. America/Chicago.")
	}
	hours := DefaultMinHoursPerWeek(p.Level)
	if p.MinHoursPerWeek != nil {
		hours = *p.MinHoursPerWeek
		if hours < 0 || hours > 168 {
			errs.Add("min_hours_per_week", "range", "The weekly minimum is between 0 and 168 hours.")
		}
	}
	CheckTracks(&errs, p.Tracks)
	CheckRates(&errs, p.Rates)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return &Program{Name: p.Name, Level: p.Level, TimeZone: p.TimeZone, MinHoursPerWeek: hours, Tracks: p.Tracks, Rates: p.Rates}, nil
}

// Location returns the program's time zone, UTC if it cannot be loaded.
func (p *Program) Location() *time.Location {
	loc, err := time.LoadLocation(p.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// ProgramService stores programs.
type ProgramService interface {
	// CreateProgram checks and stores a program and returns it with its id. EINVALID names the
	// fields; EFORBIDDEN for roles other than admin.
	CreateProgram(ctx context.Context, p ProgramCreate) (*Program, error)
	// FindPrograms lists every program by name. EFORBIDDEN for roles that may not see programs.
	FindPrograms(ctx context.Context) ([]*Program, error)
	// FindProgramByID returns one program; ENOTFOUND when there is none.
	FindProgramByID(ctx context.Context, id string) (*Program, error)
}

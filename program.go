package carepath

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Program is a treatment program the clinic runs at one level of care (outpatient, IOP or
// PHP), in one time zone, with the minimum hours a client should receive each week.
type Program struct {
	ID              string  `json:"id"`
	Name            string  `json:"name"`
	Level           Level   `json:"level"`
	TimeZone        string  `json:"time_zone"` // an IANA name, e.g. America/Chicago
	MinHoursPerWeek float64 `json:"min_hours_per_week"`
	// Part2 marks the program's records as substance use disorder treatment records under
	// 42 CFR Part 2 (see IsPart2Client): they leave the care team only through the disclosure
	// gate (DisclosureService).
	Part2     bool      `json:"part2"`
	CreatedAt time.Time `json:"created_at"`
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
	// Part2 nil takes the default: true (see IsPart2Client).
	Part2  *bool   `json:"part2,omitempty"`
	Tracks []Track `json:"tracks,omitempty"` // optional: see CheckTracks
	Rates  []Rate  `json:"rates,omitempty"`  // optional: see CheckRates
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
	part2 := true
	if p.Part2 != nil {
		part2 = *p.Part2
	}
	return &Program{Name: p.Name, Level: p.Level, TimeZone: p.TimeZone, MinHoursPerWeek: hours, Part2: part2,
		Tracks: p.Tracks, Rates: p.Rates}, nil
}

// IsPart2Client reports whether a client's records are 42 CFR Part 2 records, given the Part2
// marks of the programs of the client's episodes of care (open or closed) and whether the
// clinic runs any Part 2 program.
//
// A program is marked Part 2 in its settings. A new program is Part 2 unless the admin says it
// is not: carepath cannot tell from a level or a track whether a program treats substance use
// (IOPs and PHPs serve both), and the two mistakes are not alike: marking a mental-health-only
// program costs a consent form before records leave the clinic, while missing a substance use
// program discloses records the law protects. An admin turns the mark off for a program that
// provides no substance use disorder diagnosis, treatment or referral.
//
// A client is a Part 2 client, and all their records are treated as Part 2 records, when any
// of their episodes is in a Part 2 program, or, before any admission, when the clinic runs any
// Part 2 program (intake and assessment are part of its diagnosis and referral). Discharge
// changes nothing: the records stay protected.
func IsPart2Client(episodePrograms []bool, clinicHasPart2 bool) bool {
	if len(episodePrograms) == 0 {
		return clinicHasPart2
	}
	return slices.Contains(episodePrograms, true)
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

package delivery

import (
	"math"
	"time"

	"github.com/carepath/carepath"
)

// Program is what delivery needs to know of a program: its level, time zone and weekly
// minimum. Build it once with NewProgram, since loading a time zone reads the zone database.
type Program struct {
	Level carepath.Level
	Loc   *time.Location
	// MinMinutesPerWeek is the minimum a client should receive each ISO week, in minutes.
	MinMinutesPerWeek int
}

// NewProgram returns the delivery view of p: its location and its weekly minimum in minutes
// (hours × 60, rounded to the nearest minute).
func NewProgram(p *carepath.Program) Program {
	return Program{Level: p.Level, Loc: p.Location(), MinMinutesPerWeek: int(math.Round(p.MinHoursPerWeek * 60))}
}

// Kind is the kind of a session.
type Kind string

// The session kinds.
const (
	KindIndividual Kind = "individual"
	KindGroup      Kind = "group"
	KindFamily     Kind = "family"
	KindMedication Kind = "medication" // medication management
)

// Kinds lists the session kinds in display order.
var Kinds = []Kind{KindIndividual, KindGroup, KindFamily, KindMedication}

// GroupType is the type of a group.
type GroupType string

// The group types.
const (
	GroupProcess           GroupType = "process"
	GroupPsychoeducation   GroupType = "psychoeducation"
	GroupSkills            GroupType = "skills"
	GroupRelapsePrevention GroupType = "relapse_prevention"
	GroupFamily            GroupType = "family"
)

// Session is one concrete session (a one-off, or one occurrence of a series): who held it,
// who was scheduled, when and for how long.
type Session struct {
	ID           string
	Kind         Kind
	GroupType    GroupType // for group sessions
	Start        time.Time
	Minutes      int
	ClinicianIDs []string
	ClientIDs    []string // the clients scheduled (a group's roster on the session's date)
	Room         string   // empty for telehealth
}

// End returns the instant s ends.
func (s Session) End() time.Time { return s.Start.Add(time.Duration(s.Minutes) * time.Minute) }

// Status is a client's attendance at a session.
type Status string

// The attendance statuses.
const (
	Present         Status = "present"
	Late            Status = "late"
	LeftEarly       Status = "left_early"
	AbsentExcused   Status = "absent_excused"
	AbsentUnexcused Status = "absent_unexcused"
)

// Attended reports whether s means the client was there for some of the session.
func (s Status) Attended() bool { return s == Present || s == Late || s == LeftEarly }

// Valid reports whether s is one of the statuses.
func (s Status) Valid() bool { return s.Attended() || s == AbsentExcused || s == AbsentUnexcused }

// Attendance records one client's attendance at one session.
type Attendance struct {
	SessionID string
	ClientID  string
	Status    Status
	Minutes   int // minutes attended, 0 to the session's minutes
}

// Validate checks a against the session's length. Field errors name status and minutes:
// minutes outside 0..sessionMinutes are invalid, and an absence has 0 minutes.
func (a Attendance) Validate(sessionMinutes int) error {
	var errs carepath.FieldErrors
	if !a.Status.Valid() {
		errs.Add("status", "format", "Attendance is present, late, left_early, absent_excused or absent_unexcused.")
	}
	switch {
	case a.Minutes < 0 || a.Minutes > sessionMinutes:
		errs.Add("minutes", "range", "Minutes attended are between 0 and the session's %d minutes.", sessionMinutes)
	case a.Minutes > 0 && (a.Status == AbsentExcused || a.Status == AbsentUnexcused):
		errs.Add("minutes", "range", "An absent client attended 0 minutes.")
	}
	return errs.Err()
}

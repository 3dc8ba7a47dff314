package carepath

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Track is one of a program's daily tracks, e.g. "day" 09:00–12:00 Monday, Wednesday and
// Friday, or "evening" 18:00–21:00 Tuesday and Thursday, in the program's time zone. Groups
// may name the track they belong to.
type Track struct {
	Name      string   `json:"name"`
	Days      []string `json:"days"`       // mon … sun, Monday first
	StartTime string   `json:"start_time"` // HH:MM
	EndTime   string   `json:"end_time"`   // HH:MM, after StartTime
}

// The services a program rate prices. Names are plain words, never billing-code text.
const (
	RateIOPPerDiem         = "iop_per_diem"
	RateIOPPerWeek         = "iop_per_week"
	RatePHPPerDiem         = "php_per_diem"
	RateIndividualSession  = "individual_session"
	RateGroupSession       = "group_session"
	RateFamilySession      = "family_session"
	RateMedicationSession  = "medication_session"
	RateAssessmentSession  = "assessment"
	MaxProgramTracks       = 10
	MaxRateCents           = 100_000_00 // $100,000
	programTrackNameLength = 40
)

// RateServices are the services a program may price, in the order they are shown, with the
// label a person reads.
var RateServices = []struct{ Service, Label string }{
	{RateIOPPerDiem, "IOP, per day attended"},
	{RateIOPPerWeek, "IOP, per week"},
	{RatePHPPerDiem, "PHP, per day attended"},
	{RateIndividualSession, "Individual session"},
	{RateGroupSession, "Group session"},
	{RateFamilySession, "Family session"},
	{RateMedicationSession, "Medication-management visit"},
	{RateAssessmentSession, "Assessment"},
}

// RateLabel returns the label of a rate's service, the service itself when unknown.
func RateLabel(service string) string {
	for _, s := range RateServices {
		if s.Service == service {
			return s.Label
		}
	}
	return service
}

// Rate is what a program charges for one service, in integer cents. Rates are shown to
// clients and staff to explain cost; they are the clinic's own figures.
type Rate struct {
	Service string `json:"service"`
	Cents   int64  `json:"cents"`
}

// The roles a staff member holds in a program.
const (
	ProgramRoleDirector    = "director"
	ProgramRoleClinician   = "clinician"
	ProgramRoleFacilitator = "facilitator"
	ProgramRoleCaseManager = "case_manager"
)

// ProgramRoles are the roles a staff member may hold in a program, in the order they are shown.
var ProgramRoles = []string{ProgramRoleDirector, ProgramRoleClinician, ProgramRoleFacilitator, ProgramRoleCaseManager}

// ProgramMember is one staff member's role in a program; a person may hold several roles,
// one ProgramMember each.
type ProgramMember struct {
	StaffID string `json:"staff_id"`
	Role    string `json:"role"`
}

// ProgramDetails are a program's tracks, rates and staff. Version counts the changes; a
// change must name the version it read.
type ProgramDetails struct {
	ProgramID string          `json:"program_id"`
	Tracks    []Track         `json:"tracks"`
	Rates     []Rate          `json:"rates"`
	Staff     []ProgramMember `json:"staff"`
	// TrackGroups lists, per track name, the ids of the groups that name it.
	TrackGroups map[string][]string `json:"track_groups"`
	// Part2 is the program's 42 CFR Part 2 mark (see IsPart2Client).
	Part2     bool      `json:"part2"`
	Version   int       `json:"version"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// ProgramDetailsUpdate replaces the parts of a program's details that are not nil. Version is
// the version it was based on.
type ProgramDetailsUpdate struct {
	Version int              `json:"version"`
	Tracks  *[]Track         `json:"tracks,omitempty"`
	Rates   *[]Rate          `json:"rates,omitempty"`
	Staff   *[]ProgramMember `json:"staff,omitempty"`
	Part2   *bool            `json:"part2,omitempty"`
}

// Check trims and checks u. Field errors name version, tracks[i].name, tracks[i].days,
// tracks[i].start_time, tracks[i].end_time, rates[i].service, rates[i].cents, staff[i].staff_id
// and staff[i].role. Whether the staff exist is the store's to check.
func (u *ProgramDetailsUpdate) Check() error {
	var errs FieldErrors
	if u.Version < 1 {
		errs.Add("version", "required", "Please give the version you read (1 or more).")
	}
	if u.Tracks != nil {
		CheckTracks(&errs, *u.Tracks)
	}
	if u.Rates != nil {
		CheckRates(&errs, *u.Rates)
	}
	if u.Staff != nil {
		CheckProgramStaff(&errs, *u.Staff)
	}
	return errs.Err()
}

// CheckTracks trims tracks and adds field errors under tracks[i]: a name of 1–40 characters
// used once, days of the week (each once), start and end times as HH:MM with the end later.
func CheckTracks(errs *FieldErrors, tracks []Track) {
	if len(tracks) > MaxProgramTracks {
		errs.Add("tracks", "too_many", "A program has at most %d tracks.", MaxProgramTracks)
	}
	seen := map[string]bool{}
	for i := range tracks {
		t := &tracks[i]
		f := fmt.Sprintf("tracks[%d]", i)
		t.Name = strings.TrimSpace(t.Name)
		switch key := strings.ToLower(t.Name); {
		case t.Name == "":
			errs.Add(f+".name", "required", "Please name the track, e.g. day or evening.")
		case utf8.RuneCountInString(t.Name) > programTrackNameLength:
			errs.Add(f+".name", "too_long", "Please keep a track's name under %d characters.", programTrackNameLength)
		case seen[key]:
			errs.Add(f+".name", "duplicate", "Two tracks have this name.")
		default:
			seen[key] = true
		}
		days := map[string]bool{}
		if len(t.Days) == 0 {
			errs.Add(f+".days", "required", "Please choose the days the track meets.")
		}
		for _, d := range t.Days {
			if !slices.Contains(SlotDays, d) || days[d] {
				errs.Add(f+".days", "format", "Days are mon, tue, wed, thu, fri, sat or sun, each once.")
				break
			}
			days[d] = true
		}
		slices.SortFunc(t.Days, func(a, b string) int { return slices.Index(SlotDays, a) - slices.Index(SlotDays, b) })
		t.StartTime, t.EndTime = strings.TrimSpace(t.StartTime), strings.TrimSpace(t.EndTime)
		start, okStart := clockMinutes(t.StartTime)
		end, okEnd := clockMinutes(t.EndTime)
		if !okStart {
			errs.Add(f+".start_time", "format", "Please give the start as HH:MM, e.g. 09:00.")
		}
		if !okEnd {
			errs.Add(f+".end_time", "format", "Please give the end as HH:MM, e.g. 12:00.")
		} else if okStart && end <= start {
			errs.Add(f+".end_time", "order", "The track ends after it starts.")
		}
	}
}

// CheckRates adds field errors under rates[i]: a known service, priced once, in 0 to
// MaxRateCents cents.
func CheckRates(errs *FieldErrors, rates []Rate) {
	seen := map[string]bool{}
	for i, r := range rates {
		f := fmt.Sprintf("rates[%d]", i)
		switch {
		case r.Service == "":
			errs.Add(f+".service", "required", "Please name the service this rate is for.")
		case RateLabel(r.Service) == r.Service:
			errs.Add(f+".service", "enum", "Use one of iop_per_diem, iop_per_week, php_per_diem, individual_session, group_session, family_session, medication_session, assessment.")
		case seen[r.Service]:
			errs.Add(f+".service", "duplicate", "This service has two rates.")
		default:
			seen[r.Service] = true
		}
		if r.Cents < 0 || r.Cents > MaxRateCents {
			errs.Add(f+".cents", "range", "A rate is from $0 to $100,000, in cents.")
		}
	}
}

// CheckProgramStaff adds field errors under staff[i]: a staff id and one of ProgramRoles,
// each pair once.
func CheckProgramStaff(errs *FieldErrors, staff []ProgramMember) {
	seen := map[ProgramMember]bool{}
	for i := range staff {
		m := &staff[i]
		f := fmt.Sprintf("staff[%d]", i)
		m.StaffID, m.Role = strings.TrimSpace(m.StaffID), strings.TrimSpace(m.Role)
		if m.StaffID == "" {
			errs.Add(f+".staff_id", "required", "Please name the staff member.")
		}
		switch {
		case m.Role == "":
			errs.Add(f+".role", "required", "Please give the role in the program.")
		case !slices.Contains(ProgramRoles, m.Role):
			errs.Add(f+".role", "enum", "Use one of director, clinician, facilitator, case_manager.")
		case seen[*m]:
			errs.Add(f+".role", "duplicate", "This staff member already holds this role.")
		}
		seen[*m] = true
	}
}

// clockMinutes reads HH:MM as minutes after midnight.
func clockMinutes(s string) (int, bool) {
	t, err := time.Parse("15:04", s)
	if err != nil || len(s) != 5 {
		return 0, false
	}
	return t.Hour()*60 + t.Minute(), true
}

// ProgramDetailsService keeps programs' tracks, rates and staff. The store's ProgramService
// implements it.
type ProgramDetailsService interface {
	// FindProgramDetails returns a program's tracks, rates and staff; ENOTFOUND when there is
	// no such program.
	FindProgramDetails(ctx context.Context, programID string) (*ProgramDetails, error)
	// UpdateProgramDetails replaces the parts u gives. EINVALID names the fields (staff[i].staff_id
	// for an unknown or disabled staff member); ECONFLICT when u.Version is stale; ENOTFOUND;
	// EFORBIDDEN for roles other than admin. A group that named a track no longer listed names
	// none afterwards.
	UpdateProgramDetails(ctx context.Context, programID string, u ProgramDetailsUpdate) (*ProgramDetails, error)
	// SetGroupTrack puts a group on one of its program's tracks ("" for none). EINVALID names
	// track; ENOTFOUND when there is no such group.
	SetGroupTrack(ctx context.Context, groupID, track string) error
}

package carepath

import (
	"context"
	"time"
)

// The kinds of sessions a TherapySessionCreate books; group sessions come from groups.
const (
	SessionIndividual = "individual"
	SessionFamily     = "family"
	SessionMedication = "medication"
	SessionGroup      = "group"
)

// TherapySession is a booked individual, family or medication-management session between a client
// and a clinician: one-off (Date) or weekly (Days from StartDate to the optional EndDate), at
// StartTime in the program's time zone.
type TherapySession struct {
	ID          string    `json:"id"`
	ProgramID   string    `json:"program_id"`
	Kind        string    `json:"kind"`
	ClientID    string    `json:"client_id"`
	ClinicianID string    `json:"clinician_id"`
	Date        string    `json:"date,omitempty"` // a one-off session's date
	Days        []string  `json:"days,omitempty"` // a recurring session's days
	StartTime   string    `json:"start_time"`
	Minutes     int       `json:"minutes"`
	StartDate   string    `json:"start_date,omitempty"`
	EndDate     string    `json:"end_date,omitempty"`
	Modality    string    `json:"modality"`
	Room        string    `json:"room,omitempty"`
	MeetingLink string    `json:"meeting_link,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
}

// TherapySessionCreate is what booking a session takes: Date for a one-off, or Days and StartDate
// (and optionally EndDate) for a weekly session.
type TherapySessionCreate struct {
	ProgramID   string   `json:"program_id"`
	Kind        string   `json:"kind"`
	ClientID    string   `json:"client_id"`
	ClinicianID string   `json:"clinician_id"`
	Date        string   `json:"date,omitempty"`
	Days        []string `json:"days,omitempty"`
	StartTime   string   `json:"start_time"`
	Minutes     int      `json:"minutes"`
	StartDate   string   `json:"start_date,omitempty"`
	EndDate     string   `json:"end_date,omitempty"`
	Modality    string   `json:"modality,omitempty"`
	Room        string   `json:"room,omitempty"`
	MeetingLink string   `json:"meeting_link,omitempty"`
}

// Occurrence is one concrete session: a one-off, or one date of a group or a recurring
// session. ID is stable: "<series id>:<local date>". Start is RFC 3339 with the program's
// offset on that day.
type Occurrence struct {
	ID                string    `json:"id"`
	SeriesID          string    `json:"series_id"`
	ProgramID         string    `json:"program_id"`
	Kind              string    `json:"kind"`
	GroupID           string    `json:"group_id,omitempty"`
	GroupType         string    `json:"group_type,omitempty"`
	Date              string    `json:"date"`
	Start             string    `json:"start"`
	StartAt           time.Time `json:"-"`
	Minutes           int       `json:"minutes"`
	ClinicianIDs      []string  `json:"clinician_ids"`
	ClientIDs         []string  `json:"client_ids"` // the roster on that date, for a group
	Modality          string    `json:"modality"`
	Room              string    `json:"room,omitempty"`
	MeetingLink       string    `json:"meeting_link,omitempty"`
	Moved             bool      `json:"moved,omitempty"`
	AttendanceVersion int       `json:"attendance_version"`
}

// OccurrenceFilter selects occurrences starting in [From, To) (RFC 3339 instants or
// YYYY-MM-DD dates, read in each program's time zone); the ids narrow further when set.
type OccurrenceFilter struct {
	From, To    string
	ProgramID   string
	ClinicianID string
	ClientID    string
	GroupID     string
}

// OccurrenceMove moves one occurrence to a new start (RFC 3339, or YYYY-MM-DDTHH:MM in the
// program's time zone) and, when Minutes is not 0, a new length.
type OccurrenceMove struct {
	Start   string `json:"start"`
	Minutes int    `json:"minutes,omitempty"`
}

// TherapySessionService books sessions and lists concrete occurrences.
type TherapySessionService interface {
	// CreateSession books a one-off or weekly session. EINVALID names the fields; ECONFLICT
	// names the double-booked clinician_ids, client_ids or room.
	CreateSession(ctx context.Context, s TherapySessionCreate) (*TherapySession, error)
	// FindOccurrences lists the occurrences the filter selects, by start. EINVALID names from,
	// to or an id.
	FindOccurrences(ctx context.Context, f OccurrenceFilter) ([]*Occurrence, error)
	// FindOccurrence returns one occurrence by its id; ENOTFOUND when there is none.
	FindOccurrence(ctx context.Context, id string) (*Occurrence, error)
	// CancelOccurrence cancels one occurrence, leaving the others alone. ENOTFOUND when there
	// is none; ECONFLICT when it has attendance.
	CancelOccurrence(ctx context.Context, id string) error
	// MoveOccurrence moves one occurrence and returns it. EINVALID names start or minutes;
	// ECONFLICT names a double booking.
	MoveOccurrence(ctx context.Context, id string, m OccurrenceMove) (*Occurrence, error)
}

package carepath

import "context"

// EpisodeLookupService reads one episode of care by its id.
type EpisodeLookupService interface {
	// FindEpisodeByID returns the episode with its transfers. ENOTFOUND when there is none or
	// its client is outside the actor's care team; EFORBIDDEN for roles that may not read
	// episodes.
	FindEpisodeByID(ctx context.Context, id string) (*Episode, error)
}

// ConsentLookupService reads one consent by its id.
type ConsentLookupService interface {
	// FindConsentByID returns the consent with Active computed for today. ENOTFOUND when there
	// is none or its client is outside the actor's care team; EFORBIDDEN.
	FindConsentByID(ctx context.Context, id string) (*Consent, error)
}

// AccessLogLookupService reads one row of the access log by its id.
type AccessLogLookupService interface {
	// FindAccessLogEntryByID returns one audit row. ENOTFOUND when there is none; EFORBIDDEN for every
	// role but admin and the command line. The read is itself audited.
	FindAccessLogEntryByID(ctx context.Context, id int64) (*AccessLogEntry, error)
}

// ClientAttendance is one client's attendance at one occurrence: the occurrence as the actor
// may see it, the client's record, and the version of the occurrence's attendance sheet.
type ClientAttendance struct {
	Occurrence   *Occurrence      `json:"occurrence"`
	Record       AttendanceRecord `json:"record"`
	SheetVersion int              `json:"sheet_version"`
}

// AttendanceLookupService reads attendance by client.
type AttendanceLookupService interface {
	// FindClientAttendance returns every attendance record of the client, oldest occurrence
	// first. ENOTFOUND when the client does not exist or is outside the actor's care team;
	// EFORBIDDEN for roles that may not read attendance.
	FindClientAttendance(ctx context.Context, clientID string) ([]*ClientAttendance, error)
}

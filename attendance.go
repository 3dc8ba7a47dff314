package carepath

import (
	"context"
	"time"
)

// AttendanceRecord is one client's attendance at one occurrence: present, late, left_early,
// absent_excused or absent_unexcused, with the minutes attended.
type AttendanceRecord struct {
	ClientID   string    `json:"client_id"`
	Status     string    `json:"status"`
	Minutes    int       `json:"minutes"`
	RecordedBy string    `json:"recorded_by,omitempty"`
	RecordedAt time.Time `json:"recorded_at,omitzero"`
}

// AttendanceSheet is the attendance of one occurrence. Version counts the saves; a save must
// name the version it read (0 before the first).
type AttendanceSheet struct {
	SessionID string             `json:"session_id"`
	Start     string             `json:"start"`
	Minutes   int                `json:"minutes"`
	Roster    []string           `json:"roster"`
	Records   []AttendanceRecord `json:"records"`
	Version   int                `json:"version"`
}

// AttendanceUpdate replaces an occurrence's attendance records.
type AttendanceUpdate struct {
	Records []AttendanceRecord `json:"records"`
	Version int                `json:"version"`
}

// Dose is what a client received in one ISO week against the program's minimum.
type Dose struct {
	ClientID         string         `json:"client_id"`
	ProgramID        string         `json:"program_id,omitempty"`
	Week             string         `json:"week"`
	RequiredMinutes  int            `json:"required_minutes"`
	DeliveredMinutes int            `json:"delivered_minutes"`
	Met              bool           `json:"met"`
	Scheduled        int            `json:"scheduled"`
	SessionsByKind   map[string]int `json:"sessions_by_kind"`
	MinutesByKind    map[string]int `json:"minutes_by_kind"`
}

// QualityReport is a program's quality-of-care report for ISO weeks From through To. Each
// figure is a JSON object of its values plus "method".
type QualityReport struct {
	ProgramID                    string         `json:"program_id"`
	From                         string         `json:"from"`
	To                           string         `json:"to"`
	OneOnOneMinutesPerClientWeek map[string]any `json:"one_on_one_minutes_per_client_week"`
	GroupSize                    map[string]any `json:"group_size"`
	TherapistContinuity          map[string]any `json:"therapist_continuity"`
	StaffTurnover                map[string]any `json:"staff_turnover"`
	HoursDeliveredVsRequired     map[string]any `json:"hours_delivered_vs_required"`
}

// Alert asks a clinician or case manager to follow a client up: unexcused_absences (two or
// more in a row) or below_minimum (a client-week that ended below the program's minimum).
type Alert struct {
	Kind       string    `json:"kind"`
	ClientID   string    `json:"client_id"`
	ProgramID  string    `json:"program_id"`
	SessionIDs []string  `json:"session_ids,omitempty"`
	Week       string    `json:"week,omitempty"`
	At         time.Time `json:"at"`
	Message    string    `json:"message"`
}

// AttendanceService records attendance and reports dose, alerts and quality.
type AttendanceService interface {
	// FindAttendance returns an occurrence's attendance; ENOTFOUND when there is none.
	FindAttendance(ctx context.Context, sessionID string) (*AttendanceSheet, error)
	// RecordAttendance replaces an occurrence's records. EINVALID names records[i].client_id
	// (not on the roster that day), records[i].status or records[i].minutes; ECONFLICT when
	// u.Version is stale. Nothing is written on any error.
	RecordAttendance(ctx context.Context, sessionID string, u AttendanceUpdate) (*AttendanceSheet, error)
	// ClientDose returns a client's dose for an ISO week (YYYY-Www). EINVALID names week.
	ClientDose(ctx context.Context, clientID, week string) (*Dose, error)
	// ClientDoses returns a client's dose for each ISO week from through to (at most 53),
	// oldest first, in one audited read. EINVALID names from or to.
	ClientDoses(ctx context.Context, clientID, from, to string) ([]*Dose, error)
	// ProgramQuality returns a program's quality report for ISO weeks from through to.
	ProgramQuality(ctx context.Context, programID, from, to string) (*QualityReport, error)
	// FindAlerts lists the alerts of the signed-in staff member's clients, newest first.
	FindAlerts(ctx context.Context) ([]*Alert, error)
}

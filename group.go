package carepath

import (
	"context"
	"time"
)

// Group is a recurring group of a program (process, psychoeducation, skills,
// relapse_prevention or family): its facilitators, capacity, weekly recurrence in the
// program's time zone, modality and dated roster. Dates are YYYY-MM-DD; StartTime is HH:MM.
type Group struct {
	ID             string        `json:"id"`
	ProgramID      string        `json:"program_id"`
	Name           string        `json:"name"`
	Type           string        `json:"type"`
	Capacity       int           `json:"capacity"` // 0: the type's default cap, if any
	FacilitatorIDs []string      `json:"facilitator_ids"`
	Days           []string      `json:"days"` // mon, tue, wed, thu, fri, sat, sun
	StartTime      string        `json:"start_time"`
	Minutes        int           `json:"minutes"`
	StartDate      string        `json:"start_date"`
	EndDate        string        `json:"end_date,omitempty"`
	Modality       string        `json:"modality"` // in_person or telehealth
	Room           string        `json:"room,omitempty"`
	MeetingLink    string        `json:"meeting_link,omitempty"`
	Members        []GroupMember `json:"members"`
	CreatedAt      time.Time     `json:"created_at"`
}

// GroupMember is one dated stay on a group's roster: on every session dated From or later
// and before Until (empty: still a member).
type GroupMember struct {
	ClientID string `json:"client_id"`
	From     string `json:"from"`
	Until    string `json:"until,omitempty"`
}

// GroupCreate is what creating a group takes. Modality defaults to in_person.
type GroupCreate struct {
	ProgramID      string   `json:"program_id"`
	Name           string   `json:"name"`
	Type           string   `json:"type"`
	Capacity       int      `json:"capacity"`
	FacilitatorIDs []string `json:"facilitator_ids"`
	Days           []string `json:"days"`
	StartTime      string   `json:"start_time"`
	Minutes        int      `json:"minutes"`
	StartDate      string   `json:"start_date"`
	EndDate        string   `json:"end_date,omitempty"`
	Modality       string   `json:"modality,omitempty"`
	Room           string   `json:"room,omitempty"`
	MeetingLink    string   `json:"meeting_link,omitempty"`
}

// GroupUpdate changes what a running group may change without rewriting its past sessions:
// its name, capacity, facilitators, where it meets, and its last date (ending it). Its days and
// hours stay: a new time is a new group from a date. Nil fields stay as they are; Version is
// the group's version as read (0: skip the check).
type GroupUpdate struct {
	Name           *string   `json:"name,omitempty"`
	Capacity       *int      `json:"capacity,omitempty"`
	FacilitatorIDs *[]string `json:"facilitator_ids,omitempty"`
	Modality       *string   `json:"modality,omitempty"`
	Room           *string   `json:"room,omitempty"`
	MeetingLink    *string   `json:"meeting_link,omitempty"`
	EndDate        *string   `json:"end_date,omitempty"` // "" clears it
}

// GroupService stores groups and their dated rosters.
type GroupService interface {
	// CreateGroup checks and stores a group. EINVALID names the fields (program_id and
	// facilitator_ids for unknown ids, days/start_date/end_date for a recurrence that never
	// occurs); EFORBIDDEN for roles that may not schedule.
	CreateGroup(ctx context.Context, g GroupCreate) (*Group, error)
	// FindGroupByID returns a group with its roster history; ENOTFOUND when there is none.
	FindGroupByID(ctx context.Context, id string) (*Group, error)
	// FindGroups lists a program's groups by name.
	FindGroups(ctx context.Context, programID string) ([]*Group, error)
	// AddGroupMember puts a client on the roster from a date. EINVALID names client_id or
	// from; ECONFLICT when the client is already on the roster then, or, naming capacity, when
	// the roster would then hold more clients than the group's capacity (a process group's
	// default cap is 9).
	AddGroupMember(ctx context.Context, groupID, clientID, from string) (*Group, error)
	// AddGroupMemberOverCapacity adds a client beyond the group's capacity, for an admin who
	// gives the reason; the override is kept and counted on the quality page. EINVALID names
	// reason, client_id or from; EFORBIDDEN for roles other than admin.
	AddGroupMemberOverCapacity(ctx context.Context, groupID, clientID, from, reason string) (*Group, error)
	// EndGroupMember takes a client off the roster from the date on: sessions on that date and
	// later no longer list them. ENOTFOUND when the client is not on the roster then.
	EndGroupMember(ctx context.Context, groupID, clientID, on string) (*Group, error)
	// UpdateGroup changes a group and returns it. EINVALID names the fields (end_date before a
	// session with attendance); ECONFLICT names a facilitator or room a session from today on
	// would double-book; ENOTFOUND; EFORBIDDEN for roles that may not schedule.
	UpdateGroup(ctx context.Context, id string, u GroupUpdate) (*Group, error)
}

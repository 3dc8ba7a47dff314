package carepath

import (
	"context"
	"time"
)

// The owners a calendar feed can have.
const (
	FeedStaff  = "staff"  // a clinician's (or any staff member's) own sessions
	FeedClient = "client" // one client's sessions
)

// CalendarFeed is a secret, revocable iCalendar feed URL of one staff member's or one
// client's sessions. Only a hash of its token is stored; the token is shown once, when the
// feed is created. ShowClientNames is a staff member's opt-in to client names in event
// titles (off by default: a phone's calendar is not a chart).
type CalendarFeed struct {
	ID              string    `json:"id"`
	OwnerKind       string    `json:"owner_kind"`
	OwnerID         string    `json:"owner_id"`
	ShowClientNames bool      `json:"show_client_names"`
	CreatedAt       time.Time `json:"created_at"`
	// OwnerRole is a staff owner's current role, set by OpenCalendarFeed.
	OwnerRole Role `json:"-"`
}

// CalendarFeedService keeps calendar feeds and the public-scorecard opt-in of programs.
type CalendarFeedService interface {
	// CreateCalendarFeed makes a new feed for an owner (FeedStaff: the signed-in staff member
	// themselves, or anyone for an admin; FeedClient: a client the actor may see) and returns it
	// with its token. An owner has one feed: the previous one is revoked. EINVALID names
	// owner_kind; ENOTFOUND for a client the actor may not see; EFORBIDDEN.
	CreateCalendarFeed(ctx context.Context, kind, ownerID string, showClientNames bool) (*CalendarFeed, string, error)
	// FindCalendarFeed returns an owner's active feed; ENOTFOUND when there is none.
	FindCalendarFeed(ctx context.Context, kind, ownerID string) (*CalendarFeed, error)
	// RevokeCalendarFeed revokes an owner's active feed, after which its URL answers nothing.
	// ENOTFOUND when there is none.
	RevokeCalendarFeed(ctx context.Context, kind, ownerID string) error
	// OpenCalendarFeed returns the active feed whose token this is, audited as a read of the
	// feed (and of the client, for a client feed). ENOTFOUND for an unknown or revoked token,
	// and for a staff feed whose owner's account is disabled.
	OpenCalendarFeed(ctx context.Context, token string) (*CalendarFeed, error)
	// CancelledOccurrences lists the cancelled occurrences starting in [from, to) of the series
	// the actor runs (staff) or is on (a client), for a feed to mark them cancelled.
	CancelledOccurrences(ctx context.Context, from, to time.Time) ([]*Occurrence, error)

	// ProgramScorecardPublic reports whether a program publishes its quality scorecard.
	// Anyone may ask. ENOTFOUND for an unknown program.
	ProgramScorecardPublic(ctx context.Context, programID string) (bool, error)
	// SetProgramScorecardPublic turns a program's public scorecard on or off (admins).
	// ENOTFOUND for an unknown program.
	SetProgramScorecardPublic(ctx context.Context, programID string, public bool) error
}

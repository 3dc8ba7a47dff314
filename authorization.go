package carepath

import (
	"context"
	"time"
)

// Authorization is a payer's approval of a level of care for an episode: the payer and its
// authorization number, the level, the first and last authorized dates, how many units (program
// days or sessions) it approves and how many attendance has used, the frequency, the next
// review date and the payer's care manager. Several may follow one another in an episode.
// UnitsUsed, UnitsLeft and ExhaustsOn are computed when it is read: attendance uses units (a
// day counts once however many sessions it had), and ExhaustsOn is the date the client's
// scheduled sessions use the last unit ("" when the schedule does not use them up by End).
type Authorization struct {
	ID          string      `json:"id"`
	EpisodeID   string      `json:"episode_id"`
	ClientID    string      `json:"client_id"`
	PayerID     string      `json:"payer_id"`
	PayerName   string      `json:"payer_name"`
	Number      string      `json:"number"`
	Level       Level       `json:"level"`
	Start       string      `json:"start"`
	End         string      `json:"end"`
	Unit        string      `json:"unit"` // day or session
	Units       int         `json:"units"`
	UnitsUsed   int         `json:"units_used"`
	UnitsLeft   int         `json:"units_left"`
	ExhaustsOn  string      `json:"exhausts_on,omitempty"`
	Frequency   string      `json:"frequency,omitempty"`
	NextReview  string      `json:"next_review,omitempty"`
	CareManager string      `json:"care_manager,omitempty"`
	ReviewerID  string      `json:"reviewer_id,omitempty"` // the payer reviewer assigned to it
	Burn        []Burn      `json:"burn_down"`             // units left after each planned unit
	Alerts      []AuthAlert `json:"alerts"`                // alerts due today or later
	CreatedBy   string      `json:"created_by"`
	CreatedAt   time.Time   `json:"created_at"`
}

// Burn is one point of an authorization's burn-down: the units left after the planned unit on
// Date.
type Burn struct {
	Date      string `json:"date"`
	UnitsLeft int    `json:"units_left"`
}

// AuthAlert is a warning about an authorization, raised from Due (3 business days before) until
// On: its units running out (exhaustion), its end (expiry) or a review date (review).
type AuthAlert struct {
	Kind    string `json:"kind"` // exhaustion, expiry or review
	On      string `json:"on"`
	Due     string `json:"due"`
	Message string `json:"message"`
}

// AuthorizationInput is a new authorization. Unit is day or session; NextReview is optional.
type AuthorizationInput struct {
	PayerID     string `json:"payer_id"`
	Number      string `json:"number"`
	Level       Level  `json:"level"`
	Start       string `json:"start"`
	End         string `json:"end"`
	Units       int    `json:"units"`
	Unit        string `json:"unit"`
	NextReview  string `json:"next_review,omitempty"`
	Frequency   string `json:"frequency,omitempty"`
	CareManager string `json:"care_manager,omitempty"`
	ReviewerID  string `json:"reviewer_id,omitempty"`
}

// AuthorizationUpdate changes an authorization: an extension (more units, a later end), the
// next review date, or the reviewer assigned. Nil fields stay as they are.
type AuthorizationUpdate struct {
	Units      *int    `json:"units,omitempty"`
	End        *string `json:"end,omitempty"`
	NextReview *string `json:"next_review,omitempty"`
	ReviewerID *string `json:"reviewer_id,omitempty"`
}

// AuthorizationService keeps the authorizations of episodes.
type AuthorizationService interface {
	// AddAuthorization records an authorization of the episode. EINVALID names the field
	// (payer_id, number, level, start, end before start, units, unit, next_review outside the
	// dates, reviewer_id); ENOTFOUND when the episode is not there or not the actor's to see.
	AddAuthorization(ctx context.Context, episodeID string, in AuthorizationInput) (*Authorization, error)
	// UpdateAuthorization changes authorization id. EINVALID names units when fewer than those
	// used, end before start; ENOTFOUND as AddAuthorization.
	UpdateAuthorization(ctx context.Context, id string, u AuthorizationUpdate) (*Authorization, error)
	// FindAuthorizations lists the episode's authorizations by start, with their units used and
	// burn-down; never nil.
	FindAuthorizations(ctx context.Context, episodeID string) ([]*Authorization, error)
	// FindAuthorization returns authorization id with its units used and burn-down.
	FindAuthorization(ctx context.Context, id string) (*Authorization, error)
	// FindAuthorizationAlerts lists the alerts due today of the open authorizations of the
	// clients the actor sees, soonest first.
	FindAuthorizationAlerts(ctx context.Context) ([]*AuthorizationAlert, error)
	// QueueAuthorizationAlerts puts in the notification outbox every authorization alert due
	// today that was not queued before (each is queued once), for the staff member who recorded
	// the authorization and the client's primary clinician and case manager, skipping
	// disabled accounts, and returns how many messages it queued. Only the system (the
	// server's worker) calls it: EFORBIDDEN for anyone else.
	QueueAuthorizationAlerts(ctx context.Context) (int, error)
	// FindAssignedAuthorizations lists the authorizations assigned to the actor as payer
	// reviewer, by start, each with its client's name: those whose records may go to the
	// reviewer's organization (the disclosure gate); the others are only counted (Withheld).
	// Empty for an actor assigned none. EFORBIDDEN for a role that may not read
	// authorizations.
	FindAssignedAuthorizations(ctx context.Context) (*AssignedAuthorizations, error)
}

// AssignedAuthorizations is a payer reviewer's list of the authorizations assigned to them.
// Withheld counts those of clients whose records may not yet go to the reviewer's
// organization (no 42 CFR Part 2 consent names it), which are not shown at all.
type AssignedAuthorizations struct {
	Authorizations []*AssignedAuthorization `json:"authorizations"`
	Withheld       int                      `json:"withheld"`
}

// AssignedAuthorization is an authorization assigned to a payer reviewer, with the name of its
// client as the reviewer may see it.
type AssignedAuthorization struct {
	Authorization
	ClientName ClientName `json:"client_name"`
}

// AuthorizationAlert is an alert due today about one authorization, for the dashboard.
type AuthorizationAlert struct {
	AuthAlert
	AuthorizationID string `json:"authorization_id"`
	ClientID        string `json:"client_id"`
	EpisodeID       string `json:"episode_id"`
	Number          string `json:"number"`
}

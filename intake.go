package carepath

import (
	"context"
	"encoding/json"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Intake is a request for a first appointment, sent from the public decision aid with the
// person's consent. It carries the answers they gave, so a clinician can start from them.
type Intake struct {
	ID        string          `json:"id"`
	CreatedAt time.Time       `json:"created_at"`
	Name      string          `json:"name"`
	Email     string          `json:"email,omitempty"`
	Phone     string          `json:"phone,omitempty"`
	BestTimes string          `json:"best_times,omitempty"`
	Consent   bool            `json:"consent"`
	Profile   json.RawMessage `json:"profile"` // the placement profile as submitted
	Level     Level           `json:"level"`   // the level recommended when it was sent
	Crisis    bool            `json:"crisis"`  // flagged for same-day review
	Status    IntakeStatus    `json:"status"`
	ClientID  string          `json:"client_id,omitempty"` // the client it was converted into
	// StatusChangedAt and StatusChangedBy (a staff id) say who last marked the request
	// contacted, closed or new again, and when; zero when nobody has.
	StatusChangedAt time.Time `json:"status_changed_at,omitzero"`
	StatusChangedBy string    `json:"status_changed_by,omitempty"`
	// StatusChanges is every such change, oldest first (FindIntakeByID only).
	StatusChanges []IntakeStatusChange `json:"status_changes,omitempty"`
}

// IntakeStatusChange is one change of an intake request's status by a staff member.
type IntakeStatusChange struct {
	Status    IntakeStatus `json:"status"`
	Note      string       `json:"note,omitempty"`
	ChangedBy string       `json:"changed_by"`
	ChangedAt time.Time    `json:"changed_at"`
}

// IntakeStatusUpdate marks an intake request contacted, closed, or new again, with a note
// (required to close one: why).
type IntakeStatusUpdate struct {
	Status IntakeStatus `json:"status"`
	Note   string       `json:"note,omitempty"`
}

// Validate checks a status change; field errors name status and note.
func (u *IntakeStatusUpdate) Validate() error {
	var errs FieldErrors
	u.Note = strings.TrimSpace(u.Note)
	switch u.Status {
	case IntakeNew, IntakeContacted, IntakeClosed:
	case IntakeConverted:
		errs.Add("status", "enum", "A request becomes converted when it is turned into a client; use Convert.")
	default:
		errs.Add("status", "enum", "Use one of new, contacted, closed.")
	}
	if u.Status == IntakeClosed && u.Note == "" {
		errs.Add("note", "required", "Please say why the request is closed (for example: no answer after three tries).")
	}
	if utf8.RuneCountInString(u.Note) > 1000 {
		errs.Add("note", "too_long", "Please keep the note under 1,000 characters.")
	}
	return errs.Err()
}

// IntakeStatus is where an intake request stands.
type IntakeStatus string

// The intake statuses.
const (
	IntakeNew       IntakeStatus = "new"
	IntakeContacted IntakeStatus = "contacted"
	IntakeConverted IntakeStatus = "converted"
	IntakeClosed    IntakeStatus = "closed"
)

// IntakeConsentText is the statement a person agrees to when they send an intake request.
const IntakeConsentText = "I agree that carepath stores my name, contact details and the answers above so that a clinician can contact me about an appointment. I can ask for them to be deleted at any time."

// Validate checks an intake request before it is stored. Field errors name name, email, phone,
// best_times and consent.
func (in *Intake) Validate() error {
	var errs FieldErrors
	in.Name = strings.TrimSpace(in.Name)
	in.Email = strings.TrimSpace(in.Email)
	in.Phone = strings.TrimSpace(in.Phone)
	in.BestTimes = strings.TrimSpace(in.BestTimes)
	switch {
	case in.Name == "":
		errs.Add("name", "required", "Please tell us what to call you (a first name is enough).")
	case utf8.RuneCountInString(in.Name) > 100:
		errs.Add("name", "too_long", "Please keep the name under 100 characters.")
	}
	if in.Email == "" && in.Phone == "" {
		errs.Add("email", "required", "Please give an email address or a phone number so we can reach you.")
	}
	if in.Email != "" {
		if a, err := mail.ParseAddress(in.Email); err != nil || a.Address != in.Email || len(in.Email) > 254 {
			errs.Add("email", "format", "This does not look like an email address (for example name@example.org).")
		}
	}
	if in.Phone != "" && !validPhone(in.Phone) {
		errs.Add("phone", "format", "Please give a phone number with 7 to 15 digits.")
	}
	if utf8.RuneCountInString(in.BestTimes) > 200 {
		errs.Add("best_times", "too_long", "Please keep this under 200 characters.")
	}
	if !in.Consent {
		errs.Add("consent", "required", "We can only store your request with your consent.")
	}
	if len(in.Profile) == 0 {
		errs.Add("profile", "required", "The answers are missing; please start the questions again.")
	}
	if in.Level != "" && !in.Level.Valid() {
		errs.Add("level", "enum", "unknown level")
	}
	return errs.Err()
}

func validPhone(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +-().", r):
		default:
			return false
		}
	}
	return digits >= 7 && digits <= 15
}

// IntakeFilter narrows a list of intake requests; nil fields do not filter.
type IntakeFilter struct {
	Status *IntakeStatus
	Limit  int
}

// IntakeService stores and finds intake requests.
type IntakeService interface {
	// CreateIntake validates and stores in, filling ID, CreatedAt and Status. EINVALID.
	CreateIntake(ctx context.Context, in *Intake) error
	// FindIntakes lists intake requests, newest first. EFORBIDDEN for roles that may not see them.
	FindIntakes(ctx context.Context, filter IntakeFilter) ([]*Intake, error)
	// FindIntakeByID returns one intake request; only that request is recorded as seen.
	// ENOTFOUND (also for a malformed id), EUNAUTHORIZED, EFORBIDDEN for roles that may not
	// see intake requests.
	FindIntakeByID(ctx context.Context, id string) (*Intake, error)
	// SetIntakeStatus marks a request contacted, closed or new again and returns it with its
	// history. EINVALID names status or note (a request flagged for same-day review is marked
	// contacted before it is closed); ECONFLICT for a converted request; ENOTFOUND;
	// EFORBIDDEN for roles that may not change intake requests.
	SetIntakeStatus(ctx context.Context, id string, u IntakeStatusUpdate) (*Intake, error)
}

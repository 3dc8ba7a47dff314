package carepath

import (
	"context"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Staff is a member of the clinic's staff who signs in to carepath.
type Staff struct {
	ID          string    `json:"id"`
	Email       string    `json:"email"`
	Name        string    `json:"name"`
	Role        Role      `json:"role"`
	CreatedAt   time.Time `json:"created_at"`
	Disabled    bool      `json:"disabled"`
	TOTPEnabled bool      `json:"totp_enabled"`
	// Organization is who a payer reviewer works for (a health plan): the recipient of the
	// records they read, for payment. Other roles leave it empty.
	Organization string `json:"organization,omitempty"`
	// Party is set when the staff member was authenticated by an outside party's API token:
	// the recipient and purpose the token reads for.
	Party OutsideParty `json:"-"`
	// HireDate is the first day of employment (YYYY-MM-DD); empty when not recorded, and
	// employment is then counted from CreatedAt.
	HireDate string `json:"hire_date,omitempty"`
	// TimeZone is the IANA zone the pages show this person times in; empty: the clinic's.
	TimeZone string `json:"time_zone,omitempty"`
	// Supervisor marks a clinician or admin who may be named a note's co-signer (and so read
	// the note's draft once it is signed); only an admin sets it.
	Supervisor bool `json:"supervisor"`
}

// StaffRoles lists the roles a staff member may hold.
var StaffRoles = []Role{RoleAdmin, RoleClinician, RoleCaseManager, RoleFrontDesk, RoleReviewer}

// ValidStaffRole reports whether r is a role a staff member may hold.
func ValidStaffRole(r Role) bool {
	for _, x := range StaffRoles {
		if x == r {
			return true
		}
	}
	return false
}

// AuthFailedMessage is the one message every failed sign-in gets, whatever the reason, so it
// never reveals whether an account exists, is disabled or is locked.
const AuthFailedMessage = "Email or password is incorrect, or the account is locked."

// Validate checks a staff member before they are stored; it trims the fields and lower-cases
// the email. Field errors name email, name, organization and role.
func (s *Staff) Validate() error {
	var errs FieldErrors
	s.Email = strings.ToLower(strings.TrimSpace(s.Email))
	s.Name = strings.TrimSpace(s.Name)
	if s.Email == "" {
		errs.Add("email", "required", "Please give an email address.")
	} else if a, err := mail.ParseAddress(s.Email); err != nil || a.Address != s.Email || len(s.Email) > 254 {
		errs.Add("email", "format", "This does not look like an email address (for example name@example.org).")
	}
	switch {
	case s.Name == "":
		errs.Add("name", "required", "Please give a name.")
	case utf8.RuneCountInString(s.Name) > 100:
		errs.Add("name", "too_long", "Please keep the name under 100 characters.")
	}
	s.Organization = strings.Join(strings.Fields(s.Organization), " ")
	if utf8.RuneCountInString(s.Organization) > 200 {
		errs.Add("organization", "too_long", "Please keep the organization under 200 characters.")
	}
	if !ValidStaffRole(s.Role) {
		errs.Add("role", "enum", "Use one of admin, clinician, case_manager, front_desk, reviewer.")
	}
	s.HireDate = strings.TrimSpace(s.HireDate)
	s.TimeZone = strings.TrimSpace(s.TimeZone)
	checkHireDate(&errs, s.HireDate)
	checkTimeZone(&errs, s.TimeZone)
	return errs.Err()
}

// checkHireDate adds a field error when d is neither empty nor a date on or before today.
func checkHireDate(errs *FieldErrors, d string) {
	if d == "" {
		return
	}
	t, err := time.Parse(DateLayout, d)
	switch {
	case err != nil:
		errs.Add("hire_date", "format", "Please give the hire date as a date (YYYY-MM-DD).")
	case t.After(time.Now().UTC().AddDate(0, 0, 1)):
		errs.Add("hire_date", "range", "The hire date cannot be in the future.")
	case t.Year() < 1950:
		errs.Add("hire_date", "range", "Please check the year of the hire date.")
	}
}

// checkTimeZone adds a field error when z is neither empty nor a known IANA time zone.
func checkTimeZone(errs *FieldErrors, z string) {
	if z == "" {
		return
	}
	if _, err := time.LoadLocation(z); err != nil || z == "Local" {
		errs.Add("time_zone", "unknown", "Please choose a time zone such as America/Chicago.")
	}
}

// Actor returns the actor a signed-in staff member acts as, from remote, for the outside
// party their token names, if any.
func (s *Staff) Actor(remote string) Actor {
	return Actor{ID: s.ID, Role: s.Role, Remote: remote, Party: s.Party}
}

// StaffFilter narrows a list of staff members; nil fields do not filter.
type StaffFilter struct {
	Role *Role
}

// StaffUpdate is a change to a staff member's account; nil fields stay as they are.
type StaffUpdate struct {
	Name     *string
	Role     *Role
	Disabled *bool
	// Organization is a payer reviewer's organization (see Staff.Organization).
	Organization *string
	// ResetTOTP turns the second factor off (a lost phone); the person enrols again.
	ResetTOTP bool
	// HireDate and TimeZone set the hire date and the zone ("" clears either).
	HireDate *string
	TimeZone *string
	// Supervisor sets or clears the supervisor flag (Staff.Supervisor); a role that may not
	// supervise clears it.
	Supervisor *bool
}

// Validate trims the name and checks the fields that are set. Field errors name name and role.
func (u *StaffUpdate) Validate() error {
	var errs FieldErrors
	if u.Name != nil {
		n := strings.TrimSpace(*u.Name)
		u.Name = &n
		switch {
		case n == "":
			errs.Add("name", "required", "Please give a name.")
		case utf8.RuneCountInString(n) > 100:
			errs.Add("name", "too_long", "Please keep the name under 100 characters.")
		}
	}
	if u.Role != nil && !ValidStaffRole(*u.Role) {
		errs.Add("role", "enum", "Use one of admin, clinician, case_manager, front_desk, reviewer.")
	}
	if u.Organization != nil {
		o := strings.Join(strings.Fields(*u.Organization), " ")
		u.Organization = &o
		if utf8.RuneCountInString(o) > 200 {
			errs.Add("organization", "too_long", "Please keep the organization under 200 characters.")
		}
	}
	if u.HireDate != nil {
		d := strings.TrimSpace(*u.HireDate)
		u.HireDate = &d
		checkHireDate(&errs, d)
	}
	if u.TimeZone != nil {
		z := strings.TrimSpace(*u.TimeZone)
		u.TimeZone = &z
		checkTimeZone(&errs, z)
	}
	return errs.Err()
}

// TOTPEnrolment is a new second-factor secret waiting for its first code. Nothing is stored
// until ConfirmTOTP checks a code against it, so an abandoned enrolment changes nothing.
type TOTPEnrolment struct {
	Secret string // base32, for typing into an authenticator app
	URL    string // otpauth://totp/…, for a QR code
	// Replacing says the account already has a second factor, which stays in force until
	// the new one is confirmed.
	Replacing bool
}

// StaffStatus is what a signed-in session re-reads of its own account on every request.
type StaffStatus struct {
	Role        Role
	Active      bool // not disabled
	TOTPEnabled bool // signs in with a second factor
	Email       string
}

// TOTPConfirmation confirms a new second factor: the secret BeginTOTP made and a code of it;
// replacing one the account has already also takes the password and a current code of the old
// one, so a signed-in browser left open cannot swap in an attacker's app.
type TOTPConfirmation struct {
	Secret, Code          string
	Password, CurrentCode string
}

// StaffService manages staff accounts, their passwords, second factors and API tokens.
type StaffService interface {
	// CreateStaff validates and stores s with the given password, filling ID and CreatedAt.
	// EINVALID (fields email, name, role, password), ECONFLICT for an email already in use,
	// EUNAUTHORIZED without an actor, EFORBIDDEN for roles that may not manage staff.
	CreateStaff(ctx context.Context, s *Staff, password string) error
	// FindStaffByEmail returns the staff member with that email (case-insensitive).
	// ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
	FindStaffByEmail(ctx context.Context, email string) (*Staff, error)
	// FindStaff lists staff members by email. EINVALID, EUNAUTHORIZED, EFORBIDDEN.
	FindStaff(ctx context.Context, filter StaffFilter) ([]*Staff, error)
	// FindStaffByID returns one staff member. ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
	FindStaffByID(ctx context.Context, id string) (*Staff, error)
	// StaffActive returns the current role of staff member id, whether the account is active
	// (not disabled) and whether it has a second factor, for a signed-in session to re-check
	// on each request; a staff member may ask only about their own account. ENOTFOUND,
	// EUNAUTHORIZED, EFORBIDDEN.
	StaffActive(ctx context.Context, id string) (StaffStatus, error)
	// UpdateStaff changes a staff member's name, role, disabled or supervisor flag, or resets
	// their second factor, and returns the account as stored. EINVALID (fields name, role,
	// supervisor for a role that may not supervise, reset_totp for one's own second factor,
	// disabled; an admin may not disable themselves, and the last active admin may be neither
	// disabled nor given another role), ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
	UpdateStaff(ctx context.Context, id string, upd StaffUpdate) (*Staff, error)
	// EnableTOTP gives the staff member with that email a new TOTP secret at once, with no
	// confirming code (the command line's way), and returns the secret and its otpauth://
	// URL. ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
	EnableTOTP(ctx context.Context, email string) (secret, url string, err error)
	// BeginTOTP makes a new TOTP secret for the signed-in staff member's own account and
	// stores nothing. ENOTFOUND (the actor is no staff member), EUNAUTHORIZED, EFORBIDDEN.
	BeginTOTP(ctx context.Context) (*TOTPEnrolment, error)
	// ConfirmTOTP turns the second factor on for the signed-in staff member's own account
	// with c.Secret (from BeginTOTP), once c.Code is a valid code for it; from then on sign-in
	// needs a code. An account that has a second factor already replaces it only with its
	// password (c.Password) and a current code of the old one (c.CurrentCode); a wrong one
	// counts towards the account's lock-out. EINVALID (fields code, password, current_code;
	// secret for a malformed secret), ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN (a disabled account).
	ConfirmTOTP(ctx context.Context, c TOTPConfirmation) error
	// Authenticate checks a sign-in attempt from remote and returns the staff member. Every
	// failure — unknown email, wrong password, wrong or missing TOTP code, disabled or locked
	// account — is EUNAUTHORIZED with AuthFailedMessage.
	Authenticate(ctx context.Context, email, password, totpCode, remote string) (*Staff, error)
	// CreateToken makes a new API token for the staff member with that email and returns it
	// in plain text; only its hash is stored. ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
	CreateToken(ctx context.Context, email string) (string, error)
	// RevokeToken revokes a token given in plain text or by its id. ENOTFOUND, EUNAUTHORIZED,
	// EFORBIDDEN.
	RevokeToken(ctx context.Context, tokenOrID string) error
	// AuthenticateToken returns the staff member a token belongs to. A wrong, revoked or
	// malformed token, or a disabled account, is EUNAUTHORIZED.
	AuthenticateToken(ctx context.Context, token string) (*Staff, error)
}

package carepath

import (
	"context"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Client is a person in care: who they are, how to reach them, their insurance coverage and
// their care team. Version counts the changes; an update must name the version it read.
type Client struct {
	ID            string `json:"id"`
	Version       int    `json:"version"`
	GivenName     string `json:"given_name"`
	FamilyName    string `json:"family_name"`
	PreferredName string `json:"preferred_name,omitempty"`
	BirthDate     string `json:"birth_date"` // YYYY-MM-DD
	Pronouns      string `json:"pronouns,omitempty"`
	Email         string `json:"email,omitempty"`
	// EmailConsent is the client's consent to be contacted by email (links to answer
	// questions, their safety plan); nothing is emailed without it. EmailConsentAt is when it
	// was given.
	EmailConsent       bool             `json:"email_consent"`
	EmailConsentAt     *time.Time       `json:"email_consent_at,omitempty"`
	Phone              string           `json:"phone,omitempty"`
	PreferredLanguage  string           `json:"preferred_language,omitempty"`
	EmergencyContact   EmergencyContact `json:"emergency_contact"`
	Coverage           Coverage         `json:"coverage"`
	PrimaryClinicianID string           `json:"primary_clinician_id,omitempty"` // a staff id
	CaseManagerID      string           `json:"case_manager_id,omitempty"`      // a staff id
	// PayerSex is the sex the client's insurer has on file (F, M or U for unknown; "" not
	// recorded), sent in claims as the insurer expects it. It is not the client's gender
	// identity (see Pronouns).
	PayerSex  string    `json:"payer_sex,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// EmergencyContact is whom to call about a client in an emergency. All empty means none given.
type EmergencyContact struct {
	Name         string `json:"name,omitempty"`
	Relationship string `json:"relationship,omitempty"`
	Phone        string `json:"phone,omitempty"`
}

// Coverage is a client's insurance: the payer, the member id and the plan figures the cost
// comparison uses. Nil figures are not known; an empty Payer means self-pay.
type Coverage struct {
	Payer                     string `json:"payer,omitempty"`
	MemberID                  string `json:"member_id,omitempty"`
	DeductibleRemainingCents  *Cents `json:"deductible_remaining_cents,omitempty"`
	CoinsurancePercent        *int   `json:"coinsurance_percent,omitempty"`
	CopayCents                *Cents `json:"copay_cents,omitempty"`
	OutOfPocketRemainingCents *Cents `json:"out_of_pocket_remaining_cents,omitempty"`
}

// DateLayout is the layout of civil dates in carepath: YYYY-MM-DD.
const DateLayout = "2006-01-02"

// Validate trims c's text fields and checks them. Field errors name given_name, family_name,
// preferred_name, birth_date (a real date, not in the future, not before 1900), pronouns,
// email, phone, preferred_language, emergency_contact.*, coverage.*, the care team ids and
// payer_sex.
func (c *Client) Validate() error {
	var errs FieldErrors
	c.checkFields(&errs, time.Now())
	return errs.Err()
}

func (c *Client) checkFields(errs *FieldErrors, now time.Time) {
	checkPersonName(errs, "given_name", &c.GivenName, true)
	checkPersonName(errs, "family_name", &c.FamilyName, true)
	checkPersonName(errs, "preferred_name", &c.PreferredName, false)
	checkBirthDate(errs, &c.BirthDate, now)
	checkShortText(errs, "pronouns", &c.Pronouns, 40)
	checkEmailField(errs, "email", &c.Email)
	if c.EmailConsent && c.Email == "" {
		errs.Add("email_consent", "no_address", "Consent to contact by email needs an email address.")
	}
	checkPhoneField(errs, "phone", &c.Phone)
	checkShortText(errs, "preferred_language", &c.PreferredLanguage, 40)
	c.EmergencyContact.check(errs)
	c.Coverage.check(errs)
	checkShortText(errs, "primary_clinician_id", &c.PrimaryClinicianID, 64)
	checkShortText(errs, "case_manager_id", &c.CaseManagerID, 64)
	checkPayerSex(errs, &c.PayerSex)
}

// The values of a client's PayerSex.
const (
	PayerSexFemale  = "F"
	PayerSexMale    = "M"
	PayerSexUnknown = "U"
)

// checkPayerSex upper-cases s and checks it is "", F, M or U; the field error names payer_sex.
func checkPayerSex(errs *FieldErrors, s *string) {
	*s = strings.ToUpper(strings.TrimSpace(*s))
	switch *s {
	case "", PayerSexFemale, PayerSexMale, PayerSexUnknown:
	default:
		errs.Add("payer_sex", "enum", "Use F, M or U (unknown): the sex the insurance card or payer has on file.")
	}
}

// ClaimSex is the sex a claim sends for the client (X12 DMG03): their PayerSex, or U when it
// is not recorded.
func (c *Client) ClaimSex() string {
	if c.PayerSex == "" {
		return PayerSexUnknown
	}
	return c.PayerSex
}

func (e *EmergencyContact) check(errs *FieldErrors) {
	checkPersonName(errs, "emergency_contact.name", &e.Name, false)
	checkShortText(errs, "emergency_contact.relationship", &e.Relationship, 40)
	checkPhoneField(errs, "emergency_contact.phone", &e.Phone)
	if (e.Relationship != "" || e.Phone != "") && e.Name == "" {
		errs.Add("emergency_contact.name", "required", "Please give the emergency contact's name.")
	}
	if e.Name != "" && e.Phone == "" {
		errs.Add("emergency_contact.phone", "required", "Please give the emergency contact's phone number.")
	}
}

func (cv *Coverage) check(errs *FieldErrors) {
	checkShortText(errs, "coverage.payer", &cv.Payer, 100)
	checkShortText(errs, "coverage.member_id", &cv.MemberID, 64)
	if cv.MemberID != "" && cv.Payer == "" {
		errs.Add("coverage.payer", "required", "Please name the insurer the member id belongs to.")
	}
	for _, f := range []struct {
		path string
		v    *Cents
	}{
		{"coverage.deductible_remaining_cents", cv.DeductibleRemainingCents},
		{"coverage.copay_cents", cv.CopayCents},
		{"coverage.out_of_pocket_remaining_cents", cv.OutOfPocketRemainingCents},
	} {
		if f.v != nil && *f.v < 0 {
			errs.Add(f.path, "range", "An amount cannot be negative.")
		}
	}
	if p := cv.CoinsurancePercent; p != nil && (*p < 0 || *p > 100) {
		errs.Add("coverage.coinsurance_percent", "range", "Coinsurance is a percentage from 0 to 100.")
	}
}

func checkPersonName(errs *FieldErrors, path string, s *string, required bool) {
	*s = strings.TrimSpace(*s)
	switch {
	case *s == "" && required:
		errs.Add(path, "required", "Please fill this in.")
	case utf8.RuneCountInString(*s) > 100:
		errs.Add(path, "too_long", "Please keep this under 100 characters.")
	}
}

func checkShortText(errs *FieldErrors, path string, s *string, max int) {
	*s = strings.TrimSpace(*s)
	if utf8.RuneCountInString(*s) > max {
		errs.Add(path, "too_long", "Please keep this under %d characters.", max)
	}
}

func checkEmailField(errs *FieldErrors, path string, s *string) {
	*s = strings.TrimSpace(*s)
	if *s == "" {
		return
	}
	if a, err := mail.ParseAddress(*s); err != nil || a.Address != *s || len(*s) > 254 {
		errs.Add(path, "format", "This does not look like an email address (for example name@example.org).")
	}
}

func checkPhoneField(errs *FieldErrors, path string, s *string) {
	*s = strings.TrimSpace(*s)
	if *s != "" && !validPhone(*s) {
		errs.Add(path, "format", "Please give a phone number with 7 to 15 digits.")
	}
}

// earliestBirth is the earliest birth date carepath accepts.
var earliestBirth = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

func checkBirthDate(errs *FieldErrors, s *string, now time.Time) {
	*s = strings.TrimSpace(*s)
	if *s == "" {
		errs.Add("birth_date", "required", "Please give the birth date.")
		return
	}
	d, err := time.Parse(DateLayout, *s)
	switch {
	case err != nil:
		errs.Add("birth_date", "format", "Please give a real date as YYYY-MM-DD.")
	case d.Before(earliestBirth):
		errs.Add("birth_date", "range", "The birth date cannot be before 1900.")
	case d.After(now.UTC()):
		errs.Add("birth_date", "range", "The birth date cannot be in the future.")
	}
}

// ClientUpdate changes some of a client's fields: nil fields stay as they are. Version is the
// version the change was based on and is required. EmergencyContact and Coverage, when given,
// replace the whole contact or coverage; an empty care team id removes that member.
type ClientUpdate struct {
	Version            int               `json:"version"`
	GivenName          *string           `json:"given_name,omitempty"`
	FamilyName         *string           `json:"family_name,omitempty"`
	PreferredName      *string           `json:"preferred_name,omitempty"`
	BirthDate          *string           `json:"birth_date,omitempty"`
	Pronouns           *string           `json:"pronouns,omitempty"`
	Email              *string           `json:"email,omitempty"`
	EmailConsent       *bool             `json:"email_consent,omitempty"`
	Phone              *string           `json:"phone,omitempty"`
	PreferredLanguage  *string           `json:"preferred_language,omitempty"`
	EmergencyContact   *EmergencyContact `json:"emergency_contact,omitempty"`
	Coverage           *Coverage         `json:"coverage,omitempty"`
	PrimaryClinicianID *string           `json:"primary_clinician_id,omitempty"`
	CaseManagerID      *string           `json:"case_manager_id,omitempty"`
	PayerSex           *string           `json:"payer_sex,omitempty"`
}

// Validate checks the fields u changes, by the rules of Client.Validate, and that Version is
// given. Field errors name version and the changed fields' paths.
func (u *ClientUpdate) Validate() error {
	var errs FieldErrors
	if u.Version < 1 {
		errs.Add("version", "required", "Please give the version the change is based on.")
	}
	now := time.Now()
	for _, f := range []struct {
		path string
		v    *string
	}{{"given_name", u.GivenName}, {"family_name", u.FamilyName}, {"preferred_name", u.PreferredName}} {
		if f.v != nil {
			checkPersonName(&errs, f.path, f.v, f.path != "preferred_name")
		}
	}
	if u.BirthDate != nil {
		checkBirthDate(&errs, u.BirthDate, now)
	}
	if u.Pronouns != nil {
		checkShortText(&errs, "pronouns", u.Pronouns, 40)
	}
	if u.Email != nil {
		checkEmailField(&errs, "email", u.Email)
	}
	if u.Phone != nil {
		checkPhoneField(&errs, "phone", u.Phone)
	}
	if u.PreferredLanguage != nil {
		checkShortText(&errs, "preferred_language", u.PreferredLanguage, 40)
	}
	if u.EmergencyContact != nil {
		u.EmergencyContact.check(&errs)
	}
	if u.Coverage != nil {
		u.Coverage.check(&errs)
	}
	if u.PrimaryClinicianID != nil {
		checkShortText(&errs, "primary_clinician_id", u.PrimaryClinicianID, 64)
	}
	if u.CaseManagerID != nil {
		checkShortText(&errs, "case_manager_id", u.CaseManagerID, 64)
	}
	if u.PayerSex != nil {
		checkPayerSex(&errs, u.PayerSex)
	}
	return errs.Err()
}

// Apply copies the fields u changes onto c. It leaves ID, Version and the times alone; a
// change of email consent clears EmailConsentAt for the store to date.
func (u *ClientUpdate) Apply(c *Client) {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&c.GivenName, u.GivenName)
	set(&c.FamilyName, u.FamilyName)
	set(&c.PreferredName, u.PreferredName)
	set(&c.BirthDate, u.BirthDate)
	set(&c.Pronouns, u.Pronouns)
	set(&c.Email, u.Email)
	set(&c.Phone, u.Phone)
	set(&c.PreferredLanguage, u.PreferredLanguage)
	set(&c.PrimaryClinicianID, u.PrimaryClinicianID)
	set(&c.CaseManagerID, u.CaseManagerID)
	set(&c.PayerSex, u.PayerSex)
	if u.EmailConsent != nil && *u.EmailConsent != c.EmailConsent {
		c.EmailConsent, c.EmailConsentAt = *u.EmailConsent, nil // the store dates a consent given
	}
	if u.EmergencyContact != nil {
		c.EmergencyContact = *u.EmergencyContact
	}
	if u.Coverage != nil {
		c.Coverage = *u.Coverage
	}
}

// ClientFilter narrows a list of clients; nil fields do not filter. Search matches a part of
// the first, last, preferred or full name, ignoring case. A zero Limit means the default.
type ClientFilter struct {
	Search             *string
	PrimaryClinicianID *string
	Limit              int
	Offset             int
}

// ClientName is how a client is named on a roster, a schedule or a note: no more than that.
type ClientName struct {
	ID            string `json:"id"`
	GivenName     string `json:"given_name"`
	FamilyName    string `json:"family_name"`
	PreferredName string `json:"preferred_name,omitempty"`
}

// Display is "Family, Given", the way lists sort and show clients.
func (n ClientName) Display() string { return n.FamilyName + ", " + n.GivenName }

// ClientService stores and finds clients. Every call reads or writes client data and is audited.
type ClientService interface {
	// CreateClient validates and stores c, filling ID, Version (1), CreatedAt and UpdatedAt.
	// EINVALID names the fields; EFORBIDDEN for roles that may not create clients.
	CreateClient(ctx context.Context, c *Client) error
	// FindClientByID returns one client. ENOTFOUND when there is none or when the actor may not
	// see it (existence is private); EFORBIDDEN for roles that may not read clients at all.
	FindClientByID(ctx context.Context, id string) (*Client, error)
	// FindClients lists the clients the actor may see that match filter, by last then first
	// name, and the number that match in all. EINVALID for a bad filter; EFORBIDDEN for roles
	// that may not list clients.
	FindClients(ctx context.Context, filter ClientFilter) ([]*Client, int, error)
	// FindClientNames returns the names of those of ids the actor may name: the clients they
	// may see, and the clients of the groups they facilitate and the sessions they hold (a
	// facilitator takes attendance and writes group notes for clients who are not on their
	// care team, and needs their names, not their charts). Ids not returned are not named.
	// EFORBIDDEN for roles that may not list clients.
	FindClientNames(ctx context.Context, ids []string) (map[string]ClientName, error)
	// UpdateClient applies u to the client with id and returns it as stored. ECONFLICT when
	// u.Version is not the stored version (nothing changes); ENOTFOUND as for FindClientByID;
	// EINVALID names the fields; EFORBIDDEN for roles that may not update clients.
	UpdateClient(ctx context.Context, id string, u ClientUpdate) (*Client, error)
}

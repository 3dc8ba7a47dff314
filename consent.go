package carepath

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// ConsentKind is what a client's consent is for.
type ConsentKind string

// The consent kinds. ConsentPart2Disclosure is a written consent under 42 CFR Part 2 to
// disclose substance use disorder records to a named recipient; ConsentReleaseOfInformation
// is a release of other records.
const (
	ConsentTreatment            ConsentKind = "treatment"
	ConsentPart2Disclosure      ConsentKind = "part2_disclosure"
	ConsentTelehealth           ConsentKind = "telehealth"
	ConsentReleaseOfInformation ConsentKind = "release_of_information"
	ConsentOther                ConsentKind = "other"
)

// Valid reports whether k is one of the consent kinds.
func (k ConsentKind) Valid() bool {
	switch k {
	case ConsentTreatment, ConsentPart2Disclosure, ConsentTelehealth, ConsentReleaseOfInformation, ConsentOther:
		return true
	}
	return false
}

// Discloses reports whether consents of kind k let the clinic share records with someone
// outside it, and so must say with whom, what and why.
func (k ConsentKind) Discloses() bool {
	return k == ConsentPart2Disclosure || k == ConsentReleaseOfInformation
}

// Consent is one consent a client gave: what for, and for a disclosure to whom, what may be
// shared and why. Dates are YYYY-MM-DD. ExpiresOn is the last day the consent holds;
// ExpiresOnEvent names an event that ends it instead or as well (e.g. "end of treatment"),
// which carepath cannot observe: staff revoke the consent when the event happens. Active is
// computed when the consent is read: not revoked, signed, and not past ExpiresOn.
type Consent struct {
	ID          string      `json:"id"`
	ClientID    string      `json:"client_id"`
	Kind        ConsentKind `json:"kind"`
	Recipient   string      `json:"recipient,omitempty"`
	Information string      `json:"information,omitempty"`
	Purpose     string      `json:"purpose,omitempty"`
	// Purposes are the purposes of use a disclosure consent allows, the ones the disclosure
	// gate matches (DisclosureService); Purpose says the same in the client's words.
	Purposes       []DisclosurePurpose `json:"purposes,omitempty"`
	SignedOn       string              `json:"signed_on"`
	ExpiresOn      string              `json:"expires_on,omitempty"`
	ExpiresOnEvent string              `json:"expires_on_event,omitempty"`
	RevokedAt      *time.Time          `json:"revoked_at,omitempty"`
	RevokedReason  string              `json:"revoked_reason,omitempty"`
	RecordedBy     string              `json:"recorded_by"` // the staff id of whoever recorded it
	CreatedAt      time.Time           `json:"created_at"`
	Active         bool                `json:"active"`
}

// ActiveOn reports whether c holds on the civil date today (YYYY-MM-DD): it is not revoked,
// was signed on or before today and, when it has an expiry date, today is not after it.
func (c *Consent) ActiveOn(today string) bool {
	if c == nil || c.RevokedAt != nil || c.SignedOn > today {
		return false
	}
	return c.ExpiresOn == "" || today <= c.ExpiresOn
}

// Allows reports whether c names purpose among its Purposes.
func (c *Consent) Allows(purpose DisclosurePurpose) bool {
	return slices.Contains(c.Purposes, purpose)
}

// ActiveDisclosureConsent returns the 42 CFR Part 2 disclosure consent among consents that
// is active on today (YYYY-MM-DD), names recipient and allows purpose, or nil when there is
// none, in which case Part 2 records may not be disclosed to recipient for purpose.
// Recipients match ignoring case and runs of spaces. When several match, the most recently
// signed wins.
func ActiveDisclosureConsent(consents []*Consent, recipient string, purpose DisclosurePurpose, today string) *Consent {
	var best *Consent
	for _, c := range consents {
		if c == nil || c.Kind != ConsentPart2Disclosure || !c.ActiveOn(today) ||
			!sameRecipient(c.Recipient, recipient) || !c.Allows(purpose) {
			continue
		}
		if best == nil || c.SignedOn > best.SignedOn || (c.SignedOn == best.SignedOn && c.CreatedAt.After(best.CreatedAt)) {
			best = c
		}
	}
	return best
}

func normalRecipient(s string) string { return strings.Join(strings.Fields(s), " ") }

// ConsentCreate is what recording a consent takes.
type ConsentCreate struct {
	ClientID    string      `json:"client_id"`
	Kind        ConsentKind `json:"kind"`
	Recipient   string      `json:"recipient,omitempty"`
	Information string      `json:"information,omitempty"`
	Purpose     string      `json:"purpose,omitempty"`
	// Purposes are required for a part2_disclosure: see Consent.Purposes.
	Purposes       []DisclosurePurpose `json:"purposes,omitempty"`
	SignedOn       string              `json:"signed_on"`
	ExpiresOn      string              `json:"expires_on,omitempty"`
	ExpiresOnEvent string              `json:"expires_on_event,omitempty"`
}

// Consent checks in against today (YYYY-MM-DD) and builds the consent it describes. Field
// errors name client_id, kind, recipient, information and purpose (required for
// part2_disclosure and release_of_information), purposes (at least one for a
// part2_disclosure, each a DisclosurePurpose, each once), signed_on (a real date, not after today),
// expires_on (a real date, not before signed_on) and expires_on_event; a part2_disclosure
// needs expires_on or expires_on_event.
func (in *ConsentCreate) Consent(today string) (*Consent, error) {
	var errs FieldErrors
	in.ClientID = strings.TrimSpace(in.ClientID)
	if in.ClientID == "" {
		errs.Add("client_id", "required", "Please name the client.")
	}
	switch {
	case in.Kind == "":
		errs.Add("kind", "required", "Please say what the consent is for: treatment, part2_disclosure, telehealth, release_of_information or other.")
	case !in.Kind.Valid():
		errs.Add("kind", "format", "The kind is treatment, part2_disclosure, telehealth, release_of_information or other.")
	}
	disclosure := in.Kind.Discloses()
	for _, f := range []struct {
		path, missing string
		s             *string
	}{
		{"recipient", "Please name the person or organization the records may be shared with.", &in.Recipient},
		{"information", "Please describe which information may be shared, and how much of it.", &in.Information},
		{"purpose", "Please say what the shared information will be used for.", &in.Purpose},
	} {
		*f.s = strings.TrimSpace(*f.s)
		switch {
		case *f.s == "" && disclosure:
			errs.Add(f.path, "required", "%s", f.missing)
		case utf8.RuneCountInString(*f.s) > 1000:
			errs.Add(f.path, "too_long", "Please keep this under 1000 characters.")
		}
	}
	checkPurposes(&errs, in.Kind, in.Purposes)
	before := len(errs)
	checkDate(&errs, "signed_on", &in.SignedOn)
	signedOK := len(errs) == before
	if signedOK && in.SignedOn > today {
		errs.Add("signed_on", "range", "The signing date cannot be in the future.")
	}
	in.ExpiresOn = strings.TrimSpace(in.ExpiresOn)
	if in.ExpiresOn != "" {
		if _, err := time.Parse(DateLayout, in.ExpiresOn); err != nil {
			errs.Add("expires_on", "format", "Please give a real date as YYYY-MM-DD.")
		} else if signedOK && in.ExpiresOn < in.SignedOn {
			errs.Add("expires_on", "range", "The consent cannot end before the day it was signed.")
		}
	}
	in.ExpiresOnEvent = strings.TrimSpace(in.ExpiresOnEvent)
	if utf8.RuneCountInString(in.ExpiresOnEvent) > 200 {
		errs.Add("expires_on_event", "too_long", "Please keep this under 200 characters.")
	}
	if in.Kind == ConsentPart2Disclosure && in.ExpiresOn == "" && in.ExpiresOnEvent == "" {
		errs.Add("expires_on", "required", "A consent to disclose substance use records needs an end: a date, or an event in expires_on_event (e.g. end of treatment).")
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return &Consent{ClientID: in.ClientID, Kind: in.Kind, Recipient: in.Recipient, Information: in.Information,
		Purpose: in.Purpose, Purposes: in.Purposes, SignedOn: in.SignedOn, ExpiresOn: in.ExpiresOn, ExpiresOnEvent: in.ExpiresOnEvent}, nil
}

// checkPurposes adds field errors under purposes: known purposes, each once, and at least one
// for a part2_disclosure (the disclosure gate matches them). Other kinds may name none.
func checkPurposes(errs *FieldErrors, kind ConsentKind, purposes []DisclosurePurpose) {
	if kind == ConsentPart2Disclosure && len(purposes) == 0 {
		errs.Add("purposes", "required", "Please choose what the records may be used for: treatment, payment, operations or patient_request.")
		return
	}
	for i, p := range purposes {
		switch {
		case !p.Valid():
			errs.Add(fmt.Sprintf("purposes[%d]", i), "enum", "A purpose is treatment, payment, operations or patient_request.")
		case slices.Index(purposes, p) < i:
			errs.Add(fmt.Sprintf("purposes[%d]", i), "duplicate", "This purpose is named twice.")
		}
	}
}

// CheckRevokeReason trims reason and checks it; the field error names reason.
func CheckRevokeReason(reason *string) error {
	var errs FieldErrors
	*reason = strings.TrimSpace(*reason)
	switch {
	case *reason == "":
		errs.Add("reason", "required", "Please note how the client withdrew the consent (e.g. in writing, by phone).")
	case utf8.RuneCountInString(*reason) > 500:
		errs.Add("reason", "too_long", "Please keep this under 500 characters.")
	}
	return errs.Err()
}

// ConsentService stores clients' consents.
type ConsentService interface {
	// RecordConsent checks and stores a consent and returns it with its id. EINVALID names the
	// fields; ENOTFOUND when the client does not exist or is outside the actor's care team;
	// EFORBIDDEN for roles that may not record consents.
	RecordConsent(ctx context.Context, in ConsentCreate) (*Consent, error)
	// RevokeConsent marks consent id revoked now for reason and returns it. EINVALID names
	// reason; ECONFLICT when it is already revoked; ENOTFOUND as RecordConsent, or when there
	// is no such consent.
	RevokeConsent(ctx context.Context, id, reason string) (*Consent, error)
	// FindConsents returns the client's consents, most recently signed first, each with Active
	// computed for today. ENOTFOUND as RecordConsent.
	FindConsents(ctx context.Context, clientID string) ([]*Consent, error)
}

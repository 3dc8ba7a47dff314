package carepath

import (
	"context"
	"fmt"
	"strings"
	"sync"
)

// DisclosurePurpose is why records go to someone outside the clinic: the purpose a 42 CFR
// Part 2 consent names and a disclosure must match.
type DisclosurePurpose string

// The disclosure purposes, after the purposes of use a consent form names.
const (
	// PurposeTreatment: care by a provider outside the clinic (a primary care physician, a
	// hospital, a referral).
	PurposeTreatment DisclosurePurpose = "treatment"
	// PurposePayment: claims, authorizations and utilization review by a payer.
	PurposePayment DisclosurePurpose = "payment"
	// PurposeOperations: the clinic's health care operations done by an outside service
	// (scheduling in a calendar service, quality review, accreditation).
	PurposeOperations DisclosurePurpose = "operations"
	// PurposePatientRequest: to a person or organization the client names, at their request
	// (a family member, an attorney, an employer).
	PurposePatientRequest DisclosurePurpose = "patient_request"
)

// DisclosurePurposes are the purposes, in the order they are offered, with their label.
var DisclosurePurposes = []struct {
	Purpose DisclosurePurpose
	Label   string
}{
	{PurposeTreatment, "Treatment by another provider"},
	{PurposePayment, "Payment (claims, authorizations, utilization review)"},
	{PurposeOperations, "Health care operations (e.g. scheduling)"},
	{PurposePatientRequest, "At the client's request"},
}

// Valid reports whether p is one of the disclosure purposes.
func (p DisclosurePurpose) Valid() bool {
	for _, d := range DisclosurePurposes {
		if d.Purpose == p {
			return true
		}
	}
	return false
}

// Label is p in words, p itself when unknown.
func (p DisclosurePurpose) Label() string {
	for _, d := range DisclosurePurposes {
		if d.Purpose == p {
			return d.Label
		}
	}
	return string(p)
}

// RedisclosureNotice is the written statement every disclosure of 42 CFR Part 2 records made
// with the client's consent carries (42 CFR 2.32): the regulation's short statement first,
// then what it means for the recipient. It is plain ASCII so it fits an HTTP header, an
// iCalendar property and a PDF alike.
const RedisclosureNotice = "42 CFR part 2 prohibits unauthorized use or disclosure of these records. " +
	"They are substance use disorder treatment records protected by federal confidentiality rules " +
	"(42 CFR part 2), disclosed to you with the patient's written consent. You may not use or disclose them " +
	"further unless the patient's written consent expressly permits it or 42 CFR part 2 otherwise allows it; " +
	"a general authorization for the release of medical or other information is not sufficient (42 CFR 2.31). " +
	"They may not be used against the patient in any civil, criminal, administrative or legislative proceeding " +
	"without the patient's consent or a court order under 42 CFR part 2."

// OutsideParty is someone outside the clinic an actor reads records for: the recipient an
// outside party's API token names, or the organization a payer reviewer works for, and the
// purpose it receives them for. The zero value is the clinic itself.
type OutsideParty struct {
	Recipient string
	Purpose   DisclosurePurpose
}

// IsZero reports whether p is no outside party.
func (p OutsideParty) IsZero() bool { return p.Recipient == "" }

// Disclosure is one release of a client's records to a recipient outside the care team, as
// the disclosure gate authorized it. When Part2 is set, the release may happen only with the
// consent ConsentID names, and Notice (RedisclosureNotice) must go with what is released.
type Disclosure struct {
	ClientID  string            `json:"client_id"`
	Recipient string            `json:"recipient"`
	Purpose   DisclosurePurpose `json:"purpose"`
	Part2     bool              `json:"part2"`
	ConsentID string            `json:"consent_id,omitempty"`
	Notice    string            `json:"notice,omitempty"`
}

// CheckDisclosure trims recipient and checks it and purpose; field errors name recipient
// and purpose.
func CheckDisclosure(recipient *string, purpose DisclosurePurpose) error {
	var errs FieldErrors
	*recipient = normalRecipient(*recipient)
	switch {
	case *recipient == "":
		errs.Add("recipient", "required", "Please name the person or organization the records go to.")
	case len(*recipient) > 1000:
		errs.Add("recipient", "too_long", "Please keep this under 1000 characters.")
	}
	if !purpose.Valid() {
		errs.Add("purpose", "enum", "The purpose is treatment, payment, operations or patient_request.")
	}
	return errs.Err()
}

// MissingConsentCode is the code of the field error (field "consent") of a disclosure refused
// for want of a 42 CFR Part 2 consent.
const MissingConsentCode = "part2_consent_required"

// MissingConsent returns the EFORBIDDEN error of a disclosure of Part 2 records to recipient
// for purpose that no active consent allows. It names the consent that is missing.
func MissingConsent(recipient string, purpose DisclosurePurpose) error {
	msg := fmt.Sprintf("No active 42 CFR Part 2 consent of this client allows disclosure to %q for %s. "+
		"Record the client's written consent naming this recipient and purpose first.", recipient, purpose)
	return &Error{Code: EFORBIDDEN, Message: "These records are protected by 42 CFR Part 2.",
		Fields: []FieldError{{Field: "consent", Code: MissingConsentCode, Message: msg}}}
}

// DisclosureService is the one gate every path that discloses a client's records outside the
// care team goes through: exports, calendar feeds, outside parties' API tokens, payer
// reviewers, utilization-review packets, FHIR releases. docs/architecture.md ("Disclosures")
// says how to use it.
type DisclosureService interface {
	// Authorize checks that the client's records may go to recipient for purpose, audits the
	// attempt with the recipient, and returns the disclosure: when the client is a 42 CFR
	// Part 2 client (IsPart2Client), only with an active Part 2 consent naming that
	// recipient and purpose, and then with the notice the release must carry. An actor that
	// is an outside party discloses only to itself: recipient and purpose may be empty and
	// are then its own. EFORBIDDEN (MissingConsent) when no consent allows it: release
	// nothing; EINVALID names recipient and purpose; ENOTFOUND for a client the actor may not
	// see.
	Authorize(ctx context.Context, clientID, recipient string, purpose DisclosurePurpose) (*Disclosure, error)
}

// Disclosures collects the disclosures one request made, so that the adapter answering it
// attaches the notice to what it sends. NewDisclosureContext puts one in a context; the store
// adds each disclosure it authorizes on that context. It is safe for concurrent use.
type Disclosures struct {
	mu   sync.Mutex
	list []Disclosure
}

type disclosuresKey struct{}

// NewDisclosureContext returns a context that collects disclosures, and the collection.
func NewDisclosureContext(ctx context.Context) (context.Context, *Disclosures) {
	d := &Disclosures{}
	return context.WithValue(ctx, disclosuresKey{}, d), d
}

// DisclosuresFrom returns the collection ctx carries, or nil.
func DisclosuresFrom(ctx context.Context) *Disclosures {
	d, _ := ctx.Value(disclosuresKey{}).(*Disclosures)
	return d
}

// Add records a disclosure; a nil collection ignores it.
func (d *Disclosures) Add(x Disclosure) {
	if d == nil {
		return
	}
	d.mu.Lock()
	d.list = append(d.list, x)
	d.mu.Unlock()
}

// Notice returns RedisclosureNotice when any disclosure collected was of Part 2 records, and
// "" otherwise.
func (d *Disclosures) Notice() string {
	if d == nil {
		return ""
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, x := range d.list {
		if x.Part2 {
			return RedisclosureNotice
		}
	}
	return ""
}

// Part2Clients returns the ids of the clients whose 42 CFR Part 2 records were disclosed, each
// once, in the order they were first disclosed.
func (d *Disclosures) Part2Clients() []string {
	if d == nil {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	var ids []string
	seen := map[string]bool{}
	for _, x := range d.list {
		if x.Part2 && !seen[x.ClientID] {
			seen[x.ClientID] = true
			ids = append(ids, x.ClientID)
		}
	}
	return ids
}

// sameRecipient reports whether two recipient names are the same, ignoring case and runs of
// spaces.
func sameRecipient(a, b string) bool {
	return a != "" && strings.EqualFold(normalRecipient(a), normalRecipient(b))
}

package carepath

import (
	"context"
	"strings"
	"time"
)

// ClaimFormat is the X12 claim a payer takes: 837P (professional) or 837I (institutional, the
// usual one for IOP and PHP billed by a facility).
type ClaimFormat string

// The claim formats.
const (
	Claim837P ClaimFormat = "837P"
	Claim837I ClaimFormat = "837I"
)

// Valid reports whether f is a known claim format.
func (f ClaimFormat) Valid() bool { return f == Claim837P || f == Claim837I }

// Payer is an insurer claims go to: its name, its payer id (the identifier clearinghouses route
// claims by, NM109 of the payer loop), the claim format it takes, and whether it is Medicare,
// whose intensive outpatient program rules every claim to it must pass before it goes out.
type Payer struct {
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	PayerID     string      `json:"payer_id"`
	ClaimFormat ClaimFormat `json:"claim_format"`
	Medicare    bool        `json:"medicare"`
	CreatedAt   time.Time   `json:"created_at"`
}

// PayerInput is a new payer.
type PayerInput struct {
	Name        string      `json:"name"`
	PayerID     string      `json:"payer_id"`
	ClaimFormat ClaimFormat `json:"claim_format"`
	Medicare    bool        `json:"medicare,omitempty"`
}

// PayerUpdate changes a payer: its claim format, whether it is Medicare. Nil fields stay as
// they are.
type PayerUpdate struct {
	ClaimFormat *ClaimFormat `json:"claim_format,omitempty"`
	Medicare    *bool        `json:"medicare,omitempty"`
}

// Validate trims in and checks it: a name, a payer id of 2 to 80 letters and digits, and a
// claim format (837I when not given). Field errors name name, payer_id and claim_format.
func (in *PayerInput) Validate() error {
	var errs FieldErrors
	in.Name, in.PayerID = strings.TrimSpace(in.Name), strings.ToUpper(strings.TrimSpace(in.PayerID))
	if in.Name == "" {
		errs.Add("name", "required", "Please give the payer's name.")
	}
	checkShortText(&errs, "name", &in.Name, 60)
	if len(in.PayerID) < 2 || len(in.PayerID) > 80 || strings.Trim(in.PayerID, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != "" {
		errs.Add("payer_id", "format", "Please give the payer id claims are routed by: 2 to 80 letters and digits.")
	}
	if in.ClaimFormat == "" {
		in.ClaimFormat = Claim837I
	}
	if !in.ClaimFormat.Valid() {
		errs.Add("claim_format", "enum", "Use 837P (professional) or 837I (institutional).")
	}
	return errs.Err()
}

// Relationship is how a client is related to the subscriber of their coverage.
type Relationship string

// The relationships to the subscriber.
const (
	RelationshipSelf   Relationship = "self"
	RelationshipSpouse Relationship = "spouse"
	RelationshipChild  Relationship = "child"
	RelationshipOther  Relationship = "other"
)

// ClientCoverage is one insurance plan of a client: the payer, member and group ids, the
// subscriber and the client's relationship to them, the plan year with its deductible,
// coinsurance, copay and out-of-pocket maximum and what has been met so far, whether the
// program is in the payer's network, and its rank (1 primary, 2 secondary). Amounts are cents.
type ClientCoverage struct {
	ID                 string         `json:"id"`
	ClientID           string         `json:"client_id"`
	PayerID            string         `json:"payer_id"` // the Payer's id
	PayerName          string         `json:"payer_name"`
	Rank               int            `json:"rank"`
	MemberID           string         `json:"member_id"`
	GroupID            string         `json:"group_id,omitempty"`
	SubscriberName     string         `json:"subscriber_name,omitempty"`
	SubscriberAddress  *PostalAddress `json:"subscriber_address,omitempty"` // where the payer writes to the subscriber; claims need it
	Relationship       Relationship   `json:"relationship"`
	PlanYearStart      string         `json:"plan_year_start"`
	Deductible         Cents          `json:"deductible_cents"`
	DeductibleMet      Cents          `json:"deductible_met_cents"`
	CoinsurancePercent int            `json:"coinsurance_percent"`
	Copay              Cents          `json:"copay_cents"`
	OutOfPocketMax     Cents          `json:"out_of_pocket_max_cents"` // 0: no maximum
	OutOfPocketMet     Cents          `json:"out_of_pocket_met_cents"`
	InNetwork          bool           `json:"in_network"`
	// MedicareSecondaryType is why Medicare pays second, on a Medicare coverage of rank 2: one
	// of MedicareSecondaryTypes, sent as the insurance type code (SBR05) of Medicare's claims.
	MedicareSecondaryType string    `json:"medicare_secondary_type,omitempty"`
	EndedOn               string    `json:"ended_on,omitempty"`
	RecordedBy            string    `json:"recorded_by"`
	CreatedAt             time.Time `json:"created_at"`
}

// DeductibleLeft is what remains of the deductible this plan year.
func (c *ClientCoverage) DeductibleLeft() Cents { return max(c.Deductible-c.DeductibleMet, 0) }

// OutOfPocketLeft is what remains to the out-of-pocket maximum, and false when there is none.
func (c *ClientCoverage) OutOfPocketLeft() (Cents, bool) {
	if c.OutOfPocketMax == 0 {
		return 0, false
	}
	return max(c.OutOfPocketMax-c.OutOfPocketMet, 0), true
}

// CoverageInput is a client's new coverage. Rank 0 means primary; Relationship "" means self;
// InNetwork nil means in network.
type CoverageInput struct {
	PayerID            string         `json:"payer_id"`
	Rank               int            `json:"rank,omitempty"`
	MemberID           string         `json:"member_id"`
	GroupID            string         `json:"group_id,omitempty"`
	SubscriberName     string         `json:"subscriber_name,omitempty"`
	SubscriberAddress  *PostalAddress `json:"subscriber_address,omitempty"`
	Relationship       Relationship   `json:"relationship,omitempty"`
	PlanYearStart      string         `json:"plan_year_start"`
	Deductible         Cents          `json:"deductible_cents"`
	DeductibleMet      Cents          `json:"deductible_met_cents"`
	CoinsurancePercent int            `json:"coinsurance_percent"`
	Copay              Cents          `json:"copay_cents"`
	OutOfPocketMax     Cents          `json:"out_of_pocket_max_cents"`
	OutOfPocketMet     Cents          `json:"out_of_pocket_met_cents"`
	InNetwork          *bool          `json:"in_network,omitempty"`
	// MedicareSecondaryType is why Medicare pays second; only a secondary coverage with a
	// Medicare payer has one, and Medicare's claims are held until it is given.
	MedicareSecondaryType string `json:"medicare_secondary_type,omitempty"`
}

// MedicareSecondaryTypes are the insurance type codes (X12 SBR05) that say why Medicare pays
// after another payer, with what each means in plain words.
var MedicareSecondaryTypes = []struct{ Code, Name string }{
	{"12", "Working aged: an employer group health plan through the person's or their spouse's current work"},
	{"13", "End-stage renal disease: an employer group health plan in the first 30 months of Medicare"},
	{"14", "No-fault insurance, such as car insurance"},
	{"15", "Workers' compensation"},
	{"16", "Public Health Service or another federal agency"},
	{"41", "Black lung benefits"},
	{"42", "Veterans Affairs"},
	{"43", "Disabled: a large employer group health plan through current work"},
	{"47", "Other liability insurance"},
}

// MedicareSecondaryTypeName is the plain name of insurance type code, or "" when it is not one
// of MedicareSecondaryTypes.
func MedicareSecondaryTypeName(code string) string {
	for _, t := range MedicareSecondaryTypes {
		if t.Code == code {
			return t.Name
		}
	}
	return ""
}

// MaxCoverageCents is the largest amount a coverage field takes ($1,000,000).
const MaxCoverageCents Cents = 1_000_000_00

// Validate trims in and checks it. Field errors name payer_id, rank (1 or 2), member_id,
// group_id, subscriber_name (required unless the client is the subscriber), relationship,
// plan_year_start, each amount (not negative, met not above the total) and
// coinsurance_percent (0 to 100), and medicare_secondary_type (a code of
// MedicareSecondaryTypes, on a secondary coverage only).
func (in *CoverageInput) Validate() error {
	var errs FieldErrors
	in.PayerID = strings.TrimSpace(in.PayerID)
	if in.PayerID == "" {
		errs.Add("payer_id", "required", "Please choose the payer.")
	}
	if in.Rank == 0 {
		in.Rank = 1
	}
	if in.Rank != 1 && in.Rank != 2 {
		errs.Add("rank", "range", "Use 1 for the primary coverage or 2 for the secondary.")
	}
	in.MemberID = strings.TrimSpace(in.MemberID)
	if in.MemberID == "" {
		errs.Add("member_id", "required", "Please give the member id on the insurance card.")
	}
	checkShortText(&errs, "member_id", &in.MemberID, 80)
	checkShortText(&errs, "group_id", &in.GroupID, 50)
	checkShortText(&errs, "subscriber_name", &in.SubscriberName, 120)
	switch in.Relationship {
	case "":
		in.Relationship = RelationshipSelf
	case RelationshipSelf, RelationshipSpouse, RelationshipChild, RelationshipOther:
	default:
		errs.Add("relationship", "enum", "Use self, spouse, child or other.")
	}
	if in.Relationship != RelationshipSelf && in.SubscriberName == "" {
		errs.Add("subscriber_name", "required", "Please name the subscriber, since the client is not the subscriber.")
	}
	if a := in.SubscriberAddress; a != nil {
		a.check(&errs, "subscriber_address")
		if *a == (PostalAddress{}) {
			in.SubscriberAddress = nil
		}
	}
	checkDate(&errs, "plan_year_start", &in.PlanYearStart)
	money := func(field string, v Cents) {
		if v < 0 || v > MaxCoverageCents {
			errs.Add(field, "range", "Please give an amount from $0 to %s, in cents.", MaxCoverageCents)
		}
	}
	money("deductible_cents", in.Deductible)
	money("deductible_met_cents", in.DeductibleMet)
	money("copay_cents", in.Copay)
	money("out_of_pocket_max_cents", in.OutOfPocketMax)
	money("out_of_pocket_met_cents", in.OutOfPocketMet)
	if in.DeductibleMet > in.Deductible {
		errs.Add("deductible_met_cents", "above_total", "What has been met cannot be more than the deductible.")
	}
	if in.OutOfPocketMax > 0 && in.OutOfPocketMet > in.OutOfPocketMax {
		errs.Add("out_of_pocket_met_cents", "above_total", "What has been met cannot be more than the out-of-pocket maximum.")
	}
	if in.CoinsurancePercent < 0 || in.CoinsurancePercent > 100 {
		errs.Add("coinsurance_percent", "range", "Please give a whole number from 0 to 100.")
	}
	in.MedicareSecondaryType = strings.TrimSpace(in.MedicareSecondaryType)
	switch {
	case in.MedicareSecondaryType == "":
	case MedicareSecondaryTypeName(in.MedicareSecondaryType) == "":
		errs.Add("medicare_secondary_type", "enum", "Choose why Medicare pays second from the list (an insurance type code such as 12 or 43).")
	case in.Rank != 2:
		errs.Add("medicare_secondary_type", "primary", "Only a secondary coverage says why Medicare pays second: record Medicare as the secondary coverage, or leave this empty.")
	}
	return errs.Err()
}

// PayerService keeps the payers claims go to.
type PayerService interface {
	// CreatePayer adds a payer (admin and the command line). EINVALID names the field;
	// ECONFLICT when another payer has the payer id.
	CreatePayer(ctx context.Context, in PayerInput) (*Payer, error)
	// FindPayers lists the payers by name; never nil.
	FindPayers(ctx context.Context) ([]*Payer, error)
	// FindPayerByID returns the payer with id or payer id ref; ENOTFOUND when there is none.
	FindPayerByID(ctx context.Context, ref string) (*Payer, error)
	// SetClaimFormat changes the claim format a payer takes (admin). EINVALID names
	// claim_format; ENOTFOUND as FindPayerByID.
	SetClaimFormat(ctx context.Context, ref string, f ClaimFormat) (*Payer, error)
	// UpdatePayer changes a payer's claim format and Medicare flag in one write (admin).
	// EINVALID names claim_format; ENOTFOUND as FindPayerByID.
	UpdatePayer(ctx context.Context, ref string, u PayerUpdate) (*Payer, error)
}

// CoverageService keeps clients' insurance coverage.
type CoverageService interface {
	// AddCoverage records a coverage of the client; a new one of the same rank ends the one it
	// replaces. EINVALID names the field (payer_id for an unknown payer); ENOTFOUND when the
	// client is not there or not the actor's to see.
	AddCoverage(ctx context.Context, clientID string, in CoverageInput) (*ClientCoverage, error)
	// FindCoverages lists the client's coverages in force, primary first; never nil.
	FindCoverages(ctx context.Context, clientID string) ([]*ClientCoverage, error)
	// FindPayerClients names the clients the actor sees who have a coverage by the payer
	// (its id or payer id) in force, or ended on or after since (a date; "": in force only),
	// by family then given name: at most MaxPayerClients of them, and how many there are in
	// all. EINVALID names since when it is not a date; ENOTFOUND when there is no such payer.
	FindPayerClients(ctx context.Context, payerRef, since string) ([]ClientName, int, error)
}

// MaxPayerClients is how many clients FindPayerClients names at once: more than one payer's
// clients at a clinic (a few thousand at most).
const MaxPayerClients = 5000

// PostalAddress is a US postal address.
type PostalAddress struct {
	Line1 string `json:"line1"`
	City  string `json:"city"`
	State string `json:"state"` // two letters
	Zip   string `json:"zip"`   // 5 or 9 digits
}

// check trims a and checks it, naming path.line1, path.city, path.state and path.zip; an
// empty address passes.
func (a *PostalAddress) check(errs *FieldErrors, path string) {
	a.Line1, a.City = strings.TrimSpace(a.Line1), strings.TrimSpace(a.City)
	a.State, a.Zip = strings.ToUpper(strings.TrimSpace(a.State)), strings.TrimSpace(a.Zip)
	if *a == (PostalAddress{}) {
		return
	}
	if a.Line1 == "" {
		errs.Add(path+".line1", "required", "Please give the street address.")
	}
	checkShortText(errs, path+".line1", &a.Line1, 55)
	if a.City == "" {
		errs.Add(path+".city", "required", "Please give the city.")
	}
	checkShortText(errs, path+".city", &a.City, 30)
	if len(a.State) != 2 || strings.Trim(a.State, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		errs.Add(path+".state", "format", "Please give the state as two letters, e.g. IL.")
	}
	digits := strings.ReplaceAll(a.Zip, "-", "")
	if (len(digits) != 5 && len(digits) != 9) || strings.Trim(digits, "0123456789") != "" {
		errs.Add(path+".zip", "format", "Please give a ZIP code of 5 or 9 digits.")
	}
}

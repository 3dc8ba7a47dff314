package billing

import (
	"fmt"
	"slices"
	"strings"

	"github.com/carepath/carepath"
)

// DiagnosisCodes answers whether a diagnosis code may be reported on a claim; *icd10.Set
// satisfies it.
type DiagnosisCodes interface {
	Billable(code string) bool
}

// ClaimStatus is where a claim is in its life.
type ClaimStatus string

// The claim statuses.
const (
	ClaimDraft         ClaimStatus = "draft"
	ClaimHeld          ClaimStatus = "held"
	ClaimSubmitted     ClaimStatus = "submitted"
	ClaimPaid          ClaimStatus = "paid"
	ClaimPartiallyPaid ClaimStatus = "partially_paid"
	ClaimDenied        ClaimStatus = "denied"
	ClaimReversed      ClaimStatus = "reversed"
	ClaimReplaced      ClaimStatus = "replaced"
	ClaimVoided        ClaimStatus = "voided"
)

// Facility type codes (the first two digits of an institutional bill type) that carepath knows.
const (
	FacilityHospitalOutpatient = "13"
	FacilityCMHC               = "76"
	FacilityCAH                = "85"
	FacilityRHC                = "71"
	FacilityFQHC               = "77"
)

// Claim frequency codes (the bill type's last digit, CLM05-3).
const (
	FrequencyAdmitThroughDischarge = "1"
	FrequencyInterimFirst          = "2"
	FrequencyInterimContinuing     = "3"
	FrequencyInterimLast           = "4"
	FrequencyReplacement           = "7"
	FrequencyVoid                  = "8"
)

// Claim is one claim to one payer for one client: the lines billed, the diagnoses they are for and
// what an 837 needs besides. Lines are ready charges only; charges held when the claim was built
// are listed in HeldCharges so that nothing is lost from view.
type Claim struct {
	ID                 string         `json:"id"` // the patient control number (CLM01), echoed back in the 835
	ClientID           string         `json:"client_id"`
	PayerID            string         `json:"payer_id"`
	Format             ClaimFormat    `json:"format"`
	From               string         `json:"from"`
	Through            string         `json:"through"`
	Diagnoses          []string       `json:"diagnoses"` // ICD-10-CM, principal first
	PriorAuthorization string         `json:"prior_authorization,omitempty"`
	PlaceOfService     string         `json:"place_of_service,omitempty"` // 837P: the claim's place of service
	FacilityType       string         `json:"facility_type,omitempty"`    // 837I: e.g. 13
	Frequency          string         `json:"frequency"`
	PatientStatus      string         `json:"patient_status,omitempty"` // 837I: 30 still a patient, 01 discharged home, …
	AdmissionDate      string         `json:"admission_date,omitempty"`
	ConditionCodes     []string       `json:"condition_codes,omitempty"`
	AttendingNPI       string         `json:"attending_npi,omitempty"`
	Lines              []Charge       `json:"lines"`
	HeldCharges        []Charge       `json:"held_charges,omitempty"`
	Total              carepath.Cents `json:"total_cents"`
	Status             ClaimStatus    `json:"status"`
	Holds              []Hold         `json:"holds,omitempty"`
	// PayerClaimControl is the payer's claim control number of the claim a replacement
	// (frequency 7) or void (frequency 8) corrects, sent in REF*F8.
	PayerClaimControl string `json:"payer_claim_control,omitempty"`
}

// Corrects reports whether c is a replacement or void of an earlier claim.
func (c Claim) Corrects() bool {
	return c.Frequency == FrequencyReplacement || c.Frequency == FrequencyVoid
}

// BillType is the institutional bill type: facility type, then the frequency digit ("131").
func (c Claim) BillType() string { return c.FacilityType + c.Frequency }

// ClaimInput is what building a client's claim for a period takes.
type ClaimInput struct {
	ID                 string
	ClientID           string
	PayerID            string
	Format             ClaimFormat
	From, Through      string
	HasCoverage        bool     // the client has coverage with PayerID on file
	Charges            []Charge // the client's charges; those outside From–Through are ignored
	Diagnoses          []string
	PriorAuthorization string
	FacilityType       string // 837I
	Frequency          string // default "1"
	PatientStatus      string // 837I
	AdmissionDate      string
	ConditionCodes     []string
	AttendingNPI       string
}

// Line limits of one claim: the 837P allows 50 service lines; 450 is the most Medicare's
// institutional system takes, below the 837I's 999.
const (
	maxLines837P = 50
	maxLines837I = 450
)

// BuildClaims builds the claims for one client, payer and period from the client's charges: one
// claim, or several numbered ID-1, ID-2 … when the lines exceed the format's limit. It returns an
// EINVALID error naming the field when the input cannot make a valid claim: no coverage with the
// payer, no diagnosis, a diagnosis that is not billable, too many diagnoses, bad dates, a claim id
// an 837 cannot carry, or nothing ready to bill.
func BuildClaims(in ClaimInput, codes DiagnosisCodes) ([]Claim, error) {
	var errs carepath.FieldErrors
	if !in.HasCoverage {
		errs.Add("coverage", "missing", "the client has no coverage with this payer on file")
	}
	if in.ID == "" || len(in.ID) > 17 || strings.ContainsAny(in.ID, "~*:^") {
		errs.Add("id", "format", "a claim id is 1–17 characters without ~ * : or ^ (20 with the -N of a split claim)")
	}
	if in.Format != Format837P && in.Format != Format837I {
		errs.Add("format", "invalid", "use 837P or 837I")
	}
	_, e1 := parseDate(in.From)
	_, e2 := parseDate(in.Through)
	if e1 != nil || e2 != nil || in.Through < in.From {
		errs.Add("through", "range", "give a period whose end is on or after its start (YYYY-MM-DD)")
	}
	maxDx := 12
	if in.Format == Format837I {
		maxDx = 25
		if !digits(in.FacilityType, 2) {
			errs.Add("facility_type", "format", "an institutional claim needs the two-digit facility type of its bill type, e.g. 13")
		}
		if !digits(in.PatientStatus, 2) {
			errs.Add("patient_status", "format", "an institutional claim needs the two-digit patient status, e.g. 30 (still a patient)")
		}
	}
	switch {
	case len(in.Diagnoses) == 0:
		errs.Add("diagnoses", "required", "a claim needs at least one diagnosis, the principal one first")
	case len(in.Diagnoses) > maxDx:
		errs.Add("diagnoses", "too_many", "a %s claim carries at most %d diagnoses", in.Format, maxDx)
	}
	for i, d := range in.Diagnoses {
		if !codes.Billable(d) {
			errs.Add(fmt.Sprintf("diagnoses.%d", i), "not_billable", "%s is not a billable ICD-10-CM code", strings.TrimSpace(d))
		}
	}
	var ready, held []Charge
	for _, c := range in.Charges {
		if c.ClientID != in.ClientID || c.Date < in.From || c.Date > in.Through {
			continue
		}
		if c.Held() {
			held = append(held, c)
		} else {
			ready = append(ready, c)
		}
	}
	if len(ready) == 0 && len(errs) == 0 {
		errs.Add("charges", "none", "nothing is ready to bill for this client in %s–%s (%d charges held)", in.From, in.Through, len(held))
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	slices.SortStableFunc(ready, byDateThenID)
	limit := maxLines837P
	if in.Format == Format837I {
		limit = maxLines837I
	}
	freq := in.Frequency
	if freq == "" {
		freq = FrequencyAdmitThroughDischarge
	}
	var claims []Claim
	for part := 0; part*limit < len(ready); part++ {
		lines := ready[part*limit : min((part+1)*limit, len(ready))]
		id := in.ID
		if len(ready) > limit {
			id = fmt.Sprintf("%s-%d", in.ID, part+1)
		}
		c := Claim{ID: id, ClientID: in.ClientID, PayerID: in.PayerID, Format: in.Format,
			From: lines[0].Date, Through: lines[len(lines)-1].Date, Diagnoses: formatCodes(in.Diagnoses),
			PriorAuthorization: strings.TrimSpace(in.PriorAuthorization), Frequency: freq,
			AdmissionDate: in.AdmissionDate, ConditionCodes: slices.Clone(in.ConditionCodes),
			AttendingNPI: in.AttendingNPI, Lines: slices.Clone(lines), Status: ClaimDraft}
		if in.Format == Format837P {
			c.PlaceOfService = mostCommonPOS(lines)
		} else {
			c.FacilityType, c.PatientStatus = in.FacilityType, in.PatientStatus
		}
		if part == 0 {
			c.HeldCharges = held
		}
		for _, l := range lines {
			c.Total += l.Cents
		}
		claims = append(claims, c)
	}
	return claims, nil
}

// Hold adds holds to c and marks it held when any is not a warning.
func (c *Claim) Hold(holds ...Hold) {
	c.Holds = append(c.Holds, holds...)
	for _, h := range holds {
		if !h.Warning {
			c.Status = ClaimHeld
		}
	}
}

// formatCodes writes diagnosis codes with their dot, upper case.
func formatCodes(codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		k := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(c), ".", ""))
		if len(k) > 3 {
			k = k[:3] + "." + k[3:]
		}
		out[i] = k
	}
	return out
}

// mostCommonPOS is the place of service most lines share (the lowest code on a tie); lines that
// differ carry their own in SV105.
func mostCommonPOS(lines []Charge) string {
	n := map[string]int{}
	best := ""
	for _, l := range lines {
		n[l.PlaceOfService]++
	}
	for pos, k := range n {
		if best == "" || k > n[best] || k == n[best] && pos < best {
			best = pos
		}
	}
	return best
}

// Batch is the claims of one payer in one file.
type Batch struct {
	ID      string      `json:"id"`
	PayerID string      `json:"payer_id"`
	Format  ClaimFormat `json:"format"`
	From    string      `json:"from"`
	To      string      `json:"to"`
	Claims  []Claim     `json:"claims"`
}

// Billable returns the claims of b that are not held: those an 837 may carry.
func (b Batch) Billable() []Claim {
	var out []Claim
	for _, c := range b.Claims {
		if c.Status != ClaimHeld {
			out = append(out, c)
		}
	}
	return out
}

package fhir

import (
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/fhir/r4"
)

// Diagnosis is what the Condition mapping needs of a client's diagnosis. carepath records no
// diagnoses yet: when it does, their records fill this and the Condition type joins the table
// (resources.go), and with it the router and the CapabilityStatement.
type Diagnosis struct {
	ID           string
	ClientID     string
	Code         string // ICD-10-CM, e.g. F33.1
	Display      string // the code's title, e.g. "Major depressive disorder, recurrent, moderate"
	Status       string // active, recurrence, relapse, inactive, remission or resolved
	OnsetDate    string // YYYY-MM-DD, "" when not known
	ResolvedDate string // YYYY-MM-DD, "" while it lasts
	RecordedAt   time.Time
	RecordedBy   string // a staff id
	Version      int
	UpdatedAt    time.Time
}

// Condition maps a diagnosis to a US Core problem-list Condition coded in ICD-10-CM, confirmed
// by the clinician who recorded it.
func Condition(d *Diagnosis) *r4.Condition {
	c := &r4.Condition{
		Base:               r4.Base{ResourceType: "Condition", ID: d.ID, Meta: meta(d.Version, d.UpdatedAt, profileCondition)},
		ClinicalStatus:     r4.Concept(sysConditionClinical, d.Status, "", ""),
		VerificationStatus: r4.Concept(sysConditionVerified, "confirmed", "Confirmed", ""),
		Category:           []r4.CodeableConcept{*r4.Concept(sysConditionCategory, "problem-list-item", "Problem List Item", "")},
		Code:               r4.Concept(sysICD10CM, d.Code, d.Display, d.Display),
		Subject:            *r4.Ref("Patient", d.ClientID),
		OnsetDateTime:      d.OnsetDate,
		AbatementDateTime:  d.ResolvedDate,
	}
	if !d.RecordedAt.IsZero() {
		c.RecordedDate = r4.Instant(d.RecordedAt)
	}
	if d.RecordedBy != "" {
		c.Recorder = r4.Ref("Practitioner", d.RecordedBy)
	}
	return c
}

// Coverage maps a client's insurance as carepath keeps it today, on the client: the payer by
// name (it is no record of its own), the member id, the copay and the coinsurance. A coverage
// without a payer is self-pay, paid by the client. It is not served yet: coverage is to become
// a record of its own, whose id and version this mapping will then take.
func Coverage(id string, c *carepath.Client) *r4.Coverage {
	cv := c.Coverage
	out := &r4.Coverage{
		Base:         r4.Base{ResourceType: "Coverage", ID: id, Meta: meta(c.Version, c.UpdatedAt, "")},
		Status:       "active",
		SubscriberID: cv.MemberID,
		Beneficiary:  *r4.Ref("Patient", c.ID),
		Relationship: r4.Concept(sysSubscriberRel, "self", "Self", ""),
		Payor:        []r4.Reference{{Display: cv.Payer}},
	}
	if cv.Payer == "" {
		out.Type = r4.Concept(sysCoverageSelfPay, "pay", "Pay", "Self-pay")
		out.Payor = []r4.Reference{*r4.Ref("Patient", c.ID)}
	}
	if cv.CopayCents != nil {
		out.CostToBeneficiary = append(out.CostToBeneficiary, r4.CoverageCostShare{Type: r4.Concept(sysCoverageCopay, "copay", "Copay Amount", ""),
			ValueMoney: &r4.Money{Value: r4.Decimal(float64(*cv.CopayCents) / 100), Currency: "USD"}})
	}
	if cv.CoinsurancePercent != nil {
		out.CostToBeneficiary = append(out.CostToBeneficiary, r4.CoverageCostShare{Type: r4.Concept(sysCoverageCopay, "copaypct", "Copay Percentage", ""),
			ValueQuantity: &r4.Quantity{Value: r4.Decimal(float64(*cv.CoinsurancePercent)), Unit: "%", System: sysUCUM, Code: "%"}})
	}
	return out
}

package billing

import (
	"slices"
	"strings"

	"github.com/carepath/carepath"
)

// Superbill is an itemized statement a client sends to their insurer to be reimbursed for care
// from a provider outside the insurer's network.
type Superbill struct {
	Number     string          `json:"number"`
	IssuedOn   string          `json:"issued_on"`
	Provider   Provider        `json:"provider"`
	Client     Person          `json:"client"`
	PayerName  string          `json:"payer_name,omitempty"`
	MemberID   string          `json:"member_id,omitempty"`
	Diagnoses  []DiagnosisLine `json:"diagnoses"`
	Lines      []SuperbillLine `json:"lines"`
	Total      carepath.Cents  `json:"total_cents"`
	Payments   []ClientPayment `json:"payments"` // received from the client, by date
	Paid       carepath.Cents  `json:"paid_cents"`
	BalanceDue carepath.Cents  `json:"balance_due_cents"`
	Statement  string          `json:"statement"`
}

// SuperbillLine is one service on a superbill.
type SuperbillLine struct {
	Date           string         `json:"date"`
	Code           string         `json:"code"`
	Modifiers      []string       `json:"modifiers,omitempty"`
	PlaceOfService string         `json:"place_of_service"`
	Label          string         `json:"label"`
	DiagnosisRefs  string         `json:"diagnosis_refs"` // letters of the diagnoses, e.g. "A,B"
	RenderingNPI   string         `json:"rendering_npi,omitempty"`
	Units          int            `json:"units"`
	Cents          carepath.Cents `json:"cents"`
}

// BuildSuperbill lists the client's ready charges in date order with the diagnoses (lettered A, B,
// … as on a claim form), the payments received from the client in date order with what they
// add up to, and what is due. Held charges are left out: they cannot be claimed yet. The insurer
// reimburses what the client paid, so the payments are listed one by one with their dates.
func BuildSuperbill(number, issuedOn string, p Provider, client Person, payerName, memberID string,
	dx []DiagnosisLine, charges []Charge, payments []ClientPayment) Superbill {
	s := Superbill{Number: number, IssuedOn: issuedOn, Provider: p, Client: client, PayerName: payerName,
		MemberID: memberID, Diagnoses: dx, Payments: slices.Clone(payments)}
	slices.SortStableFunc(s.Payments, func(a, b ClientPayment) int { return strings.Compare(a.Date, b.Date) })
	for _, pay := range s.Payments {
		s.Paid += pay.Cents
	}
	refs := make([]string, 0, 4)
	for i := range min(len(dx), 4) {
		refs = append(refs, string(rune('A'+i)))
	}
	ordered := slices.Clone(charges)
	slices.SortStableFunc(ordered, byDateThenID)
	for _, c := range ordered {
		if c.Held() {
			continue
		}
		s.Lines = append(s.Lines, SuperbillLine{Date: c.Date, Code: c.Code, Modifiers: c.Modifiers, PlaceOfService: c.PlaceOfService,
			Label: c.Label, DiagnosisRefs: strings.Join(refs, ","), RenderingNPI: c.RenderingNPI, Units: c.Units, Cents: c.Cents})
		s.Total += c.Cents
	}
	s.BalanceDue = s.Total - s.Paid
	s.Statement = "The services listed were provided by the clinician and practice named above on the dates shown. " +
		"Send this statement to your insurance plan to ask for reimbursement under your out-of-network benefits; " +
		"the plan decides what it repays, and any payment goes to you."
	return s
}

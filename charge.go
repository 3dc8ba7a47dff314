package carepath

import "context"

// Charge is one billable line, computed from attendance and signed notes with the program's
// rate table; it is never typed. A charge held (a note not signed, a rule not met) says why in
// Holds and goes on no claim until the reason is gone. PayerID is the client's primary payer
// ("" for self-pay).
type Charge struct {
	ID             string       `json:"id"`
	ClientID       string       `json:"client_id"`
	ProgramID      string       `json:"program_id"`
	PayerID        string       `json:"payer_id,omitempty"`
	Date           string       `json:"date"`
	Service        string       `json:"service"`
	Code           string       `json:"code"`
	Modifiers      []string     `json:"modifiers,omitempty"`
	RevenueCode    string       `json:"revenue_code,omitempty"`
	PlaceOfService string       `json:"place_of_service"`
	Units          int          `json:"units"`
	UnitCents      Cents        `json:"unit_cents"`
	Cents          Cents        `json:"cents"`
	Minutes        int          `json:"minutes"`
	Telehealth     bool         `json:"telehealth,omitempty"`
	Status         string       `json:"status"` // ready or held
	Holds          []ChargeHold `json:"holds,omitempty"`
}

// ChargeHold is why a charge is held: the rule (e.g. note_signed) and the reason in words.
type ChargeHold struct {
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
}

// ChargeFilter selects the charges of the dates From–To (inclusive), of one client when
// ClientID is set.
type ChargeFilter struct {
	From, To string
	ClientID string
}

// MaxChargeDays is the longest period one charge listing covers.
const MaxChargeDays = 366

// ChargeService computes charges from what happened in care.
type ChargeService interface {
	// FindCharges lists the charges of the period, by date and client. EINVALID names from,
	// to (before from, or more than MaxChargeDays later) or client_id; clinicians and case
	// managers see their care team's clients only.
	FindCharges(ctx context.Context, f ChargeFilter) ([]*Charge, error)
}

package carepath

// PayerPosting is what a payer's remittance (835) posted to one charge: the amount billed, what
// the payer paid, what it left to the client and what was written off, with the adjustments
// that explain them (group and reason codes, e.g. CO-45) and the payment's trace number. It is
// what the accounting export lists beside the charges and the client's own payments.
type PayerPosting struct {
	ID                    string              `json:"id"`
	RemittanceID          string              `json:"remittance_id"`
	ClaimID               string              `json:"claim_id"` // as the batch and the 835 name it (CLM01)
	ClientID              string              `json:"client_id"`
	ChargeID              string              `json:"charge_id"`
	PayerID               string              `json:"payer_id"`
	PaidOn                string              `json:"paid_on"`
	Reference             string              `json:"reference,omitempty"`
	Billed                Cents               `json:"billed_cents"`
	Paid                  Cents               `json:"paid_cents"`
	PatientResponsibility Cents               `json:"patient_responsibility_cents"`
	WrittenOff            Cents               `json:"written_off_cents"`
	Adjustments           []PostingAdjustment `json:"adjustments,omitempty"`
}

// PostingAdjustment is one adjustment of a posting: its group (CO contractual, PR the client's,
// OA other, PI payer-initiated), its reason code and the amount.
type PostingAdjustment struct {
	Group  string `json:"group"`
	Reason string `json:"reason"`
	Cents  Cents  `json:"cents"`
}

// PayerPostingFilter chooses payer postings: of one client (ClientID) or of every client the
// actor sees, paid from From through To (YYYY-MM-DD, each optional).
type PayerPostingFilter struct {
	ClientID string
	From, To string
}

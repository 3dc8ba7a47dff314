package billing

import (
	"slices"
	"strings"

	"github.com/carepath/carepath"
)

// Claim adjustment group codes (X12 CAS01).
const (
	GroupContractual      = "CO" // contractual obligation: the provider writes it off
	GroupPatient          = "PR" // patient responsibility: the client owes it
	GroupOther            = "OA" // other adjustment
	GroupPayerInitiated   = "PI" // payer-initiated reduction
	GroupCorrectionRevers = "CR" // correction or reversal
)

// Adjustment is one amount a payer adjusted a line by, with its group and reason code (CARC).
type Adjustment struct {
	Group    string         `json:"group"`
	Reason   string         `json:"reason"`
	Cents    carepath.Cents `json:"cents"`
	Quantity string         `json:"quantity,omitempty"`
}

// Posting is what a remittance says about one charge: paid, adjusted, left to the client.
type Posting struct {
	ChargeID    string         `json:"charge_id"`
	ClaimID     string         `json:"claim_id"`
	PayerID     string         `json:"payer_id,omitempty"`
	Date        string         `json:"date"`                // the payment's effective date
	Reference   string         `json:"reference,omitempty"` // check or EFT trace number
	Billed      carepath.Cents `json:"billed_cents"`
	Paid        carepath.Cents `json:"paid_cents"`
	Allowed     carepath.Cents `json:"allowed_cents,omitempty"`
	Adjustments []Adjustment   `json:"adjustments,omitempty"`
	Remarks     []string       `json:"remarks,omitempty"`
}

// PatientResponsibility is the sum of the posting's PR adjustments: what the client owes.
func (p Posting) PatientResponsibility() carepath.Cents {
	var t carepath.Cents
	for _, a := range p.Adjustments {
		if a.Group == GroupPatient {
			t += a.Cents
		}
	}
	return t
}

// WrittenOff is the sum of the posting's other adjustments (CO, OA, PI, CR).
func (p Posting) WrittenOff() carepath.Cents {
	var t carepath.Cents
	for _, a := range p.Adjustments {
		if a.Group != GroupPatient {
			t += a.Cents
		}
	}
	return t
}

// Contractual is the sum of the posting's CO adjustments: what the clinic's contract with the
// payer writes off.
func (p Posting) Contractual() carepath.Cents {
	var t carepath.Cents
	for _, a := range p.Adjustments {
		if a.Group == GroupContractual {
			t += a.Cents
		}
	}
	return t
}

// AccountCharge is a charge as the ledger sees it: who it is for, how much, the payer billed
// ("" when the client pays it themselves) and the claim that billed it (its CLM01).
type AccountCharge struct {
	ID       string         `json:"id"`
	ClientID string         `json:"client_id"`
	Date     string         `json:"date"`
	Cents    carepath.Cents `json:"cents"`
	PayerID  string         `json:"payer_id,omitempty"`
	ClaimID  string         `json:"claim_id,omitempty"`
}

// Account turns c into a ledger entry billed to payerID ("" for self-pay).
func (c Charge) Account(payerID string) AccountCharge {
	return AccountCharge{ID: c.ID, ClientID: c.ClientID, Date: c.Date, Cents: c.Cents, PayerID: payerID}
}

// ClientPayment is money the client paid, to one charge or to their account, and how (cash,
// card, check or other).
type ClientPayment struct {
	ClientID string         `json:"client_id"`
	ChargeID string         `json:"charge_id,omitempty"`
	Date     string         `json:"date"`
	Cents    carepath.Cents `json:"cents"`
	Method   string         `json:"method,omitempty"`
}

// Balance is a client's account: what was charged, what payers paid and wrote off, what the
// client owes and has paid, and what is still waiting on a payer.
type Balance struct {
	ClientID        string         `json:"client_id"`
	Charged         carepath.Cents `json:"charged_cents"`
	InsurancePaid   carepath.Cents `json:"insurance_paid_cents"`
	WrittenOff      carepath.Cents `json:"written_off_cents"`
	ClientOwed      carepath.Cents `json:"client_owed_cents"` // patient responsibility and self-pay charges
	ClientPaid      carepath.Cents `json:"client_paid_cents"`
	ClientBalance   carepath.Cents `json:"client_balance_cents"` // owed minus paid; negative is a credit
	AwaitingPayer   carepath.Cents `json:"awaiting_payer_cents"` // billed to a payer with no remittance yet
	UnpostedCharges int            `json:"unposted_charges"`     // charges billed to a payer with no posting
}

// Balances sums each client's account from their charges, the payers' postings and the client's
// payments. A charge billed to a payer counts as awaiting the payer until a posting names it; a
// reversal posts negative amounts and undoes what it reverses. A charge is counted once however
// many claims carry it (charges lists it once per claim, in the order billed): one billed to a
// secondary payer after the primary is coordinated (see coordinate), and one billed to the same
// payer again (after the payer denied or reversed the claim) counts only what the payer said
// on its latest claim, so a denial's write-off does not stand beside the payment of the claim
// that billed the charge again. Clients come out sorted by id.
func Balances(charges []AccountCharge, postings []Posting, payments []ClientPayment) []Balance {
	superseded := supersededClaims(charges)
	byCharge := map[string][]Posting{}
	for _, p := range postings {
		if superseded[claimCharge{p.ClaimID, p.ChargeID}] {
			continue
		}
		byCharge[p.ChargeID] = append(byCharge[p.ChargeID], p)
	}
	by := map[string]*Balance{}
	get := func(id string) *Balance {
		if by[id] == nil {
			by[id] = &Balance{ClientID: id}
		}
		return by[id]
	}
	payers := map[string][]string{} // charge id → the payers billed, in order
	var unique []AccountCharge
	for _, c := range charges {
		if _, seen := payers[c.ID]; !seen {
			unique = append(unique, c)
			payers[c.ID] = []string{}
		}
		if c.PayerID != "" && !slices.Contains(payers[c.ID], c.PayerID) {
			payers[c.ID] = append(payers[c.ID], c.PayerID)
		}
	}
	for _, c := range unique {
		b := get(c.ClientID)
		b.Charged += c.Cents
		billed := payers[c.ID]
		if len(billed) == 0 {
			b.ClientOwed += c.Cents
			continue
		}
		ps := byCharge[c.ID]
		if len(ps) == 0 {
			b.AwaitingPayer += c.Cents
			b.UnpostedCharges++
			continue
		}
		if len(billed) > 1 {
			b.coordinate(c, ps, billed[len(billed)-1])
			continue
		}
		for _, p := range ps {
			b.InsurancePaid += p.Paid
			b.WrittenOff += p.WrittenOff()
			b.ClientOwed += p.PatientResponsibility()
		}
	}
	for _, p := range payments {
		get(p.ClientID).ClientPaid += p.Cents
	}
	out := make([]Balance, 0, len(by))
	for _, b := range by {
		b.ClientBalance = b.ClientOwed - b.ClientPaid
		out = append(out, *b)
	}
	slices.SortFunc(out, func(a, b Balance) int { return strings.Compare(a.ClientID, b.ClientID) })
	return out
}

// claimCharge is one charge on one claim.
type claimCharge struct{ claim, charge string }

// supersededClaims returns each charge, on its claim, that a later claim billed to the same
// payer again: what the payer said of it on the earlier claim no longer counts.
func supersededClaims(charges []AccountCharge) map[claimCharge]bool {
	latest := map[[2]string]string{} // charge and payer → the last claim billing it to the payer
	out := map[claimCharge]bool{}
	for _, c := range charges {
		if c.ClaimID == "" || c.PayerID == "" {
			continue
		}
		k := [2]string{c.ID, c.PayerID}
		if prev, ok := latest[k]; ok && prev != c.ClaimID {
			out[claimCharge{prev, c.ID}] = true
		}
		latest[k] = c.ClaimID
	}
	return out
}

// coordinate adds to b charge c, billed to several payers, the last of them last: every payer's
// payment counts. Until the last payer posts, what the earlier ones left to the client awaits
// it and their write-offs stand; once it posts, the client owes what it left to the client and
// the rest of the charge, neither paid nor owed, is written off (the last payer's adjustments
// repeat the earlier payers' adjudication, so they are not summed again).
func (b *Balance) coordinate(c AccountCharge, postings []Posting, last string) {
	var paid, earlierPatient, earlierOff, lastPatient carepath.Cents
	posted := false
	for _, p := range postings {
		paid += p.Paid
		if p.PayerID == last {
			posted = true
			lastPatient += p.PatientResponsibility()
		} else {
			earlierPatient += p.PatientResponsibility()
			earlierOff += p.WrittenOff()
		}
	}
	b.InsurancePaid += paid
	if !posted {
		b.WrittenOff += earlierOff
		b.AwaitingPayer += earlierPatient
		b.UnpostedCharges++
		return
	}
	b.ClientOwed += lastPatient
	b.WrittenOff += c.Cents - paid - lastPatient
}

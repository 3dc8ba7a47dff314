package x12

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/billing"
)

// Remittance is one 835 transaction set: one payment (or notice of none) from a payer, with the
// claims and lines it pays, adjusts or denies.
type Remittance struct {
	InterchangeControl string               `json:"interchange_control"`
	TransactionControl string               `json:"transaction_control"`
	Handling           string               `json:"handling"` // BPR01: I remittance with payment, H notification only, …
	Total              carepath.Cents       `json:"total_cents"`
	Method             string               `json:"method"` // BPR04: ACH, CHK, NON, …
	Date               string               `json:"date"`   // BPR16, the effective date
	Trace              string               `json:"trace"`  // TRN02: the check or EFT trace number
	PayerName          string               `json:"payer_name"`
	PayerID            string               `json:"payer_id,omitempty"`
	PayeeName          string               `json:"payee_name"`
	PayeeNPI           string               `json:"payee_npi,omitempty"`
	Claims             []ClaimPayment       `json:"claims"`
	ProviderAdjust     []ProviderAdjustment `json:"provider_adjustments,omitempty"`
}

// ClaimPayment is one CLP loop: what the payer did with one claim.
type ClaimPayment struct {
	Segment               int                  `json:"segment"`
	ClaimID               string               `json:"claim_id"` // CLP01, the patient control number sent
	Status                string               `json:"status"`   // CLP02
	Charge                carepath.Cents       `json:"charge_cents"`
	Paid                  carepath.Cents       `json:"paid_cents"`
	PatientResponsibility carepath.Cents       `json:"patient_responsibility_cents"`
	PayerClaimControl     string               `json:"payer_claim_control,omitempty"`
	Adjustments           []billing.Adjustment `json:"adjustments,omitempty"` // claim-level CAS
	Lines                 []LinePayment        `json:"lines"`
}

// LinePayment is one SVC loop: what the payer did with one service line.
type LinePayment struct {
	Segment       int                  `json:"segment"`
	Code          string               `json:"code"`
	Modifiers     []string             `json:"modifiers,omitempty"`
	RevenueCode   string               `json:"revenue_code,omitempty"`
	Charge        carepath.Cents       `json:"charge_cents"`
	Paid          carepath.Cents       `json:"paid_cents"`
	Units         int                  `json:"units"`
	Date          string               `json:"date,omitempty"`
	ControlNumber string               `json:"control_number,omitempty"` // REF*6R
	Allowed       carepath.Cents       `json:"allowed_cents,omitempty"`
	Adjustments   []billing.Adjustment `json:"adjustments,omitempty"`
	Remarks       []string             `json:"remarks,omitempty"`
}

// ProviderAdjustment is a PLB adjustment: money taken from (positive) or added to (negative) the
// payment that is not about one claim, e.g. a recovered overpayment.
type ProviderAdjustment struct {
	Reason string         `json:"reason"`
	Ref    string         `json:"ref,omitempty"`
	Cents  carepath.Cents `json:"cents"`
}

// ClaimReversal is the CLP02 status of a payer's reversal of what it paid on a claim.
const ClaimReversal = "22"

// ClaimStatus835 names the CLP02 claim status codes.
var ClaimStatus835 = map[string]string{
	"1": "processed as primary", "2": "processed as secondary", "3": "processed as tertiary", "4": "denied",
	"19": "processed as primary, forwarded to another payer", "20": "processed as secondary, forwarded",
	"21": "processed as tertiary, forwarded", "22": "reversal of a previous payment", "23": "not our claim, forwarded",
	"25": "predetermination pricing only, no payment",
}

var adjustmentGroups = []string{billing.GroupContractual, billing.GroupPatient, billing.GroupOther, billing.GroupPayerInitiated, billing.GroupCorrectionRevers}

// Parse835 reads an 835 file: it checks the envelopes (ISA/IEA, GS/GE, ST/SE, counts and control
// numbers), the required segments, every amount and that each line, claim and payment balances
// (charge minus payment equals the adjustments; the payment equals the claims paid less the
// provider adjustments). Any problem is an EINVALID *carepath.Error whose field names the segment
// ("segment 14 (CLP)").
func Parse835(data []byte) ([]Remittance, error) {
	segs, _, err := split("remittance", data)
	if err != nil {
		return nil, err
	}
	sets, err := envelope("remittance", segs, "HP", "835", Version835)
	if err != nil {
		return nil, err
	}
	var out []Remittance
	for _, set := range sets {
		r, err := parseRemittance(set)
		if err != nil {
			return nil, err
		}
		r.InterchangeControl = segs[0].el(13)
		out = append(out, r)
	}
	return out, nil
}

// parseRemittance reads one transaction set, ST to SE.
func parseRemittance(set []segment) (Remittance, error) {
	bad := func(s segment, format string, args ...any) error {
		return readError("remittance", s.where(), format, args...)
	}
	money := func(s segment, n int, required bool) (carepath.Cents, error) {
		v := s.el(n)
		if v == "" && !required {
			return 0, nil
		}
		c, ok := parseAmount(v)
		if !ok {
			return 0, bad(s, "element %02d is %q, not an amount", n, clip(v))
		}
		return c, nil
	}
	r := Remittance{TransactionControl: set[0].el(2)}
	body := set[1 : len(set)-1]
	if len(body) == 0 || body[0].id != "BPR" {
		s := set[len(set)-1]
		if len(body) > 0 {
			s = body[0]
		}
		return r, bad(s, "an 835 begins with a BPR segment (the payment) after ST")
	}
	bpr := body[0]
	var err error
	r.Handling, r.Method = bpr.el(1), bpr.el(4)
	if r.Total, err = money(bpr, 2, true); err != nil {
		return r, err
	}
	if bpr.el(3) != "C" && bpr.el(3) != "D" {
		return r, bad(bpr, "BPR03 must be C (credit) or D (debit)")
	}
	if d, ok := date8(bpr.el(16)); ok {
		r.Date = d
	} else {
		return r, bad(bpr, "BPR16 (the payment date) is %q, not a date", clip(bpr.el(16)))
	}
	var claim *ClaimPayment
	var line *LinePayment
	seen := map[string]bool{}
	inLoop := ""
	for _, s := range body[1:] {
		switch s.id {
		case "TRN":
			if s.el(2) == "" {
				return r, bad(s, "TRN02 (the check or EFT trace number) is required")
			}
			r.Trace = s.el(2)
			seen["TRN"] = true
		case "N1":
			switch s.el(1) {
			case "PR":
				r.PayerName, inLoop = s.el(2), "PR"
				seen["PR"] = true
			case "PE":
				r.PayeeName, inLoop = s.el(2), "PE"
				if s.el(3) == "XX" {
					r.PayeeNPI = s.el(4)
				}
				seen["PE"] = true
			}
		case "REF":
			switch {
			case line != nil && s.el(1) == "6R":
				line.ControlNumber = s.el(2)
			case claim == nil && inLoop == "PR" && s.el(1) == "2U":
				r.PayerID = s.el(2)
			}
		case "CLP":
			if !seen["TRN"] || !seen["PR"] || !seen["PE"] {
				missing := "TRN"
				if seen["TRN"] {
					missing = "N1*PR (the payer)"
					if seen["PR"] {
						missing = "N1*PE (the payee)"
					}
				}
				return r, bad(s, "a claim payment before the required %s segment", missing)
			}
			if err := closeClaim(claim, bad); err != nil {
				return r, err
			}
			c := ClaimPayment{Segment: s.pos, ClaimID: s.el(1), Status: s.el(2), PayerClaimControl: s.el(7)}
			if c.ClaimID == "" {
				return r, bad(s, "CLP01 (the claim id we sent) is required")
			}
			if _, ok := ClaimStatus835[c.Status]; !ok {
				return r, bad(s, "CLP02 is %q, not a claim status code", clip(c.Status))
			}
			if c.Charge, err = money(s, 3, true); err != nil {
				return r, err
			}
			if c.Paid, err = money(s, 4, true); err != nil {
				return r, err
			}
			if c.PatientResponsibility, err = money(s, 5, false); err != nil {
				return r, err
			}
			r.Claims = append(r.Claims, c)
			claim, line = &r.Claims[len(r.Claims)-1], nil
		case "SVC":
			if claim == nil {
				return r, bad(s, "a service line outside a claim payment (CLP)")
			}
			l := LinePayment{Segment: s.pos, Units: 1}
			proc := strings.Split(s.el(1), string(componentSep))
			if len(proc) < 2 || (proc[0] != "HC" && proc[0] != "NU" && proc[0] != "AD" && proc[0] != "HP" && proc[0] != "ER" && proc[0] != "IV" && proc[0] != "WK" && proc[0] != "N4") || proc[1] == "" {
				return r, bad(s, "SVC01 must name the procedure, e.g. HC:90837")
			}
			if proc[0] == "NU" {
				l.RevenueCode = proc[1]
			} else {
				l.Code = proc[1]
				l.Modifiers = slices.DeleteFunc(slices.Clone(proc[2:min(len(proc), 6)]), func(m string) bool { return m == "" })
			}
			if l.Charge, err = money(s, 2, true); err != nil {
				return r, err
			}
			if l.Paid, err = money(s, 3, true); err != nil {
				return r, err
			}
			if rc := s.el(4); rc != "" {
				l.RevenueCode = rc
			}
			if u := s.el(5); u != "" {
				n, err := strconv.ParseFloat(u, 64)
				if err != nil || n < 0 || n > 99999 {
					return r, bad(s, "SVC05 (units paid) is %q, not a quantity", clip(u))
				}
				l.Units = int(n)
			}
			claim.Lines = append(claim.Lines, l)
			line = &claim.Lines[len(claim.Lines)-1]
		case "CAS":
			if claim == nil {
				return r, bad(s, "an adjustment outside a claim payment (CLP)")
			}
			adj, err := parseCAS(s, bad)
			if err != nil {
				return r, err
			}
			if line != nil {
				line.Adjustments = append(line.Adjustments, adj...)
			} else {
				claim.Adjustments = append(claim.Adjustments, adj...)
			}
		case "DTM":
			if line != nil && (s.el(1) == "472" || s.el(1) == "150") {
				d, ok := date8(s.el(2))
				if !ok {
					return r, bad(s, "DTM02 is %q, not a date", clip(s.el(2)))
				}
				line.Date = d
			}
		case "AMT":
			if line != nil && s.el(1) == "B6" {
				if line.Allowed, err = money(s, 2, true); err != nil {
					return r, err
				}
			}
		case "LQ":
			if line != nil && s.el(1) == "HE" {
				line.Remarks = append(line.Remarks, s.el(2))
			}
		case "PLB":
			if err := closeClaim(claim, bad); err != nil {
				return r, err
			}
			claim, line = nil, nil
			for k := 3; k+1 <= len(s.elems); k += 2 {
				reason := strings.Split(s.el(k), string(componentSep))
				c, err := money(s, k+1, true)
				if err != nil {
					return r, err
				}
				pa := ProviderAdjustment{Reason: reason[0], Cents: c}
				if len(reason) > 1 {
					pa.Ref = reason[1]
				}
				r.ProviderAdjust = append(r.ProviderAdjust, pa)
			}
		case "LX":
			if err := closeClaim(claim, bad); err != nil {
				return r, err
			}
			claim, line = nil, nil
		}
	}
	if err := closeClaim(claim, bad); err != nil {
		return r, err
	}
	se := set[len(set)-1]
	switch {
	case !seen["TRN"]:
		return r, bad(se, "the transaction set has no TRN segment (the trace number)")
	case !seen["PR"]:
		return r, bad(se, "the transaction set has no N1*PR segment (the payer)")
	case !seen["PE"]:
		return r, bad(se, "the transaction set has no N1*PE segment (the payee)")
	}
	var paid, plb carepath.Cents
	for _, c := range r.Claims {
		paid += c.Paid
	}
	for _, p := range r.ProviderAdjust {
		plb += p.Cents
	}
	if paid-plb != r.Total {
		return r, bad(bpr, "BPR02 is %s but the claims paid %s less provider adjustments of %s make %s",
			amount(r.Total), amount(paid), amount(plb), amount(paid-plb))
	}
	return r, nil
}

// parseCAS reads an adjustment segment: a group code, then up to six reason/amount/quantity triples.
func parseCAS(s segment, bad func(segment, string, ...any) error) ([]billing.Adjustment, error) {
	group := s.el(1)
	if !slices.Contains(adjustmentGroups, group) {
		return nil, bad(s, "CAS01 is %q; the group codes are CO, PR, OA, PI and CR", clip(group))
	}
	var out []billing.Adjustment
	for k := 2; k <= 17; k += 3 {
		reason := s.el(k)
		if reason == "" {
			if s.el(k+1) != "" {
				return nil, bad(s, "an amount in element %02d without a reason code before it", k+1)
			}
			continue
		}
		if len(reason) > 5 || !isUpperAlnum(reason) {
			return nil, bad(s, "element %02d is %q, not a claim adjustment reason code", k, clip(reason))
		}
		c, ok := parseAmount(s.el(k + 1))
		if !ok {
			return nil, bad(s, "element %02d is %q, not an amount", k+1, clip(s.el(k+1)))
		}
		out = append(out, billing.Adjustment{Group: group, Reason: reason, Cents: c, Quantity: s.el(k + 2)})
	}
	if len(out) == 0 {
		return nil, bad(s, "an adjustment needs at least one reason code and amount")
	}
	return out, nil
}

// closeClaim checks that a finished claim payment balances: each line's charge less its payment
// equals its adjustments, and the claim's charge less its payment equals all its adjustments.
func closeClaim(c *ClaimPayment, bad func(segment, string, ...any) error) error {
	if c == nil {
		return nil
	}
	sum := func(as []billing.Adjustment) carepath.Cents {
		var t carepath.Cents
		for _, a := range as {
			t += a.Cents
		}
		return t
	}
	adjusted := sum(c.Adjustments)
	var lineCharges carepath.Cents
	for _, l := range c.Lines {
		if got := sum(l.Adjustments); l.Charge-l.Paid != got {
			return bad(segment{pos: l.Segment, id: "SVC"}, "the line charge %s less its payment %s is %s, but its adjustments add up to %s",
				amount(l.Charge), amount(l.Paid), amount(l.Charge-l.Paid), amount(got))
		}
		adjusted += sum(l.Adjustments)
		lineCharges += l.Charge
	}
	if c.Charge-c.Paid != adjusted {
		return bad(segment{pos: c.Segment, id: "CLP"}, "the claim charge %s less its payment %s is %s, but the adjustments add up to %s",
			amount(c.Charge), amount(c.Paid), amount(c.Charge-c.Paid), amount(adjusted))
	}
	if len(c.Lines) > 0 && lineCharges != c.Charge {
		return bad(segment{pos: c.Segment, id: "CLP"}, "the claim charge %s is not the sum of its lines %s", amount(c.Charge), amount(lineCharges))
	}
	return nil
}

// String summarizes a remittance for logs without naming any client.
func (r Remittance) String() string {
	return fmt.Sprintf("835 %s from %s: %s for %d claims", r.Trace, r.PayerName, amount(r.Total), len(r.Claims))
}

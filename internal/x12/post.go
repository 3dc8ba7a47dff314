package x12

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/billing"
)

// ClaimOutcome is what a remittance decided about one known claim.
type ClaimOutcome struct {
	ClaimID               string              `json:"claim_id"`
	Status                billing.ClaimStatus `json:"status"`
	Paid                  carepath.Cents      `json:"paid_cents"`
	PatientResponsibility carepath.Cents      `json:"patient_responsibility_cents"`
	PayerClaimControl     string              `json:"payer_claim_control,omitempty"`
}

// Unmatched is a part of a remittance that could not be posted to a known charge, with why.
type Unmatched struct {
	Segment       int            `json:"segment"`
	ClaimID       string         `json:"claim_id"`
	ControlNumber string         `json:"control_number,omitempty"`
	Code          string         `json:"code,omitempty"`
	Date          string         `json:"date,omitempty"`
	Charge        carepath.Cents `json:"charge_cents"`
	Paid          carepath.Cents `json:"paid_cents"`
	Reason        string         `json:"reason"`
}

// PostResult is a remittance posted against known claims.
type PostResult struct {
	Postings []billing.Posting `json:"postings"`
	Claims   []ClaimOutcome    `json:"claims"`
	// Unmatched lists the remittance's claims and lines that name no known claim or charge.
	Unmatched []Unmatched `json:"unmatched"`
	// Unanswered lists the charges of the remittance's claims that no line paid or adjusted.
	Unanswered []string `json:"unanswered"`
}

// Post matches r's claim payments to known claims by the claim id we sent (CLP01) and each line to
// a charge by its line item control number (REF*6R, see LineControlNumber), or, when a payer drops
// that, by procedure code, date and charge among the claim's lines not yet matched. A claim paid
// without service lines, and claim-level adjustments, are spread over the claim's lines in
// proportion to their charges. Everything that finds no charge is listed in Unmatched.
func Post(r Remittance, claims []billing.Claim) PostResult {
	known := map[string]billing.Claim{}
	for _, c := range claims {
		known[c.ID] = c
	}
	res := PostResult{}
	for _, cp := range r.Claims {
		claim, ok := known[cp.ClaimID]
		if !ok || cp.Status == "23" {
			reason := "no claim with this id was sent"
			if ok {
				reason = "the payer says this is not its claim (status 23) and forwarded it"
			}
			res.Unmatched = append(res.Unmatched, unmatchedClaim(cp, reason)...)
			continue
		}
		postings := map[string]*billing.Posting{}
		order := []string{}
		post := func(ch billing.Charge) *billing.Posting {
			if p, ok := postings[ch.ID]; ok {
				return p
			}
			p := &billing.Posting{ChargeID: ch.ID, ClaimID: claim.ID, PayerID: claim.PayerID, Date: r.Date, Reference: r.Trace, Billed: ch.Cents}
			postings[ch.ID] = p
			order = append(order, ch.ID)
			return p
		}
		used := map[int]bool{}
		for _, l := range cp.Lines {
			i := matchLine(claim, l, used)
			if i < 0 {
				res.Unmatched = append(res.Unmatched, Unmatched{Segment: l.Segment, ClaimID: cp.ClaimID, ControlNumber: l.ControlNumber,
					Code: l.Code, Date: l.Date, Charge: l.Charge, Paid: l.Paid, Reason: "no line of the claim has this control number, code, date and charge"})
				continue
			}
			used[i] = true
			p := post(claim.Lines[i])
			p.Paid += l.Paid
			p.Allowed += l.Allowed
			p.Adjustments = append(p.Adjustments, l.Adjustments...)
			p.Remarks = append(p.Remarks, l.Remarks...)
		}
		if len(cp.Lines) == 0 {
			spread(claim.Lines, cp.Paid, func(i int, c carepath.Cents) { post(claim.Lines[i]).Paid += c })
		}
		for _, a := range cp.Adjustments {
			spread(claim.Lines, a.Cents, func(i int, c carepath.Cents) {
				p := post(claim.Lines[i])
				p.Adjustments = append(p.Adjustments, billing.Adjustment{Group: a.Group, Reason: a.Reason, Cents: c, Quantity: a.Quantity})
			})
		}
		for i, l := range claim.Lines {
			if _, ok := postings[l.ID]; !ok && !used[i] {
				res.Unanswered = append(res.Unanswered, l.ID)
			}
		}
		out := ClaimOutcome{ClaimID: claim.ID, Status: outcome(cp, claim, postings), Paid: cp.Paid, PayerClaimControl: cp.PayerClaimControl}
		for _, id := range order {
			p := *postings[id]
			out.PatientResponsibility += p.PatientResponsibility()
			res.Postings = append(res.Postings, p)
		}
		res.Claims = append(res.Claims, out)
	}
	return res
}

// matchLine finds the claim line a service payment is for, or -1.
func matchLine(c billing.Claim, l LinePayment, used map[int]bool) int {
	// The control number is "<claim id>-<line>"; a split claim's id has a dash of its own, so the
	// line number follows the last one.
	if i := strings.LastIndex(l.ControlNumber, "-"); i > 0 {
		k, err := strconv.Atoi(l.ControlNumber[i+1:])
		if err == nil && l.ControlNumber[:i] == c.ID && k >= 1 && k <= len(c.Lines) && !used[k-1] {
			return k - 1
		}
	}
	for i, cl := range c.Lines {
		if used[i] || cl.Cents != l.Charge || l.Date != "" && cl.Date != l.Date {
			continue
		}
		if l.Code != "" && cl.Code == l.Code || l.Code == "" && l.RevenueCode != "" && cl.RevenueCode == l.RevenueCode {
			return i
		}
	}
	return -1
}

// outcome turns a claim status and its postings into carepath's claim status: a reversal (status
// 22), a denial (status 4), or else what billing.SettledStatus derives from the postings against
// the claim's total.
func outcome(cp ClaimPayment, claim billing.Claim, postings map[string]*billing.Posting) billing.ClaimStatus {
	if cp.Status == ClaimReversal {
		return billing.ClaimReversed
	}
	list := make([]billing.Posting, 0, len(postings))
	for _, p := range postings {
		list = append(list, *p)
	}
	return billing.SettledStatus(claim.Total, list, cp.Status == "4")
}

// spread divides total over lines in proportion to their charges; the last line takes the rest.
func spread(lines []billing.Charge, total carepath.Cents, add func(int, carepath.Cents)) {
	if len(lines) == 0 || total == 0 {
		return
	}
	var sum carepath.Cents
	for _, l := range lines {
		sum += l.Cents
	}
	left := total
	for i, l := range lines {
		part := left
		if i < len(lines)-1 {
			if sum == 0 {
				part = total / carepath.Cents(len(lines))
			} else {
				part = total * l.Cents / sum
			}
		}
		left -= part
		add(i, part)
	}
}

func unmatchedClaim(cp ClaimPayment, reason string) []Unmatched {
	if len(cp.Lines) == 0 {
		return []Unmatched{{Segment: cp.Segment, ClaimID: cp.ClaimID, Charge: cp.Charge, Paid: cp.Paid, Reason: reason}}
	}
	var out []Unmatched
	for _, l := range cp.Lines {
		out = append(out, Unmatched{Segment: l.Segment, ClaimID: cp.ClaimID, ControlNumber: l.ControlNumber, Code: l.Code,
			Date: l.Date, Charge: l.Charge, Paid: l.Paid, Reason: reason})
	}
	return out
}

// Describe writes an unmatched item for a person: "segment 31: claim C9 line HC 90837 of
// 2026-03-02, $150 charged, $0 paid — no claim with this id was sent".
func (u Unmatched) Describe() string {
	what := "claim " + u.ClaimID
	if u.Code != "" {
		what += " line " + u.Code
	}
	if u.Date != "" {
		what += " of " + u.Date
	}
	return fmt.Sprintf("segment %d: %s, %s charged, %s paid — %s", u.Segment, what, u.Charge, u.Paid, u.Reason)
}

package x12

import (
	"fmt"
	"slices"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/billing"
)

// OtherPayer is a payer that adjudicated a claim before the payer it is sent to: on a claim to
// the secondary payer, the primary with what it decided. It is written as loops 2320 (the other
// subscriber's coverage and the amount paid), 2330A (the other subscriber), 2330B (the other
// payer) and, on every service line, 2430 (the line's adjudication).
type OtherPayer struct {
	Payer Payer
	// Subscriber is the other coverage's subscriber: name, member id and group number.
	Subscriber Subscriber
	// Relationship is SBR02 of loop 2320, the patient's relationship to that subscriber: 18 self,
	// 01 spouse, 19 child, 20 employee, 21 unknown, 39 organ donor, 40 cadaver donor, 53 life
	// partner, G8 other.
	Relationship string
	// Adjustments are the claim-level adjustments (CAS of loop 2320); empty when the other payer
	// adjusted every amount on a line.
	Adjustments []billing.Adjustment
	// Lines are the other payer's adjudication of each line of the claim, in the claim's order.
	Lines []LineAdjudication
}

// LineAdjudication is what another payer decided about one service line: what it paid, the
// adjustments that explain the rest of the line's charge, and when it decided (YYYY-MM-DD).
type LineAdjudication struct {
	Paid        carepath.Cents
	Adjustments []billing.Adjustment
	Date        string
}

// Paid is what the other payer paid on the claim: the sum of its lines' payments (AMT*D).
func (o *OtherPayer) Paid() carepath.Cents {
	var t carepath.Cents
	for _, l := range o.Lines {
		t += l.Paid
	}
	return t
}

// maxCASReasons is how many reason, amount and quantity triplets one CAS segment holds.
const maxCASReasons = 6

// checkOtherPayer adds to errs what keeps claim c's other payer (field f) from a valid file: the
// other payer and subscriber named, one adjudication per line, and every line balanced — the
// other payer's payment and adjustments of a line add up to the line's charge.
func checkOtherPayer(errs *carepath.FieldErrors, f string, c billing.Claim, o *OtherPayer) {
	if o == nil {
		return
	}
	f += ".other_payer"
	if text(o.Payer.Name, 60) == "" || text(o.Payer.ID, 80) == "" {
		errs.Add(f+".payer", "required", "the other payer's name and payer id are required")
	}
	if text(o.Subscriber.Last, 60) == "" || text(o.Subscriber.MemberID, 80) == "" {
		errs.Add(f+".subscriber", "required", "the other coverage's subscriber needs a last name and member id")
	}
	if !slices.Contains([]string{"18", "01", "19", "20", "21", "39", "40", "53", "G8"}, o.Relationship) {
		errs.Add(f+".relationship", "invalid", "use a relationship code such as 18, 01, 19 or G8")
	}
	if len(o.Lines) != len(c.Lines) {
		errs.Add(f+".lines", "count", "the other payer's adjudication has %d lines, the claim %d", len(o.Lines), len(c.Lines))
		return
	}
	for j, l := range o.Lines {
		lf := fmt.Sprintf("%s.lines.%d", f, j)
		sum := l.Paid
		for _, a := range l.Adjustments {
			sum += a.Cents
			if !slices.Contains([]string{billing.GroupContractual, billing.GroupPatient, "OA", "PI", "CR"}, a.Group) || a.Reason == "" {
				errs.Add(lf+".adjustments", "invalid", "an adjustment needs a group (CO, PR, OA, PI, CR) and a reason code")
			}
		}
		if sum != c.Lines[j].Cents {
			errs.Add(lf, "unbalanced", "the other payer's payment and adjustments of line %d make %s, not its charge %s", j+1, sum, c.Lines[j].Cents)
		}
		if _, err := time.Parse(carepath.DateLayout, l.Date); err != nil {
			errs.Add(lf+".date", "date", "the other payer's adjudication date is required as YYYY-MM-DD")
		}
	}
}

// writeOtherPayer writes loops 2320, 2330A and 2330B of claim c's other payer, if any: after
// the claim's 2310 providers and before its first line.
func writeOtherPayer(w *writer, o *OtherPayer) {
	if o == nil {
		return
	}
	filing := o.Payer.FilingIndicator
	if filing == "" {
		filing = "CI"
	}
	resp := o.Subscriber.Responsibility
	if resp == "" {
		resp = "P"
	}
	w.seg("SBR", resp, o.Relationship, text(o.Subscriber.GroupNumber, 50), "", "", "", "", "", filing)
	writeCAS(w, o.Adjustments)
	w.seg("AMT", "D", amount(o.Paid()))
	// Benefits assigned to the provider, and the release of information signed.
	w.seg("OI", "", "", "Y", "", "", "Y")
	s := o.Subscriber
	w.seg("NM1", "IL", "1", text(s.Last, 60), text(s.First, 35), "", "", "", "MI", text(s.MemberID, 80))
	w.seg("NM1", "PR", "2", text(o.Payer.Name, 60), "", "", "", "", "PI", text(o.Payer.ID, 80))
}

// writeLineAdjudication writes loop 2430 of line n (from 0) of a claim with another payer: the
// payer's id, what it paid, the procedure as the line has it (and, institutional, its revenue
// code), the units, its adjustments and the adjudication date.
func writeLineAdjudication(w *writer, format billing.ClaimFormat, o *OtherPayer, l billing.Charge, n int) {
	if o == nil {
		return
	}
	a := o.Lines[n]
	if format == billing.Format837I {
		proc := ""
		if l.Code != "" {
			proc = procedure(l)
		}
		w.seg("SVD", text(o.Payer.ID, 80), amount(a.Paid), proc, l.RevenueCode, fmt.Sprint(l.Units))
	} else {
		w.seg("SVD", text(o.Payer.ID, 80), amount(a.Paid), procedure(l), "", fmt.Sprint(l.Units))
	}
	writeCAS(w, a.Adjustments)
	w.seg("DTP", "573", "D8", d8(a.Date))
}

// writeCAS writes adjustments as CAS segments, one per group in the order the groups first
// appear, each holding up to six reasons (a group with more takes another CAS).
func writeCAS(w *writer, adjustments []billing.Adjustment) {
	var groups []string
	by := map[string][]billing.Adjustment{}
	for _, a := range adjustments {
		if _, ok := by[a.Group]; !ok {
			groups = append(groups, a.Group)
		}
		by[a.Group] = append(by[a.Group], a)
	}
	for _, g := range groups {
		for part := range slices.Chunk(by[g], maxCASReasons) {
			elems := []string{g}
			for _, a := range part {
				elems = append(elems, a.Reason, amount(a.Cents), a.Quantity)
			}
			w.seg("CAS", elems...)
		}
	}
}

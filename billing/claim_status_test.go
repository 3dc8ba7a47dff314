package billing

import (
	"testing"

	"github.com/carepath/carepath"
)

func TestSettledStatus(t *testing.T) {
	co := func(c carepath.Cents) Adjustment { return Adjustment{Group: GroupContractual, Reason: "45", Cents: c} }
	denial := func(c carepath.Cents) Adjustment { return Adjustment{Group: GroupContractual, Reason: "50", Cents: c} }
	oa := func(c carepath.Cents) Adjustment { return Adjustment{Group: GroupOther, Reason: "23", Cents: c} }
	pi := func(c carepath.Cents) Adjustment {
		return Adjustment{Group: GroupPayerInitiated, Reason: "45", Cents: c}
	}
	pr := func(c carepath.Cents) Adjustment { return Adjustment{Group: GroupPatient, Reason: "2", Cents: c} }
	line := func(billed, paid carepath.Cents, adj ...Adjustment) Posting {
		return Posting{Billed: billed, Paid: paid, Adjustments: adj}
	}
	for _, tt := range []struct {
		name     string
		total    carepath.Cents
		postings []Posting
		denied   bool
		want     ClaimStatus
	}{
		{"paid in full", 600_00, []Posting{line(300_00, 300_00), line(300_00, 300_00)}, false, ClaimPaid},
		{"paid with contractual and coinsurance", 900_00, []Posting{line(300_00, 200_00, co(50_00), pr(50_00)),
			line(300_00, 200_00, co(50_00), pr(50_00)), line(300_00, 200_00, co(50_00), pr(50_00))}, false, ClaimPaid},
		{"all to the deductible is paid (settled)", 250_00, []Posting{line(250_00, 0, co(50_00), pr(200_00))}, false, ClaimPaid},
		{"paid less with the rest unexplained", 900_00, []Posting{line(300_00, 200_00), line(300_00, 200_00), line(300_00, 200_00)},
			false, ClaimPartiallyPaid},
		{"paid less with part of the rest contractual", 300_00, []Posting{line(300_00, 150_00, co(50_00))}, false, ClaimPartiallyPaid},
		{"paid less with the rest another adjustment (OA)", 300_00, []Posting{line(300_00, 200_00, oa(100_00))}, false, ClaimPartiallyPaid},
		{"paid less with a payer-initiated reduction (PI)", 600_00, []Posting{line(300_00, 250_00, co(50_00)),
			line(300_00, 200_00, pi(100_00))}, false, ClaimPartiallyPaid},
		{"one line of two not answered", 600_00, []Posting{line(300_00, 300_00)}, false, ClaimPartiallyPaid},
		{"one line denied, one paid", 600_00, []Posting{line(300_00, 250_00, co(50_00)), line(300_00, 0, denial(300_00))},
			false, ClaimPartiallyPaid},
		{"every line denied", 600_00, []Posting{line(300_00, 0, denial(300_00)), line(300_00, 0, denial(300_00))}, false, ClaimDenied},
		{"nothing paid, nothing adjusted", 300_00, []Posting{line(300_00, 0)}, false, ClaimDenied},
		{"no line answered", 300_00, nil, false, ClaimDenied},
		{"the payer says denied", 300_00, []Posting{line(300_00, 0, denial(300_00))}, true, ClaimDenied},
		{"denied even with a payment posted", 300_00, []Posting{line(300_00, 100_00)}, true, ClaimDenied},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := SettledStatus(tt.total, tt.postings, tt.denied); got != tt.want {
				t.Errorf("SettledStatus = %s, want %s", got, tt.want)
			}
		})
	}
}

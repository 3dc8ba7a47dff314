package billing

import (
	"testing"
)

func TestBalances(t *testing.T) {
	charges := []AccountCharge{
		{ID: "x1", ClientID: "c1", Date: "2026-03-02", Cents: 20000, PayerID: "aetna"},
		{ID: "x2", ClientID: "c1", Date: "2026-03-03", Cents: 6000, PayerID: "aetna"},
		{ID: "x3", ClientID: "c1", Date: "2026-03-04", Cents: 6000, PayerID: "aetna"}, // no remittance yet
		{ID: "x4", ClientID: "c2", Date: "2026-03-02", Cents: 15000},                  // self-pay
	}
	postings := []Posting{
		{ChargeID: "x1", Paid: 12000, Adjustments: []Adjustment{{Group: "CO", Reason: "45", Cents: 5000}, {Group: "PR", Reason: "2", Cents: 3000}}},
		{ChargeID: "x2", Paid: 0, Adjustments: []Adjustment{{Group: "PR", Reason: "1", Cents: 6000}}},
	}
	payments := []ClientPayment{{ClientID: "c1", Date: "2026-03-20", Cents: 4000}, {ClientID: "c2", Date: "2026-03-02", Cents: 15000}}
	got := Balances(charges, postings, payments)
	want := []Balance{
		// c1: $320 charged; payer paid $120, wrote off $50; client owes $30 + $60, paid $40 → $50 due; $60 awaits the payer.
		{ClientID: "c1", Charged: 32000, InsurancePaid: 12000, WrittenOff: 5000, ClientOwed: 9000, ClientPaid: 4000, ClientBalance: 5000, AwaitingPayer: 6000, UnpostedCharges: 1},
		{ClientID: "c2", Charged: 15000, ClientOwed: 15000, ClientPaid: 15000},
	}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if postings[0].PatientResponsibility() != 3000 || postings[0].WrittenOff() != 5000 {
		t.Error("posting sums")
	}
}

// TestBalancesCoordinatesSecondary counts a charge billed to the primary and then the secondary
// payer once: before the secondary posts, the primary's client share awaits it; after, the
// client owes the secondary's client share, both payments count, and the rest is written off.
// A charge billed twice to one payer (a denied claim billed again) is counted once too.
func TestBalancesCoordinatesSecondary(t *testing.T) {
	charges := []AccountCharge{
		{ID: "x1", ClientID: "c1", Cents: 30000, PayerID: "acme"},
		{ID: "x1", ClientID: "c1", Cents: 30000, PayerID: "beacon"},
		{ID: "x2", ClientID: "c1", Cents: 6000, PayerID: "acme"},
		{ID: "x2", ClientID: "c1", Cents: 6000, PayerID: "acme"},
	}
	primary := Posting{ChargeID: "x1", PayerID: "acme", Paid: 20000, Adjustments: []Adjustment{{Group: "CO", Reason: "45", Cents: 5000}, {Group: "PR", Reason: "2", Cents: 5000}}}
	got := Balances(charges, []Posting{primary}, nil)
	want := Balance{ClientID: "c1", Charged: 36000, InsurancePaid: 20000, WrittenOff: 5000, AwaitingPayer: 5000 + 6000, UnpostedCharges: 2}
	if len(got) != 1 || got[0] != want {
		t.Errorf("before the secondary posts: %+v\nwant %+v", got, want)
	}
	secondary := Posting{ChargeID: "x1", PayerID: "beacon", Paid: 3000, Adjustments: []Adjustment{{Group: "OA", Reason: "23", Cents: 25000}, {Group: "PR", Reason: "2", Cents: 2000}}}
	got = Balances(charges, []Posting{primary, secondary}, nil)
	want = Balance{ClientID: "c1", Charged: 36000, InsurancePaid: 23000, WrittenOff: 5000, ClientOwed: 2000, ClientBalance: 2000, AwaitingPayer: 6000, UnpostedCharges: 1}
	if len(got) != 1 || got[0] != want {
		t.Errorf("after the secondary posts: %+v\nwant %+v", got, want)
	}
}

// TestBalancesAfterADenialBilledAgain: a charge the payer denied on one claim and the clinic
// billed again on another awaits the payer again, the denial's write-off gone; once the payer
// pays the second claim, only what it said there counts.
func TestBalancesAfterADenialBilledAgain(t *testing.T) {
	charges := []AccountCharge{
		{ID: "x1", ClientID: "c1", Cents: 30000, PayerID: "acme", ClaimID: "B1C0001"},
		{ID: "x2", ClientID: "c1", Cents: 6000, PayerID: "acme", ClaimID: "B1C0001"},
	}
	denial := []Posting{
		{ChargeID: "x1", ClaimID: "B1C0001", PayerID: "acme", Adjustments: []Adjustment{{Group: "CO", Reason: "16", Cents: 30000}}},
		{ChargeID: "x2", ClaimID: "B1C0001", PayerID: "acme", Adjustments: []Adjustment{{Group: "CO", Reason: "16", Cents: 6000}}},
	}
	check := func(when string, charges []AccountCharge, postings []Posting, want Balance) {
		t.Helper()
		want.ClientID = "c1"
		if got := Balances(charges, postings, nil); len(got) != 1 || got[0] != want {
			t.Errorf("%s: %+v\nwant %+v", when, got, want)
		}
	}
	check("denied", charges, denial, Balance{Charged: 36000, WrittenOff: 36000})
	// The first charge is billed again (its note was corrected); the second is left written off.
	charges = append(charges, AccountCharge{ID: "x1", ClientID: "c1", Cents: 30000, PayerID: "acme", ClaimID: "B2C0001"})
	check("billed again", charges, denial, Balance{Charged: 36000, WrittenOff: 6000, AwaitingPayer: 30000, UnpostedCharges: 1})
	paid := Posting{ChargeID: "x1", ClaimID: "B2C0001", PayerID: "acme", Paid: 20000,
		Adjustments: []Adjustment{{Group: "CO", Reason: "45", Cents: 5000}, {Group: "PR", Reason: "2", Cents: 5000}}}
	check("paid", charges, append(denial, paid), Balance{Charged: 36000, InsurancePaid: 20000, WrittenOff: 11000, ClientOwed: 5000, ClientBalance: 5000})
}

package x12

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/billing"
)

func knownRemittance(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/known_batch.835")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParse835(t *testing.T) {
	rs, err := Parse835(knownRemittance(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 {
		t.Fatalf("%d remittances", len(rs))
	}
	r := rs[0]
	if r.Total != 40100 || r.Date != "2026-04-03" || r.Trace != "EFT20260403001" || r.PayerName != "AETNA" || r.PayerID != "60054" ||
		r.PayeeNPI != npiClinic || r.Method != "ACH" || r.InterchangeControl != "000000771" || len(r.Claims) != 3 ||
		len(r.ProviderAdjust) != 1 || r.ProviderAdjust[0] != (ProviderAdjustment{Reason: "WO", Ref: "OVERPAY2025", Cents: 1000}) {
		t.Errorf("remittance %+v", r)
	}
	c := r.Claims[0]
	if c.Segment != 15 || c.ClaimID != "B7C0001" || c.Status != "1" || c.Charge != 49500 || c.Paid != 20000 || c.PatientResponsibility != 5000 || len(c.Lines) != 4 {
		t.Errorf("claim %+v", c)
	}
	l := c.Lines[1]
	if l.Segment != 25 || l.Code != "90853" || !slices.Equal(l.Modifiers, []string{"95"}) || l.Charge != 6000 || l.Paid != 4000 || l.Date != "2026-03-03" ||
		l.ControlNumber != "B7C0001-2" || l.Allowed != 5000 || len(l.Adjustments) != 2 || l.Adjustments[1] != (billing.Adjustment{Group: "PR", Reason: "2", Cents: 1000}) {
		t.Errorf("line %+v", l)
	}
	if d := r.Claims[0].Lines[3]; d.Units != 0 || !slices.Equal(d.Remarks, []string{"N115"}) {
		t.Errorf("denied line %+v", d)
	}
	if a := r.Claims[1].Lines[1].Adjustments; len(a) != 3 || a[2] != (billing.Adjustment{Group: "PR", Reason: "2", Cents: 1400}) {
		t.Errorf("two reasons in one CAS: %+v", a)
	}
	if !strings.Contains(r.String(), "$401") && !strings.Contains(r.String(), "401") {
		t.Errorf("summary %q", r.String())
	}
}

// TestRemittancePostsToKnownBatch posts the hand-made 835 to the batch it answers and checks the
// balances, computed by hand from the file:
//
//	Ana (B7C0001, $495 charged):
//	  90837 $200: paid $120, CO-45 $50 written off, PR-2 coinsurance $30
//	  90853 $60:  paid $40,  CO-45 $10, PR-2 $10
//	  90853 $60:  paid $40,  CO-45 $10, PR-2 $10
//	  90847 $175: denied, CO-50 $175 (not medically necessary)
//	  → paid $200, written off $245, owes $50; she has paid $20 → balance $30. Claim partially paid.
//	Ben (B7C0002, $520 charged):
//	  90791 $250: paid $0,   CO-45 $50, PR-1 deductible $200
//	  90834 $150: paid $56,  CO-45 $30, PR-1 $50, PR-2 $14
//	  99213 $120: paid $80,  CO-45 $20, PR-2 $20 (no REF*6R: matched on code, date and charge)
//	  → paid $136, written off $100, owes $284. Claim paid.
//	ZZ9999 ($150, paid $75) was never sent: listed as unmatched (segment 64).
//	The payment: $200 + $136 + $75 less a $10 overpayment recovery = $401.
func TestRemittancePostsToKnownBatch(t *testing.T) {
	b := knownBatch(t)
	rs, err := Parse835(knownRemittance(t))
	if err != nil {
		t.Fatal(err)
	}
	var claims []billing.Claim
	var charges []billing.AccountCharge
	for _, cp := range b.Claims {
		claims = append(claims, cp.Claim)
		for _, l := range cp.Claim.Lines {
			charges = append(charges, l.Account("aetna"))
		}
	}
	res := Post(rs[0], claims)
	if len(res.Postings) != 7 || len(res.Unanswered) != 0 {
		t.Fatalf("postings %d, unanswered %v", len(res.Postings), res.Unanswered)
	}
	if len(res.Unmatched) != 1 || res.Unmatched[0].Segment != 64 || res.Unmatched[0].ClaimID != "ZZ9999" || res.Unmatched[0].Paid != 7500 ||
		!strings.Contains(res.Unmatched[0].Describe(), "no claim with this id was sent") {
		t.Errorf("unmatched %+v", res.Unmatched)
	}
	want := []ClaimOutcome{
		{ClaimID: "B7C0001", Status: billing.ClaimPartiallyPaid, Paid: 20000, PatientResponsibility: 5000, PayerClaimControl: "PAYERCTRL1"},
		{ClaimID: "B7C0002", Status: billing.ClaimPaid, Paid: 13600, PatientResponsibility: 28400, PayerClaimControl: "PAYERCTRL2"},
	}
	if !slices.Equal(res.Claims, want) {
		t.Errorf("claims %+v", res.Claims)
	}
	for _, p := range res.Postings {
		if p.Date != "2026-04-03" || p.Reference != "EFT20260403001" || p.PayerID != "aetna" {
			t.Errorf("posting %+v", p)
		}
	}
	if p := res.Postings[6]; p.ChargeID != "ben-3" || p.Paid != 8000 || p.Allowed != 10000 {
		t.Errorf("the line without a control number matched %+v", p)
	}
	balances := billing.Balances(charges, res.Postings, []billing.ClientPayment{{ClientID: "ana", Date: "2026-04-10", Cents: 2000}})
	wantBal := []billing.Balance{
		{ClientID: "ana", Charged: 49500, InsurancePaid: 20000, WrittenOff: 24500, ClientOwed: 5000, ClientPaid: 2000, ClientBalance: 3000},
		{ClientID: "ben", Charged: 52000, InsurancePaid: 13600, WrittenOff: 10000, ClientOwed: 28400, ClientBalance: 28400},
	}
	if !slices.Equal(balances, wantBal) {
		t.Errorf("balances\n got %+v\nwant %+v", balances, wantBal)
	}
}

func TestPostSpreadsClaimLevelPayments(t *testing.T) {
	b := medicareBatch(t)
	claim := b.Claims[0].Claim // 18 lines of $60
	r := Remittance{Date: "2026-04-20", Trace: "T1", Claims: []ClaimPayment{{ClaimID: "M0001", Status: "1", Charge: 108000, Paid: 70000,
		Adjustments: []billing.Adjustment{{Group: "CO", Reason: "45", Cents: 23000}, {Group: "PR", Reason: "2", Cents: 15000}}}}}
	res := Post(r, []billing.Claim{claim})
	var paid, pr, co carepath.Cents
	for _, p := range res.Postings {
		paid += p.Paid
		pr += p.PatientResponsibility()
		co += p.WrittenOff()
	}
	if len(res.Postings) != 18 || paid != 70000 || pr != 15000 || co != 23000 || res.Claims[0].Status != billing.ClaimPaid {
		t.Errorf("spread: %d postings, paid %d, PR %d, CO %d, %s", len(res.Postings), paid, pr, co, res.Claims[0].Status)
	}
	// Part held back under another adjustment group is not settled: partially paid.
	r.Claims[0].Adjustments = []billing.Adjustment{{Group: "CO", Reason: "45", Cents: 23000}, {Group: "OA", Reason: "23", Cents: 15000}}
	if got := Post(r, []billing.Claim{claim}).Claims[0].Status; got != billing.ClaimPartiallyPaid {
		t.Errorf("paid with the rest partly held back (OA) = %s, want partially paid", got)
	}
	// A denial and a reversal.
	r.Claims[0].Status = "4"
	if Post(r, []billing.Claim{claim}).Claims[0].Status != billing.ClaimDenied {
		t.Error("status 4 is a denial")
	}
	r.Claims[0].Status = "22"
	if Post(r, []billing.Claim{claim}).Claims[0].Status != billing.ClaimReversed {
		t.Error("status 22 is a reversal")
	}
}

func TestParse835Errors(t *testing.T) {
	good := string(knownRemittance(t))
	tests := []struct {
		name, from, to, field, says string
	}{
		{"segment count", "SE*66*0001", "SE*65*0001", "segment 68 (SE)", "SE01 says 65 segments but the transaction set has 66"},
		{"SE control", "SE*66*0001", "SE*66*0002", "segment 68 (SE)", "ST02"},
		{"GE control", "GE*1*771", "GE*1*772", "segment 69 (GE)", "GS06"},
		{"GE count", "GE*1*771", "GE*2*771", "segment 69 (GE)", "GE01 says 2"},
		{"IEA control", "IEA*1*000000771", "IEA*1*000000772", "segment 70 (IEA)", "ISA13"},
		{"IEA count", "IEA*1*000000771", "IEA*3*000000771", "segment 70 (IEA)", "IEA01 says 3"},
		{"not an 835", "GS*HP*", "GS*HC*", "segment 2 (GS)", "GS01"},
		{"wrong version", "005010X221A1~\nST", "005010X222A1~\nST", "segment 2 (GS)", "005010X221A1"},
		{"no BPR", "BPR*I*401*C*ACH*CCP*01*999999999*DA*123456*1234567890**01*888888888*DA*654321*20260403~\n", "", "segment 4 (TRN)", "begins with a BPR"},
		{"bad amount", "CLP*B7C0001*1*495*200*", "CLP*B7C0001*1*495*2O0*", "segment 15 (CLP)", "not an amount"},
		{"bad status", "CLP*B7C0001*1*", "CLP*B7C0001*9*", "segment 15 (CLP)", "claim status code"},
		{"no claim id", "CLP*B7C0001*", "CLP**", "segment 15 (CLP)", "CLP01"},
		{"bad group code", "CAS*CO*50*175", "CAS*XX*50*175", "segment 39 (CAS)", "CO, PR, OA, PI and CR"},
		{"unbalanced line", "CAS*CO*50*175", "CAS*CO*50*170", "segment 37 (SVC)", "adjustments add up to 170"},
		{"unbalanced claim", "CLP*B7C0001*1*495*200*50", "CLP*B7C0001*1*490*200*50", "segment 15 (CLP)", "the claim charge 490"},
		{"unbalanced payment", "BPR*I*401*", "BPR*I*400*", "segment 4 (BPR)", "BPR02 is 400"},
		{"bad date", "*654321*20260403~", "*654321*20261303~", "segment 4 (BPR)", "BPR16"},
		{"no trace", "TRN*1*EFT20260403001*1234567890~\n", "", "segment 14 (CLP)", "required TRN"},
		{"no payee", "N1*PE*HARBOR BEHAVIORAL HEALTH*XX*1003000126~\n", "", "segment 14 (CLP)", "N1*PE (the payee)"},
		{"service outside a claim", "LX*1~\nCLP*B7C0001*1*495*200*50*12*PAYERCTRL1*11*1~\n", "LX*1~\n", "segment 18 (SVC)", "outside a claim payment"},
		{"misaligned ISA", "ISA*00*          *00", "ISA*00*  *00", "segment 1 (ISA)", "usable delimiters"},
		{"no IEA", "IEA*1*000000771~\n", "", "segment 69 (GE)", "IEA"},
		{"junk segment id", "LX*1~", "lx*1~", "segment 14", "not a segment id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := strings.Replace(good, tt.from, tt.to, 1)
			if bad == good {
				t.Fatalf("the edit %q did not apply", tt.from)
			}
			if tt.to == "" || tt.name == "service outside a claim" {
				// A segment was removed: keep SE01 right so the check under test is reached.
				bad = strings.Replace(bad, "SE*66*0001", "SE*65*0001", 1)
			}
			_, err := Parse835([]byte(bad))
			fs := carepath.ErrorFields(err)
			if carepath.ErrorCode(err) != carepath.EINVALID || len(fs) != 1 || fs[0].Field != tt.field || !strings.Contains(fs[0].Message, tt.says) {
				t.Errorf("got %v, want %s saying %q", err, tt.field, tt.says)
			}
			if e := carepath.ErrorMessage(err); !strings.HasPrefix(e, "The remittance file could not be read") {
				t.Errorf("message %q", e)
			}
		})
	}
}

func TestParse835Truncated(t *testing.T) {
	for _, in := range []string{"", "ISA*00*~", "hello", strings.Repeat("x", 200)} {
		_, err := Parse835([]byte(in))
		if fs := carepath.ErrorFields(err); len(fs) != 1 || fs[0].Field != "segment 1 (ISA)" || !strings.Contains(fs[0].Message, "106-character") {
			t.Errorf("%q: %v", in, err)
		}
	}
}

// FuzzParse835 feeds arbitrary bytes to the 835 reader: it must never panic, every error must be
// EINVALID naming a segment, and what it accepts must balance.
func FuzzParse835(f *testing.F) {
	good, _ := os.ReadFile("testdata/known_batch.835")
	f.Add(good)
	f.Add([]byte(strings.ReplaceAll(string(good), "\n", "")))
	f.Add([]byte("ISA*00*          *00*          *ZZ*A              *ZZ*B              *260402*0930*^*00501*000000001*0*T*:~IEA*0*000000001~"))
	f.Add([]byte(strings.Replace(string(good), "CLP*ZZ9999", "CLP*B7C0001", 1)))
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, err := Parse835(data)
		if err != nil {
			fs := carepath.ErrorFields(err)
			if carepath.ErrorCode(err) != carepath.EINVALID || len(fs) != 1 || !strings.HasPrefix(fs[0].Field, "segment") && fs[0].Field != "file" {
				t.Fatalf("error %v does not name a segment", err)
			}
			return
		}
		for _, r := range rs {
			var paid, plb carepath.Cents
			for _, c := range r.Claims {
				paid += c.Paid
			}
			for _, p := range r.ProviderAdjust {
				plb += p.Cents
			}
			if paid-plb != r.Total {
				t.Fatalf("accepted an unbalanced payment: %+v", r)
			}
			Post(r, nil) // posting what was read never panics
		}
	})
}

package billing

import (
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath"
)

func testProvider() Provider {
	return Provider{Name: "Harbor Behavioral Health", NPI: npiClinic, TaxID: "12-3456789", Phone: "(555) 010-0199",
		Address: Address{Line1: "100 Main St", City: "Springfield", State: "IL", Zip: "62701"}}
}

func TestGoodFaithEstimate(t *testing.T) {
	table := testTable(Format837P, true)
	g, err := BuildGoodFaithEstimate(EstimateInput{Number: "GFE-1", IssuedOn: "2026-03-01", Client: Person{Name: "Ana Lopez", BirthDate: "1990-05-04"},
		Provider: testProvider(), Diagnoses: []DiagnosisLine{{"F33.1", "Major depressive disorder, recurrent, moderate"}},
		Recommended: carepath.LevelIOP, Alternatives: []carepath.Level{carepath.LevelOutpatient, carepath.LevelPHP, carepath.LevelIOP}, Table: table})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Options) != 3 {
		t.Fatalf("options: %+v", g.Options)
	}
	// IOP, the default schedule (3 days a week for 6 weeks = 18 days): 90791 $250 + 18 × S9480 $300 = $5,650.
	iop := g.Options[0]
	if iop.Level != carepath.LevelIOP || !iop.Recommended || !iop.OfferedHere || iop.Total != 25000+18*30000 || len(iop.Items) != 2 ||
		iop.Items[1].Code != "S9480" || iop.Items[1].Units != 18 {
		t.Errorf("IOP option: %+v", iop)
	}
	// Outpatient: 90791 + 16 weekly 90834 at $150 = $2,650.
	out := g.Options[1]
	if out.Recommended || !out.OfferedHere || out.Total != 25000+16*15000 || out.Items[1].Code != "90834" {
		t.Errorf("outpatient option: %+v", out)
	}
	// PHP is not on this program's table: carepath's typical price, marked as not offered here.
	php := g.Options[2]
	if php.OfferedHere || php.Total != 20*50000 || !strings.Contains(php.Note, "does not offer this level") {
		t.Errorf("PHP option: %+v", php)
	}
	text := ""
	for _, d := range g.Disclosures {
		text += d.Title + " " + d.Text + " "
	}
	for _, must := range []string{"not a contract", "$400", "120 calendar days", "www.cms.gov/nosurprises", "1-800-985-3059", "Keep a copy", "not part of this estimate"} {
		if !strings.Contains(text, must) {
			t.Errorf("the disclosures must say %q", must)
		}
	}
	if len(g.SeparateItems) == 0 {
		t.Error("the estimate lists what it does not include")
	}

	// Itemized IOP when the table bills each service: 18 days × 3 groups + 6 weekly sessions.
	table.PerDiem = false
	g, _ = BuildGoodFaithEstimate(EstimateInput{IssuedOn: "2026-03-01", Client: Person{Name: "A"}, Provider: testProvider(), Recommended: carepath.LevelIOP, Table: table})
	var codes []string
	for _, it := range g.Options[0].Items {
		codes = append(codes, it.Code)
	}
	if !slices.Equal(codes, []string{"90791", "90853", "90834"}) || g.Options[0].Items[1].Units != 54 || g.Options[0].Total != 25000+54*6000+6*15000 {
		t.Errorf("itemized IOP: %+v", g.Options[0])
	}
}

func TestGoodFaithEstimateErrors(t *testing.T) {
	_, err := BuildGoodFaithEstimate(EstimateInput{Provider: Provider{NPI: "1", TaxID: "x"}})
	got := fieldsOf(t, err)
	for _, f := range []string{"client.name", "issued_on", "provider.npi", "provider.tax_id", "recommended"} {
		if !slices.Contains(got, f) {
			t.Errorf("missing %s in %v", f, got)
		}
	}
}

func TestSuperbill(t *testing.T) {
	run := Charges([]Event{
		{ID: "b", ClientID: "c1", Kind: EventIndividual, Date: "2026-03-09", Minutes: 55, NoteSigned: true, RenderingNPI: npiClinician},
		{ID: "a", ClientID: "c1", Kind: EventAssessment, Date: "2026-03-02", Minutes: 60, NoteSigned: true, RenderingNPI: npiClinician},
		{ID: "c", ClientID: "c1", Kind: EventIndividual, Date: "2026-03-16", Minutes: 55, NoteSigned: false},
	}, testTable(Format837P, false))
	s := BuildSuperbill("SB-1", "2026-03-31", testProvider(), Person{Name: "Ana Lopez", BirthDate: "1990-05-04"}, "Aetna", "W123",
		[]DiagnosisLine{{"F33.1", "x"}, {"F41.1", "y"}}, run.Charges,
		[]ClientPayment{{ClientID: "c1", Date: "2026-03-09", Cents: 3000, Method: "card"}, {ClientID: "c1", Date: "2026-03-02", Cents: 2000, Method: "cash"}})
	if len(s.Payments) != 2 || s.Payments[0].Date != "2026-03-02" || s.Paid != 5000 {
		t.Errorf("payments = %+v, paid %d; want both by date, 50.00", s.Payments, s.Paid)
	}
	if len(s.Lines) != 2 || s.Lines[0].Code != "90791" || s.Lines[1].Code != "90837" || s.Lines[0].DiagnosisRefs != "A,B" ||
		s.Total != 45000 || s.BalanceDue != 40000 || s.Statement == "" {
		t.Errorf("got %+v", s)
	}
}

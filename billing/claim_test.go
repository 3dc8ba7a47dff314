package billing

import (
	"fmt"
	"slices"
	"testing"

	"github.com/carepath/carepath"
)

func claimInput() ClaimInput {
	run := Charges([]Event{
		{ID: "e1", ClientID: "c1", Kind: EventIndividual, Date: "2026-03-02", Minutes: 55, NoteSigned: true, RenderingNPI: npiClinician},
		{ID: "e2", ClientID: "c1", Kind: EventGroup, Date: "2026-03-03", Minutes: 60, NoteSigned: true, RenderingNPI: npiClinician, Telehealth: true, ClientAtHome: true},
		{ID: "e3", ClientID: "c1", Kind: EventGroup, Date: "2026-03-04", Minutes: 60, NoteSigned: false},
		{ID: "e4", ClientID: "c1", Kind: EventGroup, Date: "2026-03-05", Minutes: 60, NoteSigned: true},
		{ID: "e5", ClientID: "c2", Kind: EventGroup, Date: "2026-03-05", Minutes: 60, NoteSigned: true},
		{ID: "e6", ClientID: "c1", Kind: EventGroup, Date: "2026-04-01", Minutes: 60, NoteSigned: true},
	}, testTable(Format837P, false))
	return ClaimInput{ID: "C0001", ClientID: "c1", PayerID: "aetna", Format: Format837P, From: "2026-03-01", Through: "2026-03-31",
		HasCoverage: true, Charges: run.Charges, Diagnoses: []string{"f331", "F41.1"}, PriorAuthorization: "AUTH-778"}
}

func TestBuildClaim(t *testing.T) {
	claims, err := BuildClaims(claimInput(), testCodes)
	if err != nil {
		t.Fatal(err)
	}
	if len(claims) != 1 {
		t.Fatalf("%d claims", len(claims))
	}
	c := claims[0]
	var ids []string
	for _, l := range c.Lines {
		ids = append(ids, l.ID)
	}
	// e3's note is unsigned (held, listed, not billed); e5 is another client; e6 is April.
	if !slices.Equal(ids, []string{"e1", "e2", "e4"}) || len(c.HeldCharges) != 1 || c.HeldCharges[0].ID != "e3" ||
		c.Total != 20000+6000+6000 || c.From != "2026-03-02" || c.Through != "2026-03-05" || c.Frequency != "1" ||
		c.PlaceOfService != POSOffice || c.Status != ClaimDraft || !slices.Equal(c.Diagnoses, []string{"F33.1", "F41.1"}) {
		t.Errorf("got %+v", c)
	}
}

func TestBuildClaimErrors(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*ClaimInput)
		field string
	}{
		{"no coverage", func(in *ClaimInput) { in.HasCoverage = false }, "coverage"},
		{"no diagnosis", func(in *ClaimInput) { in.Diagnoses = nil }, "diagnoses"},
		{"heading diagnosis", func(in *ClaimInput) { in.Diagnoses = []string{"F33"} }, "diagnoses.0"},
		{"unknown diagnosis", func(in *ClaimInput) { in.Diagnoses = []string{"F33.1", "F99.9"} }, "diagnoses.1"},
		{"too many diagnoses", func(in *ClaimInput) {
			in.Diagnoses = slices.Repeat([]string{"F33.1"}, 13)
		}, "diagnoses"},
		{"period backwards", func(in *ClaimInput) { in.Through = "2026-02-01" }, "through"},
		{"id too long", func(in *ClaimInput) { in.ID = "C000000000000000001" }, "id"},
		{"id with delimiter", func(in *ClaimInput) { in.ID = "C*1" }, "id"},
		{"nothing ready", func(in *ClaimInput) { in.From, in.Through = "2026-05-01", "2026-05-31" }, "charges"},
		{"institutional without bill type", func(in *ClaimInput) { in.Format = Format837I }, "facility_type"},
		{"institutional without status", func(in *ClaimInput) { in.Format, in.FacilityType = Format837I, "13" }, "patient_status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := claimInput()
			tt.edit(&in)
			_, err := BuildClaims(in, testCodes)
			if carepath.ErrorCode(err) != carepath.EINVALID || !slices.Contains(fieldsOf(t, err), tt.field) {
				t.Errorf("got %v, want a field error on %s", err, tt.field)
			}
		})
	}
}

func TestBuildClaimSplitsAtTheLineLimit(t *testing.T) {
	var evs []Event
	for i := range 120 {
		evs = append(evs, Event{ID: fmt.Sprintf("g%03d", i), ClientID: "c1", Kind: EventGroup, Date: addDays("2026-03-01", i/4), Minutes: 60, NoteSigned: true})
	}
	in := claimInput()
	in.Charges, in.From, in.Through = Charges(evs, testTable(Format837P, false)).Charges, "2026-03-01", "2026-03-31"
	claims, err := BuildClaims(in, testCodes)
	if err != nil {
		t.Fatal(err)
	}
	if len(claims) != 3 || claims[0].ID != "C0001-1" || claims[2].ID != "C0001-3" || len(claims[0].Lines) != 50 || len(claims[2].Lines) != 20 ||
		claims[1].From != "2026-03-13" {
		t.Errorf("120 lines on 837P: %d claims, %s %d lines, %s from %s", len(claims), claims[0].ID, len(claims[0].Lines), claims[1].ID, claims[1].From)
	}
}

func TestClaimHoldAndBatch(t *testing.T) {
	a, b := Claim{ID: "a", Status: ClaimDraft}, Claim{ID: "b", Status: ClaimDraft}
	a.Hold(Hold{Rule: "x", Reason: "y", Warning: true})
	b.Hold(Hold{Rule: "x", Reason: "y"})
	if a.Status != ClaimDraft || b.Status != ClaimHeld {
		t.Error("only a hold that is not a warning holds a claim")
	}
	if got := (Batch{Claims: []Claim{a, b}}).Billable(); len(got) != 1 || got[0].ID != "a" {
		t.Errorf("a batch bills only claims not held: %+v", got)
	}
	if (Claim{FacilityType: "13", Frequency: "2"}).BillType() != "132" {
		t.Error("bill type is facility type and frequency")
	}
}

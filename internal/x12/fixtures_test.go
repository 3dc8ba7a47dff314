package x12

import (
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/billing"
)

// The NPIs and tax ids are made up; the NPIs have valid check digits.
const (
	npiClinic    = "1003000126"
	npiClinician = "1234567893"
	npiPhysician = "1245319599"
)

type codes map[string]bool

func (c codes) Billable(code string) bool { return c[code] }

var testCodes = codes{"F33.1": true, "F41.1": true, "F10.20": true, "Z63.72": true, "f331": true}

func clinic() billing.Provider {
	return billing.Provider{Name: "Harbor Behavioral Health", NPI: npiClinic, TaxID: "12-3456789", Phone: "555-010-0199",
		Address: billing.Address{Line1: "100 Main St", Line2: "Suite 2", City: "Springfield", State: "IL", Zip: "62701-1234"}}
}

func prices() map[billing.Service]carepath.Cents {
	return map[billing.Service]carepath.Cents{
		billing.ServicePsychotherapy45: 15000, billing.ServicePsychotherapy60: 20000, billing.ServiceGroup: 6000,
		billing.ServiceFamilyWith: 17500, billing.ServiceAssessment: 25000, billing.ServiceMedication3: 12000,
	}
}

// knownBatch is the professional batch the hand-made 835 in testdata/known_batch.835 answers:
//
//	B7C0001, Ana Lopez (the subscriber), F33.1 and F41.1, authorization AUTH778:
//	  1  2026-03-02  90837     individual 55 min        $200.00
//	  2  2026-03-03  90853 95  group by video, at home   $60.00  (place of service 10)
//	  3  2026-03-05  90853     group                     $60.00
//	  4  2026-03-09  90847     family, client present   $175.00   total $495.00
//	B7C0002, Ben Ortiz, child of the subscriber Carla Ortiz, F10.20 and Z63.72:
//	  1  2026-03-04  90791     assessment               $250.00
//	  2  2026-03-11  90834     individual 40 min        $150.00
//	  3  2026-03-12  99213     medication, level 3      $120.00  (rendered by the physician)
//	                                                             total $520.00
func knownBatch(t testing.TB) Batch837 {
	t.Helper()
	table := billing.RateTable{ProgramID: "p1", Format: billing.Format837P, Prices: prices()}
	run := billing.Charges([]billing.Event{
		{ID: "ana-1", ClientID: "ana", Kind: billing.EventIndividual, Date: "2026-03-02", Minutes: 55, NoteSigned: true, RenderingNPI: npiClinician},
		{ID: "ana-2", ClientID: "ana", Kind: billing.EventGroup, Date: "2026-03-03", Minutes: 60, NoteSigned: true, RenderingNPI: npiClinician, Telehealth: true, ClientAtHome: true},
		{ID: "ana-3", ClientID: "ana", Kind: billing.EventGroup, Date: "2026-03-05", Minutes: 60, NoteSigned: true, RenderingNPI: npiClinician},
		{ID: "ana-4", ClientID: "ana", Kind: billing.EventFamily, Date: "2026-03-09", Minutes: 50, ClientPresent: true, NoteSigned: true, RenderingNPI: npiClinician},
		{ID: "ben-1", ClientID: "ben", Kind: billing.EventAssessment, Date: "2026-03-04", Minutes: 60, NoteSigned: true, RenderingNPI: npiClinician},
		{ID: "ben-2", ClientID: "ben", Kind: billing.EventIndividual, Date: "2026-03-11", Minutes: 40, NoteSigned: true, RenderingNPI: npiClinician},
		{ID: "ben-3", ClientID: "ben", Kind: billing.EventMedication, Date: "2026-03-12", Minutes: 20, EMCode: "99213", NoteSigned: true, RenderingNPI: npiPhysician},
	}, table)
	if len(run.Skipped) > 0 {
		t.Fatalf("skipped: %+v", run.Skipped)
	}
	build := func(id, client string, dx []string, auth string) billing.Claim {
		cs, err := billing.BuildClaims(billing.ClaimInput{ID: id, ClientID: client, PayerID: "aetna", Format: billing.Format837P,
			From: "2026-03-01", Through: "2026-03-31", HasCoverage: true, Charges: run.Charges, Diagnoses: dx, PriorAuthorization: auth}, testCodes)
		if err != nil || len(cs) != 1 {
			t.Fatalf("claim %s: %v", id, err)
		}
		return cs[0]
	}
	ana := billing.Address{Line1: "12 Elm St", City: "Springfield", State: "IL", Zip: "62704"}
	return Batch837{
		Envelope: Envelope{SenderID: "HARBORBH", ReceiverID: "AETNA", InterchangeControl: 42, GroupControl: 42,
			Created: time.Date(2026, 4, 1, 14, 5, 0, 0, time.UTC)},
		Reference: "B7", Submitter: Party{Name: "Harbor Behavioral Health", ID: "HARBORBH", Contact: Contact{Name: "Billing Office", Phone: "(555) 010-0199"}},
		Receiver:        Party{Name: "Aetna", ID: "60054"},
		BillingProvider: clinic(), Taxonomy: "261QM0801X",
		Payer: Payer{Name: "Aetna", ID: "60054", FilingIndicator: "CI"},
		Claims: []ClaimParties{
			{Claim: build("B7C0001", "ana", []string{"F33.1", "F41.1"}, "AUTH778"),
				Subscriber: Subscriber{Person: Person{Last: "Lopez", First: "Ana", BirthDate: "1990-05-04", Sex: "F", Address: ana}, MemberID: "W100200300", GroupNumber: "G77"}},
			{Claim: build("B7C0002", "ben", []string{"F10.20", "Z63.72"}, ""),
				Subscriber: Subscriber{Person: Person{Last: "Ortiz", First: "Carla", BirthDate: "1975-01-20", Sex: "F", Address: ana}, MemberID: "W555000111"},
				Patient:    &Patient{Person: Person{Last: "Ortiz", First: "Ben", BirthDate: "2009-08-30", Sex: "M", Address: ana}, Relationship: "19"}},
		},
		Clinicians: map[string]Clinician{npiClinician: {NPI: npiClinician, Last: "Rivera", First: "Sam"}, npiPhysician: {NPI: npiPhysician, Last: "Chen", First: "Mei"}},
	}
}

// medicareBatch is an institutional (837I) IOP claim to Medicare: two weeks of itemized group
// therapy (revenue code 0915, HCPCS 90853), bill type 132 (first interim claim), condition code 92.
func medicareBatch(t testing.TB) Batch837 {
	t.Helper()
	table := billing.RateTable{ProgramID: "p1", PayerID: "medicare", Format: billing.Format837I, Prices: prices(), PlaceOfService: billing.POSOutpatientHosp}
	var evs []billing.Event
	for _, monday := range []string{"2026-03-02", "2026-03-09"} {
		d0, _ := time.Parse(carepath.DateLayout, monday)
		for _, off := range []int{0, 2, 4} {
			for g := range 3 {
				evs = append(evs, billing.Event{ID: d0.AddDate(0, 0, off).Format("0102") + string(rune('a'+g)), ClientID: "ana",
					Kind: billing.EventGroup, Date: d0.AddDate(0, 0, off).Format(carepath.DateLayout), Minutes: 65, Track: billing.TrackMentalHealth, NoteSigned: true})
			}
		}
	}
	run := billing.Charges(evs, table)
	cs, err := billing.BuildClaims(billing.ClaimInput{ID: "M0001", ClientID: "ana", PayerID: "medicare", Format: billing.Format837I,
		From: "2026-03-02", Through: "2026-03-13", HasCoverage: true, Charges: run.Charges, Diagnoses: []string{"F33.1", "F41.1"},
		FacilityType: billing.FacilityHospitalOutpatient, Frequency: billing.FrequencyInterimFirst, PatientStatus: "30",
		ConditionCodes: []string{"92"}, AttendingNPI: npiPhysician, AdmissionDate: "2026-03-02"}, testCodes)
	if err != nil {
		t.Fatal(err)
	}
	b := knownBatch(t)
	b.Envelope.ReceiverID, b.Envelope.InterchangeControl, b.Envelope.GroupControl = "MEDICARE", 43, 43
	b.Reference, b.Receiver, b.Payer = "B8", Party{Name: "Medicare", ID: "MAC01"}, Payer{Name: "Medicare Part A", ID: "MAC01", FilingIndicator: "MA"}
	b.Claims = []ClaimParties{{Claim: cs[0], Subscriber: b.Claims[0].Subscriber}}
	return b
}

package apptest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/x12"
)

// Billable is a clinic ready to bill one client: what SeedBillable made.
type Billable struct {
	// Client is Robin Lake, admitted to the Evening IOP ($300 a program day) on 2026-10-26,
	// with a primary diagnosis (F10.20) and coverage with Acme Health (payer id 60054).
	Client *carepath.Client
	// Uncovered is Sam Reed, a client of the same clinician with no coverage.
	Uncovered *carepath.Client
	Payer     *carepath.Payer
	GroupID   string
	// Days are the three program days Robin attended, each with a signed group note.
	Days []string
}

// BillableDays are the days SeedBillable's client attended.
var BillableDays = []string{"2026-10-26", "2026-10-28", "2026-10-30"}

// SeedBillable makes, as the command line, a clinic whose October 2026 can be billed to Acme
// Health: the billing provider set, clinician's client Robin Lake attending a Monday, Wednesday
// and Friday IOP group on BillableDays with clinician's group notes signed, the diagnosis and
// coverage claims need; and Sam Reed, a client with no coverage.
func SeedBillable(t testing.TB, st *store.Store, clinician *carepath.Staff) Billable {
	t.Helper()
	cli := System()
	b := Billable{Days: BillableDays}
	if _, err := store.NewClaimService(st).SetBillingProvider(cli, carepath.BillingProvider{Name: "Harbor Behavioral Health",
		NPI: "1003000126", TaxID: "12-3456789", Address: carepath.PostalAddress{Line1: "100 Main St", City: "Springfield", State: "IL",
			Zip: "62701-1234"}, Phone: "555-010-0199", SubmitterID: "HARBORBH", AttendingNPI: "1245319599", AttendingLast: "Okafor",
		AttendingFirst: "Ada"}); err != nil {
		t.Fatal(err)
	}
	var err error
	if b.Payer, err = store.NewPayerService(st).CreatePayer(cli, carepath.PayerInput{Name: "Acme Health", PayerID: "60054"}); err != nil {
		t.Fatal(err)
	}
	b.Client = &carepath.Client{GivenName: "Robin", FamilyName: "Lake", BirthDate: "1990-04-02", PrimaryClinicianID: clinician.ID}
	b.Uncovered = &carepath.Client{GivenName: "Sam", FamilyName: "Reed", BirthDate: "1985-01-01", PrimaryClinicianID: clinician.ID}
	for _, c := range []*carepath.Client{b.Client, b.Uncovered} {
		if err := store.NewClientService(st).CreateClient(cli, c); err != nil {
			t.Fatal(err)
		}
	}
	programs := store.NewProgramService(st)
	p, err := programs.CreateProgram(cli, carepath.ProgramCreate{Name: "Evening IOP", Level: carepath.LevelIOP, TimeZone: "America/Chicago"})
	if err != nil {
		t.Fatal(err)
	}
	rates := []carepath.Rate{{Service: carepath.RateIOPPerDiem, Cents: 300_00}, {Service: carepath.RateGroupSession, Cents: 60_00}}
	if _, err := programs.UpdateProgramDetails(cli, p.ID, carepath.ProgramDetailsUpdate{Version: 1, Rates: &rates}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewEpisodeService(st).AdmitClient(cli, carepath.EpisodeAdmit{ClientID: b.Client.ID, ProgramID: p.ID, On: b.Days[0]}); err != nil {
		t.Fatal(err)
	}
	groups := store.NewGroupService(st)
	g, err := groups.CreateGroup(cli, carepath.GroupCreate{ProgramID: p.ID, Name: "Process", Type: "process",
		FacilitatorIDs: []string{clinician.ID}, Days: []string{"mon", "wed", "fri"}, StartTime: "18:00", Minutes: 180, StartDate: b.Days[0], Room: "Room 2"})
	if err != nil {
		t.Fatal(err)
	}
	b.GroupID = g.ID
	if _, err := groups.AddGroupMember(cli, g.ID, b.Client.ID, b.Days[0]); err != nil {
		t.Fatal(err)
	}
	for _, day := range b.Days {
		if _, err := store.NewAttendanceService(st).RecordAttendance(cli, g.ID+":"+day, carepath.AttendanceUpdate{
			Records: []carepath.AttendanceRecord{{ClientID: b.Client.ID, Status: "present", Minutes: 180}}}); err != nil {
			t.Fatal(err)
		}
		SignGroupNote(t, st, clinician, g.ID+":"+day, b.Client.ID)
	}
	if _, err := store.NewDiagnosisService(st).AddDiagnosis(cli, b.Client.ID, carepath.DiagnosisInput{Code: "F10.20", Primary: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewCoverageService(st).AddCoverage(cli, b.Client.ID, carepath.CoverageInput{PayerID: "60054", MemberID: "W123",
		GroupID: "G9", PlanYearStart: "2026-01-01", SubscriberAddress: &carepath.PostalAddress{Line1: "12 Elm St", City: "Springfield",
			State: "IL", Zip: "62704"}}); err != nil {
		t.Fatal(err)
	}
	return b
}

// SignGroupNote writes and signs, as clinician, a group note of session (a group occurrence,
// "group:YYYY-MM-DD") naming client as attending: what makes the client's charge of that day
// billable.
func SignGroupNote(t testing.TB, st *store.Store, clinician *carepath.Staff, session, client string) {
	t.Helper()
	notes := store.NewNoteService(st)
	n, err := notes.CreateNote(As(clinician), carepath.NoteInput{Kind: carepath.NoteGroup, Format: carepath.FormatDAP,
		SessionID: session, Sections: map[string]string{"data": "Skills", "assessment": "Engaged", "plan": "Continue"},
		Attendees: []carepath.NoteAttendee{{ClientID: client, Individual: "Took part"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := notes.SignNote(As(clinician), n.ID, n.Revision); err != nil {
		t.Fatal(err)
	}
}

// RemitLine is what a hand-made 835 says of one $300 program day: paid, written off as
// contractual (CO 45), left to the client as coinsurance (PR 2) and held back under another
// adjustment (OA 23, a prior payer's adjudication). The four must add up to $300.
type RemitLine struct {
	Paid, Contractual, Coinsurance, Other carepath.Cents
	// Charge and Code are the line as billed: SeedBillable's program day ($300, H0015) when
	// zero.
	Charge carepath.Cents
	Code   string
}

// Hand835 is an 835 from Acme Health answering claim id's lines, one RemitLine each, for the
// program days of SeedBillable in order (each line names its control number, REF*6R).
func Hand835(id string, lines ...RemitLine) string {
	return hand835(RemitClaim{ID: id, Lines: lines})
}

// RemitClaim is one claim an 835 of hand835 answers: a payment (Reversal false), or the
// payer's reversal of what it paid on the claim (claim status 22, every amount negated), as a
// payer sends when a claim is replaced or voided.
type RemitClaim struct {
	ID       string
	Reversal bool
	Lines    []RemitLine
}

// HandReversal835 is an 835 from Acme Health that reverses what it paid on claim reversed's
// lines and pays claim paid's lines (a replacement's), in one payment.
func HandReversal835(reversed string, was []RemitLine, paid string, now []RemitLine) string {
	return hand835(RemitClaim{ID: reversed, Reversal: true, Lines: was}, RemitClaim{ID: paid, Lines: now})
}

// hand835 writes an 835 answering claims in one payment (BPR02, the claims' payments summed).
func hand835(claims ...RemitClaim) string {
	dollars := func(c carepath.Cents) string {
		if c < 0 {
			return "-" + strings.TrimPrefix(strings.ReplaceAll((-c).String(), ",", ""), "$")
		}
		return strings.TrimPrefix(strings.ReplaceAll(c.String(), ",", ""), "$")
	}
	var total carepath.Cents
	var body []string
	for _, c := range claims {
		status, sign := "1", carepath.Cents(1)
		if c.Reversal {
			status, sign = "22", -1
		}
		var paid, pr, charged carepath.Cents
		c.Lines = slices.Clone(c.Lines)
		for i, l := range c.Lines {
			if l.Charge == 0 {
				l.Charge, l.Code = 300_00, "H0015"
			}
			c.Lines[i] = l
			paid, pr, charged = paid+sign*l.Paid, pr+sign*l.Coinsurance, charged+sign*l.Charge
		}
		total += paid
		body = append(body,
			"CLP*"+c.ID+"*"+status+"*"+dollars(charged)+"*"+dollars(paid)+"*"+dollars(pr)+"*12*PAYERCTRL9*13*1",
			"NM1*QC*1*LAKE*ROBIN****MI*W123")
		for i, l := range c.Lines {
			body = append(body, "SVC*HC:"+l.Code+"*"+dollars(sign*l.Charge)+"*"+dollars(sign*l.Paid)+"*0906*1", "DTM*472*"+strings.ReplaceAll(BillableDays[i], "-", ""))
			if l.Contractual > 0 {
				body = append(body, "CAS*CO*45*"+dollars(sign*l.Contractual))
			}
			if l.Coinsurance > 0 {
				body = append(body, "CAS*PR*2*"+dollars(sign*l.Coinsurance))
			}
			if l.Other > 0 {
				body = append(body, "CAS*OA*23*"+dollars(sign*l.Other))
			}
			body = append(body, "REF*6R*"+x12.LineControlNumber(c.ID, i+1))
		}
	}
	segs := append([]string{
		"ST*835*0001",
		"BPR*I*" + dollars(total) + "*C*ACH*CCP*01*999999999*DA*123456*1234567890**01*888888888*DA*654321*20261110",
		"TRN*1*EFT20261110001*1234567890",
		"N1*PR*ACME HEALTH", "N3*1 PAYER WAY", "N4*HARTFORD*CT*06156", "REF*2U*60054",
		"N1*PE*HARBOR BEHAVIORAL HEALTH*XX*1003000126",
		"LX*1",
	}, body...)
	segs = append(segs, fmt.Sprintf("SE*%d*0001", len(segs)+1))
	head := "ISA*00*          *00*          *ZZ*60054          *ZZ*HARBORBH       *261110*0930*^*00501*000000901*0*P*:~" +
		"GS*HP*60054*HARBORBH*20261110*0930*901*X*005010X221A1~"
	return head + strings.Join(segs, "~") + "~GE*1*901~IEA*1*000000901~"
}

// AddSecondaryPayer makes, as the command line, Beacon Mutual (payer id 70070, 837I) the
// secondary payer of client: member BM-77, plan year 2026, the subscriber at 12 Elm St,
// Springfield, IL.
func AddSecondaryPayer(t testing.TB, st *store.Store, clientID string) *carepath.Payer {
	t.Helper()
	cli := System()
	p, err := store.NewPayerService(st).CreatePayer(cli, carepath.PayerInput{Name: "Beacon Mutual", PayerID: "70070", ClaimFormat: carepath.Claim837I})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewCoverageService(st).AddCoverage(cli, clientID, carepath.CoverageInput{PayerID: "70070", Rank: 2, MemberID: "BM-77",
		PlanYearStart: "2026-01-01", SubscriberAddress: &carepath.PostalAddress{Line1: "12 Elm St", City: "Springfield", State: "IL", Zip: "62704"}}); err != nil {
		t.Fatal(err)
	}
	return p
}

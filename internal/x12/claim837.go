package x12

import (
	"fmt"
	"io"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/billing"
)

// Implementation guide versions.
const (
	Version837P = "005010X222A1"
	Version837I = "005010X223A2"
	Version835  = "005010X221A1"
)

// Envelope is the addressing and control numbers of one interchange. Control numbers come from
// the store, one sequence per sender, so that a payer can tell every file apart.
type Envelope struct {
	SenderQualifier    string    // ISA05, default "ZZ" (mutually defined)
	SenderID           string    // ISA06, up to 15 characters
	ReceiverQualifier  string    // ISA07, default "ZZ"
	ReceiverID         string    // ISA08, up to 15 characters
	ApplicationSender  string    // GS02, default SenderID
	ApplicationReceive string    // GS03, default ReceiverID
	InterchangeControl int       // ISA13 and IEA02, 1–999999999
	GroupControl       int       // GS06 and GE02, 1–999999999
	Production         bool      // ISA15: P, or T for a test file
	Created            time.Time // ISA09/10 and GS04/05, in UTC
}

// Contact is the person a payer calls about a file.
type Contact struct {
	Name  string
	Phone string
	Email string
}

// Party names the submitter (1000A) or receiver (1000B) of a file.
type Party struct {
	Name    string
	ID      string // the ETIN the clearinghouse or payer assigned
	Contact Contact
}

// Payer is who a claim goes to.
type Payer struct {
	Name string
	ID   string // the payer id (NM109 with qualifier PI)
	// FilingIndicator is SBR09: CI commercial, MB Medicare Part B, MA Medicare Part A, MC Medicaid,
	// BL Blue Cross Blue Shield, HM HMO, ZZ unknown.
	FilingIndicator string
}

// Person is a subscriber or patient as the 837 names them.
type Person struct {
	Last, First string
	BirthDate   string // YYYY-MM-DD
	Sex         string // F, M or U
	Address     billing.Address
}

// Subscriber is the insured person of a claim.
type Subscriber struct {
	Person
	MemberID    string
	GroupNumber string
	// Responsibility is SBR01: P primary, S secondary, T tertiary (default P).
	Responsibility string
	// InsuranceType is SBR05 of loop 2000B, sent when Medicare is the destination payer and not
	// the primary: why Medicare pays second (12 working aged, 43 disabled with a large group
	// plan, …).
	InsuranceType string
}

// Patient is the client when someone else is the subscriber.
type Patient struct {
	Person
	// Relationship is PAT01 — the patient to the subscriber: 01 spouse, 19 child, 20 employee,
	// 21 unknown, 39 organ donor, 40 cadaver donor, 53 life partner, G8 other.
	Relationship string
}

// ClaimParties is one claim with the people it is about.
type ClaimParties struct {
	Claim      billing.Claim
	Subscriber Subscriber
	Patient    *Patient // nil when the client is the subscriber
	// OtherPayer is the payer that adjudicated the claim first (on a claim to the secondary
	// payer, the primary); nil when there is none.
	OtherPayer *OtherPayer
}

// Clinician is a rendering or attending clinician, named on the claim by NPI.
type Clinician struct {
	NPI         string
	Last, First string
}

// Batch837 is everything one 837 file holds: the envelope, the submitter and receiver, the
// billing provider, the payer and the claims, all of one format.
type Batch837 struct {
	Envelope        Envelope
	Reference       string // BHT03, the batch id
	Submitter       Party
	Receiver        Party
	BillingProvider billing.Provider
	Taxonomy        string // the billing provider's taxonomy code (PRV03), optional
	Payer           Payer
	Claims          []ClaimParties
	Clinicians      map[string]Clinician // rendering and attending clinicians by NPI
}

// Summary says what a written file holds.
type Summary struct {
	Format             billing.ClaimFormat
	InterchangeControl int
	GroupControl       int
	TransactionControl string
	Segments           int // in the transaction set, ST and SE included
	Claims             int
	Lines              int
	Total              carepath.Cents
}

// LineControlNumber is the line item control number (REF*6R) carepath gives line n (from 1) of a
// claim; the payer returns it on the 835 so the payment finds its line.
func LineControlNumber(claimID string, n int) string { return fmt.Sprintf("%s-%d", claimID, n) }

// Write837 writes b as one X12 interchange holding one 837 transaction of b's format and returns
// what it wrote. It returns an EINVALID error naming the field (e.g. "claims.2.subscriber.member_id")
// when b cannot make a valid file; nothing is written then.
func Write837(out io.Writer, b Batch837) (Summary, error) {
	format, err := check837(b)
	if err != nil {
		return Summary{}, err
	}
	env := b.Envelope
	if env.SenderQualifier == "" {
		env.SenderQualifier = "ZZ"
	}
	if env.ReceiverQualifier == "" {
		env.ReceiverQualifier = "ZZ"
	}
	if env.ApplicationSender == "" {
		env.ApplicationSender = env.SenderID
	}
	if env.ApplicationReceive == "" {
		env.ApplicationReceive = env.ReceiverID
	}
	created := env.Created.UTC()
	usage := "T"
	if env.Production {
		usage = "P"
	}
	version := Version837P
	if format == billing.Format837I {
		version = Version837I
	}
	w := &writer{}
	w.seg("ISA", "00", pad("", 10), "00", pad("", 10), env.SenderQualifier, pad(env.SenderID, 15), env.ReceiverQualifier,
		pad(env.ReceiverID, 15), created.Format("060102"), created.Format("1504"), string(repetitionSep), "00501",
		fmt.Sprintf("%09d", env.InterchangeControl), "0", usage, string(componentSep))
	w.seg("GS", "HC", text(env.ApplicationSender, 15), text(env.ApplicationReceive, 15), created.Format("20060102"),
		created.Format("1504"), fmt.Sprint(env.GroupControl), "X", version)
	const st02 = "0001"
	w.inST = 0
	w.seg("ST", "837", st02, version)
	w.seg("BHT", "0019", "00", text(b.Reference, 30), created.Format("20060102"), created.Format("1504"), "CH")
	writeParties(w, b)
	sum := Summary{Format: format, InterchangeControl: env.InterchangeControl, GroupControl: env.GroupControl, TransactionControl: st02}
	hl := 1
	w.seg("HL", "1", "", "20", "1")
	writeBillingProvider(w, b)
	for _, cp := range b.Claims {
		hl++
		subHL := hl
		child := "0"
		if cp.Patient != nil {
			child = "1"
		}
		w.seg("HL", fmt.Sprint(subHL), "1", "22", child)
		writeSubscriber(w, format, b.Payer, cp)
		if cp.Patient != nil {
			hl++
			w.seg("HL", fmt.Sprint(hl), fmt.Sprint(subHL), "23", "0")
			w.seg("PAT", cp.Patient.Relationship)
			w.seg("NM1", "QC", "1", text(cp.Patient.Last, 60), text(cp.Patient.First, 35))
			writeAddress(w, cp.Patient.Address)
			w.seg("DMG", "D8", d8(cp.Patient.BirthDate), sex(cp.Patient.Sex))
		}
		if format == billing.Format837P {
			writeClaim837P(w, b, cp.Claim, cp.OtherPayer)
		} else {
			writeClaim837I(w, b, cp.Claim, cp.OtherPayer)
		}
		sum.Claims++
		sum.Lines += len(cp.Claim.Lines)
		sum.Total += cp.Claim.Total
	}
	w.seg("SE", fmt.Sprint(w.inST+1), st02)
	sum.Segments = w.inST
	w.seg("GE", "1", fmt.Sprint(env.GroupControl))
	w.seg("IEA", "1", fmt.Sprintf("%09d", env.InterchangeControl))
	if _, err := io.WriteString(out, w.b.String()); err != nil {
		return Summary{}, fmt.Errorf("write 837: %w", err)
	}
	return sum, nil
}

func writeParties(w *writer, b Batch837) {
	w.seg("NM1", "41", "2", text(b.Submitter.Name, 60), "", "", "", "", "46", text(b.Submitter.ID, 80))
	c := b.Submitter.Contact
	per := []string{"IC", text(c.Name, 60)}
	if p := onlyDigits(c.Phone); p != "" {
		per = append(per, "TE", p)
	}
	if c.Email != "" {
		per = append(per, "EM", text(c.Email, 256))
	}
	w.seg("PER", per...)
	w.seg("NM1", "40", "2", text(b.Receiver.Name, 60), "", "", "", "", "46", text(b.Receiver.ID, 80))
}

func writeBillingProvider(w *writer, b Batch837) {
	if b.Taxonomy != "" {
		w.seg("PRV", "BI", "PXC", text(b.Taxonomy, 50))
	}
	p := b.BillingProvider
	w.seg("NM1", "85", "2", text(p.Name, 60), "", "", "", "", "XX", p.NPI)
	writeAddress(w, p.Address)
	w.seg("REF", "EI", onlyDigits(p.TaxID))
}

func writeAddress(w *writer, a billing.Address) {
	w.seg("N3", text(a.Line1, 55), text(a.Line2, 55))
	w.seg("N4", text(a.City, 30), text(a.State, 2), onlyDigits(a.Zip))
}

func writeSubscriber(w *writer, format billing.ClaimFormat, payer Payer, cp ClaimParties) {
	s := cp.Subscriber
	resp := s.Responsibility
	if resp == "" {
		resp = "P"
	}
	rel := "18" // self
	if cp.Patient != nil {
		rel = ""
	}
	filing := payer.FilingIndicator
	if filing == "" {
		filing = "CI"
	}
	w.seg("SBR", resp, rel, text(s.GroupNumber, 50), "", text(s.InsuranceType, 3), "", "", "", filing)
	w.seg("NM1", "IL", "1", text(s.Last, 60), text(s.First, 35), "", "", "", "MI", text(s.MemberID, 80))
	if cp.Patient == nil {
		writeAddress(w, s.Address)
		w.seg("DMG", "D8", d8(s.BirthDate), sex(s.Sex))
	}
	w.seg("NM1", "PR", "2", text(payer.Name, 60), "", "", "", "", "PI", text(payer.ID, 80))
}

func sex(s string) string {
	switch s {
	case "F", "M":
		return s
	}
	return "U"
}

// writeClaim837P writes loop 2300 and its 2400 lines of a professional claim.
func writeClaim837P(w *writer, b Batch837, c billing.Claim, other *OtherPayer) {
	w.seg("CLM", c.ID, amount(c.Total), "", "", comp(c.PlaceOfService, "B", c.Frequency), "Y", "A", "Y", "Y")
	writeClaimRefs(w, c)
	w.seg("HI", hiDiagnoses(c.Diagnoses, "ABK", "ABF")...)
	rendering := claimRendering(c)
	if rendering != "" {
		writeClinician(w, "82", b.Clinicians, rendering)
	}
	writeOtherPayer(w, other)
	pointers := make([]string, 0, 4)
	for i := range min(len(c.Diagnoses), 4) {
		pointers = append(pointers, fmt.Sprint(i+1))
	}
	for n, l := range c.Lines {
		w.seg("LX", fmt.Sprint(n+1))
		pos := ""
		if l.PlaceOfService != c.PlaceOfService {
			pos = l.PlaceOfService
		}
		w.seg("SV1", procedure(l), amount(l.Cents), "UN", fmt.Sprint(l.Units), pos, "", comp(pointers...))
		w.seg("DTP", "472", "D8", d8(l.Date))
		w.seg("REF", "6R", LineControlNumber(c.ID, n+1))
		if rendering == "" && l.RenderingNPI != "" {
			writeClinician(w, "82", b.Clinicians, l.RenderingNPI)
		}
		writeLineAdjudication(w, billing.Format837P, other, l, n)
	}
}

// writeClaim837I writes loop 2300 and its 2400 lines of an institutional claim.
func writeClaim837I(w *writer, b Batch837, c billing.Claim, other *OtherPayer) {
	w.seg("CLM", c.ID, amount(c.Total), "", "", comp(c.FacilityType, "A", c.Frequency), "", "A", "Y", "Y")
	w.seg("DTP", "434", "RD8", d8(c.From)+"-"+d8(c.Through))
	w.seg("CL1", "", "", c.PatientStatus)
	writeClaimRefs(w, c)
	w.seg("HI", comp("ABK", dx(c.Diagnoses[0])))
	if len(c.Diagnoses) > 1 {
		var others []string
		for _, d := range c.Diagnoses[1:] {
			others = append(others, comp("ABF", dx(d)))
		}
		w.seg("HI", others...)
	}
	if len(c.ConditionCodes) > 0 {
		var cc []string
		for _, k := range c.ConditionCodes {
			cc = append(cc, comp("BG", k))
		}
		w.seg("HI", cc...)
	}
	if c.AttendingNPI != "" {
		writeClinician(w, "71", b.Clinicians, c.AttendingNPI)
	}
	writeOtherPayer(w, other)
	for n, l := range c.Lines {
		w.seg("LX", fmt.Sprint(n+1))
		proc := ""
		if l.Code != "" {
			proc = procedure(l)
		}
		w.seg("SV2", l.RevenueCode, proc, amount(l.Cents), "UN", fmt.Sprint(l.Units))
		w.seg("DTP", "472", "D8", d8(l.Date))
		w.seg("REF", "6R", LineControlNumber(c.ID, n+1))
		writeLineAdjudication(w, billing.Format837I, other, l, n)
	}
}

// writeClaimRefs writes the claim's references of loop 2300 in the implementation guides'
// order: the prior authorization (REF*G1), then the payer's claim control number of the claim
// a replacement or void corrects (REF*F8).
func writeClaimRefs(w *writer, c billing.Claim) {
	if c.PriorAuthorization != "" {
		w.seg("REF", "G1", text(c.PriorAuthorization, 50))
	}
	if c.PayerClaimControl != "" {
		w.seg("REF", "F8", text(c.PayerClaimControl, 50))
	}
}

// hiDiagnoses writes the principal diagnosis with qualifier first and the others with other.
func hiDiagnoses(codes []string, first, other string) []string {
	out := make([]string, len(codes))
	for i, d := range codes {
		q := other
		if i == 0 {
			q = first
		}
		out[i] = comp(q, dx(d))
	}
	return out
}

// procedure is the HC composite: code and up to four modifiers.
func procedure(l billing.Charge) string {
	return comp(append([]string{"HC", l.Code}, l.Modifiers...)...)
}

// claimRendering is the rendering NPI every line shares, or "" when lines differ or have none.
func claimRendering(c billing.Claim) string {
	npi := ""
	for i, l := range c.Lines {
		if i == 0 {
			npi = l.RenderingNPI
		} else if l.RenderingNPI != npi {
			return ""
		}
	}
	return npi
}

func writeClinician(w *writer, entity string, names map[string]Clinician, npi string) {
	c := names[npi]
	w.seg("NM1", entity, "1", text(c.Last, 60), text(c.First, 35), "", "", "", "XX", npi)
}

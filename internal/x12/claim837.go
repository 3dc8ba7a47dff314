package x12

import (
	"fmt"
	"io"
	"slices"
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
			writeClaim837P(w, b, cp.Claim)
		} else {
			writeClaim837I(w, b, cp.Claim)
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
	w.seg("SBR", resp, rel, text(s.GroupNumber, 50), "", "", "", "", "", filing)
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
func writeClaim837P(w *writer, b Batch837, c billing.Claim) {
	w.seg("CLM", c.ID, amount(c.Total), "", "", comp(c.PlaceOfService, "B", c.Frequency), "Y", "A", "Y", "Y")
	if c.PriorAuthorization != "" {
		w.seg("REF", "G1", text(c.PriorAuthorization, 50))
	}
	w.seg("HI", hiDiagnoses(c.Diagnoses, "ABK", "ABF")...)
	rendering := claimRendering(c)
	if rendering != "" {
		writeClinician(w, "82", b.Clinicians, rendering)
	}
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
	}
}

// writeClaim837I writes loop 2300 and its 2400 lines of an institutional claim.
func writeClaim837I(w *writer, b Batch837, c billing.Claim) {
	w.seg("CLM", c.ID, amount(c.Total), "", "", comp(c.FacilityType, "A", c.Frequency), "", "A", "Y", "Y")
	w.seg("DTP", "434", "RD8", d8(c.From)+"-"+d8(c.Through))
	w.seg("CL1", "", "", c.PatientStatus)
	if c.PriorAuthorization != "" {
		w.seg("REF", "G1", text(c.PriorAuthorization, 50))
	}
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
	for n, l := range c.Lines {
		w.seg("LX", fmt.Sprint(n+1))
		proc := ""
		if l.Code != "" {
			proc = procedure(l)
		}
		w.seg("SV2", l.RevenueCode, proc, amount(l.Cents), "UN", fmt.Sprint(l.Units))
		w.seg("DTP", "472", "D8", d8(l.Date))
		w.seg("REF", "6R", LineControlNumber(c.ID, n+1))
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

// check837 validates a batch before anything is written and returns its format.
func check837(b Batch837) (billing.ClaimFormat, error) {
	var errs carepath.FieldErrors
	e := b.Envelope
	if e.InterchangeControl < 1 || e.InterchangeControl > 999_999_999 {
		errs.Add("envelope.interchange_control", "range", "an interchange control number is 1–999999999")
	}
	if e.GroupControl < 1 || e.GroupControl > 999_999_999 {
		errs.Add("envelope.group_control", "range", "a group control number is 1–999999999")
	}
	if text(e.SenderID, 15) == "" || len(e.SenderID) > 15 {
		errs.Add("envelope.sender_id", "format", "the sender id is 1–15 characters")
	}
	if text(e.ReceiverID, 15) == "" || len(e.ReceiverID) > 15 {
		errs.Add("envelope.receiver_id", "format", "the receiver id is 1–15 characters")
	}
	if e.Created.IsZero() {
		errs.Add("envelope.created", "required", "the file needs its creation time")
	}
	if text(b.Reference, 30) == "" {
		errs.Add("reference", "required", "the batch reference (BHT03) is required")
	}
	if text(b.Submitter.Name, 60) == "" || text(b.Submitter.ID, 80) == "" {
		errs.Add("submitter", "required", "the submitter's name and id are required")
	}
	if text(b.Submitter.Contact.Name, 60) == "" || onlyDigits(b.Submitter.Contact.Phone) == "" && b.Submitter.Contact.Email == "" {
		errs.Add("submitter.contact", "required", "the submitter's contact needs a name and a phone or email")
	}
	if text(b.Receiver.Name, 60) == "" || text(b.Receiver.ID, 80) == "" {
		errs.Add("receiver", "required", "the receiver's name and id are required")
	}
	p := b.BillingProvider
	if text(p.Name, 60) == "" {
		errs.Add("billing_provider.name", "required", "the billing provider's name is required")
	}
	if !billing.ValidNPI(p.NPI) {
		errs.Add("billing_provider.npi", "format", "the billing provider's NPI is ten digits with a valid check digit")
	}
	if len(onlyDigits(p.TaxID)) != 9 {
		errs.Add("billing_provider.tax_id", "format", "the billing provider's tax id is nine digits")
	}
	if len(onlyDigits(p.Address.Zip)) != 9 || text(p.Address.Line1, 55) == "" || text(p.Address.City, 30) == "" || len(text(p.Address.State, 2)) != 2 {
		errs.Add("billing_provider.address", "format", "the billing provider's address needs a street, city, state and a nine-digit ZIP code")
	}
	if text(b.Payer.Name, 60) == "" || text(b.Payer.ID, 80) == "" {
		errs.Add("payer", "required", "the payer's name and payer id are required")
	}
	if len(b.Claims) == 0 {
		errs.Add("claims", "required", "a batch holds at least one claim")
	}
	var format billing.ClaimFormat
	for i, cp := range b.Claims {
		f := fmt.Sprintf("claims.%d", i)
		c := cp.Claim
		if i == 0 {
			format = c.Format
		} else if c.Format != format {
			errs.Add(f+".format", "mixed", "one file holds claims of one format; this is %s in a %s file", c.Format, format)
		}
		if c.Status == billing.ClaimHeld {
			errs.Add(f, "held", "claim %s is held and cannot be sent", c.ID)
		}
		if c.ID == "" || len(c.ID) > 20 || text(c.ID, 38) != c.ID {
			errs.Add(f+".id", "format", "a claim id is 1–20 upper-case letters, digits and dashes")
		}
		if len(c.Lines) == 0 || len(c.Diagnoses) == 0 {
			errs.Add(f+".lines", "required", "a claim needs lines and a diagnosis")
		}
		var total carepath.Cents
		for j, l := range c.Lines {
			total += l.Cents
			if l.Held() {
				errs.Add(fmt.Sprintf("%s.lines.%d", f, j), "held", "a held charge cannot be billed")
			}
			if format == billing.Format837I && !digitsN(l.RevenueCode, 4) {
				errs.Add(fmt.Sprintf("%s.lines.%d.revenue_code", f, j), "required", "an institutional line needs its four-digit revenue code")
			}
			if format == billing.Format837P && (l.Code == "" || !digitsN(l.PlaceOfService, 2)) {
				errs.Add(fmt.Sprintf("%s.lines.%d.code", f, j), "required", "a professional line needs a procedure code and a place of service")
			}
		}
		if total != c.Total {
			errs.Add(f+".total", "mismatch", "the claim total %s is not the sum of its lines %s", c.Total, total)
		}
		named := func(field, npi string) {
			if n, ok := b.Clinicians[npi]; !ok || text(n.Last, 60) == "" || !billing.ValidNPI(npi) {
				errs.Add(field, "required", "the clinician with NPI %s needs a valid NPI and a name in the batch's clinicians", npi)
			}
		}
		if c.AttendingNPI != "" && format == billing.Format837I {
			named(f+".attending_npi", c.AttendingNPI)
		}
		if format == billing.Format837I && c.AttendingNPI == "" {
			errs.Add(f+".attending_npi", "required", "an institutional claim names its attending physician")
		}
		for j, l := range c.Lines {
			if l.RenderingNPI != "" && format == billing.Format837P {
				named(fmt.Sprintf("%s.lines.%d.rendering_npi", f, j), l.RenderingNPI)
			}
		}
		if format == billing.Format837I && (!digitsN(c.FacilityType, 2) || !digitsN(c.PatientStatus, 2)) {
			errs.Add(f+".facility_type", "required", "an institutional claim needs its facility type and patient status")
		}
		s := cp.Subscriber
		if text(s.MemberID, 80) == "" {
			errs.Add(f+".subscriber.member_id", "required", "the subscriber's member id is required")
		}
		if text(s.Last, 60) == "" {
			errs.Add(f+".subscriber.last", "required", "the subscriber's last name is required")
		}
		people := []Person{s.Person}
		if cp.Patient != nil {
			people = append(people, cp.Patient.Person)
			if !slices.Contains([]string{"01", "19", "20", "21", "39", "40", "53", "G8"}, cp.Patient.Relationship) {
				errs.Add(f+".patient.relationship", "invalid", "use a patient relationship code such as 01, 19 or G8")
			}
		}
		for k, person := range people {
			who := ".subscriber"
			if k == 1 {
				who = ".patient"
			}
			if k == len(people)-1 {
				if _, err := time.Parse(carepath.DateLayout, person.BirthDate); err != nil {
					errs.Add(f+who+".birth_date", "date", "the birth date is required as YYYY-MM-DD")
				}
				if text(person.Address.Line1, 55) == "" || text(person.Address.City, 30) == "" || len(onlyDigits(person.Address.Zip)) < 5 {
					errs.Add(f+who+".address", "required", "the address needs a street, city and ZIP code")
				}
			}
		}
	}
	return format, errs.Err()
}

func digitsN(s string, n int) bool { return len(s) == n && len(onlyDigits(s)) == n }

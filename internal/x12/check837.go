package x12

import (
	"fmt"
	"slices"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/billing"
)

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
		if c.Corrects() && (text(c.PayerClaimControl, 50) == "" || len(c.PayerClaimControl) > 50) {
			errs.Add(f+".payer_claim_control", "required", "a replacement or void carries the payer's claim control number of the claim it corrects (up to 50 characters)")
		}
		if !c.Corrects() && c.PayerClaimControl != "" {
			errs.Add(f+".payer_claim_control", "original", "only a replacement (7) or void (8) carries a payer claim control number")
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
		checkOtherPayer(&errs, f, c, cp.OtherPayer)
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

package billing

import (
	"fmt"
	"slices"
	"strings"
)

// The Medicare intensive outpatient program (IOP) rules, in force for dates of service from
// January 1, 2024 (the CY 2024 OPPS final rule; 42 CFR 410.44 and 424.24(d); the Medicare Claims
// Processing Manual's IOP billing requirements, condition code 92). Each is checked on an
// institutional claim before it leaves; a claim that fails one is held with the rule named.
const (
	RuleIOPBillType       = "medicare_iop.bill_type"
	RuleIOPConditionCode  = "medicare_iop.condition_code_92"
	RuleIOPNotPHP         = "medicare_iop.no_php_condition_code_41"
	RuleIOPLineCoding     = "medicare_iop.revenue_and_hcpcs_on_every_line"
	RuleIOPNoPerDiemCodes = "medicare_iop.itemized_services"
	RuleIOPInPerson       = "medicare_iop.in_person"
	RuleIOPFrequency      = "medicare_iop.frequency_and_patient_status"
	RuleIOPDiagnosis      = "medicare_iop.mental_health_diagnosis"
	RuleIOPCertification  = "medicare_iop.certification_at_admission"
	RuleIOPCertifiedHours = "medicare_iop.certified_hours"
	RuleIOPRecertify      = "medicare_iop.recertification"
	RuleIOPWeeklyHours    = "medicare_iop.nine_hours_a_week"
	RuleIOPLineDates      = "medicare_iop.line_dates_in_period"
)

// Medicare IOP figures.
const (
	// IOPMinMinutesPerWeek is the least a person certified for IOP needs: 9 hours of services a week.
	IOPMinMinutesPerWeek = 9 * 60
	// IOPRecertificationDays is how long a certification covers: recertification is due no less
	// often than every 60 days.
	IOPRecertificationDays = 60
	// PHPMinHoursPerWeek is where partial hospitalization begins: a person certified as needing 20
	// or more hours a week belongs in a PHP, not an IOP.
	PHPMinHoursPerWeek = 20
)

// Certification is a physician's certification (at admission) or recertification that a person
// needs IOP services, and how many hours a week.
type Certification struct {
	Date         string `json:"date"`
	Recertify    bool   `json:"recertification"`
	PhysicianNPI string `json:"physician_npi"`
	HoursPerWeek int    `json:"hours_per_week"`
	Signed       bool   `json:"signed"`
}

// MedicareIOPContext is what the rules need beyond the claim: the episode's admission (and
// discharge) dates, the certifications on file and, optionally, the IOP service minutes of each ISO
// week counted from all attendance (a week split across two claims counts whole). Without it the
// minutes come from the claim's lines.
type MedicareIOPContext struct {
	AdmissionDate  string          `json:"admission_date"`
	DischargeDate  string          `json:"discharge_date,omitempty"`
	Certifications []Certification `json:"certifications"`
	WeeklyMinutes  map[string]int  `json:"weekly_minutes,omitempty"` // "2026-W07" → minutes
}

// iopFacilities are the bill types Medicare pays IOP on under this check: hospital outpatient
// (13x), community mental health center (76x) and critical access hospital (85x). Rural health
// clinics and FQHCs bill IOP under their own payment rules, which this check does not cover.
var iopFacilities = map[string]string{
	FacilityHospitalOutpatient: "hospital outpatient", FacilityCMHC: "community mental health center", FacilityCAH: "critical access hospital",
}

// CheckMedicareIOP returns the holds (and warnings) the Medicare IOP rules put on c. An empty
// result means the claim passes every rule.
func CheckMedicareIOP(c Claim, ctx MedicareIOPContext, codes DiagnosisCodes) []Hold {
	var holds []Hold
	hold := func(rule, format string, args ...any) {
		holds = append(holds, Hold{Rule: rule, Reason: fmt.Sprintf(format, args...)})
	}
	warn := func(rule, format string, args ...any) {
		holds = append(holds, Hold{Rule: rule, Reason: fmt.Sprintf(format, args...), Warning: true})
	}

	if c.Format != Format837I {
		hold(RuleIOPBillType, "Medicare pays IOP on an institutional claim (837I), not a professional one")
	} else if _, ok := iopFacilities[c.FacilityType]; !ok {
		hold(RuleIOPBillType, "an IOP claim's bill type is 13x (hospital outpatient), 76x (community mental health center) or 85x (critical access hospital); this one is %sx", c.FacilityType)
	}
	if !slices.Contains(c.ConditionCodes, "92") {
		hold(RuleIOPConditionCode, "an IOP claim carries condition code 92")
	}
	if slices.Contains(c.ConditionCodes, "41") {
		hold(RuleIOPNotPHP, "condition code 41 marks partial hospitalization; one claim cannot bill PHP and IOP")
	}
	cah := c.FacilityType == FacilityCAH
	for _, l := range c.Lines {
		switch {
		case !revenueCode(l.RevenueCode):
			hold(RuleIOPLineCoding, "the line of %s for %s has no revenue code; every IOP service needs its revenue code and charge", l.Date, l.Label)
		case l.Code == "" && !cah:
			hold(RuleIOPLineCoding, "the line of %s (revenue code %s) has no HCPCS code; Medicare needs one on every IOP line except from a critical access hospital", l.Date, l.RevenueCode)
		}
		if l.Code == DefaultCodings[ServiceIOPDayMentalHealth].Code || l.Code == DefaultCodings[ServiceIOPDaySubstanceUse].Code {
			hold(RuleIOPNoPerDiemCodes, "Medicare does not pay %s; list each IOP service of %s with its own code and Medicare computes the per diem", l.Code, l.Date)
		}
		if l.Telehealth || l.PlaceOfService == POSTelehealthHome || l.PlaceOfService == POSTelehealthOther || slices.Contains(l.Modifiers, "95") {
			hold(RuleIOPInPerson, "the service of %s (%s) was by telehealth; Medicare's IOP benefit pays services furnished in the program, in person", l.Date, l.Label)
		}
		if l.Date < c.From || l.Date > c.Through {
			hold(RuleIOPLineDates, "the line of %s falls outside the claim's period %s–%s", l.Date, c.From, c.Through)
		}
	}
	checkFrequency(c, hold)
	checkDiagnosis(c, codes, hold)
	checkCertification(c, ctx, hold)
	checkWeeklyHours(c, ctx, hold, warn)
	return holds
}

// checkFrequency applies the pairing of bill-type frequency and patient status that interim IOP
// billing uses: an admit-through-discharge or last interim claim ends the stay (status other than
// 30); a first or continuing interim claim leaves the person still a patient (status 30).
func checkFrequency(c Claim, hold func(string, string, ...any)) {
	switch c.Frequency {
	case FrequencyAdmitThroughDischarge, FrequencyInterimLast:
		if c.PatientStatus == "30" {
			hold(RuleIOPFrequency, "bill type %s closes the stay, so the patient status cannot be 30 (still a patient)", c.BillType())
		}
	case FrequencyInterimFirst, FrequencyInterimContinuing:
		if c.PatientStatus != "30" {
			hold(RuleIOPFrequency, "bill type %s is an interim claim, so the patient status must be 30 (still a patient), not %q", c.BillType(), c.PatientStatus)
		}
	case FrequencyReplacement, FrequencyVoid:
	default:
		hold(RuleIOPFrequency, "%q is not a claim frequency code", c.Frequency)
	}
}

// checkDiagnosis requires a billable principal diagnosis from the mental, behavioral and
// neurodevelopmental chapter: the IOP benefit is for a mental disorder, substance use included.
func checkDiagnosis(c Claim, codes DiagnosisCodes, hold func(string, string, ...any)) {
	if len(c.Diagnoses) == 0 {
		hold(RuleIOPDiagnosis, "the claim has no principal diagnosis")
		return
	}
	p := c.Diagnoses[0]
	switch {
	case !codes.Billable(p):
		hold(RuleIOPDiagnosis, "the principal diagnosis %s is not a billable ICD-10-CM code", p)
	case !strings.HasPrefix(strings.ToUpper(p), "F"):
		hold(RuleIOPDiagnosis, "the principal diagnosis %s is not a mental or behavioral disorder (F01–F99); IOP treats a mental disorder, so put that diagnosis first", p)
	}
}

// checkCertification requires a signed physician certification dated on or before admission
// that the person needs 9 to 19 hours a week, and a signed recertification no more than 60 days
// before each date of service.
func checkCertification(c Claim, ctx MedicareIOPContext, hold func(string, string, ...any)) {
	var signed []Certification
	for _, cert := range ctx.Certifications {
		if cert.Signed && cert.Date != "" {
			signed = append(signed, cert)
		}
	}
	slices.SortFunc(signed, func(a, b Certification) int { return strings.Compare(a.Date, b.Date) })
	initial := -1
	for i, cert := range signed {
		if !cert.Recertify && cert.Date <= ctx.AdmissionDate {
			initial = i
		}
	}
	if initial < 0 {
		hold(RuleIOPCertification, "no signed physician certification dated on or before admission (%s) is on file; Medicare pays IOP only when a physician certifies at admission that the person needs at least 9 hours of services a week", ctx.AdmissionDate)
		return
	}
	for _, cert := range signed[initial:] {
		switch {
		case !ValidNPI(cert.PhysicianNPI):
			hold(RuleIOPCertification, "the certification of %s does not carry a valid physician NPI", cert.Date)
		case cert.HoursPerWeek < IOPMinMinutesPerWeek/60:
			hold(RuleIOPCertifiedHours, "the certification of %s states %d hours a week; IOP requires a certified need of at least 9", cert.Date, cert.HoursPerWeek)
		case cert.HoursPerWeek >= PHPMinHoursPerWeek:
			hold(RuleIOPCertifiedHours, "the certification of %s states %d hours a week, which is partial hospitalization (20 or more), not IOP", cert.Date, cert.HoursPerWeek)
		}
	}
	reported := map[string]bool{}
	for _, l := range c.Lines {
		last := ""
		for _, cert := range signed[initial:] {
			if cert.Date <= l.Date {
				last = cert.Date
			}
		}
		if last == "" || reported[last] {
			continue
		}
		if daysBetween(last, l.Date) >= IOPRecertificationDays {
			reported[last] = true
			hold(RuleIOPRecertify, "services from %s on need a physician recertification: the last one (%s) covers %d days, through %s",
				addDays(last, IOPRecertificationDays), last, IOPRecertificationDays, addDays(last, IOPRecertificationDays-1))
		}
	}
}

// checkWeeklyHours holds a claim with an ISO week of fewer than 9 hours of IOP services. The
// weeks of admission and discharge are usually partial and only draw a warning.
func checkWeeklyHours(c Claim, ctx MedicareIOPContext, hold, warn func(string, string, ...any)) {
	minutes := ctx.WeeklyMinutes
	if minutes == nil {
		minutes = map[string]int{}
		for _, l := range c.Lines {
			minutes[isoWeek(l.Date)] += l.Minutes
		}
	}
	var weeks []string
	for _, l := range c.Lines {
		weeks = append(weeks, isoWeek(l.Date))
	}
	slices.Sort(weeks)
	for _, w := range slices.Compact(weeks) {
		m := minutes[w]
		if m >= IOPMinMinutesPerWeek {
			continue
		}
		partial := ctx.AdmissionDate != "" && isoWeek(ctx.AdmissionDate) == w || ctx.DischargeDate != "" && isoWeek(ctx.DischargeDate) == w
		if partial {
			warn(RuleIOPWeeklyHours, "week %s had %s of IOP services, under 9 hours; it is the week of admission or discharge", w, formatMinutes(m))
			continue
		}
		hold(RuleIOPWeeklyHours, "week %s had %s of IOP services; Medicare's IOP benefit is for people who receive at least 9 hours a week", w, formatMinutes(m))
	}
}

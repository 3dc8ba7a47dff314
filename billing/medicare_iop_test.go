package billing

import (
	"slices"
	"strings"
	"testing"
)

// medicareLines is, for each week named by its Monday, three program days (Monday, Wednesday,
// Friday) of itemized IOP services: three groups of 65 minutes a day (90853, revenue code 0915),
// 9 h 45 min a week, all in person.
func medicareLines(weeks ...string) []Charge {
	var out []Charge
	for _, monday := range weeks {
		for _, d := range []int{0, 2, 4} {
			date := addDays(monday, d)
			for i := range 3 {
				c := Charge{ID: date + string(rune('a'+i)), ClientID: "c1", Date: date, Service: ServiceGroup, Label: "Group therapy",
					Code: "90853", RevenueCode: "0915", PlaceOfService: POSOutpatientHosp, Units: 1, UnitCents: 9000, Cents: 9000, Minutes: 65}
				out = append(out, c)
			}
		}
	}
	return out
}

func medicareClaim() (Claim, MedicareIOPContext) {
	c := Claim{ID: "CLM1", ClientID: "c1", PayerID: "medicare", Format: Format837I, From: "2026-03-02", Through: "2026-03-13",
		Diagnoses: []string{"F33.1", "F41.1"}, FacilityType: FacilityHospitalOutpatient, Frequency: FrequencyInterimFirst,
		PatientStatus: "30", ConditionCodes: []string{"92"}, AttendingNPI: npiPhysician,
		Lines: medicareLines("2026-03-02", "2026-03-09"), Status: ClaimDraft}
	ctx := MedicareIOPContext{AdmissionDate: "2026-03-02", Certifications: []Certification{
		{Date: "2026-03-02", PhysicianNPI: npiPhysician, HoursPerWeek: 9, Signed: true},
	}}
	return c, ctx
}

func TestMedicareIOPPassingClaim(t *testing.T) {
	c, ctx := medicareClaim()
	if hs := CheckMedicareIOP(c, ctx, testCodes); len(hs) != 0 {
		t.Fatalf("a sound IOP claim drew holds: %+v", hs)
	}
}

func TestMedicareIOPRules(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Claim, *MedicareIOPContext)
		rule string
		says string
	}{
		{"professional claim", func(c *Claim, _ *MedicareIOPContext) { c.Format = Format837P }, RuleIOPBillType, "institutional claim"},
		{"clinic bill type", func(c *Claim, _ *MedicareIOPContext) { c.FacilityType = "71" }, RuleIOPBillType, "13x"},
		{"no condition code 92", func(c *Claim, _ *MedicareIOPContext) { c.ConditionCodes = nil }, RuleIOPConditionCode, "condition code 92"},
		{"PHP condition code", func(c *Claim, _ *MedicareIOPContext) { c.ConditionCodes = []string{"92", "41"} }, RuleIOPNotPHP, "partial hospitalization"},
		{"line without revenue code", func(c *Claim, _ *MedicareIOPContext) { c.Lines[0].RevenueCode = "" }, RuleIOPLineCoding, "revenue code"},
		{"line without HCPCS", func(c *Claim, _ *MedicareIOPContext) { c.Lines[0].Code = "" }, RuleIOPLineCoding, "HCPCS"},
		{"per-diem code", func(c *Claim, _ *MedicareIOPContext) { c.Lines[0].Code, c.Lines[0].RevenueCode = "S9480", "0905" }, RuleIOPNoPerDiemCodes, "does not pay S9480"},
		{"H0015", func(c *Claim, _ *MedicareIOPContext) { c.Lines[0].Code = "H0015" }, RuleIOPNoPerDiemCodes, "H0015"},
		{"telehealth line", func(c *Claim, _ *MedicareIOPContext) {
			c.Lines[0].Telehealth, c.Lines[0].PlaceOfService, c.Lines[0].Modifiers = true, POSTelehealthHome, []string{"95"}
		}, RuleIOPInPerson, "telehealth"},
		{"interim claim discharged", func(c *Claim, _ *MedicareIOPContext) { c.PatientStatus = "01" }, RuleIOPFrequency, "interim claim"},
		{"closing claim still a patient", func(c *Claim, _ *MedicareIOPContext) { c.Frequency = FrequencyAdmitThroughDischarge }, RuleIOPFrequency, "closes the stay"},
		{"bad frequency", func(c *Claim, _ *MedicareIOPContext) { c.Frequency = "9" }, RuleIOPFrequency, "not a claim frequency"},
		{"Z code first", func(c *Claim, _ *MedicareIOPContext) { c.Diagnoses = []string{"Z63.72", "F33.1"} }, RuleIOPDiagnosis, "F01–F99"},
		{"no diagnosis", func(c *Claim, _ *MedicareIOPContext) { c.Diagnoses = nil }, RuleIOPDiagnosis, "no principal diagnosis"},
		{"heading as diagnosis", func(c *Claim, _ *MedicareIOPContext) { c.Diagnoses = []string{"F33"} }, RuleIOPDiagnosis, "not a billable"},
		{"no certification", func(_ *Claim, x *MedicareIOPContext) { x.Certifications = nil }, RuleIOPCertification, "certifies at admission"},
		{"unsigned certification", func(_ *Claim, x *MedicareIOPContext) { x.Certifications[0].Signed = false }, RuleIOPCertification, "no signed"},
		{"certified after admission", func(_ *Claim, x *MedicareIOPContext) { x.Certifications[0].Date = "2026-03-03" }, RuleIOPCertification, "on or before admission (2026-03-02)"},
		{"only a recertification", func(_ *Claim, x *MedicareIOPContext) { x.Certifications[0].Recertify = true }, RuleIOPCertification, "no signed"},
		{"certification without NPI", func(_ *Claim, x *MedicareIOPContext) { x.Certifications[0].PhysicianNPI = "" }, RuleIOPCertification, "physician NPI"},
		{"certified for 6 hours", func(_ *Claim, x *MedicareIOPContext) { x.Certifications[0].HoursPerWeek = 6 }, RuleIOPCertifiedHours, "at least 9"},
		{"certified for 20 hours", func(_ *Claim, x *MedicareIOPContext) { x.Certifications[0].HoursPerWeek = 20 }, RuleIOPCertifiedHours, "partial hospitalization"},
		{"recertification overdue", func(c *Claim, x *MedicareIOPContext) {
			// Admission 2026-01-02; the certification covers 60 days, through 2026-03-02; March 3 on needs a recertification.
			x.AdmissionDate, x.Certifications[0].Date = "2026-01-02", "2026-01-02"
		}, RuleIOPRecertify, "services from 2026-03-03 on need a physician recertification"},
		{"short week", func(c *Claim, x *MedicareIOPContext) { c.Lines = c.Lines[:len(c.Lines)-3] }, RuleIOPWeeklyHours, "week 2026-W11 had 6 h 30 min"},
		{"short week from all attendance", func(c *Claim, x *MedicareIOPContext) {
			x.WeeklyMinutes = map[string]int{"2026-W10": 585, "2026-W11": 480}
		}, RuleIOPWeeklyHours, "2026-W11 had 8 h"},
		{"line outside the period", func(c *Claim, x *MedicareIOPContext) { c.Through = "2026-03-12" }, RuleIOPLineDates, "outside the claim's period"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ctx := medicareClaim()
			c.Lines = slices.Clone(c.Lines)
			ctx.Certifications = slices.Clone(ctx.Certifications)
			tt.edit(&c, &ctx)
			hs := CheckMedicareIOP(c, ctx, testCodes)
			found := false
			for _, h := range hs {
				if h.Rule == tt.rule && !h.Warning && strings.Contains(h.Reason, tt.says) {
					found = true
				}
			}
			if !found {
				t.Errorf("want a %s hold saying %q, got %+v", tt.rule, tt.says, hs)
			}
		})
	}
}

func TestMedicareIOPRecertificationKeepsClaimGoing(t *testing.T) {
	c, ctx := medicareClaim()
	ctx.AdmissionDate, ctx.Certifications[0].Date = "2026-01-02", "2026-01-02"
	ctx.Certifications = append(ctx.Certifications, Certification{Date: "2026-03-02", Recertify: true, PhysicianNPI: npiPhysician, HoursPerWeek: 12, Signed: true})
	if hs := CheckMedicareIOP(c, ctx, testCodes); len(hs) != 0 {
		t.Errorf("a recertification on day 60 covers the claim: %+v", hs)
	}
	// The last day a certification covers is day 59 after it; day 60 needs the next one.
	ctx.Certifications = ctx.Certifications[:1]
	ctx.AdmissionDate, ctx.Certifications[0].Date = "2026-01-12", "2026-01-12" // covers through 2026-03-12
	c.Lines = slices.Clone(c.Lines)
	hs := CheckMedicareIOP(c, ctx, testCodes)
	if !slices.Equal(rules(hs), []string{RuleIOPRecertify}) || !strings.Contains(hs[0].Reason, "from 2026-03-13 on") {
		t.Errorf("the 13th is day 60: %+v", hs)
	}
}

func TestMedicareIOPAdmissionWeekIsOnlyWarned(t *testing.T) {
	c, ctx := medicareClaim()
	c.Lines = c.Lines[3:] // the admission week loses Monday: 6 h 30 min
	c.From = c.Lines[0].Date
	ctx.AdmissionDate = "2026-03-04"
	ctx.Certifications[0].Date = "2026-03-04"
	hs := CheckMedicareIOP(c, ctx, testCodes)
	if len(rules(hs)) != 0 || len(hs) != 1 || !hs[0].Warning || hs[0].Rule != RuleIOPWeeklyHours {
		t.Errorf("a short admission week is a warning only: %+v", hs)
	}
}

func TestMedicareIOPCriticalAccessHospitalNeedsNoHCPCS(t *testing.T) {
	c, ctx := medicareClaim()
	c.FacilityType = FacilityCAH
	c.Lines = slices.Clone(c.Lines)
	for i := range c.Lines {
		c.Lines[i].Code = ""
	}
	if hs := CheckMedicareIOP(c, ctx, testCodes); len(hs) != 0 {
		t.Errorf("a CAH lists revenue codes without HCPCS: %+v", hs)
	}
}

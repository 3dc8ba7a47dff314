package billing

import (
	"fmt"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/cost"
)

// Provider is the clinic on an estimate, superbill or claim.
type Provider struct {
	Name    string  `json:"name"`
	NPI     string  `json:"npi"`
	TaxID   string  `json:"tax_id"`
	Address Address `json:"address"`
	Phone   string  `json:"phone,omitempty"`
}

// Address is a postal address.
type Address struct {
	Line1 string `json:"line1"`
	Line2 string `json:"line2,omitempty"`
	City  string `json:"city"`
	State string `json:"state"`
	Zip   string `json:"zip"`
}

// OneLine writes a on one line.
func (a Address) OneLine() string {
	parts := []string{a.Line1}
	if a.Line2 != "" {
		parts = append(parts, a.Line2)
	}
	return strings.Join(parts, ", ") + ", " + a.City + ", " + a.State + " " + a.Zip
}

// Person is the client on an estimate or superbill.
type Person struct {
	Name      string `json:"name"`
	BirthDate string `json:"birth_date"`
}

// DiagnosisLine is a diagnosis code with its description.
type DiagnosisLine struct {
	Code        string `json:"code"`
	Description string `json:"description"`
}

// EstimateItem is one expected service of an estimate.
type EstimateItem struct {
	Label     string         `json:"label"`
	Code      string         `json:"code,omitempty"`
	Units     int            `json:"units"`
	UnitCents carepath.Cents `json:"unit_cents"`
	Cents     carepath.Cents `json:"cents"`
}

// EstimateOption is one level of care, priced as a typical course.
type EstimateOption struct {
	Level       carepath.Level `json:"level"`
	Name        string         `json:"name"`
	Recommended bool           `json:"recommended"`
	OfferedHere bool           `json:"offered_here"` // priced from this program's rates; otherwise a typical range for information
	Course      string         `json:"course"`       // e.g. "3 days a week for 6 weeks"
	Items       []EstimateItem `json:"items"`
	Total       carepath.Cents `json:"total_cents"`
	Note        string         `json:"note,omitempty"`
}

// Disclosure is one notice a good-faith estimate must give, in carepath's words.
type Disclosure struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

// GoodFaithEstimate is the estimate the No Surprises Act entitles an uninsured or self-pay person
// to: who is treating them, the diagnoses, the expected services with their codes and charges for
// the recommended level and the alternatives, and the required notices.
type GoodFaithEstimate struct {
	Number        string           `json:"number"`
	IssuedOn      string           `json:"issued_on"`
	ScheduledFor  string           `json:"scheduled_for,omitempty"`
	Client        Person           `json:"client"`
	Provider      Provider         `json:"provider"`
	Diagnoses     []DiagnosisLine  `json:"diagnoses"`
	Options       []EstimateOption `json:"options"`
	SeparateItems []string         `json:"separate_items"`
	Disclosures   []Disclosure     `json:"disclosures"`
}

// EstimateInput is what an estimate is built from: the client, the program's self-pay rate table,
// the recommended level and the alternatives to price. Schedules defaults to cost.Defaults.
type EstimateInput struct {
	Number       string
	IssuedOn     string
	ScheduledFor string
	Client       Person
	Provider     Provider
	Diagnoses    []DiagnosisLine
	Recommended  carepath.Level
	Alternatives []carepath.Level
	Table        RateTable
	Schedules    map[carepath.Level]cost.Schedule
}

// DisputeThresholdCents is how far a bill must exceed its good-faith estimate, for one provider,
// before the client may start patient-provider dispute resolution: $400.
const DisputeThresholdCents carepath.Cents = 400_00

// BuildGoodFaithEstimate prices the recommended level and each alternative as a typical course. A
// level the program's table prices (outpatient therapy, IOP) is itemized from the table: one
// diagnostic assessment, then weekly individual therapy or IOP program days (per diem, or the
// group and individual sessions of a program week). Other levels are shown as carepath's typical
// price for information and marked as not offered here. It returns EINVALID naming client.name,
// issued_on, provider.npi, provider.tax_id or recommended.
func BuildGoodFaithEstimate(in EstimateInput) (GoodFaithEstimate, error) {
	var errs carepath.FieldErrors
	if strings.TrimSpace(in.Client.Name) == "" {
		errs.Add("client.name", "required", "the estimate names the person it is for")
	}
	if _, err := parseDate(in.IssuedOn); err != nil {
		errs.Add("issued_on", "date", "give the date of issue as YYYY-MM-DD")
	}
	if !ValidNPI(in.Provider.NPI) {
		errs.Add("provider.npi", "format", "the provider's NPI is ten digits with a valid check digit")
	}
	if !digits(strings.ReplaceAll(in.Provider.TaxID, "-", ""), 9) {
		errs.Add("provider.tax_id", "format", "the provider's tax id is nine digits")
	}
	if !in.Recommended.Valid() || in.Recommended == carepath.LevelNone {
		errs.Add("recommended", "invalid", "name the recommended level of care")
	}
	if err := errs.Err(); err != nil {
		return GoodFaithEstimate{}, err
	}
	schedules := in.Schedules
	if schedules == nil {
		schedules = cost.Defaults
	}
	g := GoodFaithEstimate{Number: in.Number, IssuedOn: in.IssuedOn, ScheduledFor: in.ScheduledFor, Client: in.Client,
		Provider: in.Provider, Diagnoses: in.Diagnoses}
	levels := append([]carepath.Level{in.Recommended}, in.Alternatives...)
	seen := map[carepath.Level]bool{}
	for _, l := range levels {
		if seen[l] || l == carepath.LevelNone || !l.Valid() {
			continue
		}
		seen[l] = true
		o := estimateOption(l, schedules[l], in.Table)
		o.Recommended = l == in.Recommended
		g.Options = append(g.Options, o)
	}
	g.SeparateItems = []string{
		"Medication prescribed to you and filled at a pharmacy",
		"Laboratory tests, such as drug screens, billed by the laboratory",
		"Psychiatric or medical visits with clinicians outside this program",
		"Crisis, emergency or hospital care if it becomes necessary",
	}
	g.Disclosures = gfeDisclosures(in.Provider)
	return g, nil
}

// estimateOption prices one level's typical course.
func estimateOption(l carepath.Level, s cost.Schedule, t RateTable) EstimateOption {
	o := EstimateOption{Level: l, Name: l.Name()}
	weeks := s.TypicalWeeks
	add := func(svc Service, units int) bool {
		price, ok := t.Prices[svc]
		if !ok || units <= 0 {
			return false
		}
		c, _ := t.Coding(svc)
		o.Items = append(o.Items, EstimateItem{Label: c.Label, Code: c.Code, Units: units, UnitCents: price, Cents: price * carepath.Cents(units)})
		o.Total += price * carepath.Cents(units)
		return true
	}
	switch l {
	case carepath.LevelOutpatient:
		visits := s.Visits()
		o.Course = fmt.Sprintf("about %d weekly sessions over %d weeks", visits, weeks)
		add(ServiceAssessment, 1)
		if add(ServicePsychotherapy45, visits) || add(ServicePsychotherapy60, visits) || add(ServicePsychotherapy30, visits) {
			o.OfferedHere = true
		}
	case carepath.LevelIOP:
		days := s.Visits()
		o.Course = fmt.Sprintf("%d days a week, about %d hours a week, for %d weeks (%d program days)", s.DaysPerWeek, s.TypicalHours, weeks, days)
		add(ServiceAssessment, 1)
		switch {
		case t.PerDiem && add(ServiceIOPDayMentalHealth, days):
			o.OfferedHere = true
		case add(ServiceGroup, days*max(s.TypicalHours/max(s.DaysPerWeek, 1), 1)):
			add(ServicePsychotherapy45, weeks)
			o.OfferedHere = true
		}
	}
	if !o.OfferedHere {
		o.Items, o.Total = nil, 0
		if s.Rate > 0 {
			n := s.Visits()
			o.Course = fmt.Sprintf("%d %ss over %d weeks", n, s.RateUnit, weeks)
			o.Items = []EstimateItem{{Label: fmt.Sprintf("Typical price per %s (not offered here)", s.RateUnit), Units: n, UnitCents: s.Rate, Cents: s.Rate * carepath.Cents(n)}}
			o.Total = s.Rate * carepath.Cents(n)
		}
		low, high := s.TotalRange()
		o.Note = fmt.Sprintf("This program does not offer this level. A typical course elsewhere costs about %s to %s; ask that provider for their own good-faith estimate.", low, high)
	}
	return o
}

// gfeDisclosures are the notices the No Surprises Act requires on a good-faith estimate, in
// carepath's words.
func gfeDisclosures(p Provider) []Disclosure {
	return []Disclosure{
		{"This is an estimate", "These are the charges we expect for the care listed, based on what we know today. " +
			"It is not a bill and not a contract, and it does not oblige you to receive any of these services from us. " +
			"The care you actually receive, and its charges, may be different."},
		{"Care that is not included", "Your clinicians may recommend more care as treatment goes on. " +
			"Anything scheduled or requested separately, including the items listed under \"Not included\", " +
			"is not part of this estimate; you may ask for an estimate of it."},
		{"If your bill is higher", fmt.Sprintf("If you are billed at least %s more than this estimate by the provider named on it, "+
			"you can ask for the bill to be reviewed through the federal patient-provider dispute resolution process. "+
			"You must start it within 120 calendar days of the date on the bill. Please contact us first at %s; "+
			"we would like to resolve it with you.", DisputeThresholdCents, contact(p))},
		{"Where to learn more", "To learn about your rights, start a dispute or ask questions, visit www.cms.gov/nosurprises " +
			"or call the federal No Surprises Help Desk at 1-800-985-3059."},
		{"Keep this estimate", "Keep a copy of this estimate, or a picture of it, with the bills you receive. " +
			"You are entitled to it because you do not have insurance or are not using it for this care."},
	}
}

func contact(p Provider) string {
	if p.Phone != "" {
		return p.Name + ", " + p.Phone
	}
	return p.Name
}

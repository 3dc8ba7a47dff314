package web

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/cost"
	"github.com/carepath/carepath/instrument"
	"github.com/carepath/carepath/placement"
)

// aidForm is the decision aid's form as submitted: the chosen topics, the raw values (to show
// them again) and the problems found, keyed by form field name.
type aidForm struct {
	Topics []string
	Values url.Values
	Errors map[string]string
}

// chosenTopics reads the topic checkboxes, ignoring unknown values.
func chosenTopics(v url.Values) []string {
	var out []string
	for _, t := range topics {
		for _, got := range v["topic"] {
			if got == t.Value {
				out = append(out, t.Value)
				break
			}
		}
	}
	return out
}

// instrumentsFor lists the questionnaires the chosen topics need, without repeats, in a fixed order.
func instrumentsFor(chosen []string) (ids []instrument.ID, substance bool) {
	want := map[instrument.ID]bool{}
	for _, t := range topics {
		for _, c := range chosen {
			if c == t.Value {
				for _, id := range t.Instruments {
					want[id] = true
				}
				substance = substance || t.Substance
			}
		}
	}
	for _, in := range instrument.All() {
		if want[in.ID] {
			ids = append(ids, in.ID)
		}
	}
	return ids, substance
}

// itemField is the form field of item i (0-based) of a questionnaire, e.g. "phq9_1".
func itemField(id instrument.ID, i int) string { return string(id) + "_" + strconv.Itoa(i+1) }

// parseAid turns the submitted form into a placement profile. Every questionnaire item is
// required; every context question is optional.
func parseAid(v url.Values) (placement.Profile, aidForm) {
	f := aidForm{Topics: chosenTopics(v), Values: v, Errors: map[string]string{}}
	var p placement.Profile
	ids, substance := instrumentsFor(f.Topics)
	if len(ids) == 0 {
		f.Errors["topic"] = "Please choose at least one thing you would like help with."
	}
	for _, id := range ids {
		in, _ := instrument.Get(id)
		answers := make([]int, len(in.Items))
		for i, item := range in.Items {
			name := itemField(id, i)
			raw := v.Get(name)
			n, err := strconv.Atoi(raw)
			if id == instrument.DAST10 {
				n, err = map[string]int{"yes": 0, "no": 1}[raw], nil
				if raw != "yes" && raw != "no" {
					err = strconv.ErrSyntax
				}
			}
			if err != nil || n < 0 || n >= len(item.Options) {
				f.Errors[name] = "Please choose an answer."
				continue
			}
			answers[i] = n
		}
		switch id {
		case instrument.PHQ9:
			p.Answers.PHQ9 = answers
		case instrument.GAD7:
			p.Answers.GAD7 = answers
		case instrument.AUDIT:
			p.Answers.AUDIT = answers
		case instrument.DAST10:
			yes := make([]bool, len(answers))
			for i, a := range answers {
				yes[i] = a == 0
			}
			p.Answers.DAST10 = yes
		}
	}
	if substance {
		t := true
		p.Context.SubstanceUse = &t
	}
	parseContext(v, &p, &f)
	return p, f
}

// parseContext reads the plain questions into the profile's context and coverage.
func parseContext(v url.Values, p *placement.Profile, f *aidForm) {
	c := &p.Context
	c.Sex = carepath.SexUnknown
	for _, sec := range contextSections {
		for _, q := range sec.Questions {
			raw := strings.TrimSpace(v.Get(q.Name))
			if raw == "" {
				continue
			}
			if q.Kind == "choice" && !validChoice(q.Choices, raw) {
				f.Errors[q.Name] = "Please choose one of the answers shown."
				continue
			}
			yes := raw == "yes"
			switch q.Name {
			case "self_harm":
				c.SelfHarm = yes
			case "needs_24h_supervision":
				c.NeedsTwentyFourHourCare = yes
			case "at_risk_of_hospitalization":
				c.AtRiskOfHospitalization = yes
			case "withdrawal":
				c.Withdrawal = placement.Severity(raw)
			case "medical":
				c.MedicalNeeds = placement.Severity(raw)
			case "stable_housing":
				c.StableHousing = &yes
			case "lives_with_active_users":
				c.LivesWithActiveUsers = yes
			case "support":
				c.Support = placement.Support(raw)
			case "trouble_keeping_schedule":
				c.TroubleKeepingSchedule = yes
			case "recent_level":
				c.RecentLevel = carepath.Level(raw)
			case "completed_recent_level":
				c.CompletedRecentLevel = yes
			case "relapsed_after_treatment":
				c.RelapsedAfterTreatment = yes
			case "readiness":
				c.Readiness = placement.Readiness(raw)
			case "must_keep_working":
				c.MustKeepWorking = yes
			case "preference":
				c.Preference = placement.Preference(raw)
			case "sex":
				c.Sex = carepath.Sex(raw)
			case "weekly_hours_available":
				n, err := strconv.Atoi(raw)
				if err != nil || n < 0 || n > 168 {
					f.Errors[q.Name] = "Please give a whole number of hours from 0 to 168."
					continue
				}
				c.WeeklyHoursAvailable = &n
			default:
				parseCoverage(q, raw, p, f)
			}
		}
	}
}

// parseCoverage reads one insurance field; amounts are typed in dollars and stored in cents.
func parseCoverage(q question, raw string, p *placement.Profile, f *aidForm) {
	if p.Coverage == nil {
		p.Coverage = &cost.Coverage{}
	}
	if q.Kind == "percent" {
		n, err := strconv.Atoi(strings.TrimSuffix(raw, "%"))
		if err != nil || n < 0 || n > 100 {
			f.Errors[q.Name] = "Please give a whole percentage from 0 to 100."
			return
		}
		p.Coverage.CoinsurancePercent = &n
		return
	}
	cents, ok := parseDollars(raw)
	if !ok {
		f.Errors[q.Name] = "Please give an amount in dollars, for example 1500 or 1,500.00."
		return
	}
	switch q.Name {
	case "deductible_remaining":
		p.Coverage.DeductibleRemaining = &cents
	case "copay":
		p.Coverage.Copay = &cents
	case "out_of_pocket_remaining":
		p.Coverage.OutOfPocketRemaining = &cents
	}
}

// parseDollars reads "1,500", "$1500.5" or "1500.50" as cents; negative or malformed amounts fail.
func parseDollars(s string) (carepath.Cents, bool) {
	s = strings.ReplaceAll(strings.TrimPrefix(strings.TrimSpace(s), "$"), ",", "")
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" {
		whole = "0"
	}
	d, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || d < 0 || d > 10_000_000 || (hasFrac && (len(frac) == 0 || len(frac) > 2)) {
		return 0, false
	}
	c := int64(0)
	if hasFrac {
		if len(frac) == 1 {
			frac += "0"
		}
		if c, err = strconv.ParseInt(frac, 10, 64); err != nil || c < 0 {
			return 0, false
		}
	}
	return carepath.Cents(d*100 + c), true
}

func validChoice(choices []choice, v string) bool {
	for _, c := range choices {
		if c.Value == v {
			return true
		}
	}
	return false
}

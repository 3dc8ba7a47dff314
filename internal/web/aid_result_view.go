package web

import (
	"strconv"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
	"github.com/carepath/carepath/placement"
)

// resultView is the view model of the result page: a short summary at the top, in plain words,
// and the details below it, folded.
type resultView struct {
	page
	Rec         placement.Recommendation
	Format      string // how the level is delivered
	Why         string // the strongest reason
	Cost        string // one line
	Withdrawal  string // the withdrawal management setting, "" when none is needed
	Cautions    []string
	Others      []otherLevelsView // why not the other levels, levels with the same reason together
	Scores      []scoreView
	Dimensions  []dimensionView
	Practical   practicalView
	Hidden      []hiddenField // every answer, for the forms of the page
	ProfileJSON string
	Intake      intakeForm
}

// otherLevelsView is why the levels named were not recommended.
type otherLevelsView struct{ Names, Why string }

type scoreView struct {
	Name, Result, Band, Extra, Attribution string
}

type dimensionView struct {
	Name, Basis string
	Rating      int
}

// practicalView is the optional form that fits the result to a person's week and insurance.
type practicalView struct {
	Hours            textFieldView
	Work, Preference string
	Insurance        []textFieldView
	Hidden           []hiddenField // every other answer
	Summary          []errorLink
	Open             bool // shown unfolded: it was just sent with a problem
}

// textFieldView is one text field of the optional form.
type textFieldView struct {
	ID, Name, Label, Hint, Value, Error, InputMode string
}

// intakeForm is what the intake request form shows: what was typed, and the problems.
type intakeForm struct {
	Name, Email, Phone, BestTimes string
	Consent                       bool
	Errors                        map[string]string
	Summary                       []errorLink
	ConsentText                   string
}

// levelFormats say how each level is delivered, in plain words.
var levelFormats = map[carepath.Level]string{
	carepath.LevelNone:        "No program now; a first conversation with a clinician can still help.",
	carepath.LevelOutpatient:  "Sessions with one therapist, fitted around your week.",
	carepath.LevelIOP:         "Usually about 3 hours a day on 3 to 5 days a week, mostly in small groups, while you live at home.",
	carepath.LevelPHP:         "Most of the day, 5 days a week, at a hospital or clinic; not overnight.",
	carepath.LevelResidential: "You live at the program for a while, with staff there day and night.",
	carepath.LevelInpatient:   "A stay in a hospital or medical unit, with doctors and nurses there day and night.",
}

// resultPage builds the result page for rec and the answers a.
func resultPage(rec placement.Recommendation, a aidAnswers, practicalErrs map[string]string, in intakeForm, profileJSON string) resultView {
	v := resultView{page: page{Title: "Your result: " + rec.LevelName, Crisis: rec.Crisis}, Rec: rec,
		Format: levelFormats[rec.Level], ProfileJSON: profileJSON, Intake: in,
		Hidden: carried(a, map[string]bool{}), Practical: practicalForm(a, practicalErrs)}
	v.Intake.ConsentText = carepath.IntakeConsentText
	coverage, _ := practicalAnswers(a, &placement.Context{})
	v.Cost = costLine(rec, coverage != nil)
	if len(rec.Reasons) > 0 {
		v.Why = rec.Reasons[0].Text
	}
	if rec.WithdrawalManagement != placement.WMNone {
		for _, l := range placement.WithdrawalManagementLevels {
			if l.Level == rec.WithdrawalManagement {
				v.Withdrawal = l.Name + "."
			}
		}
	}
	for _, f := range rec.Flags {
		if f.Code == "do_not_stop_abruptly" {
			v.Cautions = append(v.Cautions, f.Text)
		}
	}
	for _, sv := range rec.Services {
		if sv.Code == "naloxone" { // in full below, with the other services
			v.Cautions = append(v.Cautions, "Carry naloxone (for example Narcan nasal spray) and make sure the people you live with have it: it reverses an opioid overdose.")
		}
	}
	for _, nr := range rec.NotRecommended {
		if n := len(v.Others); n > 0 && v.Others[n-1].Why == nr.Why {
			v.Others[n-1].Names += ", " + nr.Name
			continue
		}
		v.Others = append(v.Others, otherLevelsView{Names: nr.Name, Why: nr.Why})
	}
	v.Scores = scoreViews(rec.Scores)
	for _, dr := range rec.Dimensions.All() {
		v.Dimensions = append(v.Dimensions, dimensionView{Name: dr.Name, Basis: dr.Basis, Rating: dr.Rating})
	}
	return v
}

// costLine is the cost of the recommended level in one line, with where the figures come from.
func costLine(rec placement.Recommendation, insured bool) string {
	for _, o := range rec.Options {
		if o.Fit != "recommended" {
			continue
		}
		if o.Total == 0 {
			return "A first consultation is often free or low-cost."
		}
		weeks := "a typical " + strconv.Itoa(o.Weeks.Typical) + " weeks"
		if o.Weeks.Typical == 1 {
			weeks = "a typical week"
		}
		if insured {
			return "About " + o.ClientPays.String() + " for you with your insurance, of about " + o.Total.String() +
				" in total for " + weeks + " (" + o.Source + ")."
		}
		return "About " + o.Total.String() + " for " + weeks + " if you pay yourself (" + o.Source + ")."
	}
	return ""
}

// scoreViews lists the score of every questionnaire that was asked, and only those.
func scoreViews(sc placement.Scores) []scoreView {
	var out []scoreView
	for _, in := range instrument.All() {
		s := sc.Get(in.ID)
		if s == nil {
			continue
		}
		v := scoreView{Name: in.Name, Result: strconv.Itoa(s.Total) + " of " + strconv.Itoa(in.MaxTotal), Band: s.BandLabel(),
			Attribution: in.Attribution}
		if in.ID == instrument.CSSRS {
			v.Result = "—"
		}
		if len(s.Critical) > 0 && in.ID == instrument.PHQ9 {
			v.Extra = "Question 9 (thoughts of being better off dead or of self-harm) needs attention today."
		}
		out = append(out, v)
	}
	if s := sc.SingleDrugScreen; s != nil {
		ds := instrument.SingleDrugScreen
		out = append(out, scoreView{Name: ds.Name, Result: strconv.Itoa(s.Total) + " times in the past year", Band: s.BandLabel(),
			Attribution: ds.Attribution})
	}
	return out
}

// practicalForm fills the optional form with what was typed.
func practicalForm(a aidAnswers, errs map[string]string) practicalView {
	text := func(name, label, hint, mode string) textFieldView {
		return textFieldView{ID: "p-" + name, Name: name, Label: label, Hint: hint, Value: a.get(name), Error: errs[name], InputMode: mode}
	}
	v := practicalView{Work: a.get("must_keep_working"), Preference: a.get("preference"), Open: len(errs) > 0,
		Hours: text("weekly_hours_available", "About how many hours a week could you give to treatment?", "A whole number from 0 to 168.", "numeric"),
		Insurance: []textFieldView{
			text("deductible_remaining", "Deductible still to pay this year", "", "decimal"),
			text("coinsurance_percent", "Your coinsurance (the percent you pay after the deductible)", "A whole number from 0 to 100.", "numeric"),
			text("copay", "Copay per visit or day", "", "decimal"),
			text("out_of_pocket_remaining", "Out-of-pocket maximum still to reach this year", "", "decimal"),
		}}
	skip := map[string]bool{}
	for _, f := range practicalFields {
		skip[f] = true
		if msg := errs[f]; msg != "" {
			v.Summary = append(v.Summary, errorLink{"p-" + f, msg})
		}
	}
	v.Hidden = carried(a, skip)
	return v
}

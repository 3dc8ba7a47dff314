package fhir

import (
	"strconv"
	"strings"

	"github.com/carepath/carepath/instrument"
	"github.com/carepath/carepath/internal/fhir/r4"
	"github.com/carepath/carepath/outcome"
)

// form is a questionnaire carepath scores, as FHIR sees it: one of the instruments, or the
// substance-use check-in (carepath's own three numbers, not a validated instrument).
type form struct {
	id           string // carepath's id, as measures name it
	fid          string // the FHIR id: carepath's with '-' for '_' (ids take no '_')
	name         string // computer-friendly, e.g. PHQ9
	title        string
	instructions string
	attribution  string
	panel        string // the panel's LOINC code, "" when there is none
	in           *instrument.Instrument
	items        []formItem
}

// formItem is one question: a choice among options, or a whole number from min to max.
// follows names the item a "Yes" to which asks this one; unasked, it is answered "No".
type formItem struct {
	key     string
	text    string
	loinc   string
	follows string
	options []formOption
	min     int
	max     int
}

// formOption is one answer choice with its coding and the points it scores.
type formOption struct {
	label  string
	points int
	coding r4.Coding
}

// loincAnswers are the LOINC answer codes of the options carepath's instruments share with
// LOINC's answer lists (LL358-3 for the PHQ-9 and GAD-7 scale, LL2179-1, LL2180-9 and LL2181-7
// for the AUDIT, and yes/no), by option label. Options not listed get a carepath answer code.
var loincAnswers = map[string]r4.Coding{
	"Not at all":              {Code: "LA6568-5", Display: "Not at all"},
	"Several days":            {Code: "LA6569-3", Display: "Several days"},
	"More than half the days": {Code: "LA6570-1", Display: "More than half the days"},
	"Nearly every day":        {Code: "LA6571-9", Display: "Nearly every day"},
	"Never":                   {Code: "LA6270-8", Display: "Never"},
	"Monthly or less":         {Code: "LA18926-8", Display: "Monthly or less"},
	"2 to 4 times a month":    {Code: "LA18927-6", Display: "2-4 times a month"},
	"2 to 3 times a week":     {Code: "LA18928-4", Display: "2-3 times a week"},
	"4 or more times a week":  {Code: "LA18929-2", Display: "4 or more times a week"},
	"1 or 2":                  {Code: "LA15694-5", Display: "1 or 2"},
	"3 or 4":                  {Code: "LA15695-2", Display: "3 or 4"},
	"5 or 6":                  {Code: "LA18930-0", Display: "5 or 6"},
	"7 to 9":                  {Code: "LA18931-8", Display: "7 to 9"},
	"10 or more":              {Code: "LA18932-6", Display: "10 or more"},
	"Less than monthly":       {Code: "LA18933-4", Display: "Less than monthly"},
	"Monthly":                 {Code: "LA18876-5", Display: "Monthly"},
	"Weekly":                  {Code: "LA18891-4", Display: "Weekly"},
	"Daily or almost daily":   {Code: "LA18934-2", Display: "Daily or almost daily"},
	"Yes":                     {Code: "LA33-6", Display: "Yes"},
	"No":                      {Code: "LA32-8", Display: "No"},
}

// checkInID is the id of the check-in form.
const checkInID = string(outcome.CheckInID)

// allForms lists the forms in their customary order; byForm finds one by carepath's id and
// byFHIRID by its FHIR id.
var allForms, byForm, byFHIRID = buildForms()

func buildForms() ([]*form, map[string]*form, map[string]*form) {
	var list []*form
	for _, in := range instrument.All() {
		f := &form{id: string(in.ID), fid: strings.ReplaceAll(string(in.ID), "_", "-"),
			name: strings.NewReplacer("-", "", " ", "", "–", "").Replace(in.Name), title: in.Title,
			instructions: in.Instructions, attribution: in.Attribution, panel: in.PanelLOINC, in: in}
		for _, it := range in.Items {
			fi := formItem{key: it.Key, text: it.Text, loinc: it.LOINC, follows: it.Follows}
			for j, o := range it.Options {
				c, ok := loincAnswers[o.Label]
				if ok {
					c.System = sysLOINC
				} else {
					c = r4.Coding{System: sysAnswer, Code: f.id + "." + it.Key + "." + strconv.Itoa(j), Display: o.Label}
				}
				fi.options = append(fi.options, formOption{label: o.Label, points: o.Points, coding: c})
			}
			f.items = append(f.items, fi)
		}
		list = append(list, f)
	}
	ci := &form{id: checkInID, fid: checkInID, name: "CheckIn", title: "Substance use check-in",
		instructions: "Three numbers about the last days and weeks.",
		attribution:  "carepath's own tracking questions for clients treated for substance use; not a validated instrument."}
	for _, q := range outcome.CheckInQuestions {
		ci.items = append(ci.items, formItem{key: q.Key, text: q.Text, min: q.Min, max: q.Max})
	}
	list = append(list, ci)
	by, byFID := map[string]*form{}, map[string]*form{}
	for _, f := range list {
		by[f.id], byFID[f.fid] = f, f
	}
	return list, by, byFID
}

// url is the form's canonical URL.
func (f *form) url() string { return questionnaireBase + f.fid }

// questionnaireURL is the canonical URL of the form of a measure's instrument.
func questionnaireURL(instrument string) string {
	if f := byForm[instrument]; f != nil {
		return f.url()
	}
	return questionnaireBase + strings.ReplaceAll(instrument, "_", "-")
}

// formOfURL returns the form a QuestionnaireResponse's questionnaire names: carepath's
// canonical URL or any URL or reference ending in Questionnaire/<id>, or LOINC's form URL of
// the panel (http://loinc.org/q/44249-1), each optionally with |version.
func formOfURL(s string) *form {
	s, _, _ = strings.Cut(s, "|")
	if panel, ok := strings.CutPrefix(s, "http://loinc.org/q/"); ok {
		for _, f := range allForms {
			if f.panel != "" && f.panel == panel {
				return f
			}
		}
		return nil
	}
	i := strings.LastIndex(s, "Questionnaire/")
	if i < 0 || (i > 0 && s[i-1] != '/') {
		return nil
	}
	return byFHIRID[s[i+len("Questionnaire/"):]]
}

package web

import (
	"strconv"

	"github.com/carepath/carepath/instrument"
)

// topic is one thing a person can ask for help with, and the questionnaire that goes with it.
type topic struct {
	Value, Label string
	Instruments  []instrument.ID
	Substance    bool
}

// topics are offered on the first page, in this order.
var topics = []topic{
	{"mood", "Low mood, depression, losing interest in things", []instrument.ID{instrument.PHQ9}, false},
	{"anxiety", "Worry, anxiety, feeling on edge", []instrument.ID{instrument.GAD7}, false},
	{"alcohol", "Drinking", []instrument.ID{instrument.AUDIT}, true},
	{"drugs", "Drug use (including prescription medicines used other than as prescribed)", []instrument.ID{instrument.DAST10}, true},
	{"unsure", "I'm not sure — ask me about mood, anxiety and drinking", []instrument.ID{instrument.PHQ9, instrument.GAD7, instrument.AUDIT}, true},
}

// choice is one answer to a plain question.
type choice struct{ Value, Label string }

var yesNo = []choice{{"yes", "Yes"}, {"no", "No"}}

// question is one plain-language question that feeds the context of the placement profile.
// Its Name is the form field and, with few exceptions, the JSON context field it fills.
type question struct {
	Name, Label, Hint string
	Kind              string // "choice", "hours" or "money"
	Choices           []choice
	SubstanceOnly     bool
}

// section groups questions under a heading.
type section struct {
	Title     string
	Intro     string
	Questions []question
}

// contextSections are asked after the questionnaires. All are optional: the more a person
// answers, the closer the recommendation fits.
var contextSections = []section{
	{"Safety and health", "", []question{
		{Name: "self_harm", Label: "In the past two weeks, have you had thoughts of hurting yourself or of ending your life?", Kind: "choice", Choices: yesNo},
		{Name: "needs_24h_supervision", Label: "Do you need someone with you around the clock to stay safe or physically well?", Kind: "choice", Choices: yesNo},
		{Name: "at_risk_of_hospitalization", Label: "Have you recently been in hospital, or come close to it, because of your mental health or substance use?", Kind: "choice", Choices: yesNo},
		{Name: "withdrawal", Label: "When you cut down or stop drinking or using, what happens?", Kind: "choice", SubstanceOnly: true, Choices: []choice{
			{"none", "Nothing much"}, {"mild", "I feel unwell or can't sleep for a day or two"},
			{"moderate", "Shaking, sweating, racing heart or strong anxiety"},
			{"severe", "Seizures, seeing or hearing things, or severe shaking — now or in the past"}}},
		{Name: "medical", Label: "Do you have physical health problems that need attention?", Kind: "choice", Choices: []choice{
			{"none", "No"}, {"mild", "Minor, and under control"}, {"moderate", "Yes, they need regular care"}, {"severe", "Yes, they are serious or getting worse"}}},
	}},
	{"Home and support", "", []question{
		{Name: "stable_housing", Label: "Do you have a stable, safe place to live?", Kind: "choice", Choices: yesNo},
		{Name: "lives_with_active_users", Label: "Do you live with people who drink heavily or use drugs?", Kind: "choice", SubstanceOnly: true, Choices: yesNo},
		{Name: "support", Label: "How much support do you have from family, friends or a recovery community?", Kind: "choice", Choices: []choice{
			{"strong", "Strong support"}, {"some", "Some support"}, {"none", "Little or none"}}},
		{Name: "trouble_keeping_schedule", Label: "Is it hard for you to keep to a regular schedule?", Kind: "choice", Choices: yesNo},
	}},
	{"Treatment so far", "", []question{
		{Name: "recent_level", Label: "What treatment have you had in the last few months?", Kind: "choice", Choices: []choice{
			{"none", "None"}, {"outpatient", "Individual therapy"}, {"iop", "An intensive outpatient program (IOP)"},
			{"php", "A partial hospitalization program (day program)"}, {"residential", "Residential treatment"}, {"inpatient", "A hospital stay"}}},
		{Name: "completed_recent_level", Label: "Did you complete it, and did things get better?", Kind: "choice", Choices: yesNo},
		{Name: "relapsed_after_treatment", Label: "After earlier treatment, did the problem come back (a relapse)?", Kind: "choice", Choices: yesNo},
		{Name: "readiness", Label: "How ready do you feel to make changes?", Kind: "choice", Choices: []choice{
			{"ready", "Ready"}, {"unsure", "Unsure"}, {"not_ready", "Not ready yet"}}},
	}},
	{"Your week", "", []question{
		{Name: "weekly_hours_available", Label: "About how many hours a week could you give to treatment?", Hint: "A whole number from 0 to 168.", Kind: "hours"},
		{Name: "must_keep_working", Label: "Do you need to keep working, studying or caring for family during treatment?", Kind: "choice", Choices: yesNo},
		{Name: "preference", Label: "Would you rather talk one-on-one or in a group?", Kind: "choice", Choices: []choice{
			{"individual", "One-on-one"}, {"group", "In a group"}, {"none", "No preference"}}},
		{Name: "sex", Label: "What sex were you assigned at birth?", Hint: "Only used for the drinking questionnaire, whose cut-off differs for women and men.", Kind: "choice", SubstanceOnly: true, Choices: []choice{
			{"female", "Female"}, {"male", "Male"}, {"unknown", "Prefer not to say"}}},
	}},
	{"Insurance (optional)", "Leave blank if you don't know or don't have insurance: we then show the full price. Amounts in dollars.", []question{
		{Name: "deductible_remaining", Label: "Deductible still to pay this year", Kind: "money"},
		{Name: "coinsurance_percent", Label: "Your coinsurance (percent you pay after the deductible)", Hint: "A whole number from 0 to 100.", Kind: "percent"},
		{Name: "copay", Label: "Copay per visit or day", Kind: "money"},
		{Name: "out_of_pocket_remaining", Label: "Out-of-pocket maximum still to reach this year", Kind: "money"},
	}},
}

// questionsView is the view model of the questions page.
type questionsView struct {
	page
	Topics      []string
	Instruments []instrumentView
	Sections    []sectionView
	Errors      []errorLink
}

type instrumentView struct {
	ID, Name, Title, Instructions, Attribution string
	Items                                      []itemView
}

type itemView struct {
	Field, Text, Error string
	Number             int
	Options            []optionView
	SafetyItem         bool // PHQ-9 item 9: answering it shows crisis resources at once
}

type optionView struct {
	ID, Value, Label string
	Checked          bool
}

type sectionView struct {
	Title, Intro string
	Questions    []questionView
}

type questionView struct {
	Field, Label, Hint, Kind, Value, Error string
	Choices                                []optionView
	SafetyItem                             bool
}

// questionsPage builds the questions page for form f, showing what was typed and any errors.
func questionsPage(f aidForm) questionsView {
	v := questionsView{page: page{Title: "A few questions"}, Topics: f.Topics}
	ids, substance := instrumentsFor(f.Topics)
	for _, id := range ids {
		in, _ := instrument.Get(id)
		iv := instrumentView{ID: string(id), Name: in.Name, Title: in.Title, Instructions: in.Instructions, Attribution: in.Attribution}
		for i, item := range in.Items {
			field := itemField(id, i)
			it := itemView{Field: field, Text: item.Text, Number: i + 1, Error: f.Errors[field],
				SafetyItem: id == instrument.PHQ9 && i == 8}
			for j, o := range item.Options {
				val := strconv.Itoa(j)
				if id == instrument.DAST10 {
					val = map[int]string{0: "yes", 1: "no"}[j]
				}
				it.Options = append(it.Options, optionView{ID: field + "-" + val, Value: val, Label: o.Label, Checked: f.Values.Get(field) == val})
			}
			if it.Error != "" {
				v.Errors = append(v.Errors, errorLink{field + "-" + it.Options[0].Value, in.Name + " question " + strconv.Itoa(i+1) + ": " + it.Error})
			}
			if it.SafetyItem && f.Values.Get(field) != "" && f.Values.Get(field) != "0" {
				v.Crisis = true
			}
			iv.Items = append(iv.Items, it)
		}
		v.Instruments = append(v.Instruments, iv)
	}
	for _, sec := range contextSections {
		sv := sectionView{Title: sec.Title, Intro: sec.Intro}
		for _, q := range sec.Questions {
			if q.SubstanceOnly && !substance {
				continue
			}
			qv := questionView{Field: q.Name, Label: q.Label, Hint: q.Hint, Kind: q.Kind, Value: f.Values.Get(q.Name),
				Error: f.Errors[q.Name], SafetyItem: q.Name == "self_harm"}
			for _, c := range q.Choices {
				qv.Choices = append(qv.Choices, optionView{ID: q.Name + "-" + c.Value, Value: c.Value, Label: c.Label, Checked: qv.Value == c.Value})
			}
			if qv.Error != "" {
				anchor := q.Name
				if len(qv.Choices) > 0 {
					anchor = qv.Choices[0].ID
				}
				v.Errors = append(v.Errors, errorLink{anchor, q.Label + " " + qv.Error})
			}
			if qv.SafetyItem && qv.Value == "yes" {
				v.Crisis = true
			}
			sv.Questions = append(sv.Questions, qv)
		}
		v.Sections = append(v.Sections, sv)
	}
	return v
}

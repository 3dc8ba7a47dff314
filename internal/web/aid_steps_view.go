package web

import (
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
)

// The decision aid asks one topic per screen (a step). Short screens come first — the PHQ-2,
// the GAD-2, the AUDIT-C and the single drug-use question — and the rest of a full
// questionnaire follows only when its screen is positive. The self-harm question is always
// asked, and a yes to it or to PHQ-9 question 9 brings the C-SSRS screener next. Which steps a
// person sees is worked out from their answers by aidPath (aid_path_input.go).

// aidQuestion is one question of the decision aid.
type aidQuestion struct {
	Field string // the form field
	Text  string // the question as shown
	Hint  string
	// Kind is "choice" (one answer), "multi" (tick all that apply; "none" stands alone),
	// "count" (a whole number of times) or "age" (a whole number of years).
	Kind     string
	Choices  []choice
	Optional bool
	// Crisis lists the answers that show crisis resources at once (988, 911).
	Crisis []string
}

// choice is one answer to a question.
type choice struct{ Value, Label string }

// aidStep is one screen of the aid: one topic.
type aidStep struct {
	ID          string
	Title       string
	Intro       string // the stem every question of the step shares, or what the step is about
	Attribution string
	// Questions are the step's questions for the answers given so far: a few depend on them
	// (C-SSRS questions 3–5 follow only a yes to question 2; the pregnancy question is asked
	// only where it applies).
	Questions func(a aidAnswers) []aidQuestion
}

var (
	yesNo     = []choice{{"yes", "Yes"}, {"no", "No"}}
	crisisYes = []string{"yes"}
)

// instrumentQuestions are questions from (1-based) through to of instrument id, with fields
// <prefix>_<n> and the options' indices as values ("yes"/"no" for the DAST-10 and C-SSRS).
// The questions whose answers score points are crisis answers on PHQ-9 question 9.
func instrumentQuestions(id instrument.ID, prefix string, from, to int) []aidQuestion {
	in, _ := instrument.Get(id)
	out := make([]aidQuestion, 0, to-from+1)
	for i := from - 1; i < to; i++ {
		item := in.Items[i]
		q := aidQuestion{Field: prefix + "_" + strconv.Itoa(i+1), Text: item.Text, Kind: "choice"}
		for j, o := range item.Options {
			v := strconv.Itoa(j)
			if id == instrument.DAST10 || id == instrument.CSSRS {
				v = map[string]string{"Yes": "yes", "No": "no"}[o.Label]
			}
			q.Choices = append(q.Choices, choice{v, o.Label})
			if item.Critical && o.Points > 0 {
				q.Crisis = append(q.Crisis, v)
			}
		}
		out = append(out, q)
	}
	return out
}

// fixed returns a Questions func that always gives qs.
func fixed(qs ...aidQuestion) func(aidAnswers) []aidQuestion {
	return func(aidAnswers) []aidQuestion { return qs }
}

// The questions that are not part of a questionnaire, in plain words.
var (
	qAge = aidQuestion{Field: "age", Text: "How old are you?", Kind: "age", Optional: true,
		Hint: "In years. Programs for under-18s are different."}
	qSex = aidQuestion{Field: "sex", Text: "What sex were you assigned at birth?", Kind: "choice", Optional: true,
		Hint:    "Only used to score the drinking questions.",
		Choices: []choice{{"female", "Female"}, {"male", "Male"}, {"unknown", "Prefer not to say"}}}
	qSelfHarm = aidQuestion{Field: "self_harm", Kind: "choice", Choices: yesNo, Crisis: crisisYes,
		Text: "In the past 2 weeks, have you had thoughts of hurting yourself or of ending your life?"}
	qCSSRSBehavior = cssrsBehaviorQuestion()
	qDrugScreen    = aidQuestion{Field: "drug_screen", Kind: "count", Text: instrument.SingleDrugScreen.Question,
		Hint: instrument.SingleDrugScreen.Hint}
	qSubstances = aidQuestion{Field: "substances", Kind: "multi", Text: "What do you use now?",
		Hint: "Tick all that apply.", Choices: []choice{
			{"alcohol", "Alcohol"},
			{"sedatives", "Sleeping pills or tranquillisers (for example Xanax, Valium or other benzodiazepines)"},
			{"opioids", "Opioids (for example heroin, fentanyl, oxycodone or other painkillers not taken as prescribed)"},
			{"stimulants", "Stimulants (for example cocaine, meth or amphetamines)"},
			{"cannabis", "Cannabis"},
			{"other", "Something else"},
			{"none", "None of these now"}}}
	qWithdrawal = aidQuestion{Field: "withdrawal", Kind: "choice", Text: "When you cut down or stop, what happens?", Choices: []choice{
		{"none", "Nothing much"}, {"mild", "I feel unwell or can't sleep for a day or two"},
		{"moderate", "Shaking, sweating, a racing heart or strong anxiety"},
		{"severe", "Seizures (fits), seeing or hearing things that are not there, confusion, or severe shaking"}}}
	qWithdrawalHistory = aidQuestion{Field: "withdrawal_history", Kind: "multi",
		Text: "Has stopping ever caused any of these?", Hint: "Tick all that apply.", Choices: []choice{
			{"seizures", "A seizure (fit)"},
			{"delirium_tremens", "Delirium tremens (the DTs): confusion, shaking and seeing things"},
			{"complicated", "Another serious withdrawal, for example a stay in hospital"},
			{"none", "None of these"}}}
	qPregnant = aidQuestion{Field: "pregnant", Kind: "choice", Text: "Are you pregnant, or could you be?",
		Hint: "It changes how to stop safely.", Choices: []choice{{"yes", "Yes, or I might be"}, {"no", "No"}}}
	qNeeds24h = aidQuestion{Field: "needs_24h_supervision", Kind: "choice", Choices: yesNo,
		Text: "Do you need someone with you around the clock to stay safe or physically well?"}
	qHospitalRisk = aidQuestion{Field: "at_risk_of_hospitalization", Kind: "choice", Choices: yesNo,
		Text: "Have you recently been in hospital, or come close to it, because of your mental health or substance use?"}
	qMedical = aidQuestion{Field: "medical", Kind: "choice", Text: "Do you have physical health problems that need attention?",
		Choices: []choice{{"none", "No"}, {"mild", "Minor, and under control"}, {"moderate", "Yes, they need regular care"},
			{"severe", "Yes, they are serious or getting worse"}}}
	qSupport = aidQuestion{Field: "support", Kind: "choice", Text: "How much support do you have from family, friends or a recovery community?",
		Choices: []choice{{"strong", "A lot"}, {"some", "Some"}, {"none", "Little or none"}}}
	qHousing   = aidQuestion{Field: "stable_housing", Kind: "choice", Choices: yesNo, Text: "Do you have a stable, safe place to live?"}
	qWithUsers = aidQuestion{Field: "lives_with_active_users", Kind: "choice", Choices: yesNo,
		Text: "Do you live with people who drink heavily or use drugs?"}
	qRecentLevel = aidQuestion{Field: "recent_level", Kind: "choice", Text: "What treatment have you had in the past few months?",
		Choices: []choice{{"none", "None"}, {"outpatient", "Therapy or counselling"}, {"iop", "An intensive outpatient program (IOP)"},
			{"php", "A day program (partial hospitalization)"}, {"residential", "Residential treatment"}, {"inpatient", "A hospital stay"}}}
	qRelapsed = aidQuestion{Field: "relapsed_after_treatment", Kind: "choice",
		Text:    "Have you had treatment before that helped for a while, and then the problems came back?",
		Choices: []choice{{"yes", "Yes"}, {"no", "No"}, {"never", "I have not had treatment before"}}}
	qReadiness = aidQuestion{Field: "readiness", Kind: "choice", Text: "How ready do you feel to make changes?",
		Choices: []choice{{"ready", "Ready"}, {"unsure", "Unsure"}, {"not_ready", "Not ready yet"}}}
)

// aidSteps are every step the aid can ask, in the order they are asked; aidPath picks those
// that apply.
var aidSteps = []*aidStep{
	{ID: "about", Title: "About you", Intro: "Two quick questions. You can skip them.", Questions: fixed(qAge, qSex)},
	{ID: "mood", Title: "How you have been feeling", Intro: phq9().Instructions, Attribution: phq9().Attribution,
		Questions: fixed(instrumentQuestions(instrument.PHQ9, "phq9", 1, 2)...)},
	{ID: "safety", Title: "Your safety", Questions: fixed(qSelfHarm)},
	{ID: "cssrs", Title: "Thoughts of suicide",
		Intro:       "Thank you for telling us. These questions help a clinician understand how best to help you. They are about the past month.",
		Attribution: cssrsAttribution(), Questions: fixed(instrumentQuestions(instrument.CSSRS, "cssrs", 1, 2)...)},
	{ID: "cssrs_more", Title: "Thoughts of suicide: a few more questions", Intro: "About the past month, unless a question says otherwise.",
		Attribution: cssrsAttribution(), Questions: cssrsMore},
	{ID: "mood_more", Title: "More about your mood", Intro: phq9().Instructions, Attribution: phq9().Attribution,
		Questions: fixed(instrumentQuestions(instrument.PHQ9, "phq9", 3, 9)...)},
	{ID: "anxiety", Title: "Worry and anxiety", Intro: gad7().Instructions, Attribution: gad7().Attribution,
		Questions: fixed(instrumentQuestions(instrument.GAD7, "gad7", 1, 2)...)},
	{ID: "anxiety_more", Title: "More about worry and anxiety", Intro: gad7().Instructions, Attribution: gad7().Attribution,
		Questions: fixed(instrumentQuestions(instrument.GAD7, "gad7", 3, 7)...)},
	{ID: "alcohol", Title: "Drinking alcohol", Intro: drinkIntro, Attribution: auditAttribution(),
		Questions: fixed(instrumentQuestions(instrument.AUDIT, "audit", 1, 3)...)},
	{ID: "alcohol_more", Title: "More about drinking", Intro: drinkIntro, Attribution: auditAttribution(),
		Questions: fixed(instrumentQuestions(instrument.AUDIT, "audit", 4, 10)...)},
	{ID: "drugs", Title: "Drugs and medicines", Attribution: instrument.SingleDrugScreen.Attribution, Questions: fixed(qDrugScreen)},
	{ID: "drugs_more", Title: "More about drug use", Intro: dast10().Instructions, Attribution: dast10().Attribution,
		Questions: fixed(instrumentQuestions(instrument.DAST10, "dast10", 1, 10)...)},
	{ID: "use", Title: "Cutting down or stopping", Questions: useQuestions},
	{ID: "health", Title: "Your health", Questions: fixed(qNeeds24h, qHospitalRisk, qMedical)},
	{ID: "home", Title: "Home and support", Questions: homeQuestions},
	{ID: "treatment", Title: "Treatment so far", Questions: fixed(qRecentLevel, qRelapsed, qReadiness)},
	{ID: "treatment_more", Title: "Your last treatment", Questions: lastTreatmentQuestions},
}

// drinkIntro says what the drinking questions are about, in place of the paper form's "place
// an X in one box".
const drinkIntro = "These questions are about the past year. One drink means a can of beer, a glass of wine or a shot of spirits."

func phq9() *instrument.Instrument   { in, _ := instrument.Get(instrument.PHQ9); return in }
func gad7() *instrument.Instrument   { in, _ := instrument.Get(instrument.GAD7); return in }
func dast10() *instrument.Instrument { in, _ := instrument.Get(instrument.DAST10); return in }
func auditAttribution() string {
	in, _ := instrument.Get(instrument.AUDIT)
	return in.Attribution
}
func cssrsAttribution() string { in, _ := instrument.Get(instrument.CSSRS); return in.Attribution }

// cssrsMore are the C-SSRS screener's questions after the first two: 3–5 only after a yes to
// question 2, and question 6 with its "within the past 3 months?" as its answers.
func cssrsMore(a aidAnswers) []aidQuestion {
	if a.get("cssrs_2") == "yes" {
		return append(instrumentQuestions(instrument.CSSRS, "cssrs", 3, 5), qCSSRSBehavior)
	}
	return []aidQuestion{qCSSRSBehavior}
}

// useQuestions ask about withdrawal, and about pregnancy unless it cannot apply (male, or
// under 12 or over 55).
func useQuestions(a aidAnswers) []aidQuestion {
	qs := []aidQuestion{qSubstances, qWithdrawal, qWithdrawalHistory}
	if age, ok := a.age(); a.get("sex") != string(carepath.SexMale) && (!ok || (age >= 12 && age <= 55)) {
		qs = append(qs, qPregnant)
	}
	return qs
}

// homeQuestions ask about people who use at home only of a person who drinks or uses.
func homeQuestions(a aidAnswers) []aidQuestion {
	if a.substanceUse() {
		return []aidQuestion{qSupport, qHousing, qWithUsers}
	}
	return []aidQuestion{qSupport, qHousing}
}

// lastTreatmentNames name each recent level in the question whether it was finished.
var lastTreatmentNames = map[string]string{"outpatient": "your therapy or counselling", "iop": "the intensive outpatient program",
	"php": "the day program", "residential": "residential treatment", "inpatient": "your hospital stay"}

// lastTreatmentQuestions ask whether the last treatment was finished, naming it.
func lastTreatmentQuestions(a aidAnswers) []aidQuestion {
	name, ok := lastTreatmentNames[a.get("recent_level")]
	if !ok {
		name = "that treatment"
	}
	return []aidQuestion{{Field: "completed_recent_level", Kind: "choice", Text: "Did you finish " + name + "?",
		Choices: []choice{{"yes", "Yes, I finished it"}, {"no", "No, it ended early"}}}}
}

// cssrsBehaviorQuestion is C-SSRS question 6 as published, with its follow-up, "was this within
// the past 3 months?", asked in its answers: one tap instead of a screen more.
func cssrsBehaviorQuestion() aidQuestion {
	in, _ := instrument.Get(instrument.CSSRS)
	item := in.Items[instrument.CSSRSBehavior]
	const followUp = "If yes: was this within the past 3 months?"
	q := aidQuestion{Field: "cssrs_6", Kind: "choice", Crisis: []string{"recent", "earlier"}, Hint: "Any time in your life. " + followUp,
		Text: strings.TrimSpace(strings.TrimSuffix(item.Text, followUp))}
	for j, v := range []string{"recent", "earlier", "no"} {
		q.Choices = append(q.Choices, choice{v, item.Options[j].Label})
	}
	return q
}

package instrument

import "github.com/carepath/carepath"

// The C-SSRS screener's risk categories, the codes of its bands. The risk is that of the most
// serious "yes", not a count of them.
const (
	CSSRSNone     = "none"     // no "yes"
	CSSRSLow      = "low"      // a wish to be dead, or thoughts of suicide, in the past month
	CSSRSModerate = "moderate" // thoughts with a method, or suicidal behaviour more than 3 months ago
	CSSRSHigh     = "high"     // intent, a plan with intent, or suicidal behaviour in the past 3 months
)

// The C-SSRS screener's questions, as 0-based item indices in the published order.
const (
	CSSRSWishDead       = iota // 1. wish to be dead
	CSSRSActiveThoughts        // 2. non-specific active suicidal thoughts
	CSSRSMethod                // 3. active thoughts with a method, without intent
	CSSRSIntent                // 4. active thoughts with some intent to act, without a specific plan
	CSSRSPlan                  // 5. active thoughts with a specific plan and intent
	CSSRSBehavior              // 6. suicidal behaviour, ever; if yes, whether within the past 3 months
)

// The options of C-SSRS question 6, as indices: the screener asks "yes or no", and after a yes
// "Was this within the past 3 months?"; carepath keeps both answers in one item.
const (
	CSSRSBehaviorPast3Months = 0 // yes, within the past 3 months
	CSSRSBehaviorEarlier     = 1 // yes, more than 3 months ago
	CSSRSBehaviorNo          = 2 // no
)

// yesNo is the answer scale of C-SSRS questions 1–5 in the published order, Yes then No.
var yesNo = []Option{{"Yes", 1}, {"No", 0}}

// cssrs is the Columbia–Suicide Severity Rating Scale screener in its "recent" form: questions
// 1–5 ask about the past month, question 6 about a whole life and then the past 3 months.
// Questions 3–5 are asked only after a yes to question 2 (CSSRSItemsToAsk); an unasked question
// is answered "No". Its Total counts the answers "yes" and means little: the band is the triage
// category of the most serious yes (classifyCSSRS), and every yes is named in Score.Critical.
var cssrs = &Instrument{
	ID:    CSSRS,
	Name:  "C-SSRS screener",
	Title: "Columbia–Suicide Severity Rating Scale, screener (recent)",
	Instructions: "Ask questions 1 and 2, about the past month. If the answer to question 2 is yes, ask questions 3, 4, 5 and 6. " +
		"If it is no, go straight to question 6. Question 6 asks about any time in the person's life; after a yes, ask whether it was within the past 3 months.",
	Attribution: "Columbia–Suicide Severity Rating Scale (C-SSRS) screener. © 2008 The Research Foundation for Mental Hygiene, Inc. " +
		"Posner K, Brent D, Lucas C, Gould M, Stanley B, Brown G, Fisher P, Zelazny J, Burke A, Oquendo M, Mann J; " +
		"the Columbia Lighthouse Project, Columbia University. Free to use in clinical and community settings.",
	Items: []Item{
		{Key: "item1", Options: yesNo, Critical: true,
			Text: "Have you wished you were dead or wished you could go to sleep and not wake up?"},
		{Key: "item2", Options: yesNo, Critical: true,
			Text: "Have you actually had any thoughts of killing yourself?"},
		{Key: "item3", Options: yesNo, Critical: true, Follows: "item2",
			Text: "Have you been thinking about how you might do this?"},
		{Key: "item4", Options: yesNo, Critical: true, Follows: "item2",
			Text: "Have you had these thoughts and had some intention of acting on them?"},
		{Key: "item5", Options: yesNo, Critical: true, Follows: "item2",
			Text: "Have you started to work out or worked out the details of how to kill yourself? Do you intend to carry out this plan?"},
		{Key: "item6", Critical: true,
			Text: "Have you ever done anything, started to do anything, or prepared to do anything to end your life? " +
				"(For example: collected pills, obtained a gun, gave away valuables, wrote a will or suicide note, took out pills " +
				"but didn't swallow any, held a gun but changed your mind or it was grabbed from your hand, went to the roof but " +
				"didn't jump; or actually took pills, tried to shoot yourself, cut yourself, tried to hang yourself, etc.) " +
				"If yes: was this within the past 3 months?",
			Options: []Option{
				{"Yes, within the past 3 months", 1},
				{"Yes, but more than 3 months ago", 1},
				{"No", 0},
			}},
	},
	Bands: []Band{
		{Code: CSSRSNone, Label: "No suicidal thoughts or behaviour reported"},
		{Code: CSSRSLow, Label: "Low risk: a wish to be dead or thoughts of suicide, without a method, intent or plan", Positive: true},
		{Code: CSSRSModerate, Label: "Moderate risk: thoughts of suicide with a method, or suicidal behaviour more than 3 months ago", Positive: true},
		{Code: CSSRSHigh, Label: "High risk: intent to act, a plan, or suicidal behaviour in the past 3 months", Positive: true},
	},
	Screen:     true,
	MaxTotal:   6,
	RecallDays: 30,
	classify:   classifyCSSRS,
}

// classifyCSSRS returns the index into cssrs.Bands of the screener's triage category: high for
// a yes to question 4 or 5 or behaviour in the past 3 months, moderate for a yes to question 3
// or behaviour longer ago, low for a yes to question 1 or 2. A yes counts wherever it stands:
// a yes to questions 3–5 after a no to question 2 is contradictory, and carepath reads it the
// more cautious way.
func classifyCSSRS(a []int) int {
	yes := func(i int) bool { return a[i] == 0 }
	switch {
	case yes(CSSRSIntent) || yes(CSSRSPlan) || a[CSSRSBehavior] == CSSRSBehaviorPast3Months:
		return 3
	case yes(CSSRSMethod) || a[CSSRSBehavior] == CSSRSBehaviorEarlier:
		return 2
	case yes(CSSRSWishDead) || yes(CSSRSActiveThoughts):
		return 1
	}
	return 0
}

// CSSRSItemsToAsk returns the 0-based indices of the screener questions to ask once question 2
// has been answered: all six after a yes, and questions 1, 2 and 6 after a no.
func CSSRSItemsToAsk(activeThoughts bool) []int {
	if activeThoughts {
		return []int{CSSRSWishDead, CSSRSActiveThoughts, CSSRSMethod, CSSRSIntent, CSSRSPlan, CSSRSBehavior}
	}
	return []int{CSSRSWishDead, CSSRSActiveThoughts, CSSRSBehavior}
}

// CSSRSAnswers turns the screener's six yes/no answers in the published order, and the answer
// to "Was this within the past 3 months?" after a yes to question 6, into option indices for
// Score. A question that was not asked is false. behaviorPast3Months is nil when the follow-up
// was not asked or its answer is not known: a yes to question 6 of unknown date is then taken
// as within the past 3 months, the cautious reading, until a clinician asks. Field errors name
// answers.cssrs (not six answers) and answers.cssrs_behavior_past_3_months (a yes to the
// follow-up after a no to question 6).
func CSSRSAnswers(yes []bool, behaviorPast3Months *bool) ([]int, error) {
	var errs carepath.FieldErrors
	if len(yes) != len(cssrs.Items) {
		errs.Add("answers.cssrs", "count", "The C-SSRS screener needs %d answers, got %d", len(cssrs.Items), len(yes))
		return nil, errs.Err()
	}
	out := make([]int, len(yes))
	for i, y := range yes[:CSSRSBehavior] {
		if !y {
			out[i] = 1
		}
	}
	switch {
	case !yes[CSSRSBehavior]:
		out[CSSRSBehavior] = CSSRSBehaviorNo
		if behaviorPast3Months != nil && *behaviorPast3Months {
			errs.Add("answers.cssrs_behavior_past_3_months", "inconsistent",
				"is asked only after a yes to question 6 (anything done to end your life), which was no")
			return nil, errs.Err()
		}
	case behaviorPast3Months != nil && !*behaviorPast3Months:
		out[CSSRSBehavior] = CSSRSBehaviorEarlier
	default:
		out[CSSRSBehavior] = CSSRSBehaviorPast3Months
	}
	return out, nil
}

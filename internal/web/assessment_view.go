package web

import (
	"slices"
	"strconv"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
	"github.com/carepath/carepath/placement"
)

// assessDim is one dimension's select on the form.
type assessDim struct {
	Dim      carepath.Dimension
	Label    string
	Selected string
	Error    string
}

// assessView is the view model of the chart's assessment form.
type assessView struct {
	page
	Who         signedIn
	Client      *carepath.Client
	Form        assessForm
	Dims        []assessDim
	Levels      []carepath.Level
	Variances   []varianceChoice
	Rec         *placement.Recommendation
	Errors      map[string]string // by element id
	Summary     []errorLink
	RatingRange []string
	// The risk context: choices for substances and withdrawal history, the C-SSRS questions,
	// and whether the C-SSRS shows open (self-harm or PHQ-9 item 9 positive).
	Substances []optionView
	History    []optionView
	CSSRS      []cssrsQuestion
	CSSRSOpen  bool
}

// cssrsQuestion is one C-SSRS question on the form, with the answer given ("yes", "no", "").
type cssrsQuestion struct {
	N       int
	Text    string
	Hint    string
	Answer  string
	Error   string
	Follows bool
}

// substanceLabels and historyLabels name the choices in plain words.
var (
	substanceLabels = map[placement.Substance]string{placement.SubstanceAlcohol: "Alcohol", placement.SubstanceSedatives: "Sedatives (benzodiazepines, sleeping pills)",
		placement.SubstanceOpioids: "Opioids", placement.SubstanceStimulants: "Stimulants", placement.SubstanceCannabis: "Cannabis", placement.SubstanceOther: "Other"}
	historyLabels = map[placement.WithdrawalEvent]string{placement.WithdrawalSeizures: "Seizures", placement.WithdrawalDeliriumTremens: "Delirium tremens",
		placement.WithdrawalComplicated: "Another complicated withdrawal (hallucinations, a hospital stay)"}
)

// dimLabels names the six dimensions on the form.
var dimLabels = map[carepath.Dimension]string{
	carepath.DimWithdrawal:  "Withdrawal and intoxication",
	carepath.DimBiomedical:  "Biomedical conditions",
	carepath.DimPsychiatric: "Emotional, behavioural or cognitive conditions",
	carepath.DimReadiness:   "Readiness to change",
	carepath.DimRelapse:     "Relapse or continued-use potential",
	carepath.DimEnvironment: "Recovery environment",
}

// varianceChoice is one reason for variance on the form.
type varianceChoice struct {
	Code carepath.VarianceCode
	Name string
}

// varianceChoices are the reasons for variance, in the order carepath.VarianceCodes lists them.
var varianceChoices = []varianceChoice{
	{carepath.VarianceClientPreference, "Client preference"},
	{carepath.VarianceNoBedAvailable, "No bed or place available"},
	{carepath.VariancePayerAuthorizedOther, "Payer authorized a different level"},
	{carepath.VarianceClinicalJudgment, "Clinical judgment"},
	{carepath.VarianceOther, "Other"},
}

// maxProfileText is the longest advanced profile the form accepts.
const maxProfileText = 64 << 10

// assessOrder is the order of the form's elements, for the error summary.
func assessOrder() []string {
	ids := make([]string, 0, 10)
	for _, d := range carepath.Dimensions {
		ids = append(ids, "assess-dim-"+string(d))
	}
	ids = append(ids, "assess-substances", "assess-history", "assess-age", "assess-withdrawal", "assess-intoxication")
	for i := 1; i <= 6; i++ {
		ids = append(ids, "assess-cssrs-"+strconv.Itoa(i))
	}
	return append(ids, "assess-profile", "assess-final-level", "assess-variance-code", "assess-variance-note")
}

// newAssessView builds the form's view model.
func newAssessView(who signedIn, c *carepath.Client, f assessForm, errs map[string]string) assessView {
	v := assessView{page: page{Title: "Assessment"}, Who: who, Client: c, Form: f, Levels: carepath.Levels,
		Variances: varianceChoices, Errors: errs, RatingRange: []string{"0", "1", "2", "3", "4"}}
	for _, d := range carepath.Dimensions {
		v.Dims = append(v.Dims, assessDim{Dim: d, Label: dimLabels[d], Selected: f.Ratings[d], Error: errs["assess-dim-"+string(d)]})
	}
	for _, sub := range placement.Substances {
		v.Substances = append(v.Substances, optionView{ID: "assess-substance-" + string(sub), Value: string(sub),
			Label: substanceLabels[sub], Checked: slices.Contains(f.Safety.Substances, string(sub))})
	}
	for _, h := range placement.WithdrawalEvents {
		v.History = append(v.History, optionView{ID: "assess-history-" + string(h), Value: string(h),
			Label: historyLabels[h], Checked: slices.Contains(f.Safety.History, string(h))})
	}
	if in, ok := instrument.Get(instrument.CSSRS); ok {
		for i, it := range in.Items {
			q := cssrsQuestion{N: i + 1, Text: it.Text, Answer: f.Safety.CSSRS[i], Error: errs["assess-cssrs-"+strconv.Itoa(i+1)], Follows: it.Follows != ""}
			if q.Follows {
				q.Hint = "Ask only after a yes to question 2; otherwise leave it or choose no."
			}
			v.CSSRS = append(v.CSSRS, q)
		}
	}
	for _, id := range assessOrder() {
		if m, ok := errs[id]; ok {
			v.Summary = append(v.Summary, errorLink{id, m})
		}
	}
	return v
}

package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/placement"
)

// assessForm is what the chart's assessment form holds: the six dimension ratings ("" when not
// rated), an optional advanced JSON profile, and the clinician's decision.
type assessForm struct {
	Ratings      map[carepath.Dimension]string
	ProfileJSON  string
	FinalLevel   string // "" keeps the recommendation
	VarianceCode string
	VarianceNote string
}

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
}

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

// readAssessForm reads the posted form.
func readAssessForm(r *http.Request) assessForm {
	f := assessForm{Ratings: map[carepath.Dimension]string{}}
	if err := r.ParseForm(); err != nil {
		return f
	}
	for _, d := range carepath.Dimensions {
		f.Ratings[d] = strings.TrimSpace(r.PostForm.Get("dim_" + string(d)))
	}
	f.ProfileJSON = strings.TrimSpace(r.PostForm.Get("profile"))
	f.FinalLevel = strings.TrimSpace(r.PostForm.Get("final_level"))
	f.VarianceCode = strings.TrimSpace(r.PostForm.Get("variance_code"))
	f.VarianceNote = strings.TrimSpace(r.PostForm.Get("variance_note"))
	return f
}

// profile builds the placement profile the form describes: the advanced JSON profile, if any,
// with the selected dimension ratings on top. Problems are named by element id.
func (f assessForm) profile(errs map[string]string) (json.RawMessage, placement.Profile) {
	var p placement.Profile
	if f.ProfileJSON != "" {
		if len(f.ProfileJSON) > maxProfileText {
			errs["assess-profile"] = "The profile is too long."
			return nil, p
		}
		var err error
		if p, err = placement.DecodeBytes([]byte(f.ProfileJSON)); err != nil {
			errs["assess-profile"] = profileProblem(err)
			return nil, p
		}
	}
	for _, d := range carepath.Dimensions {
		s := f.Ratings[d]
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > 4 {
			errs["assess-dim-"+string(d)] = "Choose a rating from 0 to 4."
			continue
		}
		p.Dimensions.Set(d, n)
	}
	raw, err := json.Marshal(p)
	if err != nil {
		errs["assess-profile"] = "The profile could not be read."
		return nil, p
	}
	return raw, p
}

// profileProblem turns a profile decoding error into one line naming the fields.
func profileProblem(err error) string {
	var b strings.Builder
	b.WriteString("The profile JSON has a problem")
	for i, fe := range carepath.ErrorFields(err) {
		if i == 3 {
			b.WriteString("; …")
			break
		}
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(fe.Field + " — " + fe.Message)
	}
	if len(carepath.ErrorFields(err)) == 0 {
		b.WriteString(": " + carepath.ErrorMessage(err))
	}
	return b.String() + "."
}

// fieldAnchor is the element id that shows a service field error.
func fieldAnchor(field string) string {
	switch {
	case field == "final_level" || field == "variance":
		return "assess-final-level"
	case field == "variance.code":
		return "assess-variance-code"
	case field == "variance.note":
		return "assess-variance-note"
	case strings.HasPrefix(field, "profile.dimensions."):
		return "assess-dim-" + strings.TrimPrefix(field, "profile.dimensions.")
	}
	return "assess-profile"
}

// assessOrder is the order of the form's elements, for the error summary.
func assessOrder() []string {
	ids := make([]string, 0, 10)
	for _, d := range carepath.Dimensions {
		ids = append(ids, "assess-dim-"+string(d))
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
	for _, id := range assessOrder() {
		if m, ok := errs[id]; ok {
			v.Summary = append(v.Summary, errorLink{id, m})
		}
	}
	return v
}

package web

import (
	"encoding/json"
	"net/http"
	"slices"
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
	Safety       assessSafety
}

// assessSafety is the form's risk context: self-harm, withdrawal and intoxication now, the
// substances used, earlier withdrawal complications, age, pregnancy, and the C-SSRS screener
// ("yes", "no" or "" for each question; CSSRSRecent answers "within the past 3 months?").
type assessSafety struct {
	SelfHarm     string
	Withdrawal   string
	Intoxication string
	Substances   []string
	History      []string
	Age          string
	Pregnant     string
	CSSRS        [6]string
	CSSRSRecent  string
}

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
	sf := &f.Safety
	sf.SelfHarm, sf.Withdrawal, sf.Intoxication = r.PostForm.Get("self_harm"), r.PostForm.Get("withdrawal"), r.PostForm.Get("intoxication")
	sf.Substances, sf.History = r.PostForm["substances"], r.PostForm["withdrawal_history"]
	sf.Age, sf.Pregnant = strings.TrimSpace(r.PostForm.Get("age")), r.PostForm.Get("pregnant")
	for i := range sf.CSSRS {
		sf.CSSRS[i] = r.PostForm.Get("cssrs_" + strconv.Itoa(i+1))
	}
	sf.CSSRSRecent = r.PostForm.Get("cssrs_recent")
	return f
}

// apply puts the risk context the form gives onto p, over the advanced profile's. Problems are
// named by element id.
func (sf assessSafety) apply(p *placement.Profile, errs map[string]string) {
	c := &p.Context
	if sf.SelfHarm == "yes" {
		c.SelfHarm = true
	}
	for _, f := range []struct {
		v   string
		dst *placement.Severity
		id  string
	}{{sf.Withdrawal, &c.Withdrawal, "assess-withdrawal"}, {sf.Intoxication, &c.Intoxication, "assess-intoxication"}} {
		switch placement.Severity(f.v) {
		case "":
		case placement.SeverityNone, placement.SeverityMild, placement.SeverityModerate, placement.SeveritySevere:
			*f.dst = placement.Severity(f.v)
		default:
			errs[f.id] = "Choose none, mild, moderate or severe."
		}
	}
	for _, v := range sf.Substances {
		if !slices.Contains(placement.Substances, placement.Substance(v)) {
			errs["assess-substances"] = "Choose from the substances listed."
			continue
		}
		c.Substances = append(c.Substances, placement.Substance(v))
	}
	for _, v := range sf.History {
		if !slices.Contains(placement.WithdrawalEvents, placement.WithdrawalEvent(v)) {
			errs["assess-history"] = "Choose from the complications listed."
			continue
		}
		c.WithdrawalHistory = append(c.WithdrawalHistory, placement.WithdrawalEvent(v))
	}
	if sf.Age != "" {
		n, err := strconv.Atoi(sf.Age)
		if err != nil || n < 0 || n > 120 {
			errs["assess-age"] = "Give the age in whole years, from 0 to 120."
		} else {
			c.Age = &n
		}
	}
	switch sf.Pregnant {
	case "yes", "no":
		b := sf.Pregnant == "yes"
		c.Pregnant = &b
	}
	answered := 0
	for _, a := range sf.CSSRS {
		if a != "" {
			answered++
		}
	}
	if answered == 0 {
		return
	}
	yes := make([]bool, 6)
	for i, a := range sf.CSSRS {
		yes[i] = a == "yes"
		// Questions 3–5 are asked only after a yes to question 2: unasked, they are no.
		if a == "" && (i < 2 || i == 5 || sf.CSSRS[1] == "yes") {
			errs["assess-cssrs-"+strconv.Itoa(i+1)] = "Answer yes or no."
		}
	}
	p.Answers.CSSRS = yes
	switch {
	case yes[5] && sf.CSSRSRecent == "no":
		b := false
		p.Answers.CSSRSBehaviorPast3Months = &b
	case yes[5] && sf.CSSRSRecent == "yes":
		b := true
		p.Answers.CSSRSBehaviorPast3Months = &b
	}
}

// screenC says whether the form should show the C-SSRS open: self-harm checked, PHQ-9 item 9
// positive in the advanced profile, or the screen already begun.
func (f assessForm) screenC(p placement.Profile) bool {
	if f.Safety.SelfHarm == "yes" || (len(p.Answers.PHQ9) == 9 && p.Answers.PHQ9[8] > 0) {
		return true
	}
	for _, a := range f.Safety.CSSRS {
		if a != "" {
			return true
		}
	}
	return false
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
	f.Safety.apply(&p, errs)
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
	case strings.HasPrefix(field, "profile.answers.cssrs"):
		return "assess-cssrs-1"
	case field == "variance.code":
		return "assess-variance-code"
	case field == "variance.note":
		return "assess-variance-note"
	case strings.HasPrefix(field, "profile.dimensions."):
		return "assess-dim-" + strings.TrimPrefix(field, "profile.dimensions.")
	}
	return "assess-profile"
}

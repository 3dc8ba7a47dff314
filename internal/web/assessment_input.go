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

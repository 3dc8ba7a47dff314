package web

import (
	"encoding/json"
	"net/http"
	"sort"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
	"github.com/carepath/carepath/placement"
)

// resultView is the view model of the result page.
type resultView struct {
	page
	Rec         placement.Recommendation
	Scores      []scoreView
	Dimensions  []dimensionView
	Notable     []dimensionView // ratings of 2 or more, shown under the reasons
	ProfileJSON string
	Intake      intakeForm
}

type scoreView struct {
	Name, Band, Attribution, Extra string
	Total, Max                     int
}

type dimensionView struct {
	Name, Source, Basis string
	Rating              int
}

// intakeForm is what the intake request form shows: what was typed, and the problems.
type intakeForm struct {
	Name, Email, Phone, BestTimes string
	Consent                       bool
	Errors                        map[string]string
	Summary                       []errorLink
	ConsentText                   string
}

// aidResult scores the answers, applies the rubric and shows the recommendation. Problems in
// the form show the questions again, with everything typed kept and each problem named.
func (s *Server) aidResult(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.render(w, r, http.StatusBadRequest, "error", errorView{page: page{Title: "Something went wrong"}, Message: "The form could not be read. Please start again."})
		return
	}
	p, form := parseAid(r.PostForm)
	if len(form.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "questions", questionsPage(form))
		return
	}
	rec, err := s.Placement.Recommend(p)
	if err != nil {
		for _, fe := range carepath.ErrorFields(err) {
			form.Errors[fe.Field] = fe.Message
		}
		v := questionsPage(form)
		v.Errors = append(v.Errors, errorLink{"questions", carepath.ErrorMessage(err)})
		s.render(w, r, http.StatusUnprocessableEntity, "questions", v)
		return
	}
	profile, err := json.Marshal(p)
	if err != nil {
		s.Log.Error("encode profile", "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	s.render(w, r, http.StatusOK, "result", resultPage(rec, string(profile), intakeForm{}))
}

// resultPage builds the result page's view model.
func resultPage(rec placement.Recommendation, profile string, in intakeForm) resultView {
	v := resultView{page: page{Title: "Your result: " + rec.LevelName, Crisis: rec.Crisis}, Rec: rec, ProfileJSON: profile, Intake: in}
	v.Intake.ConsentText = carepath.IntakeConsentText
	for _, ins := range instrument.All() {
		sc := rec.Scores.Get(ins.ID)
		if sc == nil {
			continue
		}
		band := sc.BandLabel()
		extra := ""
		if sc.Positive != nil {
			band = map[bool]string{true: "Positive screen", false: "Negative screen"}[*sc.Positive]
		}
		if sc.Zone > 0 {
			extra = "Risk zone " + string(rune('0'+sc.Zone)) + " of 4"
		}
		if len(sc.Critical) > 0 {
			extra = "Question 9 (thoughts of self-harm) needs attention today"
		}
		v.Scores = append(v.Scores, scoreView{Name: ins.Name, Band: band, Attribution: ins.Attribution, Extra: extra, Total: sc.Total, Max: ins.MaxTotal})
	}
	for _, dr := range rec.Dimensions.All() {
		dv := dimensionView{Name: dr.Name, Source: dr.Source, Basis: dr.Basis, Rating: dr.Rating}
		v.Dimensions = append(v.Dimensions, dv)
		if dv.Rating >= 2 {
			v.Notable = append(v.Notable, dv)
		}
	}
	sort.SliceStable(v.Rec.WouldChange, func(i, j int) bool {
		return v.Rec.WouldChange[i].Direction < v.Rec.WouldChange[j].Direction
	})
	return v
}

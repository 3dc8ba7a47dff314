package web

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/carepath/carepath/placement"
)

// aidResult shows the result again with the optional questions of the result page answered —
// hours, work, format and insurance — which change the practical advice and the cost, never
// the level. A figure that is not understood shows the page again with the problem named and
// what was typed kept.
func (s *Server) aidResult(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.render(w, r, http.StatusBadRequest, "error", errorView{page: page{Title: "Something went wrong"}, Message: "The form could not be read. Please start again."})
		return
	}
	a := aidAnswers(r.PostForm)
	s.showResult(w, r, a, aidPath(a), intakeForm{}, 0)
}

// aidOutcome is what the answers on a path come to.
type aidOutcome struct {
	profile placement.Profile
	rec     placement.Recommendation
	json    []byte // the profile as stored with an intake request
}

// recommend turns the answers on path into a profile and a recommendation.
func (s *Server) recommend(a aidAnswers, path []*aidStep) (aidOutcome, error) {
	o := aidOutcome{profile: aidProfile(a, path)}
	var err error
	if o.rec, err = s.Placement.Recommend(o.profile); err != nil {
		return o, fmt.Errorf("recommend from the decision aid: %w", err)
	}
	if o.json, err = json.Marshal(o.profile); err != nil {
		return o, fmt.Errorf("encode the decision aid's profile: %w", err)
	}
	return o, nil
}

// showResult shows the result of the answers on path, or, when a step's answers are missing or
// wrong, that step with its problems named (422). The page's status is status, or 200 (422 when
// an optional question of the result page is not understood) when status is 0; in is the
// intake form as typed.
func (s *Server) showResult(w http.ResponseWriter, r *http.Request, a aidAnswers, path []*aidStep, in intakeForm, status int) {
	for _, st := range path {
		if errs := checkStep(st, a); len(errs) > 0 {
			s.renderStep(w, r, http.StatusUnprocessableEntity, st, path, a, errs)
			return
		}
	}
	o, err := s.recommend(a, path)
	if err != nil {
		s.Log.Error("decision aid result", "err", err)
		s.render(w, r, http.StatusInternalServerError, "error", errorView{page: page{Title: "Something went wrong"},
			Message: "We could not work out a result from these answers. Nothing was stored. Please try again."})
		return
	}
	_, practicalErrs := practicalAnswers(a, &placement.Context{})
	if status == 0 {
		status = http.StatusOK
		if len(practicalErrs) > 0 {
			status = http.StatusUnprocessableEntity
		}
	}
	s.render(w, r, status, "result", resultPage(o.rec, a, practicalErrs, in, string(o.json)))
}

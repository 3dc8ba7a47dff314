package web

import (
	"net/http"
)

// aidQuestions moves through the aid's steps. Each form posts every answer given so far (the
// other steps' in hidden fields), the step it shows and which way to go: Continue checks the
// step's answers and shows the next step on the path the answers lead to, or the result after
// the last; Back keeps the step's answers as they are and shows the step before. A step's
// problems show it again with everything typed kept and each problem named.
func (s *Server) aidQuestions(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.render(w, r, http.StatusBadRequest, "error", errorView{page: page{Title: "Something went wrong"}, Message: "The form could not be read. Please start again."})
		return
	}
	a := aidAnswers(r.PostForm)
	path := aidPath(a)
	step, back := a.get("step"), r.PostForm.Get("nav") == "back"
	at := stepIndex(path, step)
	switch {
	case step == "result" && back:
		s.renderStep(w, r, http.StatusOK, path[len(path)-1], path, a, nil)
	case at < 0:
		// The first page, or a page from a path the answers no longer lead to.
		s.renderStep(w, r, http.StatusOK, firstUnanswered(path, a, step == ""), path, a, nil)
	case back:
		s.renderStep(w, r, http.StatusOK, path[max(at-1, 0)], path, a, nil)
	default:
		if errs := checkStep(path[at], a); len(errs) > 0 {
			s.renderStep(w, r, http.StatusUnprocessableEntity, path[at], path, a, errs)
			return
		}
		if at+1 < len(path) {
			s.renderStep(w, r, http.StatusOK, path[at+1], path, a, nil)
			return
		}
		s.showResult(w, r, a, path, intakeForm{}, 0)
	}
}

// renderStep shows step st of path.
func (s *Server) renderStep(w http.ResponseWriter, r *http.Request, status int, st *aidStep, path []*aidStep, a aidAnswers, errs map[string]string) {
	s.render(w, r, status, "questions", stepPage(st, path, a, errs))
}

// firstUnanswered is the first step of path whose answers are missing or wrong; the first step
// when start is set or when every step is answered.
func firstUnanswered(path []*aidStep, a aidAnswers, start bool) *aidStep {
	if !start {
		for _, st := range path {
			if len(checkStep(st, a)) > 0 {
				return st
			}
		}
	}
	return path[0]
}

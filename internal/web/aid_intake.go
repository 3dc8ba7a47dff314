package web

import (
	"net/http"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
)

// intakeDoneView is the view model of the page shown after an intake request is stored.
type intakeDoneView struct {
	page
	Level string
}

// aidIntake stores an intake request, but only with the person's consent. It keeps every answer
// the person gave on their path — the short screens, the full questionnaires that followed, the
// C-SSRS screener, withdrawal, health, home and treatment — as the placement profile, so the
// clinic can start from them. The answers come back in the form's hidden fields and are scored
// again here; nothing the browser says about the recommendation is trusted. Problems show the
// result page again with the form kept.
func (s *Server) aidIntake(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.render(w, r, http.StatusBadRequest, "error", errorView{page: page{Title: "Something went wrong"}, Message: "The form could not be read. Please start again."})
		return
	}
	a := aidAnswers(r.PostForm)
	path := aidPath(a)
	lost := false
	for _, st := range path {
		lost = lost || len(checkStep(st, a)) > 0
	}
	o, err := s.recommend(a, path)
	if lost || err != nil {
		if err != nil {
			s.Log.Error("decision aid intake", "err", err)
		}
		s.render(w, r, http.StatusBadRequest, "error", errorView{page: page{Title: "Your answers were lost"},
			Message: "We could not read your answers. Nothing was stored. Please start the questions again."})
		return
	}
	f := r.PostForm
	in := carepath.Intake{
		Name: f.Get("name"), Email: f.Get("email"), Phone: f.Get("phone"), BestTimes: f.Get("best_times"),
		Consent: f.Get("consent") == "yes", Profile: o.json, Level: o.rec.Level, Crisis: o.rec.Crisis,
	}
	if err = s.Intakes.CreateIntake(httpserver.PublicContext(r), &in); err != nil {
		form := intakeForm{Name: in.Name, Email: in.Email, Phone: in.Phone, BestTimes: in.BestTimes, Consent: in.Consent, Errors: map[string]string{}}
		if carepath.ErrorCode(err) != carepath.EINVALID {
			s.Log.Error("store intake", "err", err)
			form.Summary = append(form.Summary, errorLink{"intake-name", "We could not store your request just now. Nothing was stored; please try again in a minute."})
		}
		for _, fe := range carepath.ErrorFields(err) {
			form.Errors[fe.Field] = fe.Message
			form.Summary = append(form.Summary, errorLink{"intake-" + strings.ReplaceAll(fe.Field, "_", "-"), fe.Message})
		}
		httpserver.NoteError(r, err)
		httpserver.SetRetryAfter(w, err)
		s.showResult(w, r, a, path, form, httpserver.Status(err))
		return
	}
	s.render(w, r, http.StatusOK, "intake_done", intakeDoneView{page: page{Title: "Request sent", Crisis: o.rec.Crisis}, Level: o.rec.LevelName})
}
